// First `npm start` on an empty PGlite data dir: seconds until /healthz answers, and the server's RSS
// once serving and after a burst of typical requests. PGlite by design (the embedded default).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

const waitHealthy = async (url: string, deadline: number) => {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

export const runFirstStart = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhili-first-start-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const env = { ...process.env, ZHILI_DATA_DIR: dir, PORT: String(port), DATABASE_URL: '', ZHILI_LOG_LEVEL: 'warn' };
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    const base = `http://127.0.0.1:${port}`;
    if (!(await waitHealthy(`${base}/healthz`, started + 120_000))) throw new Error('not serving after 120 s');
    const servingS = (Date.now() - started) / 1000;
    const rssServing = rssMb(child.pid!);
    const login = await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'county_op', password: 'zhili-demo' }) })).json() as { token: string };
    const auth = { authorization: `Bearer ${login.token}` };
    for (let i = 0; i < 50; i++) {
      await fetch(`${base}/api/v1/persons?limit=200&offset=${i * 200}`, { headers: auth });
      await fetch(`${base}/api/v1/addresses/resolve`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `景芳${(i % 3) + 1}区${i % 9 + 1}-1-101` }) });
      await fetch(`${base}/api/v1/grids?area=330102&geometry=true&limit=200`, { headers: auth });
    }
    const rssAfter = rssMb(child.pid!);
    return { servingS, rssServing, rssAfter };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
};
