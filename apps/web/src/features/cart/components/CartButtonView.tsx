import { FiShoppingCart } from 'react-icons/fi';
import { useAppDispatch } from '@/app/hooks';
import { formatMoney, plural } from '@/lib/format';
import { drawerOpened } from '../cart.slice';

/**
 * Desktop header's green "My Cart": item count and total once there is something in it. Only the look:
 * the header paints it empty at once, and CartButton fills in the figures when the cart code arrives.
 */
export function CartButtonView({ count, itemTotal }: { count: number; itemTotal: number }) {
  const dispatch = useAppDispatch();
  return (
    <button
      type="button"
      onClick={() => dispatch(drawerOpened())}
      aria-haspopup="dialog"
      data-testid="cart-button"
      aria-label={count ? `My Cart: ${plural(count, 'item')}, ${formatMoney(itemTotal)}` : 'My Cart, empty'}
      className="flex h-12 min-w-[120px] items-center gap-2.5 rounded-[var(--radius-control)] bg-action px-3.5 text-white transition-colors hover:bg-action-dark"
    >
      <FiShoppingCart className="size-5" aria-hidden="true" />
      {count > 0 ? (
        <span className="flex flex-col items-start leading-tight">
          <span className="text-[13px] font-bold">{plural(count, 'item')}</span>
          <span className="text-[13px] font-bold tabular">{formatMoney(itemTotal)}</span>
        </span>
      ) : (
        <span className="text-[15px] font-bold">My Cart</span>
      )}
    </button>
  );
}
