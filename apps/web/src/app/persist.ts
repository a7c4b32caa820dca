import type { AppStore, RootState } from './store';
import type { CartLine } from '@/features/cart/types';
import type { DeliveryLocation } from '@/features/location/types';

// Only the guest cart's contents and the chosen delivery location live on the device.
// Auth stays in HttpOnly cookies; nothing secret is ever written here.
const KEY = 'fatafat:v1';

interface Persisted {
  guestItems: CartLine[];
  location: DeliveryLocation | null;
}

function read(): Persisted | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Persisted>;
    return {
      guestItems: Array.isArray(parsed.guestItems) ? parsed.guestItems : [],
      location: parsed.location && typeof parsed.location === 'object' ? parsed.location : null,
    };
  } catch {
    // Private mode or a corrupt value: start fresh rather than crash the shop.
    return null;
  }
}

export function loadPersisted(): Partial<RootState> | undefined {
  const saved = read();
  if (!saved) return undefined;
  return {
    cart: { guestItems: saved.guestItems, drawerOpen: false },
    location: { current: saved.location, pickerOpen: false },
  };
}

export function persistOnChange(store: AppStore): void {
  let lastItems: CartLine[] | undefined;
  let lastLocation: DeliveryLocation | null | undefined;
  store.subscribe(() => {
    const state = store.getState();
    if (state.cart.guestItems === lastItems && state.location.current === lastLocation) return;
    lastItems = state.cart.guestItems;
    lastLocation = state.location.current;
    try {
      localStorage.setItem(KEY, JSON.stringify({ guestItems: lastItems, location: lastLocation }));
    } catch {
      // Storage full or blocked: the cart still works for this visit.
    }
  });
}
