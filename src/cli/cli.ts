// `zhili <command>`: the same services as the API, from a shell.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildDeps } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import type { Deps } from '../lib/deps.ts';
import { importAddressesCsv } from '../modules/areas/addresses-import.service.ts';
import { generateGridsForCity, importAreas, importGridsGeoJson } from '../modules/areas/areas-import.service.ts';
import { loadCataloguePreset } from '../modules/events/catalogue.service.ts';
import { importBatch } from '../modules/screening/screening-import.service.ts';
import { getUserActor } from '../modules/users/auth.service.ts';
import { runDeadlines, startDeadlineWorker } from '../worker.ts';
import { prepareDatabase, seedIfEmpty } from './serve.ts';

const USAGE = `usage: zhili <command>
  serve                               start the API (default)
  migrate                             apply pending migrations
  seed                                create demo data in an empty database
  import areas --city 3301            load 2023 division codes of a city (or --province 33)
  import grids FILE.geojson           replace grids with real boundaries (properties.code, properties.name)
  import grids --generate 3301        lay synthetic grids over every community of a city without grids
  import addresses FILE.csv           add standard addresses (road,roadNumber,compound,building,unit,room,lng,lat)
  import catalogue --preset legacy    load a built-in category catalogue (2021 | legacy)
  screening import FILE --as USER --source S --reason R --deadline ISO
                                      import an upstream batch (CSV or XLSX) as that user would
  worker                              run the deadline worker (escalates overdue events and screening tasks) until stopped
  worker --once                       escalate what is overdue now, then exit`;

const withDeps = async <T>(fn: (deps: Deps) => Promise<T>): Promise<T> => {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const deps = buildDeps(database, config);
    await prepareDatabase(database, deps);
    return await fn(deps);
  } finally {
    await database.close();
  }
};

const print = (x: unknown) => console.log(typeof x === 'string' ? x : JSON.stringify(x, null, 2));

export const runCli = async (command: string, args: string[]) => {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { city: { type: 'string' }, province: { type: 'string' }, generate: { type: 'string' }, preset: { type: 'string' }, once: { type: 'boolean' }, as: { type: 'string' }, source: { type: 'string' }, reason: { type: 'string' }, deadline: { type: 'string' } } });
  const what = positionals[0];
  if (command === 'migrate') return withDeps(async (d) => print(`applied: ${(await migrate(d.database)).join(', ') || 'nothing'}`));
  if (command === 'seed') return withDeps(async (d) => print((await seedIfEmpty(d, print)) ? 'seeded' : 'not empty (or production): nothing done'));
  if (command === 'import' && what === 'areas') {
    const prefix = values.city ?? values.province;
    if (!prefix) throw new Error('import areas needs --city CODE or --province CODE');
    return withDeps(async (d) => print(await importAreas(d, prefix)));
  }
  if (command === 'import' && what === 'grids' && values.generate) {
    const root = values.generate;
    return withDeps(async (d) => print(await generateGridsForCity(d, root)));
  }
  if (command === 'import' && what === 'grids' && positionals[1]) {
    const text = readFileSync(positionals[1], 'utf8');
    return withDeps(async (d) => print(await importGridsGeoJson(d, text)));
  }
  if (command === 'import' && what === 'addresses' && positionals[1]) {
    const text = readFileSync(positionals[1], 'utf8');
    return withDeps(async (d) => print(await importAddressesCsv(d, text)));
  }
  if (command === 'import' && what === 'catalogue') {
    const preset = values.preset;
    if (preset !== '2021' && preset !== 'legacy') throw new Error('import catalogue needs --preset 2021 or --preset legacy');
    return withDeps(async (d) => print(`loaded: ${(await loadCataloguePreset(d, preset)).items.length} categories`));
  }
  if (command === 'screening' && what === 'import' && positionals[1]) {
    const file = positionals[1];
    if (!values.as) throw new Error('screening import needs --as USERNAME (the operator receiving the batch)');
    const meta = { source: values.source ?? '', reason: values.reason ?? '', deadline: values.deadline ?? '', fileName: file.split('/').pop() };
    return withDeps(async (d) => {
      const { problems, notOursRows, ...summary } = await importBatch(d, await getUserActor(d, values.as!), readFileSync(file), meta);
      print({ ...summary, problems: problems.slice(0, 20), notOursRows: notOursRows.slice(0, 20) });
    });
  }
  if (command === 'worker' && values.once) return withDeps(async (d) => print(await runDeadlines(d)));
  if (command === 'worker') {
    return withDeps(async (d) => {
      const stop = startDeadlineWorker(d);
      print('deadline worker running; Ctrl-C stops it');
      await new Promise<void>((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
      stop();
    });
  }
  console.error(USAGE);
  process.exitCode = 2;
};
