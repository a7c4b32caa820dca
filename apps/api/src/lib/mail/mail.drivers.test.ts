import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createMailDriver, ResendMailDriver, SmtpMailDriver } from './mail.drivers';
import { Outbox, OutboxMailDriver } from './mail.driver';
import { orderEmail, otpEmail, passwordResetEmail, verificationEmail } from './templates';

const closers: Array<() => void> = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

/** The smallest SMTP server nodemailer will talk to: enough to capture one message. */
async function fakeSmtp(): Promise<{ port: number; received: Promise<string> }> {
  let resolve!: (data: string) => void;
  const received = new Promise<string>((r) => (resolve = r));
  const server: Server = createServer((socket) => {
    let inData = false;
    let buffer = '';
    let data = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            resolve(data);
            socket.write('250 queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') socket.write('250 fake\r\n');
        else if (cmd === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (cmd === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => server.close());
  return { port: (server.address() as AddressInfo).port, received };
}

describe('mail drivers', () => {
  it('when SMTP_URL is set, then mail goes out over SMTP with both parts', async () => {
    const smtp = await fakeSmtp();
    const config = loadConfig({
      NODE_ENV: 'test',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Fatafat <hi@fatafat.test>',
    });
    const driver = createMailDriver(config, new Outbox('/nonexistent'));
    expect(driver).toBeInstanceOf(SmtpMailDriver);
    await driver.send({
      to: 'asha@example.com',
      ...verificationEmail({ name: 'Asha', url: 'http://x/verify-email?token=abc', expiresInHours: 24 }),
    });
    (driver as SmtpMailDriver).close();
    const data = await smtp.received;
    expect(data).toMatch(/^To: asha@example\.com/m);
    expect(data).toMatch(/^From: Fatafat <hi@fatafat\.test>/m);
    expect(data).toContain('text/html');
    expect(data).toContain('text/plain');
  });

  it('when RESEND_API_KEY is set, then mail is posted to Resend with the key as bearer token', async () => {
    let seen: { auth?: string; body?: Record<string, unknown> } = {};
    const server: HttpServer = createHttpServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        if (req.headers.authorization !== 'Bearer re_test') {
          res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"API key is invalid"}');
          return;
        }
        seen = { auth: req.headers.authorization, body: JSON.parse(raw) as Record<string, unknown> };
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"e1"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => server.close());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/emails`;
    const config = loadConfig({ NODE_ENV: 'test', RESEND_API_KEY: 're_test', SMTP_URL: 'smtp://unused' });
    expect(createMailDriver(config, new Outbox('/nonexistent'))).toBeInstanceOf(ResendMailDriver);
    await new ResendMailDriver('re_test', 'Fatafat <hi@fatafat.test>', url).send({
      to: 'a@example.com',
      subject: 'S',
      html: '<p>h</p>',
      text: 't',
    });
    expect(seen.auth).toBe('Bearer re_test');
    expect(seen.body).toMatchObject({
      to: ['a@example.com'],
      subject: 'S',
      html: '<p>h</p>',
      text: 't',
      from: 'Fatafat <hi@fatafat.test>',
    });

    const refused = new ResendMailDriver('re_wrong', 'x', url).send({
      to: 'a@b.c',
      subject: 's',
      html: 'h',
      text: 't',
    });
    await expect(refused).rejects.toThrow(/HTTP 401.*API key is invalid/);
  });

  it('when neither is set, then the outbox driver is used', () => {
    expect(createMailDriver(loadConfig({ NODE_ENV: 'test' }), new Outbox('/tmp/x'))).toBeInstanceOf(
      OutboxMailDriver,
    );
  });
});

describe('mail templates', () => {
  it('escape user-provided values in HTML and keep a text part', () => {
    const m = verificationEmail({
      name: '<script>alert(1)</script>',
      url: 'https://shop.example/verify-email?token=a&b',
      expiresInHours: 24,
    });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;');
    expect(m.html).toContain('token=a&amp;b');
    expect(m.text).toContain('https://shop.example/verify-email?token=a&b');
    expect(passwordResetEmail({ url: 'u', expiresInMinutes: 60 }).subject).toMatch(/reset/i);
    expect(otpEmail({ code: '123456', expiresInMinutes: 10 }).subject).toContain('123456');
  });

  it('render an order email with items and the bill in rupees', () => {
    const base = {
      customerName: 'Asha',
      orderNumber: 'FF-1042',
      items: [{ name: 'Amul Taaza Milk', unit: '1 L', quantity: 2, totalPaise: 13600 }],
      subtotalPaise: 13600,
      deliveryFeePaise: 2500,
      discountPaise: 1000,
      totalPaise: 15100,
      orderUrl: 'https://shop.example/orders/FF-1042',
    };
    const placed = orderEmail({ ...base, kind: 'placed', etaMinutes: 12 });
    expect(placed.subject).toBe('Order FF-1042 confirmed');
    expect(placed.html).toContain('₹136');
    expect(placed.html).toContain('₹151');
    expect(placed.text).toContain('about 12 minutes');
    expect(orderEmail({ ...base, kind: 'delivered' }).subject).toBe('Order FF-1042 delivered');
    const cancelled = orderEmail({ ...base, kind: 'cancelled', reason: 'Out of stock <b>' });
    expect(cancelled.html).toContain('Out of stock &lt;b&gt;');
  });
});
