import { CheckoutBody, CheckoutResponse } from '@fatafat/contracts/checkout';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import { badRequest } from '../../http/errors';
import { checkout } from './checkout.service';

const KEY = /^[\x21-\x7e]{1,200}$/;

export function registerCheckoutRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'post',
      path: '/order',
      summary:
        'Place an order from the cart (or the given items). An Idempotency-Key header makes retries return the same order (200).',
      tag: 'checkout',
      auth: 'user',
      body: CheckoutBody,
      response: CheckoutResponse,
      status: 201,
      alsoAnswers: { 200: 'A retry with an Idempotency-Key already used: the order the first attempt placed' },
      requestHeaders: {
        'Idempotency-Key': {
          description:
            'Up to 200 printable ASCII characters, unique per intended order (a UUID). A retry with the same key and the same body answers 200 with the order already placed, or the error the first attempt got, and never places a second order; the same key with a different body is 422 idempotency_key_reused. A card order while another card order of yours waits for payment is 409 unpaid_order_open.',
        },
      },
      errors: [404, 409, 422],
    },
    async ({ user, body, req, res }) => {
      const key = req.get('idempotency-key');
      if (key !== undefined && !KEY.test(key)) throw badRequest('Idempotency-Key: 1–200 printable ASCII characters');
      const result = await checkout(deps, user, body, key);
      if (result.status === 201) res.setHeader('Location', `/api/order/${encodeURIComponent(result.body.order.id)}`);
      res.status(result.status).json(result.body);
    },
  );
}
