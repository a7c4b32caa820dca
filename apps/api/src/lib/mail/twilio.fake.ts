/**
 * A tiny local stand-in for Twilio's Messages endpoint, so tests exercise the real SDK over real HTTP
 * without the internet. Answers the way Twilio does: 201 with the message resource, 401 for wrong
 * credentials, 400 with code 21211 for a number it cannot send to.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface FakeSms {
  accountSid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  sid: string;
}

export interface FakeTwilio {
  url: string;
  accountSid: string;
  authToken: string;
  /** Messages accepted, oldest first. */
  messages: FakeSms[];
  /** Numbers (E.164) answered with Twilio's 21211 "invalid To number". */
  invalidNumbers: Set<string>;
  /** While true, every send answers 503 (Twilio having a bad moment). */
  down: boolean;
  close(): Promise<void>;
}

const MESSAGES = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/;

function twilioError(status: number, code: number, message: string): string {
  return JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const fake: FakeTwilio = {
    url: '',
    accountSid: `AC${randomBytes(16).toString('hex')}`,
    authToken: randomBytes(16).toString('hex'),
    messages: [],
    invalidNumbers: new Set(),
    down: false,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      const reply = (status: number, body: string) => {
        res.statusCode = status;
        res.end(body);
      };
      const match = MESSAGES.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return reply(404, twilioError(404, 20404, 'The requested resource was not found'));
      const expected = `Basic ${Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64')}`;
      if (req.headers.authorization !== expected || match[1] !== fake.accountSid)
        return reply(401, twilioError(401, 20003, 'Authenticate'));
      if (fake.down) return reply(503, twilioError(503, 20500, 'Service unavailable'));
      const form = new URLSearchParams(raw);
      const to = form.get('To') ?? '';
      if (!/^\+[1-9]\d{6,14}$/.test(to) || fake.invalidNumbers.has(to))
        return reply(400, twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`));
      if (!form.get('From') && !form.get('MessagingServiceSid'))
        return reply(400, twilioError(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required"));
      const sms: FakeSms = {
        accountSid: match[1],
        to,
        from: form.get('From'),
        messagingServiceSid: form.get('MessagingServiceSid'),
        body: form.get('Body') ?? '',
        sid: `SM${randomBytes(16).toString('hex')}`,
      };
      fake.messages.push(sms);
      const now = new Date().toUTCString();
      reply(
        201,
        JSON.stringify({
          sid: sms.sid,
          account_sid: sms.accountSid,
          to: sms.to,
          from: sms.from,
          messaging_service_sid: sms.messagingServiceSid,
          body: sms.body,
          status: 'queued',
          direction: 'outbound-api',
          num_segments: '1',
          date_created: now,
          date_updated: now,
          api_version: '2010-04-01',
          uri: `/2010-04-01/Accounts/${sms.accountSid}/Messages/${sms.sid}.json`,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  fake.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return fake;
}
