import {
  AnswerSubstitutionBody,
  CallOutcomeBody,
  PickLineParams,
  PickParams,
  PickResponse,
  ProposeSubstitutionBody,
  SubstituteOptionsResponse,
  SubstitutionParams,
} from '@fatafat/contracts/floor';
import { OrderResponse } from '@fatafat/contracts/orders';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import { notFound } from '../../http/errors';
import { orderView } from '../orders/order.view';
import { actorOf } from '../orders/orders.service';
import { getPick } from './picks.service';
import * as service from './substitutions.service';

/** Short lines: the picker's substitute options, proposals and call outcomes, and the customer's answer. */
export function registerSubstitutionRoutes(api: ApiRouter, deps: AppDeps): void {
  const tag = 'ops: picking';
  api.route(
    {
      method: 'get',
      path: '/ops/picks/:orderId/lines/:variantId/substitutes',
      summary: 'What may replace a short line: similar items in stock here, at most 10 % dearer, nearest first',
      tag,
      auth: 'picker',
      errors: [409],
      params: PickLineParams,
      response: SubstituteOptionsResponse,
    },
    ({ user, params }) => service.substituteOptions(deps, user, params.orderId, params.variantId),
  );
  api.route(
    {
      method: 'post',
      path: '/ops/picks/:orderId/substitutions',
      summary: `Propose a substitute for a short line (its units are reserved); the customer answers within 90 s, or byPhone`,
      tag,
      auth: 'picker',
      errors: [409, 422],
      params: PickParams,
      body: ProposeSubstitutionBody,
      response: PickResponse,
    },
    async ({ user, params, body }) => {
      await service.proposeSubstitution(deps, user, params.orderId, body);
      return getPick(deps, user, params.orderId);
    },
  );
  api.route(
    {
      method: 'post',
      path: '/ops/picks/:orderId/lines/:variantId/call',
      summary: 'Record what came of calling a customer who asked to be called about a short line',
      tag,
      auth: 'picker',
      errors: [409],
      params: PickLineParams,
      body: CallOutcomeBody,
      response: PickResponse,
    },
    async ({ user, params, body }) => {
      await service.recordCallOutcome(deps, user, params.orderId, params.variantId, body);
      return getPick(deps, user, params.orderId);
    },
  );
  api.route(
    {
      method: 'post',
      path: '/order/:id/substitutions/:variantId',
      summary: "Accept or decline the store's proposed substitute for a short item (within 90 s of the proposal)",
      tag: 'orders',
      auth: 'user',
      errors: [409],
      params: SubstitutionParams,
      body: AnswerSubstitutionBody,
      response: OrderResponse,
    },
    async ({ user, params, body }) => {
      await service.answerSubstitution(deps, user, params.id, params.variantId, body.accept);
      const order = await orderView(deps.db, params.id, actorOf(user));
      if (!order) throw notFound('Order');
      return { order };
    },
  );
}
