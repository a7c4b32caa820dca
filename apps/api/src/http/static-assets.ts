import { readdirSync } from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';

/** What the web build precompresses (see apps/web/build-plugins.ts), most compact first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Serves the web build's hashed assets for a year, and the brotli or gzip file written next to each one at
 * build time when the browser accepts it: maximum compression that costs no CPU per request, unlike
 * compressing on the fly. Anything without a precompressed twin falls through to the plain file (which the
 * compression middleware still compresses).
 */
export function staticAssets(dir: string): RequestHandler {
  // Read once: the hashed files never change while the server runs. A rebuild without a restart only
  // means new files are compressed on the fly until the next start.
  let files: Set<string>;
  try {
    files = new Set(
      readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => f.split(path.sep).join('/')),
    );
  } catch {
    files = new Set();
  }
  const serve = express.static(dir, { immutable: true, maxAge: '365d', index: false });

  return (req, res, next) => {
    const type = TYPES[path.extname(req.path)];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !type) return serve(req, res, next);
    // Every response here differs by Accept-Encoding, including the uncompressed one.
    res.vary('Accept-Encoding');
    const file = req.path.replace(/^\/+/, '');
    // The server's preference (brotli, then gzip) decides among encodings the browser accepts at all.
    const encoding = ENCODINGS.find(
      (e) => files.has(file + e.suffix) && req.acceptsEncodings(e.name) === e.name,
    );
    if (!encoding) return serve(req, res, next);
    const url = req.url;
    const query = url.indexOf('?');
    req.url = query === -1 ? url + encoding.suffix : url.slice(0, query) + encoding.suffix + url.slice(query);
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Encoding', encoding.name);
    serve(req, res, (err?: unknown) => {
      // The twin vanished since startup: undo the rewrite so the next handler sees the request as it came.
      req.url = url;
      res.removeHeader('Content-Encoding');
      res.removeHeader('Content-Type');
      next(err);
    });
  };
}
