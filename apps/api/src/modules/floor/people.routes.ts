import { IdParams } from '@fatafat/contracts/common';
import { CreatePersonBody, PeopleQuery, PeopleResponse, PersonPatch, PersonResponse } from '@fatafat/contracts/people';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import { createPerson, listPeople, updatePerson } from './people.service';

export function registerPeopleRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'post',
      path: '/admin/people',
      summary: 'Create a picker, rider or store manager at a store (managers: pickers and riders of their own store)',
      tag: 'admin: people',
      auth: 'staff',
      errors: [409],
      body: CreatePersonBody,
      response: PersonResponse,
      status: 201,
    },
    ({ user, body }) => createPerson(deps.db, user, body, deps.config.bcryptRounds),
  );
  api.route(
    {
      method: 'get',
      path: '/admin/people',
      summary: "A store's pickers, riders and managers (managers: their own store)",
      tag: 'admin: people',
      auth: 'staff',
      query: PeopleQuery,
      response: PeopleResponse,
    },
    ({ user, query }) => listPeople(deps.db, user, query),
  );
  api.route(
    {
      method: 'patch',
      path: '/admin/people/:id',
      summary: 'Disable or enable a person (disabling ends their sessions)',
      tag: 'admin: people',
      auth: 'staff',
      params: IdParams,
      body: PersonPatch,
      response: PersonResponse,
    },
    ({ user, params, body }) => updatePerson(deps.db, user, params.id, body),
  );
}
