import { describe, expect, it } from 'vitest';
import { admitSeq, applyReadings, DEFAULT_DEVICE_RULES as rules, SEQ_WINDOW, deviceRulesSchema, dispatchRetryMs, foldDrafts, silentDevices, type DeviceState, type VenueState, type Window } from './device-rules.ts';
import type { Reading } from './device-reading.ts';

const at = (hhmm: string, day = '2026-11-23') => new Date(`${day}T${hhmm}:00+08:00`);
const door = (over: Partial<DeviceState> = {}): DeviceState => ({
  id: 1, serial: 'DS-1', kind: 'door_sensor', status: 'active', name: '景芳三区1幢门磁', countyCode: '330102', areaCode: '330102011002001', lastSeq: 0, seqMask: 0, readSeq: 0, readMask: 0,
  battery: 90, lastSeenAt: null, lastReading: null, householdId: 7, venueId: null,
  measure: { kind: 'home_observation', startDate: '2026-11-20', endDate: '2026-11-26' }, ...over,
});
const counter = (id: number): DeviceState => ({ ...door({ id, serial: `PC-${id}`, kind: 'people_counter', householdId: null, measure: null, venueId: 9 }) });
const venue = (): VenueState => ({ id: 9, name: '景芳农贸市场', capacity: 100, occupancy: 0, crowded: false, areaCode: '330102011002001', countyCode: '330102', occupancyAt: null });
const r = (serial: string, seq: number, when: Date, values: Reading['values']): Reading => ({ serial, seq, at: when, values });
const run = (devices: DeviceState[], readings: Reading[], windows = new Map<number, Window[]>(), venues: VenueState[] = []) =>
  applyReadings(rules, new Map(devices.map((d) => [d.serial, d])), new Map(venues.map((v) => [v.id, v])), windows, readings);

