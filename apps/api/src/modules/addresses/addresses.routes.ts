/** /api/address: the logged-in user's delivery addresses. */
import { IdParams } from '@fatafat/contracts/common';
import {
  AddressBody,
  AddressListResponse,
  AddressResponse,
  UpdateAddressBody,
} from '@fatafat/contracts/addresses';
import type { AppDeps } from '../../deps';
import type { ApiRouter } from '../../http/api-router';
import { createAddressesService } from './addresses.service';

const TAG = 'address';

export function registerAddressRoutes(api: ApiRouter, deps: AppDeps): void {
  const addresses = createAddressesService(deps.db);

  api.route(
    {
      method: 'get',
      path: '/address',
      summary: 'List my addresses (default first)',
      tag: TAG,
      auth: 'user',
      response: AddressListResponse,
    },
    async ({ user }) => ({ addresses: await addresses.list(user.id) }),
  );

  api.route(
    {
      method: 'post',
      path: '/address',
      summary: 'Add an address (the first one becomes the default)',
      tag: TAG,
      auth: 'user',
      body: AddressBody,
      response: AddressResponse,
      status: 201,
    },
    async ({ user, body }) => ({ address: await addresses.create(user.id, body) }),
  );

  api.route(
    {
      method: 'put',
      path: '/address/:id',
      summary: 'Change an address; { "isDefault": true } makes it the default',
      tag: TAG,
      auth: 'user',
      params: IdParams,
      body: UpdateAddressBody,
      response: AddressResponse,
    },
    async ({ user, params, body }) => ({ address: await addresses.update(user.id, params.id, body) }),
  );

  api.route(
    {
      method: 'post',
      path: '/address/:id/default',
      summary: 'Make an address the default',
      tag: TAG,
      auth: 'user',
      params: IdParams,
      response: AddressResponse,
    },
    async ({ user, params }) => ({ address: await addresses.setDefault(user.id, params.id) }),
  );

  api.route(
    {
      method: 'delete',
      path: '/address/:id',
      summary: 'Delete an address (the newest remaining one becomes the default)',
      tag: TAG,
      auth: 'user',
      params: IdParams,
      status: 204,
    },
    async ({ user, params }) => {
      await addresses.remove(user.id, params.id);
    },
  );
}
