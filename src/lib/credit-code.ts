// Unified social credit code (GB 32100-2015): 18 characters from a 31-letter alphabet (no I O Z S V);
// the last is a check character over the first 17 with the weights 3^i mod 31.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeCheck = { ok: true; regionCode: string } | { ok: false; reason: string };

export const creditCodeCheckChar = (first17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
};

export const evaluateCreditCode = (raw: string): CreditCodeCheck => {
  const code = raw.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) {
    return { ok: false, reason: '格式错误：应为18位数字或大写字母（不含I、O、Z、S、V）' };
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { ok: false, reason: `登记管理机关行政区划码 ${code.slice(2, 8)} 无效` };
  if (creditCodeCheckChar(code) !== code[17]) return { ok: false, reason: '校验码错误' };
  return { ok: true, regionCode: code.slice(2, 8) };
};
