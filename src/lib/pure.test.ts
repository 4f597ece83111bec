import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaDay } from './china-time.ts';
import { eachLimit } from './each-limit.ts';
import { requestForLog } from './http.ts';
import { escapeLike } from './like.ts';
import { parseCsv, csvRecords } from './csv.ts';
import { maskIdNumber, maskPhone } from './masking.ts';
import { canSeeArea, inScope, narrowScope } from './scope.ts';

describe('masking', () => {
  it('keeps region and last four of an ID number', () => expect(maskIdNumber('330102199001011235')).toBe('330102********1235'));
  it('keeps prefix and last four of a mobile', () => expect(maskPhone('13812345678')).toBe('138****5678'));
});

describe('requestForLog', () => {
  it('keeps a session token in the query out of the log, and the rest of the request in', () => {
    const logged = requestForLog({ method: 'GET', url: '/api/v1/events/stream?token=2RrK8UQ-x_y&lang=zh&TOKEN=abc', host: 'localhost:3000', ip: '127.0.0.1', socket: { remotePort: 5000 } });
    expect(logged).toEqual({ method: 'GET', url: '/api/v1/events/stream?token=…&lang=zh&TOKEN=…', version: undefined, host: 'localhost:3000', remoteAddress: '127.0.0.1', remotePort: 5000 });
    expect(requestForLog({ method: 'GET', url: '/api/v1/events?state=reported' }).url).toBe('/api/v1/events?state=reported');
  });
});

describe('eachLimit', () => {
  const tick = () => new Promise((r) => setTimeout(r, 1));
  it('runs every item, never more than the limit at once', async () => {
    let running = 0, most = 0;
    const done: number[] = [];
    await eachLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      most = Math.max(most, ++running);
      await tick();
      running--;
      done.push(n);
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
  it('throws the first failure only once every call has settled', async () => {
    const done: number[] = [];
    const run = eachLimit([1, 2, 3, 4], 2, async (n) => {
      await tick();
      if (n === 1) throw new Error('one');
      await tick();
      done.push(n);
    });
    await expect(run).rejects.toThrow('one');
    expect(done.sort()).toEqual([2, 3, 4]);
  });
});

describe('escapeLike', () => {
  it('makes %, _ and \\ match themselves', () => expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b'));
});

describe('chinaDay', () => {
  it('turns at 16:00 UTC, midnight in China', () => {
    expect(chinaDay(new Date('2026-11-23T15:59:59.999Z'))).toBe('2026-11-23');
    expect(chinaDay(new Date('2026-11-23T16:00:00.000Z'))).toBe('2026-11-24');
    expect(chinaDay(new Date('2026-11-23T15:59:59.999Z'))).toBe('2026-11-23');
  });
  it('agrees with formatting each instant afresh, whatever the order of calls', () => {
    const t = fc.integer({ min: Date.UTC(1970, 0, 2), max: Date.UTC(2100, 0, 1) });
    fc.assert(fc.property(fc.array(t, { minLength: 1, maxLength: 20 }), (times) => {
      for (const ms of times) expect(chinaDay(new Date(ms))).toBe(new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10));
    }));
  });
});

describe('scope', () => {
  it('a street sees its communities and grids, not its neighbour', () => {
    expect(inScope('330102011', '330102011002001')).toBe(true);
    expect(inScope('330102011', '330102012001001')).toBe(false);
  });
  it('a grid worker may name the areas above them but not beside them', () => {
    expect(canSeeArea('330102011002001', '330102')).toBe(true);
    expect(canSeeArea('330102011002001', '330102011012')).toBe(false);
  });
  it('narrows a requested area to the overlap or refuses', () => {
    expect(narrowScope('330102011', '330102')).toBe('330102011');
    expect(narrowScope('330102', '330102011')).toBe('330102011');
    expect(narrowScope('330102011', '330102012')).toBeNull();
  });
});

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, CRLF, a BOM, and keeps line numbers', () => {
    const rows = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",2\n');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 4, cells: ['multi\nline', '2'] },
    ]);
  });
  it('maps records by header', () => {
    expect(csvRecords('姓名,电话\n张三,1\n').records).toEqual([{ line: 2, values: { 姓名: '张三', 电话: '1' } }]);
  });
});
