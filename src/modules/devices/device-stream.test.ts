// Against the real NATS server (NATS_URL, or the machine's 127.0.0.1:4222): readings published on
// JetStream — by a device directly, and through the HTTP batch endpoint — while the consumer is killed
// after committing a batch and before acknowledging it, then restarted. Every alert must arrive once.
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';
import type { DeviceStream } from './device-stream.ts';
import { messageIdOf } from './device-reading.ts';
import { natsConnection, natsStream, type NatsStreamOptions } from './stream-nats.ts';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const DEVICES = 10;
const OPENINGS = 20; // per device, 40 minutes apart: each one beyond the 30-minute window, so each its own alert

const made: string[] = [];
const options = (): NatsStreamOptions => {
  const tag = `T${process.pid}${Math.random().toString(36).slice(2, 8)}`.toUpperCase();
  made.push(`ZHILI_TEST_${tag}`);
  return { url: NATS_URL, stream: `ZHILI_TEST_${tag}`, root: `zhilitest.${tag}`, consumer: 'rules', ackWaitMs: 1500 };
};

/** A stream whose consumer dies after its `crashAfter`-th commit, before acknowledging it, and comes back on a new connection. The first: batches grow with load, so a later one may never come. */
const crashingStream = (o: NatsStreamOptions, crashAfter: number) => {
  const state = { crashed: false, restarted: false };
  let current: Awaited<ReturnType<typeof natsStream>> | null = null;
  const stream: DeviceStream = {
    kind: 'nats',
    subject: (county, kind) => current!.subject(county, kind),
    publish: (messages) => current!.publish(messages),
    consume: async (handler, onError) => {
      current = await natsStream(o);
      let batches = 0;
      let stopSecond: (() => Promise<void>) | null = null;
      const stopFirst = await current.consume(async (batch) => {
        await handler(batch);
        if (++batches === crashAfter) {
          state.crashed = true;
          const dead = current!;
          current = await natsStream(o); // the restarted process: a new connection, the same durable consumer
          await dead.kill();
          stopSecond = await current.consume(handler, onError);
          state.restarted = true;
          throw new Error('consumer killed before its acknowledgement');
        }
      }, () => {});
      return async () => {
        await stopFirst().catch(() => {});
        await (stopSecond as (() => Promise<void>) | null)?.();
      };
    },
    close: async () => current?.close(),
  };
  return { stream, state };
};

type Fixture = { serials: string[]; readings: { serial: string; seq: number; at: string; door: 'open' | 'closed' }[] };

/** Door sensors bound to home-observation measures of people in 凯旋街道, and their readings. */
const fixture = async (t: TestApp, prefix: string): Promise<Fixture> => {
  const people = await t.deps.db.selectFrom('persons').select(['id', 'household_id', 'address_id', 'area_code']).where('area_code', 'like', '330102011%')
    .where('household_id', 'is not', null).orderBy('id').limit(DEVICES).execute();
  const today = new Date(Date.now() + 8 * 3_600_000);
  const date = (d: number) => new Date(today.getTime() + d * 86_400_000).toISOString().slice(0, 10);
  const serials: string[] = [];
  for (const p of people) {
    const m = await t.deps.db.insertInto('control_measures').values({ person_id: p.id, name: '测试', kind: 'home_observation', start_date: date(-1), end_date: date(3), area_code: p.area_code, source: 'manual' }).returning('id').executeTakeFirstOrThrow();
    const serial = `${prefix}-${p.id}`;
    await t.deps.db.insertInto('things').values({ kind: 'door_sensor', serial, name: `门磁${p.id}`, county_code: '330102', area_code: p.area_code, address_id: p.address_id, household_id: p.household_id, measure_id: m.id }).execute();
    serials.push(serial);
  }
  const base = Date.now() - 60 * 60_000;
  const readings = serials.flatMap((serial) => Array.from({ length: OPENINGS * 2 }, (_, i) => ({
    serial, seq: i + 1, at: new Date(base + Math.floor(i / 2) * 40 * 60_000 + (i % 2) * 60_000).toISOString(), door: i % 2 === 0 ? 'open' as const : 'closed' as const,
  })));
  return { serials, readings };
};

