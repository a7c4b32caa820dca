import { IdParams } from '@fatafat/contracts/common';
import { PointTestResponse, ServiceabilityQuery } from '@fatafat/contracts/stores';
import {
  CapacityBody,
  HoursBody,
  PointTestQuery,
  SlotsResponse,
  StateBody,
  StoreSettings,
  StoreSettingsList,
  ZoneBody,
} from '@fatafat/contracts/zones';
import type { AppDeps } from '../../deps';
import type { ApiRouter } from '../../http/api-router';
import type { AuthUser } from '../../http/auth-context';
import { forbidden } from '../../http/errors';
import { deliverySlots, setCapacity, setHours, setState, setZone, storeSettingsList, testPoint } from './zones.service';

/** A store manager acts for their own store only; admins for any. */
function ownStore(user: AuthUser, storeId: string): void {
  if (user.role !== 'admin' && user.storeId !== storeId) throw forbidden('You can only manage your own store');
}

export function registerZoneRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'get',
      path: '/slots',
      summary: 'Delivery slots (30-minute windows) of the store serving a location, with places left',
      tag: 'stores',
      auth: 'public',
      query: ServiceabilityQuery,
      response: SlotsResponse,
    },
    async ({ query, res }) => {
      res.setHeader('Cache-Control', 'no-store');
      return deliverySlots(deps, query);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/admin/stores',
      summary: 'Stores with their zones, hours, state and caps (a manager sees their own store)',
      tag: 'admin',
      auth: 'staff',
      response: StoreSettingsList,
    },
    async ({ user }) => {
      const list = await storeSettingsList(deps);
      return user.role === 'admin' ? list : { ...list, items: list.items.filter((s) => s.id === user.storeId) };
    },
  );

  api.route(
    {
      method: 'get',
      path: '/admin/serviceability',
      summary: 'Test a point: would it be served, by which store, in how long, and which stores cover it',
      tag: 'admin',
      auth: 'staff',
      query: PointTestQuery,
      response: PointTestResponse,
    },
    async ({ query }) => testPoint(deps, query.lat, query.lng),
  );

  api.route(
    {
      method: 'put',
      path: '/admin/stores/:id/zone',
      summary: "Set a store's delivery zone (GeoJSON Polygon or MultiPolygon with holes; null: the radius serves)",
      tag: 'admin',
      auth: 'admin',
      params: IdParams,
      body: ZoneBody,
      response: StoreSettings,
    },
    async ({ params, body }) => setZone(deps, params.id, body.zone),
  );

  api.route(
    {
      method: 'put',
      path: '/admin/stores/:id/hours',
      summary: "Set a store's weekly opening hours and dated closures in its time zone",
      tag: 'admin',
      auth: 'staff',
      params: IdParams,
      body: HoursBody,
      response: StoreSettings,
    },
    async ({ params, body, user }) => {
      ownStore(user, params.id);
      return setHours(deps, params.id, body);
    },
  );

  api.route(
    {
      method: 'put',
      path: '/admin/stores/:id/state',
      summary: "Set a store's state: open, busy (longer ETA, surge fee) or paused (no new orders), with a reason",
      tag: 'admin',
      auth: 'staff',
      params: IdParams,
      body: StateBody,
      response: StoreSettings,
    },
    async ({ params, body, user }) => {
      ownStore(user, params.id);
      return setState(deps, params.id, body);
    },
  );

  api.route(
    {
      method: 'put',
      path: '/admin/stores/:id/capacity',
      summary: "Set a store's cap of orders per 10 minutes and each delivery slot's capacity",
      tag: 'admin',
      auth: 'admin',
      params: IdParams,
      body: CapacityBody,
      response: StoreSettings,
    },
    async ({ params, body }) => setCapacity(deps, params.id, body),
  );
}
