// Personal data shown to roles that do not need it in full: enough to tell people apart, not to use.

/** 330102199001011234 → 330102********1234 */
export const maskIdNumber = (id: string): string =>
  id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : '*'.repeat(id.length);

/** 13812345678 → 138****5678 */
export const maskPhone = (phone: string): string =>
  phone.length >= 8 ? `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}` : '*'.repeat(phone.length);

/** 张三 → 张*, 王小明 → 王*明, 欧阳小明 → 欧**明: the family name and, past two characters, the last. */
export const maskName = (name: string): string => {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
};
