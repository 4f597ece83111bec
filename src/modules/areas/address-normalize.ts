// Address text normalisation shared by the resolver and its index. Library names and queries pass
// through the same function, so "十二栋" typed by a resident and "12幢" in the library compare as
// plain strings, and matching never needs to know about writing variants.

const FULL_WIDTH_OFFSET = 0xfee0;
const CN_DIGIT: Readonly<Record<string, string>> = {
  零: '0', 〇: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
};

/** 全角 ASCII (１２Ａ，－) → half-width; the ideographic space becomes a plain space. */
export const toHalfWidth = (s: string): string =>
  s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/\u3000/g, ' ');

/**
 * A run of Chinese numerals as Arabic digits: 十二 → 12, 二十三 → 23, 一百零五 → 105. Without 十/百
 * people spell room numbers digit by digit (三零一 → 301), so those runs are read that way.
 * 千/万 are left alone: no door, building or room number is written with them, names are.
 */
export const parseChineseNumber = (s: string): string => {
  if (!/[十百]/.test(s)) return [...s].map((c) => CN_DIGIT[c] ?? '').join('');
  let total = 0;
  let digit = 0;
  for (const c of s) {
    if (c === '百') [total, digit] = [total + (digit || 1) * 100, 0];
    else if (c === '十') [total, digit] = [total + (digit || 1) * 10, 0];
    else digit = Number(CN_DIGIT[c] ?? 0);
  }
  return String(total + digit);
};

// Order matters: 号楼 must become 幢 before 号 is read as a room, and 号 before 单元 is a building.
const UNIT_WORD_RULES: readonly (readonly [RegExp, string])[] = [
  [/(\d+)(?:号楼|号幢|栋|座|#楼|#)/g, '$1幢'],
  [/(\d+)号(?=\d+(?:单元|单))/g, '$1幢'],
  [/(\d+)单(?!元)/g, '$1单元'],
  [/(\d+)(?:号房|号室|房间|房)/g, '$1室'],
  [/(单元\d+)号/g, '$1室'],
];

/**
 * Canonical text for matching: half-width, no spaces or punctuation, bracketed remarks dropped,
 * Chinese numerals as digits, 号楼/栋/座/# → 幢, 单 → 单元, 房/号房 → 室, dashes unified to "-".
 */
export const normalizeAddressText = (text: string): string => {
  let s = toHalfWidth(text)
    .replace(/\([^)]*\)|【[^】]*】|\[[^\]]*\]/g, '')
    .replace(/[\s,，、。.;；:：'"“”‘’()（）【】[\]<>《》]/g, '')
    .replace(/[—–―~_]/g, '-')
    .replace(/[零〇一二三四五六七八九十百]+/g, parseChineseNumber)
    .toUpperCase();
  for (const [pattern, replacement] of UNIT_WORD_RULES) s = s.replace(pattern, replacement);
  return s;
};

export type AddressTail = { head: string; building: string | null; unit: string | null; room: string | null };
type TailPart = 'building' | 'unit' | 'room';

// Read from the end of normalised text; 号 right after a compound name means a building (景芳三区12号).
const TAIL_PATTERNS: readonly { re: RegExp; parts: readonly TailPart[] }[] = [
  { re: /(\d+)[幢号](\d+)单元(\d+)室?$/, parts: ['building', 'unit', 'room'] },
  { re: /(\d+)-(\d+)-(\d+)室?$/, parts: ['building', 'unit', 'room'] },
  { re: /(\d+)[幢号](\d+)单元$/, parts: ['building', 'unit'] },
  { re: /(\d+)[幢号](\d+)室?$/, parts: ['building', 'room'] },
  { re: /(\d+)[幢号]$/, parts: ['building'] },
];

const stripZeros = (n: string): string => n.replace(/^0+(?=\d)/, '');

/** Splits normalised text into the part before 幢/单元/室 (`head`) and those numbers. */
export const parseAddressTail = (normalized: string): AddressTail => {
  const tail: AddressTail = { head: normalized, building: null, unit: null, room: null };
  for (const { re, parts } of TAIL_PATTERNS) {
    const m = re.exec(normalized);
    if (!m) continue;
    tail.head = normalized.slice(0, m.index);
    parts.forEach((part, i) => (tail[part] = stripZeros(m[i + 1] ?? '')));
    return tail;
  }
  return tail;
};

/** Optimal-string-alignment distance ≤ 1: one substitution, insertion, deletion or swap. */
export const isWithinOneEdit = (a: string, b: string): boolean => {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la > lb) return a.slice(i + 1) === b.slice(i);
  if (la < lb) return a.slice(i) === b.slice(i + 1);
  if (a.slice(i + 1) === b.slice(i + 1)) return true;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
};

/** Every string with exactly one character removed: the keys of a SymSpell deletion index. */
export const deletionsOf = (s: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
};
