/** A test-side Server-Sent Events reader over fetch: collects events and waits for the one a test expects. */
import { ACCESS_COOKIE } from '../../http/auth-context';
import type { HttpClient } from '../../test/http-client';

export interface SseMessage {
  id: string | undefined;
  event: string;
  data: string;
}

export interface SseStream {
  status: number;
  headers: Headers;
  /** Raw text received so far (retry lines and heartbeats included). */
  raw(): string;
  messages: SseMessage[];
  /** Resolves with the first message (already received or yet to come) matching `match`. */
  waitFor(match: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  /** Resolves when the server ends the stream (or close() aborts it). */
  ended: Promise<void>;
  /** Whether the stream has ended. */
  isEnded(): boolean;
  close(): void;
}

/** `extraHeaders`: what a browser adds on its own, such as `last-event-id` when it reconnects. */
export async function openSse(baseUrl: string, path: string, client?: HttpClient, extraHeaders: Record<string, string> = {}): Promise<SseStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { ...extraHeaders, accept: 'text/event-stream' };
  const cookie = client?.cookies.get(ACCESS_COOKIE);
  if (cookie) headers.cookie = `${ACCESS_COOKIE}=${cookie}`;
  const res = await fetch(baseUrl + path, { headers, signal: controller.signal });
  const messages: SseMessage[] = [];
  const waiters: Array<{ match: (m: SseMessage) => boolean; resolve: (m: SseMessage) => void }> = [];
  let raw = '';
  let buffer = '';

  const deliver = (m: SseMessage) => {
    messages.push(m);
    for (const w of [...waiters]) {
      if (w.match(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };

  let ended = false;
  let reading: Promise<void> = Promise.resolve();
  if (res.ok && res.body) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    reading = (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          const chunk = decoder.decode(value, { stream: true });
          raw += chunk;
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let id: string | undefined;
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('id: ')) id = line.slice(4);
              else if (line.startsWith('event: ')) event = line.slice(7);
              else if (line.startsWith('data: ')) data.push(line.slice(6));
            }
            if (data.length) deliver({ id, event, data: data.join('\n') });
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  }
  const done = reading.then(() => {
    ended = true;
  });

  return {
    status: res.status,
    headers: res.headers,
    raw: () => raw,
    messages,
    waitFor: (match, timeoutMs = 10_000) => {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching SSE message within ${timeoutMs} ms; got ${raw.slice(-500)}`)), timeoutMs);
        waiters.push({
          match,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    ended: done,
    isEnded: () => ended,
    close: () => controller.abort(),
  };
}
