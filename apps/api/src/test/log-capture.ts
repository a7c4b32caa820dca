/** A logger whose lines a test reads back (what the app would have written to stdout). */
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export function capturedLogger(level = 'info'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}
