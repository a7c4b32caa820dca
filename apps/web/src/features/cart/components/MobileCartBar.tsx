import { FiChevronRight, FiShoppingCart } from 'react-icons/fi';
import { useAppDispatch, useAppSelector } from '@/app/hooks';
import { formatMoney, plural } from '@/lib/format';
import { drawerOpened, selectDrawerOpen } from '../cart.slice';
import { useCart } from '../hooks/use-cart';

/** Phones: a sticky green bar at the bottom once the cart has items. */
export function MobileCartBar() {
  const dispatch = useAppDispatch();
  const drawerOpen = useAppSelector(selectDrawerOpen);
  const { count, itemTotal } = useCart();
  if (count === 0 || drawerOpen) return null;
  return (
    <div className="fixed inset-x-0 bottom-0 z-30 p-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] md:hidden">
      <button
        type="button"
        onClick={() => dispatch(drawerOpened())}
        data-testid="mobile-cart-bar"
        className="flex h-14 w-full animate-slide-up items-center gap-3 rounded-[var(--radius-card)] bg-action px-4 text-white shadow-[var(--shadow-float)]"
      >
        <span className="grid size-9 place-items-center rounded-lg bg-white/15">
          <FiShoppingCart className="size-5" aria-hidden="true" />
        </span>
        <span className="flex flex-col items-start leading-tight">
          <span className="text-[13px] font-semibold">{plural(count, 'item')}</span>
          <span className="text-[15px] font-bold tabular">{formatMoney(itemTotal)}</span>
        </span>
        <span className="ml-auto flex items-center gap-1 text-[15px] font-bold">
          View cart <FiChevronRight className="size-5" aria-hidden="true" />
        </span>
      </button>
    </div>
  );
}
