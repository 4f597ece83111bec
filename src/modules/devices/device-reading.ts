// A device reading as it travels on the stream: JSON, one per message, on
// `zhili.devices.<county>.<kind>`. `seq` is the device's own counter: it only grows, and a reading
// whose seq the device already sent is a repeat (the stream may deliver one twice; devices retry).
import { z } from 'zod';

export const STREAM_KINDS = ['door_sensor', 'face_gate', 'people_counter'] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];

export const readingSchema = z.object({
  serial: z.string().min(1).max(64),
  seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  at: z.iso.datetime({ offset: true }),
  battery: z.number().int().min(0).max(100).optional(),
  tamper: z.boolean().optional(),
  door: z.enum(['open', 'closed']).optional(),
  // People counted in and out since the counter's previous reading.
  entered: z.number().int().min(0).max(100_000).optional(),
  left: z.number().int().min(0).max(100_000).optional(),
});
export type ReadingInput = z.infer<typeof readingSchema>;

export type Reading = {
  serial: string;
  seq: number;
  at: Date;
  values: { battery?: number; tamper?: boolean; door?: 'open' | 'closed'; entered?: number; left?: number };
};

export const toReading = ({ serial, seq, at, ...values }: ReadingInput): Reading => ({ serial, seq, at: new Date(at), values });

const utf8 = new TextDecoder();

/** A message body as a reading, or why not. */
export const decodeReading = (data: Uint8Array): { ok: true; reading: Reading } | { ok: false; reason: string } => {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(data));
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = readingSchema.safeParse(json);
  return parsed.success ? { ok: true, reading: toReading(parsed.data) } : { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
};

export const SUBJECT_ROOT = 'zhili.devices';
export const subjectOf = (root: string, countyCode: string, kind: string) => `${root}.${countyCode}.${kind}`;
/** The de-duplication id the stream keeps for a window: a retried publish of the same reading is dropped. */
export const messageIdOf = (r: { serial: string; seq: number }) => `${r.serial}:${r.seq}`;
