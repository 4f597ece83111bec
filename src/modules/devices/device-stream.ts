// Where readings travel between whoever receives them (a device on NATS, the HTTP batch endpoint) and
// the rule consumer. NATS JetStream when NATS_URL is set; otherwise an in-process queue, so the
// embedded default works alone. Both: a publish resolves once the reading is kept, the consumer gets
// batches and acknowledges a batch only after its handler has committed, and a retried publish of the
// same reading (same message id) is dropped.

export type StreamMessage = { subject: string; data: Uint8Array };
export type Outgoing = StreamMessage & { msgId: string };
export type BatchHandler = (batch: StreamMessage[]) => Promise<void>;

export type DeviceStream = {
  kind: 'nats' | 'memory';
  /** The subject a reading of this county and kind travels on. */
  subject: (countyCode: string, kind: string) => string;
  /** Resolves once every message is kept; `duplicates` counts those the stream already had. */
  publish: (messages: readonly Outgoing[]) => Promise<{ duplicates: number }>;
  /** Starts the durable consumer; the returned function stops it (unacknowledged messages come again). */
  consume: (handler: BatchHandler, onError: (err: unknown) => void) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
};

export const MAX_BATCH = 8000;
// A batch waits this long for company: a few large transactions cost the database far less than many
// small ones, and the delay is small beside the second a reading may take to become an event.
export const LINGER_MS = 20;

/**
 * Hands messages to the handler one batch at a time, in arrival order: what arrives while a batch is
 * being handled (or while the first of it lingers) forms the next. A batch that fails is handed again
 * after a pause.
 */
export const batcher = <M extends StreamMessage>(handler: BatchHandler, settle: (batch: M[]) => void, onError: (err: unknown) => void) => {
  let queue: M[] = [];
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = async () => {
    while (queue.length && !stopped) {
      if (queue.length < MAX_BATCH / 4) await new Promise((r) => setTimeout(r, LINGER_MS));
      const batch = queue.slice(0, MAX_BATCH);
      try {
        await handler(batch);
        queue = queue.slice(batch.length);
        settle(batch);
      } catch (err) {
        onError(err);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    running = null;
  };
  return {
    push: (m: M) => {
      queue.push(m);
      running ??= run();
    },
    pending: () => queue.length,
    stop: async () => {
      stopped = true;
      await running;
    },
  };
};
