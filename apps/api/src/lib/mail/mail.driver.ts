/**
 * Mail and SMS go through small drivers. The default `outbox` writes every message to DATA_DIR/outbox,
 * where a developer (and a test) can read it through GET /api/dev/outbox outside production.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
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

export class Outbox {
  /** Created once, not on every message: writes sit on the checkout path (order emails). */
  private ready: Promise<unknown> | undefined;

  constructor(private readonly dir: string) {}

  async write(message: Omit<OutboxMessage, 'id' | 'createdAt'>): Promise<OutboxMessage> {
    this.ready ??= mkdir(this.dir, { recursive: true }).catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    await this.ready;
    const createdAt = new Date().toISOString();
    // Time-ordered file names keep the listing newest-first without an index.
    const id = `${createdAt.replace(/[:.]/g, '-')}_${randomUUID().slice(0, 8)}`;
    const full: OutboxMessage = { id, createdAt, ...message };
    await writeFile(path.join(this.dir, `${id}.json`), JSON.stringify(full, null, 2));
    if (full.html) await writeFile(path.join(this.dir, `${id}.html`), full.html);
    return full;
  }

  async list(filter: { to?: string; limit?: number } = {}): Promise<OutboxMessage[]> {
    let files: string[];
    try {
      files = (await readdir(this.dir)).filter((f) => f.endsWith('.json'));
    } catch {
      return [];
    }
    files.sort().reverse();
    const out: OutboxMessage[] = [];
    for (const f of files) {
      const msg = JSON.parse(await readFile(path.join(this.dir, f), 'utf8')) as OutboxMessage;
      if (filter.to && msg.to.toLowerCase() !== filter.to.toLowerCase()) continue;
      out.push(msg);
      if (out.length >= (filter.limit ?? 50)) break;
    }
    return out;
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
