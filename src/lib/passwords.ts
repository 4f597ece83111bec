// Passwords with node:crypto scrypt; session tokens are random and only their hash is stored.
import { hash, randomBytes, scrypt, timingSafeEqual, type BinaryLike } from 'node:crypto';

const scryptAsync = (password: BinaryLike, salt: BinaryLike, len: number) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, len, { N: 16384, r: 8, p: 1 }, (err, key) => (err ? reject(err) : resolve(key))),
  );

export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
};

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [kind, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
};

export const newToken = (): string => randomBytes(32).toString('base64url');

// One-shot hash: it is on every request's path.
export const hashToken = (token: string): string => hash('sha256', token, 'hex');
