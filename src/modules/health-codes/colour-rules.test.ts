import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCipheriv, createHmac, hkdfSync } from 'node:crypto';
import { blockTag, openToken, sealToken, tokenTag } from './code-token.ts';
import { chinaDay, dayStart, evaluateColour, NO_FACTS, raises, zoneOverlay, type Facts } from './colour-eval.ts';
import { colourRank, DEFAULT_RULES_SOURCE, parseRuleSet, type RuleSet } from './colour-rules.ts';
import { commonArea, nextStep, readZoneGeometry } from './zone-rules.ts';

const parsed = parseRuleSet(DEFAULT_RULES_SOURCE);
if (!parsed.ok) throw new Error('default rules must parse');
const RULES: RuleSet = parsed.rules;
const NOW = new Date('2026-11-23T04:00:00Z'); // 12:00 in China
const TODAY = chinaDay(NOW);
const day = (n: number) => chinaDay(dayStart(TODAY, n));

describe('colour rules as data', () => {
  it('the default rule set parses', () => expect(parsed.ok).toBe(true));

  it('a rule set that is not JSON is refused with its line', () => {
    const r = parseRuleSet('{\n  "defaultReason": "x",\n  "rules": [\n    { "id": "a", }\n  ]\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ line: 4 });
  });

  it('a rule with an unknown measure, a bad colour or a twice-used id is refused on its own line', () => {
    const source = DEFAULT_RULES_SOURCE
      .replace('"measure": ["health_monitoring"]', '"measure": ["quarantine_at_sea"]')
      .replace('"id": "sealed_zone", "colour": "red"', '"id": "sealed_zone", "colour": "purple"')
      .replace('"id": "manual_yellow"', '"id": "manual_red"');
    const r = parseRuleSet(source);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = source.split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(r.problems.map((p) => p.line).sort((a, b) => a - b)).toEqual([lineOf('quarantine_at_sea'), lineOf('purple'), lineOf('人工赋黄码')].sort((a, b) => a - b));
    expect(r.problems.find((p) => p.line === lineOf('人工赋黄码'))!.reason).toMatch(/重复使用/);
  });

  it('a check-in rule without withinDays or with an unknown finding, and an "unchecked" rule without withinDays, are refused', () => {
    const r = parseRuleSet('{"defaultReason":"x","rules":[\n{"id":"ab","colour":"yellow","reason":"r","when":{"checkin":["fever"]}},\n{"id":"cd","colour":"yellow","reason":"r","when":{"checkin":["sneeze"],"withinDays":2}},\n{"id":"ef","colour":"yellow","reason":"r","when":{"measure":["home_observation"],"phase":"unchecked"}}]}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.line).sort()).toEqual([2, 3, 4]);
  });

  it('an "ended" measure rule without withinDays is refused', () => {
    const r = parseRuleSet('{"defaultReason":"x","rules":[{"id":"ab","colour":"yellow","reason":"r","when":{"measure":["home_observation"],"phase":"ended"}}]}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.reason).toMatch(/withinDays/);
  });
});

describe('colour evaluation', () => {
  it('nothing known is green by the default rule, with its reason', () => {
    const v = evaluateColour(RULES, NO_FACTS, NOW);
    expect(v).toMatchObject({ colour: 'green', reasons: [{ rule: 'default', colour: 'green' }] });
  });

  const checkedIn = (from: number, to: number, temperature = 36.5) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({ day: day(from + i), temperature, symptoms: [], at: dayStart(TODAY, from + i) }));

  it('home observation is red until its last day, yellow for 7 days after, then green; review times follow', () => {
    const facts: Facts = { ...NO_FACTS, measures: [{ kind: 'home_observation', startDate: day(-3), endDate: day(2), place: null }], checkins: checkedIn(-3, 2) };
    const during = evaluateColour(RULES, facts, NOW);
    expect(during).toMatchObject({ colour: 'red', reasons: [{ rule: 'home_observation' }] });
    expect(during.reviewAt).toEqual(dayStart(TODAY, 3));
    const after = evaluateColour(RULES, facts, dayStart(TODAY, 3));
    expect(after).toMatchObject({ colour: 'yellow', reasons: [{ rule: 'after_observation' }] });
    expect(after.reviewAt).toEqual(dayStart(TODAY, 10));
    expect(evaluateColour(RULES, facts, dayStart(TODAY, 10)).colour).toBe('green');
  });

  it('a period ends green only with a check-in for each of its days; the missing days are named until one is entered', () => {
    const measures = [{ kind: 'health_monitoring' as const, startDate: day(-7), endDate: day(-1), place: null }];
    const gap = checkedIn(-7, -1).filter((c) => c.day !== day(-4) && c.day !== day(-2));
    const missing = evaluateColour(RULES, { ...NO_FACTS, measures, checkins: gap }, NOW);
    expect(missing).toMatchObject({ colour: 'yellow', reasons: [{ rule: 'checkins_missing', reason: expect.stringContaining(`缺 2 天：${day(-4).slice(5)}、${day(-2).slice(5)}`) }] });
    // Time does not end it while the sheet can still be entered (30 days); after that it does.
    expect(evaluateColour(RULES, { ...NO_FACTS, measures, checkins: gap }, dayStart(TODAY, 29)).colour).toBe('yellow');
    expect(evaluateColour(RULES, { ...NO_FACTS, measures, checkins: gap }, dayStart(TODAY, 30)).colour).toBe('green');
    // Days before the measure was recorded want no check-in: recorded on day(-3), of -4 and -2 only -2 counts.
    expect(evaluateColour(RULES, { ...NO_FACTS, measures: [{ ...measures[0]!, recordedOn: day(-3) }], checkins: gap }, NOW).reasons[0]!.reason).toContain(`缺 1 天：${day(-2).slice(5)}`);
    expect(evaluateColour(RULES, { ...NO_FACTS, measures, checkins: checkedIn(-7, -1) }, NOW).colour).toBe('green');
    // During the measure a missing day does not count yet (today's may still come), nor for a measure the rules do not name.
    expect(evaluateColour(RULES, { ...NO_FACTS, measures: [{ ...measures[0]!, endDate: day(1) }], checkins: [] }, NOW).reasons.map((r) => r.rule)).toEqual(['health_monitoring']);
    expect(evaluateColour(RULES, { ...NO_FACTS, measures: [{ ...measures[0]!, kind: 'centralized_isolation', endDate: day(-20), startDate: day(-30) }] }, NOW).colour).toBe('green');
    // A granted appeal sets the missing days aside.
    const exempt = { kind: 'exempt' as const, colour: null, ruleId: 'checkins_missing', reason: '住院期间', until: null, createdAt: NOW };
    expect(evaluateColour(RULES, { ...NO_FACTS, measures, checkins: gap, decisions: [exempt] }, NOW).colour).toBe('green');
  });

  it('a check-in with a fever or a symptom is yellow from when it was made to the end of the third day counting its own; a normal one changes nothing', () => {
    const at = new Date(NOW.getTime() - 3600_000);
    const fever = evaluateColour(RULES, { ...NO_FACTS, checkins: [{ day: TODAY, temperature: 37.8, symptoms: [], at }] }, NOW);
    expect(fever).toMatchObject({ colour: 'yellow', reasons: [{ rule: 'checkin_unwell', reason: expect.stringContaining('37.8℃'), since: at.toISOString() }] });
    expect(fever.reviewAt).toEqual(dayStart(TODAY, 3));
    expect(evaluateColour(RULES, { ...NO_FACTS, checkins: [{ day: TODAY, temperature: 37.8, symptoms: [], at }] }, dayStart(TODAY, 3)).colour).toBe('green');
    expect(evaluateColour(RULES, { ...NO_FACTS, checkins: [{ day: TODAY, temperature: 36.4, symptoms: ['cough'], at }] }, NOW))
      .toMatchObject({ colour: 'yellow', reasons: [{ reason: expect.stringContaining('干咳') }] });
    expect(evaluateColour(RULES, { ...NO_FACTS, checkins: [{ day: TODAY, temperature: 37.2, symptoms: [], at }] }, NOW).colour).toBe('green');
  });

  it('a granted appeal sets the rule aside for the facts of its time, not for a later one', () => {
    const zone = { name: '某小区', level: 'sealed' as const, since: new Date(NOW.getTime() - 86_400_000) };
    const exempt = { kind: 'exempt' as const, colour: null, ruleId: 'sealed_zone', reason: '不住此处', until: null, createdAt: NOW };
    expect(evaluateColour(RULES, { ...NO_FACTS, zones: [zone], decisions: [exempt] }, NOW).colour).toBe('green');
    const later = { ...zone, name: '另一小区', since: new Date(NOW.getTime() + 1000) };
    expect(evaluateColour(RULES, { ...NO_FACTS, zones: [zone, later], decisions: [exempt] }, new Date(NOW.getTime() + 2000)).colour).toBe('red');
  });

  it('a zone drawn to start later counts from its start, when the code is to be looked at again', () => {
    const zone = { name: '某小区', level: 'sealed' as const, since: new Date(NOW.getTime() + 2 * 3600_000) };
    const before = evaluateColour(RULES, { ...NO_FACTS, zones: [zone] }, NOW);
    expect(before).toMatchObject({ colour: 'green', reviewAt: zone.since });
    expect(evaluateColour(RULES, { ...NO_FACTS, zones: [zone] }, zone.since)).toMatchObject({ colour: 'red', reasons: [{ rule: 'sealed_zone' }] });
    expect(zoneOverlay(RULES, NOW, [{ zone, addressIds: [1] }]).get(1)).toBeUndefined(); // nor raised at the gates before then
  });

  it('a manual decision counts until it ends', () => {
    const raise = { kind: 'raise' as const, colour: 'yellow' as const, ruleId: null, reason: '密接的密接', until: new Date(NOW.getTime() + 3600_000), createdAt: NOW };
    const v = evaluateColour(RULES, { ...NO_FACTS, decisions: [raise] }, NOW);
    expect(v).toMatchObject({ colour: 'yellow', reasons: [{ rule: 'manual_yellow' }] });
    expect(v.reviewAt).toEqual(raise.until);
    expect(evaluateColour(RULES, { ...NO_FACTS, decisions: [raise] }, raise.until).colour).toBe('green');
  });

  const facts = fc.record({
    measures: fc.array(fc.record({
      kind: fc.constantFrom('home_observation', 'centralized_isolation', 'health_monitoring' as const),
      start: fc.integer({ min: -30, max: 10 }), length: fc.integer({ min: 0, max: 21 }),
    }).map((m) => ({ kind: m.kind, startDate: day(m.start), endDate: day(m.start + m.length), place: null })), { maxLength: 4 }),
    screenings: fc.array(fc.record({
      outcome: fc.constantFrom(null, 'under_measure', 'not_present', 'moved_out', 'wrong_info'), ago: fc.integer({ min: 0, max: 30 }),
    }).map((s) => ({ outcome: s.outcome, at: new Date(NOW.getTime() - s.ago * 86_400_000), batch: 'B1' })), { maxLength: 3 }),
    zones: fc.array(fc.record({ level: fc.constantFrom('sealed', 'controlled', 'precaution' as const), ago: fc.integer({ min: 0, max: 20 }) })
      .map((z) => ({ name: 'Z', level: z.level, since: new Date(NOW.getTime() - z.ago * 86_400_000) })), { maxLength: 3 }),
    decisions: fc.array(fc.oneof(
      fc.record({ colour: fc.constantFrom('yellow', 'red' as const), hours: fc.option(fc.integer({ min: -48, max: 48 })) })
        .map((d) => ({ kind: 'raise' as const, colour: d.colour, ruleId: null, reason: 'r', until: d.hours === null ? null : new Date(NOW.getTime() + d.hours * 3600_000), createdAt: new Date(NOW.getTime() - 3600_000) })),
      fc.record({ rule: fc.constantFrom('sealed_zone', 'home_observation', 'isolation', 'manual_red', 'checkins_missing', 'checkin_unwell'), ago: fc.integer({ min: 0, max: 30 }) })
        .map((d) => ({ kind: 'exempt' as const, colour: null, ruleId: d.rule, reason: 'r', until: null, createdAt: new Date(NOW.getTime() - d.ago * 86_400_000) })),
    ), { maxLength: 3 }),
    checkins: fc.uniqueArray(fc.record({ ago: fc.integer({ min: 0, max: 30 }), tenths: fc.integer({ min: 355, max: 395 }), symptoms: fc.subarray(['cough', 'fatigue']) })
      .map((c) => ({ day: day(-c.ago), temperature: c.tenths / 10, symptoms: c.symptoms, at: new Date(Math.min(dayStart(TODAY, -c.ago).getTime() + 9 * 3600_000, NOW.getTime())) })),
    { maxLength: 30, selector: (c) => c.day }),
  });

  it('over random facts: the colour is the highest of its reasons, every reason names a rule of the set, and red, yellow, green rank in that order', () => {
    const ids = new Set(['default', ...RULES.rules.map((r) => r.id)]);
    fc.assert(fc.property(facts, (f) => {
      const v = evaluateColour(RULES, f, NOW);
      expect(v.reasons.length).toBeGreaterThan(0);
      for (const r of v.reasons) {
        expect(ids.has(r.rule)).toBe(true);
        expect(r.reason.length).toBeGreaterThan(0);
        expect(colourRank(r.colour)).toBeLessThanOrEqual(colourRank(v.colour));
      }
      expect(v.reasons[0]!.colour).toBe(v.colour);
      // Adding a red fact (a sealed zone, later than any appeal) can only make it red; adding a yellow one never lowers it.
      const soon = new Date(NOW.getTime() + 1);
      const sealed = evaluateColour(RULES, { ...f, zones: [...f.zones, { name: 'S', level: 'sealed', since: soon }] }, soon);
      expect(sealed.colour).toBe('red');
      const controlled = evaluateColour(RULES, { ...f, zones: [...f.zones, { name: 'C', level: 'controlled', since: soon }] }, soon);
      expect(colourRank(controlled.colour)).toBeGreaterThanOrEqual(Math.max(colourRank(v.colour), colourRank('yellow')));
      // A zone that has not started yet changes nothing but the time to look again.
      const start = new Date(NOW.getTime() + 3600_000);
      const waiting = evaluateColour(RULES, { ...f, zones: [...f.zones, { name: 'L', level: 'sealed', since: start }] }, NOW);
      expect(waiting.colour).toBe(v.colour);
      expect(waiting.reviewAt!.getTime()).toBeLessThanOrEqual(start.getTime());
      // The review time, if any, is in the future.
      if (v.reviewAt) expect(v.reviewAt.getTime()).toBeGreaterThan(NOW.getTime());
    }), { numRuns: 500 });
  });
});

describe('zones not yet in the stored codes', () => {
  const zone = (name: string, level: 'sealed' | 'controlled' | 'precaution') => ({ name, level, since: NOW });
  it('give each address the top reason of its zones, and nothing where they give green', () => {
    const overlay = zoneOverlay(RULES, NOW, [
      { zone: zone('乙', 'controlled'), addressIds: [2, 4] }, { zone: zone('甲', 'sealed'), addressIds: [1, 2] }, { zone: zone('丙', 'precaution'), addressIds: [3] },
    ]);
    expect(overlay.get(1)).toMatchObject({ colour: 'red', reason: expect.stringContaining('甲') });
    expect(overlay.get(2)).toMatchObject({ colour: 'red', rule: 'sealed_zone' });
    expect(overlay.get(4)).toMatchObject({ colour: 'yellow', reason: expect.stringContaining('乙') });
    expect(overlay.has(3)).toBe(false);
  });
  it('raise a stored colour only when theirs is higher', () => {
    const red = zoneOverlay(RULES, NOW, [{ zone: zone('甲', 'sealed'), addressIds: [1] }]).get(1);
    const yellow = zoneOverlay(RULES, NOW, [{ zone: zone('乙', 'controlled'), addressIds: [1] }]).get(1);
    expect([raises(red, 'green'), raises(red, 'yellow'), raises(red, 'red')]).toEqual([true, true, false]);
    expect([raises(yellow, 'green'), raises(yellow, 'yellow'), raises(undefined, 'green')]).toEqual([true, false, false]);
  });
});

describe('code tokens', () => {
  const key = { id: 1, secret: new Uint8Array(32).fill(7) };
  const keys = new Map([[1, key]]);
  it('opens what it sealed, and holds nothing readable', () => {
    const { token, claims } = sealToken(key, 123456, NOW, 120);
    expect(token).not.toContain('123456');
    expect(openToken(keys, token, new Date(NOW.getTime() + 1000))).toEqual({ ok: true, claims });
  });
  it('is expired after its lifetime', () => {
    const { token } = sealToken(key, 1, NOW, 120);
    expect(openToken(keys, token, new Date(NOW.getTime() + 121_000))).toEqual({ ok: false, reason: 'expired' });
  });
  it('one changed character, another key or garbage is forged', () => {
    const { token } = sealToken(key, 1, NOW, 120);
    const i = token.length - 5;
    const flipped = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    expect(openToken(keys, flipped, NOW)).toEqual({ ok: false, reason: 'forged' });
    expect(openToken(new Map([[1, { id: 1, secret: new Uint8Array(32).fill(8) }]]), token, NOW)).toEqual({ ok: false, reason: 'forged' });
    expect(openToken(keys, 'hello', NOW)).toEqual({ ok: false, reason: 'forged' });
  });
  it('any one changed character, in the sealed block or the tag, is forged', () => {
    const { token } = sealToken(key, 987654321, NOW, 120);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(fc.property(fc.integer({ min: 4, max: token.length - 2 }), fc.constantFrom(...alphabet), (i, ch) => {
      fc.pre(ch !== token[i]);
      expect(openToken(keys, token.slice(0, i) + ch + token.slice(i + 1), NOW)).toEqual({ ok: false, reason: 'forged' });
    }), { numRuns: 300 });
  });
  it('two tokens of one person in the same second differ, and large ids survive', () => {
    const a = sealToken(key, 2 ** 40 + 5, NOW, 120), b = sealToken(key, 2 ** 40 + 5, NOW, 120);
    expect(a.claims.tokenId).not.toBe(b.claims.tokenId);
    expect(openToken(keys, b.token, NOW)).toEqual({ ok: true, claims: b.claims });
  });
  it('the tag is the sealed block enciphered under the derived tag key', () => {
    const tagKey = Buffer.from(hkdfSync('sha256', key.secret, Buffer.alloc(0), 'zhili health-code token: tag', 32));
    const raw = Buffer.from(sealToken(key, 42, NOW, 120).token.slice(4), 'base64url');
    const expected = createCipheriv('aes-256-ecb', tagKey, null).setAutoPadding(false).update(raw.subarray(1, 17));
    expect(raw.subarray(17)).toEqual(expected);
    expect(blockTag(key, raw.subarray(1, 17))).toEqual(expected);
  });
  it('a ZL2 token (HMAC tag over the key id and the block) still opens; its tag under ZL3 does not', () => {
    const { token, claims } = sealToken(key, 77, NOW, 120);
    const raw = Buffer.from(token.slice(4), 'base64url');
    tokenTag(key, raw.subarray(0, 17)).copy(raw, 17);
    expect(openToken(keys, `ZL2.${raw.toString('base64url')}`, NOW)).toEqual({ ok: true, claims });
    expect(openToken(keys, `ZL3.${raw.toString('base64url')}`, NOW)).toEqual({ ok: false, reason: 'forged' });
    expect(openToken(keys, `ZL2.${token.slice(4)}`, NOW)).toEqual({ ok: false, reason: 'forged' });
  });
  it('the ZL2 tag is HMAC-SHA256 (RFC 2104) under the derived key', () => {
    const mac = Buffer.from(hkdfSync('sha256', key.secret, Buffer.alloc(0), 'zhili health-code token: hmac', 32));
    const data = Buffer.from('any data at all, of any length');
    expect(tokenTag(key, data)).toEqual(createHmac('sha256', mac).update(data).digest().subarray(0, 16));
  });
});

describe('zone rules', () => {
  const square = { type: 'Polygon', coordinates: [[[120.1, 30.2], [120.2, 30.2], [120.2, 30.3], [120.1, 30.3], [120.1, 30.2]]] };
  it('reads a polygon bare, as a feature, or joined from a collection', () => {
    expect(readZoneGeometry(square)).toMatchObject({ ok: true, geometry: { type: 'Polygon' } });
    expect(readZoneGeometry({ type: 'Feature', properties: {}, geometry: square })).toMatchObject({ ok: true, geometry: { type: 'Polygon' } });
    expect(readZoneGeometry({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: square }, { type: 'Feature', geometry: square }] }))
      .toMatchObject({ ok: true, geometry: { type: 'MultiPolygon' } });
  });
  it('refuses an open ring, a point, a place outside China', () => {
    expect(readZoneGeometry({ type: 'Polygon', coordinates: [[[120.1, 30.2], [120.2, 30.2], [120.2, 30.3], [120.1, 30.3]]] })).toMatchObject({ ok: false, reason: /closed/ });
    expect(readZoneGeometry({ type: 'Point', coordinates: [120, 30] })).toMatchObject({ ok: false, reason: /Polygon/ });
    expect(readZoneGeometry({ type: 'Polygon', coordinates: [[[2, 48], [3, 48], [3, 49], [2, 48]]] })).toMatchObject({ ok: false, reason: /China/ });
  });
  it('steps down after the days without a new case, counted from the later of the level and the last case', () => {
    const since = new Date('2026-11-01T00:00:00Z');
    const timers = { sealed: 7, controlled: 3, precaution: null };
    expect(nextStep({ level: 'sealed', levelSince: since, lastCaseAt: null, timers })).toEqual({ to: 'controlled', at: new Date('2026-11-08T00:00:00Z') });
    expect(nextStep({ level: 'sealed', levelSince: since, lastCaseAt: new Date('2026-11-05T00:00:00Z'), timers })!.at).toEqual(new Date('2026-11-12T00:00:00Z'));
    expect(nextStep({ level: 'precaution', levelSince: since, lastCaseAt: null, timers })).toBeNull();
  });
  it('finds the smallest area holding every grid', () => {
    expect(commonArea(['330102011002001', '330102011002003'])).toBe('330102011002');
    expect(commonArea(['330102011002001', '330102011012001'])).toBe('330102011');
    expect(commonArea(['330102011002001'])).toBe('330102011002001');
  });
});
