import { BudgetsResponse, FloorBoard, FloorBudgets, FloorStats, FloorStatsQuery, FloorStoreQuery } from '@fatafat/contracts/floor-board';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import { floorBoard, floorStats, getBudgets, putBudgets } from './board.service';

/** The store manager's floor board (admin console): managers of the store, admins naming it. */
export function registerBoardRoutes(api: ApiRouter, deps: AppDeps): void {
  const tag = 'admin: floor';
  api.route(
    {
      method: 'get',
      path: '/admin/floor/board',
      summary: "The floor now: queue, each open order's time per stage against the budgets, pickers and their picks, orders needing a rider",
      tag,
      auth: 'staff',
      errors: [404],
      query: FloorStoreQuery,
      response: FloorBoard,
    },
    ({ user, query }) => floorBoard(deps, user, query.storeId),
  );
  api.route(
    {
      method: 'get',
      path: '/admin/floor/stats',
      summary: "A day's floor figures in the store's time zone: p50/p90 per stage, units per hour per picker, short-pick rate by reason",
      tag,
      auth: 'staff',
      errors: [404],
      query: FloorStatsQuery,
      response: FloorStats,
    },
    ({ user, query }) => floorStats(deps, user, query.storeId, query.date),
  );
  api.route(
    { method: 'get', path: '/admin/floor/budgets', summary: "The store's stage budgets (seconds)", tag, auth: 'staff', errors: [404], query: FloorStoreQuery, response: BudgetsResponse },
    ({ user, query }) => getBudgets(deps, user, query.storeId),
  );
  api.route(
    {
      method: 'put',
      path: '/admin/floor/budgets',
      summary: "Set the store's stage budgets (seconds): claim, pack, pickup, deliver",
      tag,
      auth: 'staff',
      errors: [404],
      query: FloorStoreQuery,
      body: FloorBudgets,
      response: BudgetsResponse,
    },
    ({ user, query, body }) => putBudgets(deps, user, query.storeId, body),
  );
}
