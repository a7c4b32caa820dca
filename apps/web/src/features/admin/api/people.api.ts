/** The admin console's store people: pickers, riders and store managers. */
import type { CreatePersonBody, PeopleQuery, Person, PeopleResponse, PersonResponse } from '@fatafat/contracts/people';
import { api } from '@/lib/api';

const peopleApi = api.enhanceEndpoints({ addTagTypes: ['AdminPeople'] }).injectEndpoints({
  endpoints: (build) => ({
    people: build.query<Person[], Partial<PeopleQuery>>({
      query: (params) => ({ url: '/admin/people', params: Object.fromEntries(Object.entries(params).filter(([, v]) => v)) }),
      transformResponse: (r: PeopleResponse) => r.items,
      providesTags: ['AdminPeople'],
    }),
    createPerson: build.mutation<Person, CreatePersonBody>({
      query: (body) => ({ url: '/admin/people', method: 'POST', body }),
      transformResponse: (r: PersonResponse) => r.person,
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminPeople'],
    }),
    setPersonDisabled: build.mutation<Person, { id: string; disabled: boolean }>({
      query: ({ id, disabled }) => ({ url: `/admin/people/${id}`, method: 'PATCH', body: { disabled } }),
      transformResponse: (r: PersonResponse) => r.person,
      invalidatesTags: ['AdminPeople'],
    }),
  }),
});

export const { usePeopleQuery, useCreatePersonMutation, useSetPersonDisabledMutation } = peopleApi;
