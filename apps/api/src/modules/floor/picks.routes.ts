import { AdminOrderEvent } from '@fatafat/contracts/admin';
import {
  BagLabel,
  ClaimBody,
  PackBody,
  PackResponse,
  PickLineBody,
  PickLineParams,
  PickParams,
  PickQueueQuery,
  PickQueueResponse,
  PickResponse,
} from '@fatafat/contracts/floor';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import { openAdminStream } from '../admin/admin.stream';
import * as service from './picks.service';

/** The picker app's API (/ops): pickers, their store's managers, and admins (who name the store). */
export function registerPickRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'get',
      path: '/ops/picks',
      summary: "My store's pick queue (oldest promise first) and my open picks",
      tag: 'ops: picking',
      auth: 'picker',
      query: PickQueueQuery,
      response: PickQueueResponse,
    },
    ({ user, query }) => service.getQueue(deps, user, query.storeId),
  );
  api.route(
    {
      method: 'get',
      path: '/ops/events',
      summary: "Live notices for my store's floor (Server-Sent Events: `order` events; the app refetches the queue)",
      tag: 'ops: picking',
      auth: 'picker',
      query: PickQueueQuery,
      response: AdminOrderEvent,
      responseContentType: 'text/event-stream',
    },
    ({ user, query, req, res }) => {
      openAdminStream(deps, user, service.floorStore(user, query.storeId), req, res);
    },
  );
  api.route(
    {
      method: 'post',
      path: '/ops/picks/claim',
      summary: 'Claim the next order (oldest promise first) or the one named; 409 when taken, 204 when the queue is empty',
      tag: 'ops: picking',
      auth: 'picker',
      body: ClaimBody,
      response: PickResponse,
    },
    async ({ user, body, res }) => {
      const pick = await service.claim(deps, user, body);
      if (!pick) {
        res.status(204).end();
        return undefined;
      }
      return { pick };
    },
  );
  api.route(
    {
      method: 'get',
      path: '/ops/picks/:orderId',
      summary: 'One pick with its lines in walking order',
      tag: 'ops: picking',
      auth: 'picker',
      params: PickParams,
      response: PickResponse,
    },
    ({ user, params }) => service.getPick(deps, user, params.orderId),
  );
  api.route(
    {
      method: 'post',
      path: '/ops/picks/:orderId/lines/:variantId',
      summary: 'Answer a line: found units, the scanned barcode (or none: confirmed by hand), the reason when short',
      tag: 'ops: picking',
      auth: 'picker',
      params: PickLineParams,
      body: PickLineBody,
      response: PickResponse,
    },
    ({ user, params, body }) => service.answerLine(deps, user, params.orderId, params.variantId, body),
  );
  api.route(
    {
      method: 'post',
      path: '/ops/picks/:orderId/packed',
      summary: 'Seal the bags: packing → packed, with the bag label (QR of the order id for the rider)',
      tag: 'ops: picking',
      auth: 'picker',
      params: PickParams,
      body: PackBody,
      response: PackResponse,
    },
    ({ user, params, body }) => service.pack(deps, user, params.orderId, body),
  );
  api.route(
    {
      method: 'get',
      path: '/ops/picks/:orderId/label',
      summary: "A packed order's bag label again (reprint)",
      tag: 'ops: picking',
      auth: 'picker',
      params: PickParams,
      response: BagLabel,
    },
    ({ user, params }) => service.getLabel(deps, user, params.orderId),
  );
}
