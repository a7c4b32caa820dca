/**
 * Image uploads: the type is read from the file's first bytes (never its name or the client's header),
 * then sharp re-encodes it to WebP in a few widths, which also strips metadata and any hidden payload.
 */
import { randomBytes } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import type { UploadResponse } from '@fatafat/contracts/inventory';
import type { DbOrTx } from '../../db/client';
import { uploads } from '../../db/schema/index';
import { AppError, badRequest } from '../../http/errors';
import type { StorageDriver } from '../../lib/storage/storage.driver';

export type ImageType = 'jpeg' | 'png' | 'webp' | 'avif';
export const WIDTHS = [200, 400, 800] as const;

export function sniffImageType(b: Buffer): ImageType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (b.length >= 16 && b.toString('latin1', 4, 8) === 'ftyp') {
    // ISO-BMFF: major brand at 8..12, compatible brands after the minor version up to the box size.
    const boxSize = Math.min(b.readUInt32BE(0), b.length, 64);
    const brands = [b.toString('latin1', 8, 12)];
    for (let i = 16; i + 4 <= boxSize; i += 4) brands.push(b.toString('latin1', i, i + 4));
    if (brands.some((x) => x === 'avif' || x === 'avis')) return 'avif';
  }
  return null;
}

export async function storeImage(
  db: DbOrTx,
  storage: StorageDriver,
  ownerId: string,
  file: { buffer: Buffer } | undefined,
): Promise<UploadResponse> {
  if (!file || file.buffer.length === 0) throw badRequest('file: attach an image as multipart field "file"');
  const type = sniffImageType(file.buffer);
  if (!type) throw new AppError(415, 'unsupported_media_type', 'file: must be a JPEG, PNG, WebP or AVIF image');
  let meta: Metadata;
  try {
    meta = await sharp(file.buffer, { limitInputPixels: 40_000_000 }).metadata();
  } catch {
    throw badRequest('file: the image is damaged or cannot be read');
  }
  if (!meta.width || !meta.height) throw badRequest('file: the image has no dimensions');
  const widths = [...new Set(WIDTHS.map((w) => Math.min(w, meta.width!)))];
  const id = randomBytes(8).toString('hex');
  const files: UploadResponse['files'] = [];
  const written: string[] = [];
  try {
    for (const width of widths) {
      const { data, info } = await sharp(file.buffer, { limitInputPixels: 40_000_000 })
        .rotate()
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      const key = `images/${id}-${info.width}.webp`;
      const { url } = await storage.put(key, data, 'image/webp');
      written.push(key);
      files.push({ url, width: info.width, height: info.height });
    }
  } catch (err) {
    // All sizes or none: a failure part-way (a full disk) leaves no orphan files behind.
    await Promise.all(written.map((k) => storage.remove?.(k)));
    if (err instanceof AppError) throw err;
    if (err instanceof Error && /Input|unsupported|corrupt|VipsJpeg|pngload|webpload|heif/i.test(err.message))
      throw badRequest('file: the image is damaged or cannot be read');
    throw err;
  }
  const [row] = await db.insert(uploads).values({ ownerId, kind: 'image', files }).returning({ id: uploads.id });
  const preferred = files.find((f) => f.width >= 400) ?? files[files.length - 1]!;
  return { id: row!.id, url: preferred.url, files };
}
