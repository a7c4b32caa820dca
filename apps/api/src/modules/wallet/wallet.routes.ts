import { IdParams } from '@fatafat/contracts/common';
import { WalletCreditBody, WalletResponse } from '@fatafat/contracts/refunds';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import { creditGoodwill, walletOf } from './wallet.service';

export function registerWalletRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'get',
      path: '/wallet',
      summary: "The signed-in customer's Fatafat Cash: balance and the latest 100 entries (paise)",
      tag: 'wallet',
      auth: 'user',
      response: WalletResponse,
    },
    ({ user }) => walletOf(deps, user.id),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/users/:id/wallet-credits',
      summary: 'Give a customer Fatafat Cash as goodwill, with a reason (admins only); answers their wallet',
      tag: 'admin',
      auth: 'admin',
      errors: [404],
      params: IdParams,
      body: WalletCreditBody,
      response: WalletResponse,
      status: 201,
    },
    ({ user, params, body }) => creditGoodwill(deps, user, params.id, body),
  );
}
