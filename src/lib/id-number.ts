// Resident identity number (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence
// (odd = male), 1 check character over ISO 7064 MOD 11-2.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

// Province-level codes of GB/T 2260. Older county codes stay valid on old cards, so only the
// province is checked against the list.
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42',
  '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

export type IdNumberInfo = { regionCode: string; birthDate: string; gender: 'male' | 'female' };
export type IdNumberCheck = { ok: true; info: IdNumberInfo } | { ok: false; reason: string };

export const idNumberCheckChar = (first17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
};

const isRealDate = (y: number, m: number, d: number): boolean => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** Validates an 18-character ID number; `today` lets tests pin the clock. */
export const evaluateIdNumber = (raw: string, today: Date = new Date()): IdNumberCheck => {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: '格式错误：应为18位，前17位数字，末位数字或X' };
  if (!PROVINCES.has(id.slice(0, 2))) return { ok: false, reason: `地区码 ${id.slice(0, 6)} 不存在` };
  const y = Number(id.slice(6, 10)), m = Number(id.slice(10, 12)), d = Number(id.slice(12, 14));
  if (y < 1900 || !isRealDate(y, m, d)) return { ok: false, reason: `出生日期 ${id.slice(6, 14)} 无效` };
  const birth = Date.UTC(y, m - 1, d);
  if (birth > today.getTime()) return { ok: false, reason: `出生日期 ${id.slice(6, 14)} 晚于今天` };
  if (idNumberCheckChar(id) !== id[17]) return { ok: false, reason: '校验码错误' };
  return {
    ok: true,
    info: {
      regionCode: id.slice(0, 6),
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
};
