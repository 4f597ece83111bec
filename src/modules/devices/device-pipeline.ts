// One process's part of the device pipeline: the stream (NATS JetStream, or the in-process queue),
// the rule consumer on it, and the dispatcher that turns new alerts into events right after the
// batch that raised them commits.
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import type { DeviceStream, Outgoing } from './device-stream.ts';
import { dispatchAlerts, handleMessages } from './ingest.service.ts';
import { memoryStream } from './stream-memory.ts';
import { natsStream } from './stream-nats.ts';

export type PipelineTotals = { batches: number; applied: number; duplicates: number; unknown: number; malformed: number; alerts: number; events: number };

export type DevicePipeline = {
  start: () => Promise<void>;
  stop: () => Promise<void>;
  publish: (messages: readonly Outgoing[]) => Promise<{ duplicates: number }>;
  subject: (countyCode: string, kind: string) => string;
  /** Resolves when every alert raised so far has its event. */
  settled: () => Promise<void>;
  totals: PipelineTotals;
  kind: () => DeviceStream['kind'] | null;
};

export const openStream = (deps: Deps): Promise<DeviceStream> =>
  deps.openDeviceStream ? deps.openDeviceStream() : deps.config.natsUrl ? natsStream({ url: deps.config.natsUrl }) : Promise.resolve(memoryStream());

export const createDevicePipeline = (deps: Deps, open: () => Promise<DeviceStream> = () => openStream(deps)): DevicePipeline => {
  let stream: DeviceStream | null = null;
  let stopConsumer: (() => Promise<void>) | null = null;
  let dispatching: Promise<void> | null = null;
  let again = false;
  const totals: PipelineTotals = { batches: 0, applied: 0, duplicates: 0, unknown: 0, malformed: 0, alerts: 0, events: 0 };

  const dispatch = () => {
    if (dispatching) return void (again = true);
    dispatching = (async () => {
      do {
        again = false;
        totals.events += await dispatchAlerts(deps);
      } while (again);
    })().catch((err) => deps.log.error({ err }, 'device alerts could not become events; the worker retries'))
      .finally(() => void (dispatching = null));
  };

  return {
    totals,
    kind: () => stream?.kind ?? null,
    start: async () => {
      stream = await open();
      stopConsumer = await stream.consume(async (batch) => {
        const r = await handleMessages(deps, batch);
        totals.batches++;
        totals.applied += r.applied; totals.duplicates += r.duplicates; totals.unknown += r.unknown; totals.malformed += r.malformed; totals.alerts += r.alerts;
        if (r.alerts) dispatch();
      }, (err) => deps.log.error({ err }, 'device batch failed; it will be handed again'));
      dispatch(); // alerts left without an event by an earlier process
    },
    stop: async () => {
      await stopConsumer?.();
      await dispatching;
      await stream?.close();
      stream = null;
    },
    publish: async (messages) => {
      if (!stream) throw new AppError('device.unavailable', '设备数据通道未就绪，请稍后重试');
      try {
        return await stream.publish(messages);
      } catch (err) {
        // Some may have been kept: a retry is safe, the stream drops what it already has.
        deps.log.warn({ err }, 'device readings could not be published');
        throw new AppError('device.unavailable', '设备数据通道暂不可用，请重试（已接收的读数不会重复）');
      }
    },
    subject: (county, kind) => {
      if (!stream) throw new AppError('device.unavailable', '设备数据通道未就绪，请稍后重试');
      return stream.subject(county, kind);
    },
    settled: async () => {
      while (dispatching) await dispatching;
    },
  };
};
