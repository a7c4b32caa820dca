/**
 * A tiny local stand-in for the Razorpay endpoints the SDK calls (orders, refunds of a payment), so tests
 * exercise the real SDK over real HTTP without the internet. Razorpay takes no idempotency key, so neither
 * does this; it keeps each payment's refunds so the driver can find one it already asked for.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface FakeRazorpayRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface FakeRazorpay {
  url: string;
  keyId: string;
  keySecret: string;
  requests: FakeRazorpayRequest[];
  /** While true, creating a refund answers 500 (Razorpay having a bad moment). */
  refundsDown: boolean;
  /** The status a new refund answers with ('pending' until refund.processed, as for a normal-speed refund). */
  refundStatus: 'processed' | 'pending';
  /** While true, a refund is made but its answer is lost (the connection drops): the caller cannot know. */
  dropRefundAnswers: boolean;
  close(): Promise<void>;
}

const hex = (n: number) => randomBytes(n).toString('hex');

export async function startFakeRazorpay(): Promise<FakeRazorpay> {
  const requests: FakeRazorpayRequest[] = [];
  const refundsOf = new Map<string, Array<Record<string, unknown>>>();
  const fake: FakeRazorpay = {
    url: '',
    keyId: `rzp_test_${hex(7)}`,
    keySecret: hex(12),
    requests,
    refundsDown: false,
    refundStatus: 'processed',
    dropRefundAnswers: false,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };
  const error = (code: string, description: string) => ({ error: { code, description } });

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
      const path = (req.url ?? '').split('?')[0]!;
      requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      const expected = `Basic ${Buffer.from(`${fake.keyId}:${fake.keySecret}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return answer(res, 401, error('BAD_REQUEST_ERROR', 'Authentication failed'));
      if (req.method === 'POST' && path === '/v1/orders') {
        return answer(res, 200, {
          id: `order_${hex(7)}`,
          entity: 'order',
          amount: body.amount,
          amount_paid: 0,
          amount_due: body.amount,
          currency: body.currency ?? 'INR',
          receipt: body.receipt ?? null,
          notes: body.notes ?? {},
          status: 'created',
          attempts: 0,
          created_at: Math.floor(Date.now() / 1000),
        });
      }
      const refund = /^\/v1\/payments\/(pay_\w+)\/refunds?$/.exec(path);
      if (refund && req.method === 'GET' && path.endsWith('/refunds')) {
        const items = refundsOf.get(refund[1]!) ?? [];
        return answer(res, 200, { entity: 'collection', count: items.length, items });
      }
      if (refund && req.method === 'POST' && path.endsWith('/refund')) {
        if (fake.refundsDown) return answer(res, 500, error('SERVER_ERROR', 'temporarily unavailable'));
        const made = {
          id: `rfnd_${hex(7)}`,
          entity: 'refund',
          amount: body.amount,
          currency: 'INR',
          payment_id: refund[1],
          notes: body.notes ?? {},
          status: fake.refundStatus,
          created_at: Math.floor(Date.now() / 1000),
        };
        refundsOf.set(refund[1]!, [...(refundsOf.get(refund[1]!) ?? []), made]);
        if (fake.dropRefundAnswers) {
          req.socket.destroy();
          return;
        }
        return answer(res, 200, made);
      }
      return answer(res, 404, error('BAD_REQUEST_ERROR', 'The requested URL was not found on the server.'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  fake.url = `http://127.0.0.1:${port}`;
  return fake;
}
