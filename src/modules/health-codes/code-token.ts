// The token inside a code's QR: the person and the time of issue, sealed with AES-256-GCM so it holds
// nothing readable and cannot be altered or made up. Its id (time of issue, then the random IV) lets
// the check records refuse a second use; ids of tokens in use are close in order, so claiming one
// touches the recent end of the index, not a random page.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'ZL1.';
const IV = 12, TAG = 16, BODY = 14; // person id (8) + issued at, seconds (4) + lifetime, seconds (2)

export type TokenKey = { id: number; secret: Uint8Array };
export type TokenClaims = { personId: number; issuedAt: Date; expiresAt: Date; tokenId: string };
export type TokenReading = { ok: true; claims: TokenClaims } | { ok: false; reason: 'forged' | 'expired' };

const tokenIdOf = (iat: number, iv: Buffer) => `${iat.toString(36).padStart(7, '0')}.${iv.toString('base64url')}`;

export const sealToken = (key: TokenKey, personId: number, issuedAt: Date, lifetimeSeconds: number): { token: string; claims: TokenClaims } => {
  const iv = randomBytes(IV);
  const body = Buffer.alloc(BODY);
  body.writeBigUInt64BE(BigInt(personId), 0);
  const iat = Math.floor(issuedAt.getTime() / 1000);
  body.writeUInt32BE(iat, 8);
  body.writeUInt16BE(lifetimeSeconds, 12);
  const cipher = createCipheriv('aes-256-gcm', key.secret, iv);
  const sealed = Buffer.concat([Buffer.of(key.id), iv, cipher.update(body), cipher.final(), cipher.getAuthTag()]);
  return {
    token: TOKEN_PREFIX + sealed.toString('base64url'),
    claims: { personId, issuedAt: new Date(iat * 1000), expiresAt: new Date((iat + lifetimeSeconds) * 1000), tokenId: tokenIdOf(iat, iv) },
  };
};

/** Opens a token with the key it names. Anything that does not open is forged. */
export const openToken = (keys: ReadonlyMap<number, TokenKey>, token: string, now: Date): TokenReading => {
  if (!token.startsWith(TOKEN_PREFIX)) return { ok: false, reason: 'forged' };
  const raw = Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url');
  if (raw.length !== 1 + IV + BODY + TAG) return { ok: false, reason: 'forged' };
  const key = keys.get(raw[0]!);
  if (!key) return { ok: false, reason: 'forged' };
  const iv = raw.subarray(1, 1 + IV);
  let body: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.secret, iv);
    decipher.setAuthTag(raw.subarray(1 + IV + BODY));
    body = Buffer.concat([decipher.update(raw.subarray(1 + IV, 1 + IV + BODY)), decipher.final()]);
  } catch {
    return { ok: false, reason: 'forged' };
  }
  const iat = body.readUInt32BE(8);
  const claims = {
    personId: Number(body.readBigUInt64BE(0)),
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date((iat + body.readUInt16BE(12)) * 1000),
    tokenId: tokenIdOf(iat, iv),
  };
  if (claims.expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
};
