// A LIKE pattern from what someone typed: their %, _ and \ match themselves, not any text.
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
