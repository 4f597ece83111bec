// NATS_URL with credentials, against a NATS server of the test's own that requires them.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect as tcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { natsConnection, natsStream } from './stream-nats.ts';

const SERVER = '/usr/sbin/nats-server';

describe('NATS_URL', () => {
  it('gives the client its credentials apart from the address', () => {
    expect(natsConnection('nats://127.0.0.1:4222')).toEqual({ servers: 'nats://127.0.0.1:4222' });
    expect(natsConnection('nats://zhili:p%40ss%3Aword@10.0.0.5:4222')).toEqual({ servers: 'nats://10.0.0.5:4222', user: 'zhili', pass: 'p@ss:word' });
    expect(natsConnection('tls://s3cr3t-token@nats.example:4443')).toEqual({ servers: 'tls://nats.example:4443', token: 's3cr3t-token' });
  });

  describe.runIf(existsSync(SERVER))('against a server that requires a user and password', () => {
    let server: ChildProcess;
    let dir: string;
    const port = 14_000 + Math.floor(Math.random() * 1000);
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'zhili-nats-'));
      server = spawn(SERVER, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir, '--user', 'zhili', '--pass', 'p@ss:word'], { stdio: 'ignore' });
      const up = () => new Promise<boolean>((resolve) => tcp(port, '127.0.0.1').on('connect', function (this: { end: () => void }) { this.end(); resolve(true); }).on('error', () => resolve(false)));
      for (let i = 0; i < 100 && !(await up()); i++) await new Promise((r) => setTimeout(r, 50));
    });
    afterAll(() => {
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    });
    const options = (url: string) => ({ url, stream: 'ZHILI_AUTH_TEST', root: 'zhiliauth', consumer: 'rules', ackWaitMs: 1500 });

    it('connects with them and carries a reading; without them, or with a wrong password, it is refused', async () => {
      await expect(natsStream(options(`nats://127.0.0.1:${port}`))).rejects.toThrow(/authorization/i);
      await expect(natsStream(options(`nats://zhili:wrong@127.0.0.1:${port}`))).rejects.toThrow(/authorization/i);
      const stream = await natsStream(options(`nats://zhili:p%40ss%3Aword@127.0.0.1:${port}`));
      const got: string[] = [];
      const stop = await stream.consume(async (batch) => void got.push(...batch.map((m) => new TextDecoder().decode(m.data))), () => {});
      await stream.publish([{ subject: stream.subject('330102', 'door'), data: new TextEncoder().encode('{"reading":1}'), msgId: 'auth-1' }]);
      for (let i = 0; i < 100 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      await stop();
      await stream.close();
      expect(got).toEqual(['{"reading":1}']);
    });
  });
});
