/** Multipart handling shared by uploads and CSV imports: one file held in memory, size-capped by multer. */
import express, { type Request, type RequestHandler } from 'express';
import multer from 'multer';
import { checkAuth } from '../../http/api-router';
import { badRequest } from '../../http/errors';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export function singleFile(field: string, maxBytes: number): RequestHandler {
  return multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 20 } }).single(field);
}

/** Accepts a CSV either as multipart field `file` or as a text/csv request body. */
export function csvBody(level: 'staff' | 'admin', maxBytes = MAX_IMAGE_BYTES): RequestHandler[] {
  return [authFirst(level), singleFile('file', maxBytes), express.text({ type: ['text/csv', 'text/plain'], limit: maxBytes })];
}

export function csvText(req: Request): string {
  if (req.file) return req.file.buffer.toString('utf8');
  if (typeof req.body === 'string' && req.body.length) return req.body;
  throw badRequest('file: send a CSV as multipart field "file" or as a text/csv body');
}

/** Refuses before a body is read, so anonymous clients cannot make the server buffer uploads. */
export function authFirst(level: 'staff' | 'admin'): RequestHandler {
  return (req, _res, next) => {
    try {
      checkAuth(level, req.user ?? null);
      next();
    } catch (err) {
      next(err);
    }
  };
}
