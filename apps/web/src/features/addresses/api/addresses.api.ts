import { api } from '@/lib/api';
import type { AddressListResponse, AddressResponse, UpdateAddressBody } from '@fatafat/contracts/addresses';
import type { Address, AddressInput } from '../types';

export const addressesApi = api.injectEndpoints({
  endpoints: (build) => ({
    getAddresses: build.query<Address[], void>({
      query: () => '/address',
      transformResponse: (response: AddressListResponse) => response.addresses,
      providesTags: ['Address'],
    }),
    createAddress: build.mutation<Address, AddressInput>({
      query: (body) => ({ url: '/address', method: 'POST', body }),
      transformResponse: (response: AddressResponse) => response.address,
      extraOptions: { quiet: true },
      invalidatesTags: ['Address'],
    }),
    updateAddress: build.mutation<Address, { id: string } & UpdateAddressBody>({
      query: ({ id, ...body }) => ({ url: `/address/${id}`, method: 'PUT', body }),
      transformResponse: (response: AddressResponse) => response.address,
      extraOptions: { quiet: true },
      invalidatesTags: ['Address'],
    }),
    deleteAddress: build.mutation<void, string>({
      query: (id) => ({ url: `/address/${id}`, method: 'DELETE' }),
      invalidatesTags: ['Address'],
    }),
  }),
});

export const {
  useGetAddressesQuery,
  useCreateAddressMutation,
  useUpdateAddressMutation,
  useDeleteAddressMutation,
} = addressesApi;
