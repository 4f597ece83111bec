// Personal data shown to roles that do not need it in full: enough to tell people apart, not to use.

/** 330102199001011234 → 330102********1234 */
export const maskIdNumber = (id: string): string =>
  id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : '*'.repeat(id.length);

/** 13812345678 → 138****5678 */
export const maskPhone = (phone: string): string =>
  phone.length >= 8 ? `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}` : '*'.repeat(phone.length);
