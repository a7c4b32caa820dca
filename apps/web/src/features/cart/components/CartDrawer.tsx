import { useLocation, useNavigate } from 'react-router';
import { FiChevronRight, FiClock } from 'react-icons/fi';
import { useAppDispatch, useAppSelector } from '@/app/hooks';
import { Sheet } from '@/components/ui/Sheet';
import { Button } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';
import { Skeleton } from '@/components/ui/Skeleton';
import { formatMoney, plural } from '@/lib/format';
import { selectLocation } from '@/features/location/location.slice';
import { drawerClosed, selectDrawerOpen } from '../cart.slice';
import { useCart } from '../hooks/use-cart';
import { BillDetails } from './BillDetails';
import { CartLineItem } from './CartLineItem';
import { CouponRow } from './CouponRow';
import { FreeDeliveryNudge } from './FreeDeliveryNudge';
import { TipChooser } from './TipChooser';

/** The cart: right drawer on desktop, full screen on phones. */
export function CartDrawer() {
  const dispatch = useAppDispatch();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const open = useAppSelector(selectDrawerOpen);
  const location = useAppSelector(selectLocation);
  const { lines, count, isGuest, isLoading, cart, bill, itemTotal } = useCart();
  const close = () => dispatch(drawerClosed());
  const unavailable = lines.filter((line) => !line.available).length;

  const proceed = () => {
    close();
    if (pathname !== '/checkout') navigate('/checkout');
  };

  const footer =
    count > 0 ? (
      <div className="border-t border-line bg-white p-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] shadow-[var(--shadow-bar)]">
        <button
          type="button"
          onClick={proceed}
          disabled={unavailable > 0}
          data-testid="proceed"
          className="flex h-14 w-full items-center justify-between rounded-[var(--radius-card)] bg-action px-4 text-white transition-colors hover:bg-action-dark disabled:bg-muted"
        >
          <span className="flex flex-col items-start leading-tight">
            <span className="text-[15px] font-bold tabular">{formatMoney(bill?.total ?? itemTotal)}</span>
            <span className="text-[11px] font-semibold tracking-wide uppercase">Total</span>
          </span>
          <span className="flex items-center gap-1 text-[15px] font-bold">
            {unavailable > 0 ? 'Remove unavailable items' : isGuest ? 'Login to proceed' : 'Proceed'}
            {unavailable === 0 && <FiChevronRight className="size-5" aria-hidden="true" />}
          </span>
        </button>
      </div>
    ) : undefined;

  return (
    <Sheet open={open} onClose={close} title="My Cart" placement="right" fullScreenOnPhone footer={footer}>
      <div className="flex min-h-full flex-col gap-3 bg-surface p-3" data-testid="cart-drawer">
        {isLoading ? (
          <div className="flex flex-col gap-3 rounded-[var(--radius-card)] bg-white p-3.5">
            <Skeleton className="h-5 w-40" />
            <Skeleton className="h-16 w-full" />
            <Skeleton className="h-16 w-full" />
          </div>
        ) : count === 0 ? (
          <div className="rounded-[var(--radius-card)] bg-white">
            <EmptyState
              title="Your cart is empty"
              message="Fresh milk, hot snacks and everything in between — delivered in minutes."
              action={
                <Button
                  onClick={() => {
                    close();
                    navigate('/');
                  }}
                >
                  Start shopping
                </Button>
              }
            />
          </div>
        ) : (
          <>
            {bill && <FreeDeliveryNudge bill={bill} />}
            <section className="rounded-[var(--radius-card)] bg-white px-3.5 pt-3.5">
              <div className="flex items-center gap-3">
                <span className="grid size-10 place-items-center rounded-lg bg-surface">
                  <FiClock className="size-5 text-action" aria-hidden="true" />
                </span>
                <div>
                  <p className="text-[15px] font-bold">
                    {(cart?.etaMinutes ?? location?.etaMinutes)
                      ? `Delivery in ${cart?.etaMinutes ?? location?.etaMinutes} minutes`
                      : 'Delivery in minutes'}
                  </p>
                  <p className="text-[12px] text-muted">Shipment of {plural(count, 'item')}</p>
                </div>
              </div>
              {unavailable > 0 && (
                <p
                  role="alert"
                  className="mt-3 rounded-lg bg-danger-soft px-3 py-2 text-[13px] font-medium text-danger"
                >
                  {plural(unavailable, 'item is', 'items are')} out of stock at your store. Remove{' '}
                  {unavailable === 1 ? 'it' : 'them'} to continue.
                </p>
              )}
              <ul className="divide-y divide-line">
                {lines.map((line) => (
                  <CartLineItem key={line.variantId} line={line} onNavigate={close} signedIn={!isGuest} />
                ))}
              </ul>
            </section>
            {cart && bill ? (
              <>
                <CouponRow cart={cart} />
                <BillDetails bill={bill} />
                <TipChooser tip={cart.tip} />
              </>
            ) : (
              <div className="rounded-[var(--radius-card)] bg-white p-3.5 text-[13px] text-muted">
                <p className="flex justify-between text-[15px] font-bold text-ink">
                  <span>Items total</span>
                  <span className="tabular">{formatMoney(itemTotal)}</span>
                </p>
                <p className="mt-1">Log in to apply coupons and see delivery charges for your address.</p>
              </div>
            )}
            <section className="rounded-[var(--radius-card)] bg-white p-3.5">
              <h3 className="text-[15px] font-bold">Cancellation policy</h3>
              <p className="mt-1 text-[12px] leading-relaxed text-muted">
                Orders can be cancelled until the store starts packing them. Once packing begins we can't
                cancel, because your items are already on their way. A refund, if due, goes back to your
                payment method.
              </p>
            </section>
          </>
        )}
      </div>
    </Sheet>
  );
}
