import { api } from '@/lib/api';
import type { DeliverBody, LocationBody, LocationResponse, RiderTask, RiderTasksResponse, ShiftResponse } from '@fatafat/contracts/dispatch';

type TaskAnswer = { task: RiderTask | null };

export const ridersApi = api.injectEndpoints({
  endpoints: (build) => ({
    getRiderTasks: build.query<RiderTasksResponse, void>({
      query: () => '/rider/tasks',
      providesTags: ['RiderTasks'],
    }),
    setShift: build.mutation<ShiftResponse, boolean>({
      query: (onDuty) => ({ url: '/rider/shift', method: 'POST', body: { onDuty } }),
      extraOptions: { quiet: true },
      invalidatesTags: ['RiderTasks'],
    }),
    postLocation: build.mutation<LocationResponse, LocationBody>({
      query: (body) => ({ url: '/rider/location', method: 'POST', body }),
      extraOptions: { quiet: true },
    }),
    taskStep: build.mutation<TaskAnswer, { orderId: string; step: 'accept' | 'decline' | 'unreachable' }>({
      query: ({ orderId, step }) => ({ url: `/rider/tasks/${encodeURIComponent(orderId)}/${step}`, method: 'POST' }),
      extraOptions: { quiet: true },
      invalidatesTags: ['RiderTasks'],
    }),
    pickUp: build.mutation<TaskAnswer, { orderId: string; scan: string }>({
      query: ({ orderId, scan }) => ({ url: `/rider/tasks/${encodeURIComponent(orderId)}/pickup`, method: 'POST', body: { scan } }),
      extraOptions: { quiet: true },
      invalidatesTags: ['RiderTasks'],
    }),
    deliver: build.mutation<TaskAnswer, { orderId: string } & DeliverBody>({
      query: ({ orderId, ...body }) => ({ url: `/rider/tasks/${encodeURIComponent(orderId)}/deliver`, method: 'POST', body }),
      extraOptions: { quiet: true },
      invalidatesTags: ['RiderTasks'],
    }),
  }),
});

export const { useGetRiderTasksQuery, useSetShiftMutation, usePostLocationMutation, useTaskStepMutation, usePickUpMutation, useDeliverMutation } = ridersApi;
