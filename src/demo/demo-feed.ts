// The demo's devices keep talking: every minute each demo door sensor and face gate sends a heartbeat
// and each counter the people in and out, swelling towards a crowd at the first market now and then.
// Published into the same stream as real devices, so everything downstream is the real path.
import { sql } from 'kysely';
import type { Deps } from '../lib/deps.ts';
import type { DevicePipeline } from '../modules/devices/device-pipeline.ts';
import { messageIdOf } from '../modules/devices/device-reading.ts';

const EVERY_MS = 60_000;

/** Where a venue's crowd is heading now: a slow tide, the first market above its capacity at the peak. */
const targetShare = (venueRank: number, at: Date) => {
  const phase = Math.sin((at.getTime() / (40 * 60_000)) * Math.PI * 2);
  return venueRank === 0 ? 0.8 + 0.3 * phase : 0.45 + 0.2 * phase;
};

export const feedOnce = async (deps: Deps, pipeline: DevicePipeline) => {
  const now = deps.clock();
  const devices = (await sql<{ serial: string; kind: string; county_code: string; last_seq: string; battery: number | null; venue_id: number | null; capacity: number | null; occupancy: number | null; counters: number }>`
    SELECT t.serial, t.kind, t.county_code, t.last_seq, t.battery, t.venue_id, v.capacity, v.occupancy,
      (SELECT count(*)::int FROM things c WHERE c.venue_id = t.venue_id) AS counters
    FROM things t LEFT JOIN venues v ON v.id = t.venue_id
    WHERE t.serial LIKE 'DEMO-%' AND t.status <> 'retired' ORDER BY t.id`.execute(deps.db)).rows;
  if (devices.length === 0) return 0;
  const venueRank = new Map([...new Set(devices.flatMap((d) => (d.venue_id ? [d.venue_id] : [])))].map((id, i) => [id, i]));
  const messages = devices.map((d) => {
    const reading: Record<string, unknown> = { serial: d.serial, seq: Number(d.last_seq) + 1, at: now.toISOString() };
    if (d.kind === 'people_counter' && d.venue_id && d.capacity) {
      const gap = Math.round(targetShare(venueRank.get(d.venue_id)!, now) * d.capacity) - (d.occupancy ?? 0);
      const share = Math.round(gap / Math.max(1, d.counters));
      const churn = 5 + Math.floor(Math.random() * 10);
      Object.assign(reading, { entered: churn + Math.max(0, share), left: churn + Math.max(0, -share) });
    } else {
      Object.assign(reading, d.kind === 'door_sensor' ? { door: 'closed' } : {}, { battery: d.battery ?? 90 });
    }
    return { subject: pipeline.subject(d.county_code, d.kind), data: new TextEncoder().encode(JSON.stringify(reading)), msgId: messageIdOf(reading as { serial: string; seq: number }) };
  });
  await pipeline.publish(messages);
  return messages.length;
};

export const startDemoFeed = (deps: Deps, pipeline: DevicePipeline) => {
  const tick = () => feedOnce(deps, pipeline).catch((err) => deps.log.warn({ err }, 'demo device feed skipped a round'));
  const timer = setInterval(tick, EVERY_MS);
  void tick();
  return () => clearInterval(timer);
};
