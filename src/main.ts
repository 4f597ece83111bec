// Process entry: `serve` (API, migrations and demo data on first start), or a CLI command.
import { runCli } from './cli/cli.ts';
import { serve } from './cli/serve.ts';

const [command = 'serve', ...args] = process.argv.slice(2);
const run = command === 'serve' ? serve() : runCli(command, args);
run.catch((e: unknown) => {
  const err = e as { code?: string; message?: string };
  console.error(err.code ? `error ${err.code}: ${err.message}` : e);
  process.exit(1);
});
