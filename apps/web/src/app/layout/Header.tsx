import { lazy, Suspense, useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { Logo, LogoMark } from '@/components/ui/Logo';
import { AccountMenu } from '@/features/auth/components/AccountMenu';
import { CartButtonView } from '@/features/cart/components/CartButtonView';
import { DeliveryPromise } from '@/features/location/components/DeliveryPromise';
import { SearchBar } from '@/features/search/components/SearchBar';

// The cart's live figures need the cart code (server cart, guest cart, bill), which the home page's first
// paint does without: the button paints empty and fills in when that chunk arrives.
const CartButton = lazy(() =>
  import('@/features/cart/components/CartButton').then((m) => ({ default: m.CartButton })),
);

/** Sticky header. Phone: promise + account on one row, search under. Desktop: one row, cart on the right. */
/** Publishes the header's height as --header-h so sticky rails and bars sit right under it. */
function useHeaderHeightVar() {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const observer = new ResizeObserver(([entry]) => {
      const height = entry?.borderBoxSize[0]?.blockSize ?? node.offsetHeight;
      document.documentElement.style.setProperty('--header-h', `${Math.round(height)}px`);
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  return ref;
}

export function Header() {
  const ref = useHeaderHeightVar();
  return (
    <header ref={ref} className="sticky top-0 z-40 border-b border-line bg-white">
      <div className="mx-auto flex max-w-[1280px] flex-wrap items-center gap-x-3 gap-y-2.5 px-4 py-2.5 md:flex-nowrap md:gap-x-6 md:py-3">
        <Link to="/" aria-label="Fatafat home" className="shrink-0">
          <Logo className="hidden h-9 w-auto text-ink md:block" />
          <LogoMark className="size-9 md:hidden" />
        </Link>
        <span className="hidden h-12 w-px bg-line md:block" aria-hidden="true" />
        <DeliveryPromise className="min-w-0 flex-1 md:max-w-[240px] md:flex-none" />
        <div className="md:hidden">
          <AccountMenu compact />
        </div>
        <SearchBar className="order-last w-full md:order-none md:flex-1" />
        <div className="hidden items-center gap-2 md:flex">
          <AccountMenu />
          <Suspense fallback={<CartButtonView count={0} itemTotal={0} />}>
            <CartButton />
          </Suspense>
        </div>
      </div>
    </header>
  );
}