describe('door openings under home observation', () => {
  it('an unannounced opening while the measure lasts is a violation; an announced one is not', () => {
    const windows = new Map([[7, [{ startsAt: at('08:00'), endsAt: at('08:30') }]]]);
    const out = run([door()], [r('DS-1', 1, at('08:10'), { door: 'open' }), r('DS-1', 2, at('08:12'), { door: 'closed' }), r('DS-1', 3, at('22:00'), { door: 'open' })], windows);
    expect(out.alerts.map((a) => [a.ruleId, a.at.toISOString()])).toEqual([['door.unannounced', at('22:00').toISOString()]]);
    expect(out.alerts[0]).toMatchObject({ kind: 'violation', key: 'door.unannounced:thing:1', areaCode: '330102011002001' });
  });

  it('the grace period covers an opening just before or after the window', () => {
    const windows = new Map([[7, [{ startsAt: at('08:00'), endsAt: at('08:30') }]]]);
    expect(run([door()], [r('DS-1', 1, at('07:56'), { door: 'open' })], windows).alerts).toHaveLength(0);
    expect(run([door()], [r('DS-1', 1, at('08:34'), { door: 'open' })], windows).alerts).toHaveLength(0);
    expect(run([door()], [r('DS-1', 1, at('08:36'), { door: 'open' })], windows).alerts).toHaveLength(1);
  });

  it('no violation before the measure starts, after it ends, or for a measure the rules do not watch', () => {
    expect(run([door()], [r('DS-1', 1, at('10:00', '2026-11-27'), { door: 'open' })]).alerts).toHaveLength(0);
    expect(run([door()], [r('DS-1', 1, at('10:00', '2026-11-19'), { door: 'open' })]).alerts).toHaveLength(0);
    expect(run([door()], [r('DS-1', 1, at('23:59', '2026-11-26'), { door: 'open' })]).alerts).toHaveLength(1); // the last day still counts (China time)
    expect(run([door({ measure: { kind: 'health_monitoring', startDate: '2026-11-20', endDate: '2026-11-26' } })], [r('DS-1', 1, at('10:00'), { door: 'open' })]).alerts).toHaveLength(0);
    expect(run([door({ measure: null, householdId: null })], [r('DS-1', 1, at('10:00'), { door: 'open' })]).alerts).toHaveLength(0);
  });

  it('a reading the device already sent is skipped, so a redelivered batch raises nothing twice', () => {
    const d = door();
    const batch = [r('DS-1', 1, at('22:00'), { door: 'open' }), r('DS-1', 2, at('22:05'), { door: 'closed' })];
    expect(run([d], batch).alerts).toHaveLength(1);
    const again = run([d], batch);
    expect(again).toMatchObject({ applied: 0, duplicates: 2, alerts: [] });
    expect(d.lastSeq).toBe(2);
  });

  it('a reading delivered late, after newer ones, is still applied once; one far behind the window is a repeat', () => {
    const d = door();
    expect(run([d], [r('DS-1', 5, at('22:05'), { door: 'closed' })]).applied).toBe(1);
    const late = run([d], [r('DS-1', 3, at('22:00'), { door: 'open' }), r('DS-1', 4, at('22:01'), { door: 'closed' })]);
    expect(late).toMatchObject({ applied: 2, duplicates: 0 });
    expect(late.alerts.map((a) => a.ruleId)).toEqual(['door.unannounced']);
    expect(d.lastReading).toMatchObject({ door: 'closed', at: at('22:05').toISOString() }); // the newest still speaks for the device
    expect(run([d], [r('DS-1', 3, at('22:00'), { door: 'open' }), r('DS-1', 5, at('22:05'), { door: 'closed' })])).toMatchObject({ applied: 0, duplicates: 2 });
    expect(run([d], [r('DS-1', 100, at('23:00'), {})]).applied).toBe(1);
    expect(run([d], [r('DS-1', 1, at('21:00'), { door: 'open' })])).toMatchObject({ applied: 0, duplicates: 1 });
  });

  it('the window of applied sequence numbers is exact for every order of arrival', () => {
    // Property: feeding a permutation of 1..60 (with repeats) applies each number exactly once when it lies within the window.
    for (let trial = 0; trial < 200; trial++) {
      const seqs = Array.from({ length: 60 }, (_, i) => i + 1);
      const order = [...seqs, ...seqs.slice(0, 20)].map((s) => ({ s, k: Math.random() })).sort((a, b) => a.k - b.k).map((x) => x.s);
      let state = { lastSeq: 0, mask: 0 };
      const applied: number[] = [];
      for (const s of order) {
        const a = admitSeq(state.lastSeq, state.mask, s);
        if (a.fresh) applied.push(s);
        state = a;
      }
      expect(new Set(applied).size).toBe(applied.length); // never twice
      const missing = seqs.filter((s) => !applied.includes(s));
      expect(missing.every((s) => order.indexOf(s) > order.findIndex((x) => x >= s + SEQ_WINDOW + 1))).toBe(true); // only when it came past the window
    }
  });

  it('readings of unknown or retired devices are counted, not applied', () => {
    expect(run([door({ status: 'retired' })], [r('DS-1', 1, at('22:00'), { door: 'open' }), r('NOPE', 1, at('22:00'), { door: 'open' })])).toMatchObject({ unknown: 2, alerts: [] });
  });
});

