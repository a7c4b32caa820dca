/**
 * Riders' routes (the rider app) and the store manager's dispatch routes. Thin: validate, call the service.
 * `rider` routes let riders, managers and admins knock; the service answers 403 to anyone but a rider, so a
 * manager cannot act as one. Manager routes are scoped to the manager's own store.
 */
import {
  AssignBody,
  CashQuery,
  CashResponse,
  DeliverBody,
  DepositBody,
  DispatchBoard,
  LocationBody,
  LocationResponse,
  OrderIdParams,
  PickupBody,
  ReasonBody,
  ResolveBody,
  RiderTasksResponse,
  ShiftBody,
  ShiftIdParams,
  ShiftResponse,
  StoreQuery,
  TaskResponse,
} from '@fatafat/contracts/dispatch';
import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import {
  acceptOffer,
  assignByHand,
  board,
  cashReport,
  declineOffer,
  deliver,
  listTasks,
  markUnreachable,
  pickUp,
  ping,
  recordDeposit,
  resolveUnreachable,
  setDuty,
  unlock,
} from './dispatch.service';

export const MapSettings = z.object({ tileUrl: z.string(), attribution: z.string() });

export function registerDispatchRoutes(api: ApiRouter, deps: AppDeps): void {
  const tag = 'riders';
  api.route(
    { method: 'get', path: '/settings/map', summary: "The tracking map's tile URL template and attribution", tag, auth: 'public', response: MapSettings },
    ({ res }) => {
      res.setHeader('Cache-Control', 'public, max-age=300');
      return deps.config.map;
    },
  );

  api.route(
    { method: 'post', path: '/rider/shift', summary: 'Go on duty or off duty (a shift with start and end)', tag, auth: 'rider', body: ShiftBody, response: ShiftResponse },
    ({ user, body }) => setDuty(deps, user, body.onDuty),
  );
  api.route(
    {
      method: 'post',
      path: '/rider/location',
      summary: "The rider's position while on duty (about every 5 s); untrustworthy positions are ignored",
      tag,
      auth: 'rider',
      body: LocationBody,
      response: LocationResponse,
      status: 202,
    },
    ({ user, body }) => ping(deps, user, body),
  );
  api.route(
    { method: 'get', path: '/rider/tasks', summary: "The rider's shift, open offer and the orders they hold", tag, auth: 'rider', response: RiderTasksResponse },
    ({ user }) => listTasks(deps, user),
  );
  api.route(
    { method: 'post', path: '/rider/tasks/:orderId/accept', summary: 'Accept an offer (within its 30 s)', tag, auth: 'rider', params: OrderIdParams, response: TaskResponse },
    async ({ user, params }) => ({ task: await acceptOffer(deps, user, params.orderId) }),
  );
  api.route(
    { method: 'post', path: '/rider/tasks/:orderId/decline', summary: 'Decline an offer: it goes to the next rider', tag, auth: 'rider', params: OrderIdParams, response: TaskResponse },
    async ({ user, params }) => ({ task: await declineOffer(deps, user, params.orderId) }),
  );
  api.route(
    {
      method: 'post',
      path: '/rider/tasks/:orderId/pickup',
      summary: "Scan the bag label (or type the order number) at the store: packed → out for delivery",
      tag,
      auth: 'rider',
      params: OrderIdParams,
      body: PickupBody,
      response: TaskResponse,
    },
    async ({ user, params, body }) => ({ task: await pickUp(deps, user, params.orderId, body.scan) }),
  );
  api.route(
    {
      method: 'post',
      path: '/rider/tasks/:orderId/deliver',
      summary: "Hand over with the customer's 4-digit code (three wrong codes lock the task); cash on delivery records what was collected",
      tag,
      auth: 'rider',
      params: OrderIdParams,
      body: DeliverBody,
      response: TaskResponse,
    },
    async ({ user, params, body }) => ({ task: await deliver(deps, user, params.orderId, body) }),
  );
  api.route(
    {
      method: 'post',
      path: '/rider/tasks/:orderId/unreachable',
      summary: 'After the wait at the door: the customer cannot be reached (the store manager decides)',
      tag,
      auth: 'rider',
      params: OrderIdParams,
      response: TaskResponse,
    },
    async ({ user, params }) => ({ task: await markUnreachable(deps, user, params.orderId) }),
  );

  api.route(
    { method: 'get', path: '/dispatch/board', summary: "The store's dispatch board: orders that need a rider, riders on duty", tag, auth: 'staff', query: StoreQuery, response: DispatchBoard },
    ({ user, query }) => board(deps, user, query.storeId),
  );
  api.route(
    { method: 'post', path: '/dispatch/:orderId/assign', summary: 'Give an order to an on-duty rider by hand', tag, auth: 'staff', params: OrderIdParams, body: AssignBody, response: DispatchBoard },
    ({ user, params, body }) => assignByHand(deps, user, params.orderId, body.riderId),
  );
  api.route(
    { method: 'post', path: '/dispatch/:orderId/unlock', summary: 'Unlock a delivery after three wrong codes, with a reason', tag, auth: 'staff', params: OrderIdParams, body: ReasonBody, response: DispatchBoard },
    ({ user, params, body }) => unlock(deps, user, params.orderId, body.reason),
  );
  api.route(
    {
      method: 'post',
      path: '/dispatch/:orderId/resolve',
      summary: 'An unreachable customer: re-attempt, or return to store (stock back, order cancelled, a paid one refunded)',
      tag,
      auth: 'staff',
      params: OrderIdParams,
      body: ResolveBody,
      response: DispatchBoard,
    },
    ({ user, params, body }) => resolveUnreachable(deps, user, params.orderId, body.action, body.reason),
  );
  api.route(
    { method: 'get', path: '/dispatch/cash', summary: "Per rider shift: cash and UPI collected, cash deposited, the difference", tag, auth: 'staff', query: CashQuery, response: CashResponse },
    ({ user, query }) => cashReport(deps, user, query.storeId, query.date),
  );
  api.route(
    { method: 'post', path: '/dispatch/cash/:shiftId/deposit', summary: 'Record the cash a rider deposited at the store', tag, auth: 'staff', params: ShiftIdParams, body: DepositBody, response: CashResponse, status: 201 },
    ({ user, params, body }) => recordDeposit(deps, user, params.shiftId, body.amount, body.note),
  );
}
