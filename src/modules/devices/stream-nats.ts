// NATS JetStream: one file-backed stream for every device subject, one durable pull consumer shared
// by every API process (each message goes to one of them), explicit acknowledgement after commit.
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, StorageType, type JsMsg } from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';
import { batcher, type DeviceStream, type Outgoing } from './device-stream.ts';
import { SUBJECT_ROOT, subjectOf } from './device-reading.ts';

export const STREAM_NAME = 'ZHILI_DEVICES';
export const CONSUMER_NAME = 'zhili-rules';

/** `root`: the subjects' first tokens; a stream of another name needs another root (JetStream streams may not overlap). */
export type NatsStreamOptions = { url: string; stream?: string; root?: string; consumer?: string; ackWaitMs?: number };

/** `kill` drops the connection at once, as a crash would: nothing more is acknowledged. */
export type NatsDeviceStream = DeviceStream & { kill: () => Promise<void> };

/**
 * Where and as whom to connect, from NATS_URL: credentials in the URL as NATS clients write them,
 * `nats://user:password@host:4222` or `nats://token@host:4222` (percent-encoded), kept out of the
 * server address the client reports in its errors.
 */
export const natsConnection = (url: string): { servers: string; user?: string; pass?: string; token?: string } => {
  const u = new URL(url);
  const servers = `${u.protocol}//${u.host}`;
  if (!u.username) return { servers };
  const name = decodeURIComponent(u.username);
  return u.password ? { servers, user: name, pass: decodeURIComponent(u.password) } : { servers, token: name };
};

export const natsStream = async (o: NatsStreamOptions): Promise<NatsDeviceStream> => {
  const stream = o.stream ?? STREAM_NAME;
  const durable = o.consumer ?? CONSUMER_NAME;
  const root = o.root ?? SUBJECT_ROOT;
  const nc = await connect({ ...natsConnection(o.url), name: 'zhili', maxReconnectAttempts: -1 });
  const jsm = await jetstreamManager(nc);
  const streamConfig = {
    name: stream, subjects: [`${root}.>`], storage: StorageType.File,
    max_age: nanos(7 * 24 * 3_600_000), duplicate_window: nanos(10 * 60_000),
  };
  await jsm.streams.info(stream).then(() => jsm.streams.update(stream, streamConfig), () => jsm.streams.add(streamConfig));
  const consumerConfig = {
    durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(o.ackWaitMs ?? 60_000), max_ack_pending: 40_000, max_deliver: -1,
  };
  await jsm.consumers.info(stream, durable).then(() => jsm.consumers.update(stream, durable, { ack_wait: consumerConfig.ack_wait, max_ack_pending: consumerConfig.max_ack_pending }), () => jsm.consumers.add(stream, consumerConfig));
  const js = jetstream(nc);
  let halt = () => {};
  return {
    kind: 'nats',
    subject: (county, kind) => subjectOf(root, county, kind),
    publish: async (messages: readonly Outgoing[]) => {
      const acks = await Promise.all(messages.map((m) => js.publish(m.subject, m.data, { msgID: m.msgId, timeout: 10_000 })));
      return { duplicates: acks.filter((a) => a.duplicate).length };
    },
    consume: async (handler, onError) => {
      const consumer = await js.consumers.get(stream, durable);
      const messages = await consumer.consume({ max_messages: 8000 });
      // An ack that cannot be sent (connection gone) is left to redelivery after ack_wait.
      const ackAll = (batch: JsMsg[]) => {
        for (const m of batch) {
          try {
            m.ack();
          } catch {
            return;
          }
        }
      };
      const b = batcher<JsMsg>(handler, ackAll, onError);
      halt = () => void b.stop();
      const loop = (async () => {
        for await (const m of messages) b.push(m);
      })().catch(onError);
      return async () => {
        await messages.close();
        await loop;
        await b.stop();
      };
    },
    close: async () => {
      await nc.drain();
    },
    kill: async () => {
      halt();
      await nc.close();
    },
  };
};
