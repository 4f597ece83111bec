// Process entry: `serve` (API, migrations and demo data on first start), or a CLI command.
import { setFlagsFromString } from 'node:v8';
import { runCli } from './cli/cli.ts';
import { serve } from './cli/serve.ts';

const [command = 'serve', ...args] = process.argv.slice(2);
// V8 may decide, from how objects survived early on, to allocate some kinds straight into the old
// generation. In about half of the starts under load it chose so, in one API process of two, for objects
// that live as long as a request: its scavenges then took 10–30 ms instead of 1–2, and the verify p99 doubled.
if (command === 'serve') setFlagsFromString('--no-allocation-site-pretenuring');
const run = command === 'serve' ? serve() : runCli(command, args);
run.catch((e: unknown) => {
  const err = e as { code?: string; message?: string };
  console.error(err.code ? `error ${err.code}: ${err.message}` : e);
  process.exit(1);
});
