// What every service receives: built once in app.ts, passed explicitly, no container.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { DB } from '../db/schema.ts';
import type { DeviceStream } from '../modules/devices/device-stream.ts';

export type Deps = {
  db: Kysely<DB>;
  database: Database;
  config: Config;
  clock: () => Date;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  /** Where device readings travel, when not what the config says (a test's own NATS stream). */
  openDeviceStream?: () => Promise<DeviceStream>;
};
