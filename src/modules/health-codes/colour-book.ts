// What a verifying process keeps in memory: each checked person's name and current colour, loaded on
// first sight (many at once) and kept current by following health_codes.seq — on every NOTIFY from a
// writer and once a second in case one was missed. A load that overlaps a feed read is answered but
// not kept, so a change can never be overwritten by an older read. Zones drawn but not yet recoloured
// raise the stored colours of their addresses (zoneOverlay): each read of the feed first reloads them,
// so when a zone's recolouring commits, its stored codes are read no later than the zone leaves the overlay.
import type { Kysely } from 'kysely';
import type { Colour, DB } from '../../db/schema.ts';
import type { Database } from '../../db/client.ts';
import { maskName } from '../../lib/masking.ts';
import * as repo from './colour.repo.ts';
import { activeRules } from './colour.service.ts';
import * as zonesRepo from './zones.repo.ts';
import { raises, zoneOverlay, type Hit } from './colour-eval.ts';
import type { RuleSet } from './colour-rules.ts';

export type Card = { personId: number; name: string; colour: Colour; reason: string | null };
type Entry = { name: string; addressId: number | null; colour: Colour | null; reason: string | null };

const FEED_PAGE = 50_000;

export const createColourBook = (db: Kysely<DB>, database: Database, opts: { maxEntries: number; pollMs: number }) => {
  const entries = new Map<number, Entry>();
  const byIdNumber = new Map<string, number | null>();
  let watermark = 0;
  let rules: RuleSet | null = null;
  let rulesVersion = 0;
  let overlay = new Map<number, Hit>();

  const keep = <K, V>(m: Map<K, V>, k: K, v: V) => {
    if (m.size >= opts.maxEntries) m.delete(m.keys().next().value as K);
    m.set(k, v);
  };

  const card = (personId: number, e: Entry): Card => {
    const colour = e.colour ?? 'green';
    const zone = e.addressId === null ? undefined : overlay.get(e.addressId);
    if (raises(zone, colour)) return { personId, name: e.name, colour: zone.colour, reason: zone.reason };
    return { personId, name: e.name, colour, reason: e.colour ? e.reason : rules?.defaultReason ?? null };
  };

  // Misses of the same tick are loaded by one query.
  let batch: { ids: Set<number>; done: Promise<Map<number, Entry>> } | null = null;
  const loadMany = (id: number): Promise<Map<number, Entry>> => {
    if (!batch) {
      const ids = new Set<number>();
      const mark = watermark;
      const done = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        batch = null;
        const rows = await repo.bookRows(db, [...ids]);
        const found = new Map(rows.map((r) => [Number(r.person_id), { name: maskName(r.name), addressId: r.address_id === null ? null : Number(r.address_id), colour: r.colour, reason: r.reason } as Entry]));
        if (mark === watermark) for (const [i, e] of found) keep(entries, i, e);
        return found;
      });
      batch = { ids, done };
    }
    batch.ids.add(id);
    return batch.done;
  };

  /** The person's card, or null when there is no such person. */
  const get = async (personId: number): Promise<Card | null> => {
    const e = entries.get(personId) ?? (await loadMany(personId)).get(personId);
    return e ? card(personId, e) : null;
  };

  const personOf = async (idNumber: string): Promise<number | null> => {
    if (byIdNumber.has(idNumber)) return byIdNumber.get(idNumber)!;
    const p = await repo.personByIdNumber(db, idNumber);
    keep(byIdNumber, idNumber, p ? Number(p.id) : null);
    return p ? Number(p.id) : null;
  };

  let reading: Promise<void> | null = null;
  let again = false;
  // The overlay is read again only when the pending zones (or the rules) are not the ones it was made from.
  let overlayOf = '';
  const loadOverlay = async () => {
    const ids = await zonesRepo.pendingZoneIds(db);
    const key = `${ids.join(',')}@${rulesVersion}`;
    if (key === overlayOf) return;
    overlay = ids.length && rules ? zoneOverlay(rules, new Date(), await zonesRepo.pendingZones(db)) : new Map();
    overlayOf = key;
  };
  const follow = async () => {
    await loadOverlay();
    for (;;) {
      const rows = await repo.changesSince(db, watermark, FEED_PAGE);
      for (const r of rows) {
        const e = entries.get(Number(r.person_id));
        if (e) { e.colour = r.colour; e.reason = r.reason; }
      }
      if (rows.length) watermark = Number(rows.at(-1)!.seq);
      if (rows.length < FEED_PAGE) return;
    }
  };
  /** Reads the feed; a call during a read makes it read once more after. */
  const refresh = (): Promise<void> => {
    if (reading) { again = true; return reading; }
    reading = follow().finally(() => {
      reading = null;
      if (again) { again = false; void refresh().catch(() => {}); }
    });
    return reading;
  };

  let timer: NodeJS.Timeout | null = null;
  let unlisten: (() => Promise<void>) | null = null;
  const start = async () => {
    watermark = await repo.maxSeq(db);
    ({ rules, version: rulesVersion } = await activeRules(db));
    unlisten = await database.listen(repo.CODES_CHANNEL, () => void refresh().catch(() => {}));
    timer = setInterval(() => {
      void refresh().catch(() => {});
      void activeRules(db).then((r) => { ({ rules, version: rulesVersion } = r); }, () => {});
    }, opts.pollMs);
    timer.unref();
  };
  const stop = async () => {
    if (timer) clearInterval(timer);
    await unlisten?.();
  };
  return { get, personOf, start, stop };
};
