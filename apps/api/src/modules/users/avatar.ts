/** Avatar images: sniff the real type from the bytes, then re-encode so nothing the user sent is served as is. */
import { mkdir, unlink } from 'node:fs/promises';
import { writeFileAtomic } from '../../lib/disk';
import path from 'node:path';
import sharp from 'sharp';
import { AppError, badRequest } from '../../http/errors';
import { randomSecret } from './users.tokens';

export const AVATAR_SIZE = 256;
const URL_PREFIX = '/uploads/avatars/';

/** Magic bytes of the formats we accept; the client's Content-Type and file name are not trusted. */
export function sniffImageType(buf: Buffer): 'jpeg' | 'png' | 'webp' | 'gif' | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (
    buf.length >= 8 &&
    buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'png';
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP')
    return 'webp';
  if (buf.length >= 6 && /^GIF8[79]a$/.test(buf.toString('latin1', 0, 6))) return 'gif';
  return null;
}

/** Re-encodes to a square 256px WebP under DATA_DIR/uploads/avatars and returns its public URL. */
export async function storeAvatar(dataDir: string, userId: string, input: Buffer): Promise<string> {
  if (!sniffImageType(input)) {
    throw new AppError(415, 'unsupported_media_type', 'Avatar must be a JPEG, PNG, WebP or GIF image');
  }
  let out: Buffer;
  try {
    // limitInputPixels stops decompression bombs: a tiny file that decodes to gigapixels.
    out = await sharp(input, { limitInputPixels: 40_000_000, animated: false })
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover' })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw badRequest('Avatar image could not be read; it may be damaged');
  }
  const dir = path.join(dataDir, 'uploads', 'avatars');
  await mkdir(dir, { recursive: true });
  // A new name per upload: the static server caches for a year, so a changed avatar needs a new URL.
  const file = `${userId}-${randomSecret().slice(0, 12)}.webp`;
  await writeFileAtomic(path.join(dir, file), out);
  return URL_PREFIX + file;
}

export async function removeAvatarFile(dataDir: string, url: string | null): Promise<void> {
  if (!url?.startsWith(URL_PREFIX)) return;
  const file = path.basename(url);
  await unlink(path.join(dataDir, 'uploads', 'avatars', file)).catch(() => undefined);
}
