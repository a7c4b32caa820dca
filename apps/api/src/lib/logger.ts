import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, pretty = false): Logger {
  return pino(
    {
      level,
      // Secrets never reach the logs: cookies, auth headers and anything password- or token-shaped.
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'res.headers["set-cookie"]',
          '*.password',
          '*.passwordHash',
          '*.token',
          '*.code',
          'password',
          'passwordHash',
        ],
        censor: '[redacted]',
      },
      ...(pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
    },
    // Asynchronous writes (no fixed buffer, so a warning shows at once): a blocking write(2) per request
    // line caps throughput under load.
    pretty ? undefined : pino.destination({ dest: 1, sync: false }),
  );
}
