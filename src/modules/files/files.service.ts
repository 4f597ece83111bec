// Photos attached to events: type checked by content (not by name), size-limited, stored in the
// database so every API process sees them.
import { createHash } from 'node:crypto';
import { inScope } from '../../lib/scope.ts';
import type { Actor } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import * as repo from './files.repo.ts';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

// Magic numbers of the accepted image types.
const SIGNATURES: { mime: string; test: (b: Uint8Array) => boolean }[] = [
  { mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/png', test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { mime: 'image/webp', test: (b) => String.fromCharCode(...b.slice(0, 4)) === 'RIFF' && String.fromCharCode(...b.slice(8, 12)) === 'WEBP' },
];

export const detectImageType = (bytes: Uint8Array): string | null => SIGNATURES.find((s) => s.test(bytes))?.mime ?? null;

/** Stores a photo. Throws file.too_large, file.bad_type. */
export const uploadPhoto = async (deps: Deps, actor: Actor | null, bytes: Uint8Array) => {
  if (bytes.length > MAX_PHOTO_BYTES) throw new AppError('file.too_large', `照片不能超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB`);
  const mime = bytes.length > 12 ? detectImageType(bytes) : null;
  if (!mime) throw new AppError('file.bad_type', '只接受 JPEG、PNG 或 WebP 图片');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { id } = await repo.insertFile(deps.db, { mime, size: bytes.length, sha256, data: bytes, uploaded_by: actor?.userId ?? null, area_code: null });
  return { id, mime, size: bytes.length, sha256 };
};

/** A photo the caller uploaded or whose event lies in their scope. Throws file.not_found. */
export const getPhoto = async (deps: Deps, actor: Actor, id: number) => {
  const f = await repo.getFile(deps.db, id);
  const mine = f && f.uploaded_by === actor.userId;
  if (!f || !(mine || (f.area_code !== null && inScope(actor.scope, f.area_code)) || (await repo.isOnUnitEvent(deps.db, id, actor.unitId)))) {
    throw new AppError('file.not_found', `No photo ${id}`);
  }
  return f;
};

/** Throws event.bad_photo unless every id is a stored photo not yet attached to someone else's record. */
export const assertPhotosUsable = async (deps: Deps, ids: readonly number[], userId: number | null) => {
  if (ids.length === 0) return;
  if ((await repo.usableFiles(deps.db, ids, userId)).length !== new Set(ids).size) {
    throw new AppError('event.bad_photo', 'A photo id is unknown or belongs to another event');
  }
};
