// The in-process stream of the embedded default: readings wait in memory until the consumer's batch
// commits. Kept only while the process lives; a deployment that needs readings to survive a restart
// sets NATS_URL.
import { batcher, type DeviceStream, type Outgoing, type StreamMessage } from './device-stream.ts';
import { SUBJECT_ROOT as SUBJECT_ROOT_DEFAULT, subjectOf } from './device-reading.ts';

const DEDUPE_IDS = 200_000;

export const memoryStream = (): DeviceStream => {
  const seen = new Set<string>();
  let backlog: StreamMessage[] = [];
  let sink: ((m: StreamMessage) => void) | null = null;
  return {
    kind: 'memory',
    subject: (county, kind) => subjectOf(SUBJECT_ROOT_DEFAULT, county, kind),
    publish: async (messages: readonly Outgoing[]) => {
      let duplicates = 0;
      for (const m of messages) {
        if (seen.has(m.msgId)) { duplicates++; continue; }
        seen.add(m.msgId);
        if (seen.size > DEDUPE_IDS) seen.delete(seen.values().next().value!);
        if (sink) sink({ subject: m.subject, data: m.data });
        else backlog.push({ subject: m.subject, data: m.data });
      }
      return { duplicates };
    },
    consume: async (handler, onError) => {
      const b = batcher<StreamMessage>(handler, () => {}, onError);
      sink = b.push;
      for (const m of backlog) b.push(m);
      backlog = [];
      return async () => {
        sink = null;
        await b.stop();
      };
    },
    close: async () => {},
  };
};
