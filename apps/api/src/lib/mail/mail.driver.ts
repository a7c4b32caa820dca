/**
 * Mail and SMS go through small drivers. The default `outbox` appends every message to DATA_DIR/outbox/outbox.jsonl,
 * where a developer (and a test) can read it through GET /api/dev/outbox outside production.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface OutgoingSms {
  to: string;
  text: string;
}

export interface OutboxMessage {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  subject?: string;
  text: string;
  html?: string;
  createdAt: string;
}

export interface MailDriver {
  readonly name: string;
  send(mail: OutgoingMail): Promise<void>;
}

export interface SmsDriver {
  readonly name: string;
  send(sms: OutgoingSms): Promise<void>;
}

/**
 * The outbox is one append-only JSON Lines file: writing a message is a single buffered append to a file
 * that stays open (no open/close per message, which cost more than rendering the email on the checkout
 * path), and appends from several processes never interleave within a line.
 */
export class Outbox {
  private log: WriteStream | undefined;

  constructor(private readonly dir: string) {}

  private get file(): string {
    return path.join(this.dir, 'outbox.jsonl');
  }

  async write(message: Omit<OutboxMessage, 'id' | 'createdAt'>): Promise<OutboxMessage> {
    const createdAt = new Date().toISOString();
    const full: OutboxMessage = { id: `${createdAt.replace(/[:.]/g, '-')}_${randomUUID().slice(0, 8)}`, createdAt, ...message };
    if (!this.log) {
      mkdirSync(this.dir, { recursive: true });
      this.log = createWriteStream(this.file, { flags: 'a' });
      // An error surfaces through the write callbacks below; this keeps it from crashing the process.
      this.log.on('error', () => undefined);
    }
    const log = this.log;
    // Resolves once the line is handed to the OS, so a reader right after send() sees the message.
    await new Promise<void>((resolve, reject) => log.write(`${JSON.stringify(full)}\n`, (err) => (err ? reject(err) : resolve())));
    return full;
  }

  /** Newest first. */
  async list(filter: { to?: string; limit?: number } = {}): Promise<OutboxMessage[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return [];
    }
    const lines = text.split('\n');
    const out: OutboxMessage[] = [];
    for (let i = lines.length - 1; i >= 0 && out.length < (filter.limit ?? 50); i -= 1) {
      let msg: OutboxMessage;
      try {
        msg = JSON.parse(lines[i]!) as OutboxMessage;
      } catch {
        continue; // empty, or a line still being appended by another process
      }
      if (filter.to && msg.to.toLowerCase() !== filter.to.toLowerCase()) continue;
      out.push(msg);
    }
    return out;
  }

  close(): void {
    this.log?.end();
    this.log = undefined;
  }
}

export class OutboxMailDriver implements MailDriver {
  readonly name = 'outbox';
  constructor(private readonly outbox: Outbox) {}
  async send(mail: OutgoingMail): Promise<void> {
    await this.outbox.write({ channel: 'email', to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
  }
}

export class OutboxSmsDriver implements SmsDriver {
  readonly name = 'outbox';
  constructor(private readonly outbox: Outbox) {}
  async send(sms: OutgoingSms): Promise<void> {
    await this.outbox.write({ channel: 'sms', to: sms.to, text: sms.text });
  }
}
