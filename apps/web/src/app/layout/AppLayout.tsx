import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from '@/components/ui/ErrorBoundary';
import { useAppSelector } from '@/app/hooks';
import { selectDrawerOpen } from '@/features/cart/cart.slice';
import { selectPickerOpen } from '@/features/location/location.slice';
import { useOnlineToasts } from '@/hooks/use-online';
import { Header } from './Header';
import { PageFallback } from './PageFallback';

/** Moves focus to the main region on client navigation so screen readers announce the new page. */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);
  return mainRef;
}

// The cart drawer and location picker load the first time someone opens them, keeping them (and their
// bill, coupon and geolocation code) out of the home page's first download.
const CartDrawer = lazy(() =>
  import('@/features/cart/components/CartDrawer').then((m) => ({ default: m.CartDrawer })),
);
const LocationPicker = lazy(() =>
  import('@/features/location/components/LocationPicker').then((m) => ({ default: m.LocationPicker })),
);

// The footer sits below every page's content and the phone cart bar only shows once something is in the
// cart: neither is needed for the first paint, so both (and the cart code) arrive in their own chunks.
const Footer = lazy(() => import('./Footer').then((m) => ({ default: m.Footer })));
const MobileCartBar = lazy(() =>
  import('@/features/cart/components/MobileCartBar').then((m) => ({ default: m.MobileCartBar })),
);

/** True from the first time `open` is true; the component then stays mounted to keep its state. */
function useOnceTrue(open: boolean): boolean {
  const [seen, setSeen] = useState(open);
  if (open && !seen) setSeen(true);
  return seen;
}

export function AppLayout() {
  const drawerLoaded = useOnceTrue(useAppSelector(selectDrawerOpen));
  const pickerLoaded = useOnceTrue(useAppSelector(selectPickerOpen));
  useOnlineToasts();
  const mainRef = useFocusOnNavigate();
  const { pathname } = useLocation();
  const hideCartBar = pathname.startsWith('/checkout') || pathname.startsWith('/order/');
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-ink px-3 py-2 text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <div className="no-print contents">
        <Header />
      </div>
      <main id="main" ref={mainRef} tabIndex={-1} className="flex-1 outline-none">
        <ErrorBoundary resetKey={pathname}>
          <Suspense fallback={<PageFallback />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
      {/* One boundary each, so a chunk still loading never hides a part that is already on screen. */}
      <Suspense fallback={null}>
        <Footer />
      </Suspense>
      <Suspense fallback={null}>{!hideCartBar && <MobileCartBar />}</Suspense>
      <Suspense fallback={null}>
        {drawerLoaded && <CartDrawer />}
        {pickerLoaded && <LocationPicker />}
      </Suspense>
    </div>
  );
}
