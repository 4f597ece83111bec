/** A mainland mobile (11 digits from 1) or a landline with area code. */
export const PHONE_PATTERN = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
export const PHONE_HINT = 'a mobile (11 digits) or landline number';
