import type { WalletResponse } from '@fatafat/contracts/refunds';
import { api } from '@/lib/api';

export type Wallet = WalletResponse;

export const walletApi = api.injectEndpoints({
  endpoints: (build) => ({
    getWallet: build.query<Wallet, void>({
      query: () => '/wallet',
      providesTags: ['Wallet'],
    }),
  }),
});

export const { useGetWalletQuery } = walletApi;
