/** The floor board in the admin console: the board, the day's figures, the budgets, and the dispatch actions it offers. */
import type { CashQuery, CashResponse, DispatchBoard } from '@fatafat/contracts/dispatch';
import type { BudgetsResponse, FloorBoard, FloorBudgets, FloorStats } from '@fatafat/contracts/floor-board';
import { api } from '@/lib/api';

const withStore = (storeId: string | undefined) => (storeId ? { storeId } : {});

export const floorEndpoints = api.enhanceEndpoints({ addTagTypes: ['FloorBoard', 'FloorStats', 'RiderCash'] }).injectEndpoints({
  endpoints: (build) => ({
    floorBoard: build.query<FloorBoard, { storeId?: string | undefined }>({
      query: ({ storeId }) => ({ url: '/admin/floor/board', params: withStore(storeId) }),
      providesTags: ['FloorBoard'],
    }),
    floorStats: build.query<FloorStats, { storeId?: string | undefined; date?: string | undefined }>({
      query: ({ storeId, date }) => ({ url: '/admin/floor/stats', params: { ...withStore(storeId), ...(date ? { date } : {}) } }),
      providesTags: ['FloorStats'],
    }),
    setBudgets: build.mutation<BudgetsResponse, { storeId?: string | undefined; budgets: FloorBudgets }>({
      query: ({ storeId, budgets }) => ({ url: '/admin/floor/budgets', method: 'PUT', params: withStore(storeId), body: budgets }),
      extraOptions: { quiet: true },
      invalidatesTags: ['FloorBoard', 'FloorStats'],
    }),
    assignRider: build.mutation<DispatchBoard, { orderId: string; riderId: string }>({
      query: ({ orderId, riderId }) => ({ url: `/dispatch/${orderId}/assign`, method: 'POST', body: { riderId } }),
      extraOptions: { quiet: true },
      invalidatesTags: ['FloorBoard'],
    }),
    unlockDelivery: build.mutation<DispatchBoard, { orderId: string; reason: string }>({
      query: ({ orderId, reason }) => ({ url: `/dispatch/${orderId}/unlock`, method: 'POST', body: { reason } }),
      extraOptions: { quiet: true },
      invalidatesTags: ['FloorBoard'],
    }),
    riderCash: build.query<CashResponse, Partial<CashQuery>>({
      query: ({ storeId, date }) => ({ url: '/dispatch/cash', params: { ...withStore(storeId), ...(date ? { date } : {}) } }),
      providesTags: ['RiderCash'],
    }),
    recordDeposit: build.mutation<CashResponse, { shiftId: string; amount: number; note?: string }>({
      query: ({ shiftId, ...body }) => ({ url: `/dispatch/cash/${shiftId}/deposit`, method: 'POST', body }),
      extraOptions: { quiet: true },
      invalidatesTags: ['RiderCash'],
    }),
  }),
});

export const {
  useFloorBoardQuery,
  useFloorStatsQuery,
  useSetBudgetsMutation,
  useAssignRiderMutation,
  useUnlockDeliveryMutation,
  useRiderCashQuery,
  useRecordDepositMutation,
} = floorEndpoints;
