/**
 * A tiny local stand-in for Stripe's PaymentIntent and Refund endpoints, so tests exercise the real SDK
 * over real HTTP without the internet. Honours Idempotency-Key the way Stripe does: same key, same object.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  form: URLSearchParams;
}

export interface FakeStripe {
  url: string;
  requests: FakeRequest[];
  /** While true, refunds answer 500 (Stripe having a bad moment), as many times as asked. */
  refundsDown: boolean;
  close(): Promise<void>;
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const requests: FakeRequest[] = [];
  const byKey = new Map<string, unknown>();
  const fake: FakeStripe = {
    url: '',
    requests,
    refundsDown: false,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, form });
      res.setHeader('content-type', 'application/json');
      const cancel = /^\/v1\/payment_intents\/(pi_[0-9a-f]+)\/cancel$/.exec(req.url ?? '');
      if (req.method !== 'POST' || (req.url !== '/v1/payment_intents' && req.url !== '/v1/refunds' && !cancel)) {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'unknown endpoint' } }));
        return;
      }
      if (!String(req.headers.authorization ?? '').startsWith('Bearer sk_test_')) {
        res.statusCode = 401;
        res.end(JSON.stringify({ error: { type: 'authentication_error', message: 'bad key' } }));
        return;
      }
      if (cancel) {
        res.end(JSON.stringify({ id: cancel[1], object: 'payment_intent', status: 'canceled', cancellation_reason: form.get('cancellation_reason') }));
        return;
      }
      const key = String(req.headers['idempotency-key'] ?? '');
      if (req.url === '/v1/refunds' && fake.refundsDown) {
        res.statusCode = 500;
        res.end(JSON.stringify({ error: { type: 'api_error', message: 'temporarily unavailable' } }));
        return;
      }
      if (req.url === '/v1/refunds') {
        const refund = (key && byKey.get(key)) || {
          id: `re_${randomBytes(8).toString('hex')}`,
          object: 'refund',
          payment_intent: form.get('payment_intent'),
          amount: form.get('amount') === null ? null : Number(form.get('amount')),
          status: 'succeeded',
        };
        if (key) byKey.set(key, refund);
        res.end(JSON.stringify(refund));
        return;
      }
      let intent = key ? byKey.get(key) : undefined;
      if (!intent) {
        const id = `pi_${randomBytes(8).toString('hex')}`;
        intent = {
          id,
          object: 'payment_intent',
          amount: Number(form.get('amount')),
          currency: form.get('currency'),
          status: 'requires_payment_method',
          client_secret: `${id}_secret_${randomBytes(6).toString('hex')}`,
          metadata: { orderId: form.get('metadata[orderId]'), orderNumber: form.get('metadata[orderNumber]') },
        };
        if (key) byKey.set(key, intent);
      }
      res.end(JSON.stringify(intent));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  fake.url = `http://127.0.0.1:${port}`;
  return fake;
}
