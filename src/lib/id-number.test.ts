import { describe, expect, it } from 'vitest';
import { evaluateCreditCode } from './credit-code.ts';
import { evaluateIdNumber, idNumberCheckChar } from './id-number.ts';

const today = new Date('2026-11-23T00:00:00Z');

describe('evaluateIdNumber (GB 11643)', () => {
  it.each([
    ['11010519491231002X', 'female', '1949-12-31'], // the standard's own example
    [`33010219900101123${idNumberCheckChar('33010219900101123')}`, 'male', '1990-01-01'],
    [`33010220000229002${idNumberCheckChar('33010220000229002')}`, 'female', '2000-02-29'], // leap day
  ])('accepts %s', (id, gender, birth) => {
    const r = evaluateIdNumber(id, today);
    expect(r).toEqual({ ok: true, info: { regionCode: id.slice(0, 6), birthDate: birth, gender } });
  });

  it('accepts a lowercase x as the check character', () => {
    expect(evaluateIdNumber('11010519491231002x', today).ok).toBe(true);
  });

  // Each vector but the checksum one carries a correct check character, so only its named flaw fails.
  const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);
  it.each([
    ['110105194912310021', '校验码'], // bad checksum
    [withCheck('33010219900230123'), '出生日期'], // 30 February
    [withCheck('99010219900101123'), '地区码'], // unknown province
    [withCheck('33010220300101123'), '晚于今天'], // born in the future
    ['33010219900101123', '格式'], // 17 characters
    ['33010219900101123A', '格式'],
    [withCheck('33010218000101123'), '出生日期'], // before 1900
  ])('rejects %s (%s)', (id, reason) => {
    const r = evaluateIdNumber(id, today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});

describe('evaluateCreditCode (GB 32100)', () => {
  // Published codes of well-known companies.
  it.each(['91330100716105852F', '9144030071526726XG', '914403001922038216', '91110000600037341L'])('accepts %s', (code) => {
    const r = evaluateCreditCode(code);
    expect(r.ok).toBe(true);
  });

  it.each([
    ['91330100716105852G', '校验码'],
    ['91330100716105852', '格式'],
    ['91330100716105O52F', '格式'], // O is not in the alphabet
    ['91ABCDEF716105852F', '行政区划'],
  ])('rejects %s (%s)', (code, reason) => {
    const r = evaluateCreditCode(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});
