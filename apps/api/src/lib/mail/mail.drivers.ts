/**
 * The real-world mail drivers and the choice between them. Resend wins when RESEND_API_KEY is set, then
 * SMTP when SMTP_URL is set; otherwise mail lands in the outbox (DATA_DIR/outbox).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config';
import { OutboxMailDriver, type MailDriver, type OutgoingMail, type Outbox } from './mail.driver';

export class SmtpMailDriver implements MailDriver {
  readonly name = 'smtp';
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
    });
  }

  close(): void {
    this.transport.close();
  }
}

export class ResendMailDriver implements MailDriver {
  readonly name = 'resend';

  constructor(
    private readonly apiKey: string,
    private readonly from: string,
    /** Overridable so tests can point it at a local fake. */
    private readonly endpoint = 'https://api.resend.com/emails',
  ) {}

  async send(mail: OutgoingMail): Promise<void> {
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        from: this.from,
        to: [mail.to],
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) {
      // The body names the problem (bad key, unverified domain); never the key itself.
      const detail = (await res.text().catch(() => '')).slice(0, 300);
      throw new Error(`Resend refused the email (HTTP ${res.status}): ${detail}`);
    }
  }
}

export function createMailDriver(config: Config, outbox: Outbox): MailDriver {
  if (config.mail.resendApiKey) return new ResendMailDriver(config.mail.resendApiKey, config.mail.from);
  if (config.mail.smtpUrl) return new SmtpMailDriver(config.mail.smtpUrl, config.mail.from);
  return new OutboxMailDriver(outbox);
}
