import { IdParams } from '@fatafat/contracts/common';
import { RefundResponse } from '@fatafat/contracts/orders';
import { CreateRefundBody } from '@fatafat/contracts/refunds';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import { refundOrder } from './refunds.service';

export function registerRefundRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'post',
      path: '/admin/orders/:id/refunds',
      summary:
        'Refund lines of an order (what was paid for them) or an amount, to the card/UPI that paid or to the wallet (staff of its store, admins). 409 refund_exceeds_paid, line_over_refunded, nothing_to_refund; 422 line_not_in_order, no_card_payment',
      tag: 'admin',
      auth: 'staff',
      errors: [404, 409, 422],
      params: IdParams,
      body: CreateRefundBody,
      response: RefundResponse,
      status: 201,
    },
    ({ user, params, body }) => refundOrder(deps, user, params.id, body),
  );
}
