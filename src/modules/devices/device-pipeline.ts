// One process's part of the device pipeline: the stream (NATS JetStream, or the in-process queue),
// the rule consumer on it, and the dispatcher that turns new alerts into events right after the
// batch that raised them commits.
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import type { DeviceStream, Outgoing } from './device-stream.ts';
import { dispatchAlerts, handleMessages } from './ingest.service.ts';
import { memoryStream } from './stream-memory.ts';
import { natsStream } from './stream-nats.ts';

export type DevicePipeline = {
  start: () => Promise<void>;
  stop: () => Promise<void>;
  publish: (messages: readonly Outgoing[]) => Promise<{ duplicates: number }>;
  subject: (countyCode: string, kind: string) => string;
};

export const openStream = (deps: Deps): Promise<DeviceStream> =>
  deps.openDeviceStream ? deps.openDeviceStream() : deps.config.natsUrl ? natsStream({ url: deps.config.natsUrl }) : Promise.resolve(memoryStream());

export const createDevicePipeline = (deps: Deps, open: () => Promise<DeviceStream> = () => openStream(deps)): DevicePipeline => {
  let stream: DeviceStream | null = null;
  let stopConsumer: (() => Promise<void>) | null = null;
  let dispatching: Promise<void> | null = null;
  let again = false;

  /** Settles once the alerts committed so far have their events (or the attempt failed and was logged). */
  const dispatch = (): Promise<void> => {
    again = true;
    dispatching ??= (async () => {
      while (again) {
        again = false;
        await dispatchAlerts(deps);
      }
    })().catch((err) => deps.log.error({ err }, 'device alerts could not become events; the worker retries'))
      .finally(() => {
        dispatching = null;
        if (again) void dispatch(); // asked for between the last round and here
      });
    return dispatching;
  };

  return {
    start: async () => {
      stream = await open();
      // The next batch waits for this one's events: made at once, they are not kept behind the stream's load.
      stopConsumer = await stream.consume(async (batch) => {
        if ((await handleMessages(deps, batch)).alerts) await dispatch();
      }, (err) => deps.log.error({ err }, 'device batch failed; it will be handed again'));
      void dispatch(); // alerts left without an event by an earlier process
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
  };
};
