// The token inside a code's QR: the person, the time of issue and the lifetime in one AES-256 block with
// four random bytes (no two tokens alike), then a tag over that block (encrypt-then-MAC). Nothing
// readable is in clear, and it cannot be altered or made up. Its id (time of issue, then the block) lets
// the check records refuse a second use; ids of tokens in use are close in order, so claiming one
// touches the recent end of the index, not a random page.
// The tag (ZL3) is the sealed block enciphered once more under a second derived key: a block cipher is
// a pseudorandom function on its one-block input, which is all a MAC of a single fixed-length block
// needs, and the key id needs no tag of its own, since another id picks other keys. ZL2 tokens, tagged
// with HMAC-SHA256 over the id and the block, still open until they expire. Opening is on every check's
// path: the AES contexts are made once per key and reused (single blocks have no chaining), because
// building a cipher per call cost more than everything else the check does in memory.
import { createCipheriv, createDecipheriv, hash, hkdfSync, randomBytes, timingSafeEqual, type Cipher, type Decipher } from 'node:crypto';

export const TOKEN_PREFIX = 'ZL3.';
const HMAC_PREFIX = 'ZL2.';
const BLOCK = 16, TAG = 16; // block: person id (6 bytes) | issued at, seconds (4) | lifetime, seconds (2) | random (4)

export type TokenKey = { id: number; secret: Uint8Array };
export type TokenClaims = { personId: number; issuedAt: Date; expiresAt: Date; tokenId: string };
export type TokenReading = { ok: true; claims: TokenClaims } | { ok: false; reason: 'forged' | 'expired' };

type KeyContext = { seal: Cipher; open: Decipher; tag: Cipher; inner: Buffer; outer: Buffer };
const contexts = new WeakMap<TokenKey, KeyContext>();

const contextOf = (key: TokenKey): KeyContext => {
  let c = contexts.get(key);
  if (c) return c;
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', key.secret, Buffer.alloc(0), info, 32));
  const aes = derive('zhili health-code token: aes'), mac = derive('zhili health-code token: hmac');
  const inner = Buffer.alloc(64, 0x36), outer = Buffer.alloc(64, 0x5c); // RFC 2104 pads
  for (let i = 0; i < mac.length; i++) {
    inner[i]! ^= mac[i]!;
    outer[i]! ^= mac[i]!;
  }
  const ecb = (k: Buffer) => createCipheriv('aes-256-ecb', k, null).setAutoPadding(false);
  c = { seal: ecb(aes), open: createDecipheriv('aes-256-ecb', aes, null).setAutoPadding(false), tag: ecb(derive('zhili health-code token: tag')), inner, outer };
  contexts.set(key, c);
  return c;
};

/** The ZL3 tag of a sealed block: the block enciphered under the tag key. */
export const blockTag = (key: TokenKey, block: Uint8Array): Buffer => {
  // The context is shared: anything but one whole block would stay inside it and spoil later tags.
  if (block.length !== BLOCK) throw new RangeError(`a token block is ${BLOCK} bytes`);
  return contextOf(key).tag.update(block);
};

/** HMAC-SHA256 (RFC 2104) of `data`, first 16 bytes: the tag of ZL2 tokens. */
export const tokenTag = (key: TokenKey, data: Uint8Array): Buffer => {
  const { inner, outer } = contextOf(key);
  return hash('sha256', Buffer.concat([outer, hash('sha256', Buffer.concat([inner, data]), 'buffer')]), 'buffer').subarray(0, TAG);
};

const tokenIdOf = (iat: number, block: Buffer) => `${iat.toString(36).padStart(7, '0')}.${block.toString('base64url')}`;

export const sealToken = (key: TokenKey, personId: number, issuedAt: Date, lifetimeSeconds: number): { token: string; claims: TokenClaims } => {
  const body = Buffer.alloc(BLOCK);
  body.writeUIntBE(personId, 0, 6);
  const iat = Math.floor(issuedAt.getTime() / 1000);
  body.writeUInt32BE(iat, 6);
  body.writeUInt16BE(lifetimeSeconds, 10);
  randomBytes(4).copy(body, 12);
  const sealed = Buffer.alloc(1 + BLOCK + TAG);
  sealed[0] = key.id;
  contextOf(key).seal.update(body).copy(sealed, 1);
  blockTag(key, sealed.subarray(1, 1 + BLOCK)).copy(sealed, 1 + BLOCK);
  const block = sealed.subarray(1, 1 + BLOCK);
  return {
    token: TOKEN_PREFIX + sealed.toString('base64url'),
    claims: { personId, issuedAt: new Date(iat * 1000), expiresAt: new Date((iat + lifetimeSeconds) * 1000), tokenId: tokenIdOf(iat, block) },
  };
};

/** Opens a token with the key it names. Anything that does not open is forged. */
export const openToken = (keys: ReadonlyMap<number, TokenKey>, token: string, now: Date): TokenReading => {
  const hmac = token.startsWith(HMAC_PREFIX);
  if (!hmac && !token.startsWith(TOKEN_PREFIX)) return { ok: false, reason: 'forged' };
  const raw = Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url'); // both prefixes are four characters
  if (raw.length !== 1 + BLOCK + TAG) return { ok: false, reason: 'forged' };
  const key = keys.get(raw[0]!);
  const block = raw.subarray(1, 1 + BLOCK);
  if (!key || !timingSafeEqual(hmac ? tokenTag(key, raw.subarray(0, 1 + BLOCK)) : blockTag(key, block), raw.subarray(1 + BLOCK))) return { ok: false, reason: 'forged' };
  const body = contextOf(key).open.update(block);
  const iat = body.readUInt32BE(6);
  const claims = {
    personId: body.readUIntBE(0, 6),
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date((iat + body.readUInt16BE(10)) * 1000),
    tokenId: tokenIdOf(iat, block),
  };
  if (claims.expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
};
