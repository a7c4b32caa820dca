/** Every module's routes, in the order they are matched. Add a module here and it is served and documented. */
import type { ApiRouter } from '../http/api-router';
import type { AppDeps } from '../deps';
import { registerSystemRoutes } from './system/system.routes';

export function registerModules(api: ApiRouter, deps: AppDeps): void {
  registerSystemRoutes(api, deps);
}
