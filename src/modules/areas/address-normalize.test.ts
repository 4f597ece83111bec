import { describe, expect, it } from 'vitest';
import {
  deletionsOf, isWithinOneEdit, normalizeAddressText, parseAddressTail, parseChineseNumber, toHalfWidth,
} from './address-normalize.ts';

describe('toHalfWidth', () => {
  it('turns full-width digits, letters and punctuation into ASCII', () => {
    expect(toHalfWidth('１２幢Ａ，－３')).toBe('12幢A,-3');
  });
});

describe('parseChineseNumber', () => {
  it.each([
    ['三', '3'], ['十', '10'], ['十二', '12'], ['二十', '20'], ['二十三', '23'], ['一百零五', '105'], ['三零一', '301'],
    ['一五零二', '1502'],
  ])('reads %s as %s', (cn, arabic) => {
    expect(parseChineseNumber(cn)).toBe(arabic);
  });
});

describe('normalizeAddressText', () => {
  it.each([
    ['景芳三区十二幢', '景芳3区12幢'],
    ['景芳路二十三号', '景芳路23号'],
    ['景芳三区12号楼2单元301室', '景芳3区12幢2单元301室'],
    ['景芳三区12栋2单元301', '景芳3区12幢2单元301'],
    ['景芳三区12座2单301号房', '景芳3区12幢2单元301室'],
    ['景芳三区12#2单元301', '景芳3区12幢2单元301'],
    ['景芳三区12号2单元301号', '景芳3区12幢2单元301室'],
    ['景芳三区１２幢　２单元，３０１室', '景芳3区12幢2单元301室'],
    ['景芳三区（东门）12—2—301', '景芳3区12-2-301'],
    [' 凯旋街道, 景芳三区 ', '凯旋街道景芳3区'],
  ])('normalises %s to %s', (text, expected) => {
    expect(normalizeAddressText(text)).toBe(expected);
  });

  it('keeps a door number as 号, since only the resolver knows whether it follows a road', () => {
    expect(normalizeAddressText('景芳路100号')).toBe('景芳路100号');
  });
});

describe('parseAddressTail', () => {
  it.each([
    ['景芳3区12幢2单元301室', '景芳3区', '12', '2', '301'],
    ['景芳3区12幢2单元301', '景芳3区', '12', '2', '301'],
    ['景芳3区12-2-301', '景芳3区', '12', '2', '301'],
    ['景芳3区12幢2单元', '景芳3区', '12', '2', null],
    ['景芳3区12幢301室', '景芳3区', '12', null, '301'],
    ['景芳3区12号', '景芳3区', '12', null, null],
    ['景芳3区', '景芳3区', null, null, null],
  ])('splits %s', (text, head, building, unit, room) => {
    expect(parseAddressTail(text)).toEqual({ head, building, unit, room });
  });

  it('drops leading zeros from numbers', () => {
    expect(parseAddressTail('景芳3区012-02-0301')).toMatchObject({ building: '12', unit: '2', room: '301' });
  });
});

describe('isWithinOneEdit', () => {
  it.each([
    ['景芳3区', '景方3区', true], ['景芳3区', '景芳区', true], ['景芳3区', '景芳33区', true], ['景芳3区', '芳景3区', true],
    ['景芳3区', '景芳3区', true], ['景芳3区', '景方2区', false], ['景芳3区', '景3', false],
  ])('%s vs %s → %s', (a, b, expected) => {
    expect(isWithinOneEdit(a, b)).toBe(expected);
    expect(isWithinOneEdit(b, a)).toBe(expected);
  });
});

describe('deletionsOf', () => {
  it('lists each one-character deletion', () => {
    expect(deletionsOf('景芳苑')).toEqual(['芳苑', '景苑', '景芳']);
  });
});
