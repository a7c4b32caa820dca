import type {
  BagLabel,
  CallOutcomeBody,
  ClaimBody,
  PackBody,
  PackResponse,
  Pick,
  PickLineBody,
  PickQueueResponse,
  PickResponse,
  ProposeSubstitutionBody,
  SubstituteOption,
  SubstituteOptionsResponse,
} from '@fatafat/contracts/floor';
import type { User } from '@fatafat/contracts/users';
import { api } from '@/lib/api';

const opsApi = api.enhanceEndpoints({ addTagTypes: ['OpsQueue'] });

/** The picker app's calls. Every change refetches the queue, which also carries my open picks. */
export const opsEndpoints = opsApi.injectEndpoints({
  endpoints: (build) => ({
    opsMe: build.query<User | null, void>({
      queryFn: async (_arg, _api, _extra, baseQuery) => {
        const result = await baseQuery({ url: '/user/profile' });
        if (result.error) {
          if (result.error.status === 401 || result.error.status === 403) return { data: null };
          return { error: result.error };
        }
        return { data: (result.data as { user: User }).user };
      },
      extraOptions: { quiet: true },
      providesTags: ['Profile'],
    }),
    pickQueue: build.query<PickQueueResponse, { storeId?: string | undefined }>({
      query: ({ storeId }) => ({ url: '/ops/picks', params: storeId ? { storeId } : {} }),
      providesTags: ['OpsQueue'],
    }),
    /** Answers null when the queue is empty (204). */
    claimPick: build.mutation<Pick | null, ClaimBody>({
      query: (body) => ({ url: '/ops/picks/claim', method: 'POST', body }),
      transformResponse: (r: PickResponse | null) => r?.pick ?? null,
      extraOptions: { quiet: true },
      invalidatesTags: ['OpsQueue'],
    }),
    answerLine: build.mutation<Pick, { orderId: string; variantId: string; body: PickLineBody }>({
      query: ({ orderId, variantId, body }) => ({ url: `/ops/picks/${orderId}/lines/${variantId}`, method: 'POST', body }),
      transformResponse: (r: PickResponse) => r.pick,
      extraOptions: { quiet: true },
      invalidatesTags: ['OpsQueue'],
    }),
    packPick: build.mutation<PackResponse, { orderId: string; body: PackBody }>({
      query: ({ orderId, body }) => ({ url: `/ops/picks/${orderId}/packed`, method: 'POST', body }),
      extraOptions: { quiet: true },
      invalidatesTags: ['OpsQueue'],
    }),
    substituteOptions: build.query<SubstituteOption[], { orderId: string; variantId: string }>({
      query: ({ orderId, variantId }) => `/ops/picks/${orderId}/lines/${variantId}/substitutes`,
      transformResponse: (r: SubstituteOptionsResponse) => r.options,
      keepUnusedDataFor: 0,
    }),
    proposeSubstitution: build.mutation<Pick, { orderId: string; body: ProposeSubstitutionBody }>({
      query: ({ orderId, body }) => ({ url: `/ops/picks/${orderId}/substitutions`, method: 'POST', body }),
      transformResponse: (r: PickResponse) => r.pick,
      extraOptions: { quiet: true },
      invalidatesTags: ['OpsQueue'],
    }),
    recordCall: build.mutation<Pick, { orderId: string; variantId: string; body: CallOutcomeBody }>({
      query: ({ orderId, variantId, body }) => ({ url: `/ops/picks/${orderId}/lines/${variantId}/call`, method: 'POST', body }),
      transformResponse: (r: PickResponse) => r.pick,
      extraOptions: { quiet: true },
      invalidatesTags: ['OpsQueue'],
    }),
    bagLabel: build.query<BagLabel, string>({
      query: (orderId) => `/ops/picks/${orderId}/label`,
    }),
  }),
});

export const {
  useOpsMeQuery,
  usePickQueueQuery,
  useClaimPickMutation,
  useAnswerLineMutation,
  usePackPickMutation,
  useBagLabelQuery,
  useSubstituteOptionsQuery,
  useProposeSubstitutionMutation,
  useRecordCallMutation,
} = opsEndpoints;