const settledCounts = async (t: TestApp, f: Fixture) => {
  const until = Date.now() + 60_000;
  for (;;) {
    // Every reading applied: the newest, and each one below it in the window (redeliveries come last).
    const seqs = await t.deps.db.selectFrom('things').select(['last_seq', 'seq_mask']).where('serial', 'in', f.serials).execute();
    const pending = await t.deps.db.selectFrom('device_alerts').select((eb) => eb.fn.countAll<number>().as('n')).where('event_id', 'is', null).executeTakeFirstOrThrow();
    const all = (s: { last_seq: number; seq_mask: number }) => Number(s.last_seq) === OPENINGS * 2 && Number(s.seq_mask) === 2 ** (OPENINGS * 2 - 1) - 1;
    if (seqs.every(all) && Number(pending.n) === 0) break;
    if (Date.now() > until) throw new Error(`not settled: ${JSON.stringify(seqs)} pending ${pending.n}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const alerts = await t.deps.db.selectFrom('device_alerts').select(['thing_id', 'occurrences', 'event_id', 'first_at']).where('rule_id', '=', 'door.unannounced').execute();
  const events = await t.deps.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('channel', '=', 'device').executeTakeFirstOrThrow();
  return { alerts, events: Number(events.n) };
};

const expectExactlyOnce = (r: Awaited<ReturnType<typeof settledCounts>>) => {
  expect(r.alerts).toHaveLength(DEVICES * OPENINGS);
  expect(r.alerts.every((a) => a.occurrences === 1)).toBe(true);
  expect(new Set(r.alerts.map((a) => `${a.thing_id}@${a.first_at.toISOString()}`)).size).toBe(DEVICES * OPENINGS);
  expect(new Set(r.alerts.map((a) => a.event_id)).size).toBe(DEVICES * OPENINGS);
  expect(r.events).toBe(DEVICES * OPENINGS);
};

afterAll(async () => {
  const nc = await connect(natsConnection(NATS_URL));
  const jsm = await jetstreamManager(nc);
  for (const name of made) await jsm.streams.delete(name).catch(() => {});
  await nc.close();
});

describe('readings published on NATS JetStream by the devices', () => {
  let t: TestApp;
  let crash: ReturnType<typeof crashingStream>;
  let o: NatsStreamOptions;
  beforeAll(async () => {
    o = options();
    crash = crashingStream(o, 1);
    t = await startTestApp({ openDeviceStream: async () => crash.stream });
    await t.app.ready();
  });
  afterAll(() => t.close());

  it('a consumer killed between commit and acknowledgement loses and doubles no alert', async () => {
    const f = await fixture(t, 'NATS');
    const device = await natsStream({ ...o, consumer: 'publisher-only' });
    // Small publishes, as devices send them, so the consumer sees several batches.
    for (let i = 0; i < f.readings.length; i += 20) {
      const part = f.readings.slice(i, i + 20);
      await device.publish(part.map((r) => ({ subject: `${o.root}.330102.door_sensor`, data: new TextEncoder().encode(JSON.stringify(r)), msgId: messageIdOf(r) })));
      await new Promise((r) => setTimeout(r, 5));
    }
    // A device retrying a publish it got no answer for: the stream keeps the first.
    const again = await device.publish(f.readings.slice(0, 5).map((r) => ({ subject: `${o.root}.330102.door_sensor`, data: new TextEncoder().encode(JSON.stringify(r)), msgId: messageIdOf(r) })));
    expect(again.duplicates).toBe(5);
    await device.close();
    const result = await settledCounts(t, f);
    expect(crash.state).toEqual({ crashed: true, restarted: true });
    expectExactlyOnce(result);
  });
});

describe('readings sent over HTTP into the same stream', () => {
  let t: TestApp;
  let crash: ReturnType<typeof crashingStream>;
  beforeAll(async () => {
    crash = crashingStream(options(), 1);
    t = await startTestApp({ openDeviceStream: async () => crash.stream });
    await t.app.ready();
  });
  afterAll(() => t.close());

  it('a consumer killed between commit and acknowledgement loses and doubles no alert', async () => {
    const f = await fixture(t, 'HTTP');
    const gateway = await t.login('gateway');
    let retried = 0;
    for (let i = 0; i < f.readings.length; i += 25) {
      // A gateway retries what was refused while the stream was unavailable (its connection died with the consumer).
      let res = await t.call('POST', '/api/v1/devices/readings', { token: gateway, body: { readings: f.readings.slice(i, i + 25) } });
      while (res.status === 503 && retried < 5) {
        retried++;
        await new Promise((r) => setTimeout(r, 100));
        res = await t.call('POST', '/api/v1/devices/readings', { token: gateway, body: { readings: f.readings.slice(i, i + 25) } });
      }
      expect(res.status, res.text).toBe(202);
    }
    const retry = await t.call('POST', '/api/v1/devices/readings', { token: gateway, body: { readings: f.readings.slice(0, 25) } });
    expect(retry.body).toEqual({ accepted: 0, duplicates: 25 });
    const result = await settledCounts(t, f);
    expect(crash.state).toEqual({ crashed: true, restarted: true });
    expectExactlyOnce(result);
  });
});
