/** Every module's routes, in the order they are matched. Add a module here and it is served and documented. */
import type { ApiRouter } from '../http/api-router';
import type { AppDeps } from '../deps';
import { registerSystemRoutes } from './system/system.routes';
import { registerCatalogIdRoutes, registerCatalogRoutes } from './catalog/catalog.routes';
import { registerSearchRoutes } from './search/search.routes';
import { registerStoreRoutes } from './stores/stores.routes';
import { registerInventoryRoutes } from './inventory/inventory.routes';
import { registerUploadRoutes } from './uploads/uploads.routes';
import { registerUserRoutes } from './users/users.routes';
import { registerAddressRoutes } from './addresses/addresses.routes';
import { registerDevRoutes } from './dev/dev.routes';
import { registerOrderRoutes } from './orders/orders.routes';
import { registerTrackingRoutes } from './tracking/tracking.routes';
import { registerPaymentRoutes } from './payments/payments.routes';
import { registerCartRoutes } from './cart/cart.routes';
import { registerCheckoutRoutes } from './checkout/checkout.routes';
import { registerCouponRoutes } from './coupons/coupons.routes';
import { registerAdminRoutes } from './admin/admin.routes';
import { registerPeopleRoutes } from './floor/people.routes';
import { registerPickRoutes } from './floor/picks.routes';
import { registerZoneRoutes } from './zones/zones.routes';

export function registerModules(api: ApiRouter, deps: AppDeps): void {
  registerSystemRoutes(api, deps);
  registerCatalogRoutes(api, deps);
  registerCatalogIdRoutes(api, deps);
  registerSearchRoutes(api, deps);
  registerStoreRoutes(api, deps);
  registerZoneRoutes(api, deps);
  registerInventoryRoutes(api, deps);
  registerUploadRoutes(api, deps);
  registerUserRoutes(api, deps);
  registerAddressRoutes(api, deps);
  registerDevRoutes(api, deps);
  registerOrderRoutes(api, deps);
  registerTrackingRoutes(api, deps);
  registerPaymentRoutes(api, deps);
  registerCartRoutes(api, deps);
  registerCheckoutRoutes(api, deps);
  registerCouponRoutes(api, deps);
  registerAdminRoutes(api, deps);
  registerPeopleRoutes(api, deps);
  registerPickRoutes(api, deps);
}
