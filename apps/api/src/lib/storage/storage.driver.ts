/**
 * Where uploaded images go: local disk under DATA_DIR/uploads (served at /uploads by app.ts) by default,
 * Cloudinary when CLOUDINARY_URL is set. Both answer with a public URL for the stored object.
 */
import { createHash } from 'node:crypto';
import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../disk';

export interface StorageDriver {
  readonly kind: 'local' | 'cloudinary';
  /** Stores bytes under key (e.g. "products/ab12-400.webp") and returns its public URL. */
  put(key: string, data: Buffer, contentType: string): Promise<{ url: string }>;
  /** Deletes what put() stored under key (the rest of a set whose later part failed); absent keys are fine. */
  remove?(key: string): Promise<void>;
}

export class LocalDiskStorage implements StorageDriver {
  readonly kind = 'local';
  constructor(
    private readonly dir: string,
    private readonly publicBase = '/uploads',
  ) {}

  private fileOf(key: string): { safe: string; file: string } {
    const safe = key.replace(/[^a-zA-Z0-9/_.-]/g, '_').replace(/\.\.+/g, '.');
    return { safe, file: path.join(this.dir, safe) };
  }

  async put(key: string, data: Buffer): Promise<{ url: string }> {
    const { safe, file } = this.fileOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, data);
    return { url: `${this.publicBase}/${safe}` };
  }

  async remove(key: string): Promise<void> {
    await unlink(this.fileOf(key).file).catch(() => undefined);
  }
}

/** cloudinary://<api_key>:<api_secret>@<cloud_name>, signed uploads over plain fetch (no SDK). */
export class CloudinaryStorage implements StorageDriver {
  readonly kind = 'cloudinary';
  private readonly apiKey: string;
  private readonly apiSecret: string;
  private readonly cloudName: string;

  constructor(url: string, private readonly apiBase = 'https://api.cloudinary.com') {
    const u = new URL(url);
    if (u.protocol !== 'cloudinary:' || !u.username || !u.password || !u.hostname) {
      throw new Error('CLOUDINARY_URL must look like cloudinary://<api_key>:<api_secret>@<cloud_name>');
    }
    this.apiKey = decodeURIComponent(u.username);
    this.apiSecret = decodeURIComponent(u.password);
    this.cloudName = u.hostname;
  }

  async put(key: string, data: Buffer, contentType: string): Promise<{ url: string }> {
    const publicId = key.replace(/\.[a-z0-9]+$/i, '');
    const timestamp = Math.floor(Date.now() / 1000).toString();
    // Cloudinary signs the alphabetically sorted parameters followed by the secret.
    const signature = createHash('sha1')
      .update(`overwrite=true&public_id=${publicId}&timestamp=${timestamp}${this.apiSecret}`)
      .digest('hex');
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(data)], { type: contentType }), path.basename(key));
    form.set('public_id', publicId);
    form.set('overwrite', 'true');
    form.set('timestamp', timestamp);
    form.set('api_key', this.apiKey);
    form.set('signature', signature);
    const res = await fetch(`${this.apiBase}/v1_1/${this.cloudName}/image/upload`, { method: 'POST', body: form });
    if (!res.ok) throw new Error(`Cloudinary upload failed with ${res.status}`);
    const body = (await res.json()) as { secure_url?: string };
    if (!body.secure_url) throw new Error('Cloudinary answered without secure_url');
    return { url: body.secure_url };
  }
}

export function createStorage(config: { dataDir: string; storage: { cloudinaryUrl: string | undefined } }): StorageDriver {
  return config.storage.cloudinaryUrl
    ? new CloudinaryStorage(config.storage.cloudinaryUrl)
    : new LocalDiskStorage(path.join(config.dataDir, 'uploads'));
}
