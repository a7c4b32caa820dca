import { combineSlices, configureStore } from '@reduxjs/toolkit';
import { setupListeners } from '@reduxjs/toolkit/query';
import { api } from '@/lib/api';
import { cartSlice } from '@/features/cart/cart.slice';
import { locationSlice } from '@/features/location/location.slice';
import { loadPersisted, persistOnChange } from './persist';

const rootReducer = combineSlices(api, cartSlice, locationSlice);

export type RootState = ReturnType<typeof rootReducer>;

export function makeStore(preloadedState?: Partial<RootState>) {
  const store = configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefault) => getDefault().concat(api.middleware),
  });
  // Refetch on focus/reconnect so stock and the cart are fresh when someone comes back to the tab.
  setupListeners(store.dispatch);
  return store;
}

export type AppStore = ReturnType<typeof makeStore>;
export type AppDispatch = AppStore['dispatch'];

/** The browser's store: restores the guest cart and delivery location saved on this device. */
export function makeBrowserStore(): AppStore {
  const store = makeStore(loadPersisted());
  persistOnChange(store);
  return store;
}