describe('maintenance', () => {
  it('low battery alerts once when it crosses the mark, tamper every time', () => {
    const out = run([door({ measure: null })], [r('DS-1', 1, at('09:00'), { battery: 25 }), r('DS-1', 2, at('10:00'), { battery: 19 }), r('DS-1', 3, at('11:00'), { battery: 18, tamper: true })]);
    expect(out.alerts.map((a) => a.ruleId)).toEqual(['battery.low', 'device.tampered']);
  });

  it('a device silent past its kind’s limit is found; one heard from recently, offline already or never heard from is not', () => {
    const now = at('12:00');
    const list = [
      { id: 1, kind: 'door_sensor', status: 'active', lastSeenAt: at('10:59') },
      { id: 2, kind: 'door_sensor', status: 'active', lastSeenAt: at('11:30') },
      { id: 3, kind: 'people_counter', status: 'active', lastSeenAt: at('11:40') },
      { id: 4, kind: 'door_sensor', status: 'offline', lastSeenAt: at('01:00') },
      { id: 5, kind: 'face_gate', status: 'active', lastSeenAt: null }, // never installed
      { id: 6, kind: 'camera', status: 'active', lastSeenAt: at('01:00') }, // not a stream device
    ];
    expect(silentDevices(rules, list, now).map((d) => d.id)).toEqual([1, 3]);
  });

  it('a device back from silence clears its silence alert', () => {
    expect(run([door({ status: 'offline' })], [r('DS-1', 1, at('12:00'), { battery: 80 })]).cleared).toEqual([{ key: 'device.silent:thing:1', at: at('12:00') }]);
  });
});

describe('crowds, with hysteresis', () => {
  it('one crowd is one alert: it is raised at capacity and a new one only after falling to the clear mark', () => {
    const v = venue();
    const seq = (() => { let n = 0; return () => ++n; })();
    const step = (entered: number, left: number, m: string) => r('PC-2', seq(), at(m), { entered, left });
    const out = run([counter(2)], [
      step(60, 0, '09:00'), step(39, 0, '09:01'), // 99
      step(2, 0, '09:02'), // 101: crowd
      step(0, 5, '09:03'), step(5, 0, '09:04'), step(0, 8, '09:05'), // 96, 101, 93: still the same crowd
      step(0, 3, '09:06'), // 90: cleared
      step(10, 0, '09:07'), // 100: a new crowd
    ], undefined, [v]);
    expect(out.alerts.map((a) => [a.ruleId, a.at.toISOString(), a.details.occupancy])).toEqual([
      ['venue.crowd', at('09:02').toISOString(), 101],
      ['venue.crowd', at('09:07').toISOString(), 100],
    ]);
    expect(out.cleared).toEqual([{ key: 'venue.crowd:venue:9', at: at('09:06') }]);
    expect(v).toMatchObject({ occupancy: 100, crowded: true });
  });

  it('counters of one venue add up, and occupancy never goes below zero', () => {
    const v = venue();
    run([counter(2), counter(3)], [r('PC-2', 1, at('09:00'), { entered: 70 }), r('PC-3', 1, at('09:00'), { entered: 40, left: 5 }), r('PC-3', 2, at('09:10'), { left: 500 })], undefined, [v]);
    expect(v.occupancy).toBe(0);
  });
});

describe('rules as data', () => {
  it('the built-in set passes its own schema; a clear mark above the raise mark is refused', () => {
    expect(deviceRulesSchema.parse(rules)).toEqual(rules);
    expect(deviceRulesSchema.safeParse({ ...rules, crowd: { raiseAt: 1, clearAt: 1.2 } }).success).toBe(false);
  });

  it('alerts of one batch with one key fold while each is inside the window of the one before', () => {
    const out = run([door()], [r('DS-1', 1, at('21:00'), { door: 'open' }), r('DS-1', 2, at('21:10'), { door: 'open' }), r('DS-1', 3, at('21:35'), { door: 'open' }), r('DS-1', 4, at('22:10'), { door: 'open' })]);
    expect(foldDrafts(out.alerts, () => 30 * 60_000).map((g) => [g.at, g.repeats, g.lastAt])).toEqual([[at('21:00'), 2, at('21:35')], [at('22:10'), 0, at('22:10')]]);
  });
});

describe('an alert whose event could not be made', () => {
  it('waits 30 s, then twice as long each time, never more than an hour', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(dispatchRetryMs)).toEqual([30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000]);
  });
});
