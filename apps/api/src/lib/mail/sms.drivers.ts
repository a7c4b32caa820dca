/**
 * The real-world SMS driver and the choice between drivers: Twilio when SMS_DRIVER=twilio, otherwise the
 * outbox (DATA_DIR/outbox). The driver speaks E.164 (+919876543210); the app stores Indian numbers as
 * their ten digits, so the conversion lives here.
 */
import twilio from 'twilio';
import type { Config } from '../../config';
import { OutboxSmsDriver, type Outbox, type OutgoingSms, type SmsDriver } from './mail.driver';

const TWILIO_API = 'https://api.twilio.com';

/** Twilio's error code for a To number it cannot send to. */
const INVALID_TO = new Set([21211, 21614, 21217]);

/**
 * Why a message did not go: the provider found the number unusable (the caller can fix that), or the
 * provider could not be reached or refused us (nobody but the operator can).
 */
export class SmsSendError extends Error {
  constructor(
    readonly reason: 'invalid_number' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

/** Ten digits are an Indian mobile (the contract stores them so); anything else is already E.164. */
export function toE164(mobile: string): string {
  return /^\d{10}$/.test(mobile) ? `+91${mobile}` : mobile;
}

/**
 * The SDK's own HTTP client, sending to another origin: tests point it at a local fake, so the SDK's
 * request building, auth and error parsing are what is exercised.
 */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly base: string) {
    super({ timeout: 10_000 });
  }

  override request<TData>(opts: Parameters<twilio.RequestClient['request']>[0] & { data?: TData }) {
    const uri = opts.uri.startsWith(TWILIO_API) ? this.base.replace(/\/$/, '') + opts.uri.slice(TWILIO_API.length) : opts.uri;
    return super.request<TData>({ ...opts, uri });
  }
}

export class TwilioSmsDriver implements SmsDriver {
  readonly name = 'twilio';
  private readonly client: twilio.Twilio;

  constructor(private readonly settings: NonNullable<Config['sms']['twilio']>) {
    this.client = twilio(settings.accountSid, settings.authToken, {
      httpClient: settings.apiBase ? new RebasedRequestClient(settings.apiBase) : new twilio.RequestClient({ timeout: 10_000 }),
      // Never fall back to TWILIO_* variables of the process: the configuration is the one source.
      env: {},
    });
  }

  async send(sms: OutgoingSms): Promise<void> {
    const sender = this.settings.messagingServiceSid
      ? { messagingServiceSid: this.settings.messagingServiceSid }
      : { from: this.settings.from ?? '' };
    try {
      await this.client.messages.create({ to: toE164(sms.to), body: sms.text, ...sender });
    } catch (err) {
      // RestException carries Twilio's code and message, never the credentials; other errors (a timeout,
      // a refused connection) say only what failed.
      const e = err as { status?: number; code?: number | string; message?: string };
      if (typeof e.code === 'number' && INVALID_TO.has(e.code))
        throw new SmsSendError('invalid_number', `Twilio cannot send to this number (code ${e.code})`);
      const status = typeof e.status === 'number' ? ` (HTTP ${e.status}${e.code ? `, code ${e.code}` : ''})` : '';
      throw new SmsSendError('unavailable', `Twilio did not take the SMS${status}: ${(e.message ?? 'no reason given').slice(0, 200)}`);
    }
  }
}

export function createSmsDriver(config: Config, outbox: Outbox): SmsDriver {
  if (config.sms.twilio) return new TwilioSmsDriver(config.sms.twilio);
  return new OutboxSmsDriver(outbox);
}
