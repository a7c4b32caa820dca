import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { notify } from '@/lib/notify';
import { FiChevronRight, FiClock, FiCreditCard, FiPlus } from 'react-icons/fi';
import { useAppDispatch, useAppSelector } from '@/app/hooks';
import { EmptyState } from '@/components/ui/EmptyState';
import { ProductImage } from '@/components/ui/ProductImage';
import { Sheet } from '@/components/ui/Sheet';
import { Skeleton } from '@/components/ui/Skeleton';
import { Spinner } from '@/components/ui/Spinner';
import { FormError } from '@/components/ui/FormError';
import { env } from '@/config/env';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { api, errorCode, errorDetails, errorMessage } from '@/lib/api';
import { cn } from '@/lib/cn';
import { formatMoney, plural } from '@/lib/format';
import { useGetAddressesQuery } from '@/features/addresses/api/addresses.api';
import { AddressServiceNote } from '@/features/location/components/AddressServiceNote';
import { AddressCard } from '@/features/addresses/components/AddressCard';
import { AddressForm } from '@/features/addresses/components/AddressForm';
import { addressLine, type Address } from '@/features/addresses/types';
import { useCurrentUser } from '@/features/auth/api/auth.api';
import { AuthPanel } from '@/features/auth/components/AuthPanel';
import { BillDetails } from '@/features/cart/components/BillDetails';
import { CouponRow } from '@/features/cart/components/CouponRow';
import { TipChooser } from '@/features/cart/components/TipChooser';
import { drawerOpened } from '@/features/cart/cart.slice';
import { useCart } from '@/features/cart/hooks/use-cart';
import { CheckoutSection } from '@/features/checkout/components/CheckoutSection';
import { useCheckServiceabilityQuery } from '@/features/location/api/location.api';
import { locationChosen, selectLocation } from '@/features/location/location.slice';
import { toLocation } from '@/features/location/serviceability';
import { SlotPicker } from '@/features/checkout/components/SlotPicker';
import { useGetPaymentConfigQuery, usePlaceOrderMutation, useVerifyRazorpayPaymentMutation } from '@/features/orders/api/orders.api';
import { CheckoutClosed, payWithRazorpay } from '@/features/checkout/razorpay-checkout';
import type { PlaceOrderResult } from '@/features/orders/types';
import { useGetWalletQuery } from '@/features/wallet/api/wallet.api';

const CardPaymentForm = lazy(() => import('@/features/checkout/components/CardPaymentForm'));

type PaymentMethod = 'cod' | 'card' | 'razorpay';

function newKey(): string {
  return crypto.randomUUID();
}

export function Component() {
  useDocumentTitle('Checkout');
  const navigate = useNavigate();
  const dispatch = useAppDispatch();
  const { user, isLoading: userLoading } = useCurrentUser();
  const { lines, count, cart, bill, isLoading: cartLoading } = useCart();
  const { data: addresses, isLoading: addressesLoading } = useGetAddressesQuery(undefined, { skip: !user });
  const { data: paymentConfig } = useGetPaymentConfigQuery(undefined, { skip: !user });
  const [placeOrder, { isLoading: placing }] = usePlaceOrderMutation();
  const { data: wallet } = useGetWalletQuery(undefined, { skip: !user });
  const [payFromWallet, setPayFromWallet] = useState(true);

  const [chosenAddressId, setAddressId] = useState<string | null>(null);
  const [addingChosen, setAdding] = useState(false);
  const [method, setMethod] = useState<PaymentMethod>('cod');
  const [cardOrder, setCardOrder] = useState<PlaceOrderResult | null>(null);
  const [verifyRazorpay] = useVerifyRazorpayPaymentMutation();
  // A Razorpay order placed but not yet paid (Checkout closed, or its script would not load): it stays payable.
  const [razorpayOrder, setRazorpayOrder] = useState<PlaceOrderResult | null>(null);
  const [razorpayError, setRazorpayError] = useState<string | null>(null);
  const [razorpayOpening, setRazorpayOpening] = useState(false);
  const [stockError, setStockError] = useState<string | null>(null);

  // Deliver to the address chosen in the header (remembered on this device, so a reload keeps it), else
  // to a saved address in the header's pincode, else the default (or first); with none saved, open the form.
  const header = useAppSelector(selectLocation);
  const addressId =
    chosenAddressId ??
    addresses?.find((a) => a.id === header?.addressId)?.id ??
    (header && !header.addressId ? addresses?.find((a) => a.pincode === header.pincode)?.id : undefined) ??
    addresses?.find((a) => a.isDefault)?.id ??
    addresses?.[0]?.id ??
    null;
  const adding = addingChosen || (!!addresses && addresses.length === 0);
  const address = addresses?.find((a) => a.id === addressId);
  const { data: serviceability, isFetching: checkingArea } = useCheckServiceabilityQuery(
    address?.lat != null && address.lng != null
      ? { lat: address.lat, lng: address.lng }
      : { pincode: address?.pincode ?? '' },
    { skip: !address },
  );

  // Keep the header's promise and the catalogue's stock in step with the address being delivered to.
  useEffect(() => {
    if (!address || !serviceability) return;
    dispatch(
      locationChosen(
        toLocation(`${address.label[0]!.toUpperCase()}${address.label.slice(1)} · ${address.line1}`, serviceability, {
          pincode: address.pincode,
          addressId: address.id,
          lat: address.lat ?? undefined,
          lng: address.lng ?? undefined,
        }),
      ),
    );
  }, [address, serviceability, dispatch]);

  const unserved = serviceability?.reason === 'not_in_zone';
  // Closed or paused: the order can still be placed for a delivery slot.
  const notNow = !!serviceability && !serviceability.serviceable && !unserved;
  const [slotChosen, setSlot] = useState<string | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const slot = notNow || scheduling ? slotChosen : null;

  const publishableKey = env.stripePublishableKey ?? paymentConfig?.publishableKey ?? undefined;
  const cardAvailable = !!publishableKey && (paymentConfig?.cardEnabled ?? !!env.stripePublishableKey);
  const razorpayAvailable = !!paymentConfig?.providers?.includes('razorpay');

  // One Idempotency-Key per distinct attempt: a retry of the same attempt reuses it (so a double tap or a
  // lost response never makes two orders); changing what is being ordered starts a new attempt.
  const fingerprint = useMemo(
    () =>
      JSON.stringify([
        addressId,
        method,
        slot,
        cart?.tip,
        cart?.coupon?.code,
        lines.map((l) => [l.variantId, l.quantity]),
      ]),
    [addressId, method, slot, cart, lines],
  );
  const keyRef = useRef<{ fingerprint: string; key: string } | null>(null);
  function idempotencyKey(): string {
    if (keyRef.current?.fingerprint !== fingerprint) keyRef.current = { fingerprint, key: newKey() };
    return keyRef.current.key;
  }

  const unavailable = lines.filter((l) => !l.available);
  const canPlace =
    !!user &&
    !!address &&
    !!cart &&
    count > 0 &&
    unavailable.length === 0 &&
    !unserved &&
    !checkingArea &&
    (!notNow || !!slot);

  // Fatafat Cash pays what it can (the server recomputes it); the chosen method pays the rest.
  const balance = wallet?.balance ?? 0;
  const walletPays = payFromWallet ? Math.min(balance, bill?.total ?? 0) : 0;
  const toPay = (bill?.total ?? 0) - walletPays;

  async function onPlace() {
    if (!address || !cart) return;
    setStockError(null);
    try {
      const result = await placeOrder({
        addressId: address.id,
        paymentMethod: method === 'cod' ? 'cod' : 'card',
        ...(method === 'card' ? { provider: 'stripe' as const } : method === 'razorpay' ? { provider: 'razorpay' as const } : {}),
        ...(walletPays > 0 ? { useWallet: true } : {}),
        ...(slot ? { slotStartsAt: slot } : {}),
        idempotencyKey: idempotencyKey(),
      }).unwrap();
      keyRef.current = null;
      dispatch(api.util.invalidateTags(['Wallet']));
      if (result.payment?.provider === 'stripe') {
        setCardOrder(result);
        return;
      }
      if (result.payment?.provider === 'razorpay') {
        setRazorpayOrder(result);
        await openRazorpay(result);
        return;
      }
      notify.success(`Order ${result.order.number} placed!`);
      navigate(`/order/${result.order.id}`, { replace: true });
    } catch (error) {
      if (errorCode(error) === 'out_of_stock') {
        const details = errorDetails(error) as { lines?: Array<{ name?: string }> } | undefined;
        const names = details?.lines
          ?.map((l) => l.name)
          .filter(Boolean)
          .join(', ');
        setStockError(
          names
            ? `Sorry, ${names} just went out of stock. Update your cart to continue.`
            : errorMessage(error),
        );
        dispatch(api.util.invalidateTags(['Cart', 'Product']));
      } else if (errorCode(error) === 'wallet_balance_changed') {
        // Another checkout spent the balance: show the new one and let them place again.
        dispatch(api.util.invalidateTags(['Wallet']));
        notify.error(errorMessage(error));
      } else if (errorCode(error) === 'unpaid_order_open') {
        // One unpaid card order at a time: take them to it, where they can cancel it and order again.
        const open = errorDetails(error) as { orderId?: string } | undefined;
        notify.error(errorMessage(error));
        if (open?.orderId) navigate(`/order/${open.orderId}`);
      } else if (['store_closed', 'store_paused', 'slot_full', 'invalid_slot'].includes(errorCode(error) ?? '')) {
        // The store changed under us (closed, paused, the slot filled): ask again and let them pick a slot.
        setSlot(null);
        dispatch(api.util.invalidateTags(['Cart']));
        notify.error(errorMessage(error));
      } else {
        notify.error(errorMessage(error, 'Could not place your order. Please try again.'));
      }
    }
  }

  async function openRazorpay(placed: PlaceOrderResult) {
    if (placed.payment?.provider !== 'razorpay') return;
    setRazorpayError(null);
    setRazorpayOpening(true);
    try {
      const paid = await payWithRazorpay(placed.payment, {
        orderId: placed.order.id,
        orderNumber: placed.order.number,
        name: user?.name ?? undefined,
        email: user?.email ?? undefined,
      });
      await verifyRazorpay({
        orderId: placed.order.id,
        razorpayOrderId: paid.razorpay_order_id,
        razorpayPaymentId: paid.razorpay_payment_id,
        razorpaySignature: paid.razorpay_signature,
      }).unwrap();
      setRazorpayOrder(null);
      notify.success('Payment received!');
      navigate(`/order/${placed.order.id}`, { replace: true });
    } catch (error) {
      // The order stays waiting for payment until its window ends: say why and offer to try again.
      setRazorpayError(error instanceof CheckoutClosed ? 'Payment was not completed.' : errorMessage(error, 'Razorpay could not be opened. Check your connection and try again.'));
    } finally {
      setRazorpayOpening(false);
    }
  }

  if (userLoading || (user && cartLoading)) {
    return (
      <div className="mx-auto grid max-w-[1100px] gap-4 px-4 py-6 md:grid-cols-[1fr_380px]">
        <Skeleton className="h-64 w-full" />
        <Skeleton className="h-80 w-full" />
      </div>
    );
  }

  if (count === 0 && !cardOrder) {
    return (
      <EmptyState
        title="Your cart is empty"
        message="Add a few things and come back — we'll have them at your door in minutes."
        action={
          <Link
            to="/"
            className="inline-flex h-11 items-center rounded-[var(--radius-control)] bg-action px-5 font-semibold text-white"
          >
            Start shopping
          </Link>
        }
      />
    );
  }

  const total = bill?.total ?? 0;

  return (
    <div className="mx-auto max-w-[1100px] px-4 pt-4 pb-32 md:pt-8 md:pb-12">
      <h1 className="mb-4 text-xl font-extrabold tracking-tight md:text-2xl">Checkout</h1>
      <div className="grid items-start gap-4 md:grid-cols-[1fr_380px] md:gap-6">
        <div className="flex min-w-0 flex-col gap-4">
          <CheckoutSection
            step={1}
            title={user ? 'Logged in' : 'Log in or sign up'}
            done={!!user}
            summary={user ? `${user.name} · ${user.email ?? user.mobile}` : undefined}
          >
            {!user && (
              <AuthPanel
                initial="register"
                onSuccess={(u) => notify.success(`Welcome, ${u.name.split(' ')[0]}!`)}
              />
            )}
          </CheckoutSection>

          <CheckoutSection
            step={2}
            title="Delivery address"
            done={!!address && !adding}
            summary={address ? addressLine(address) : undefined}
            action={
              user && !adding && addresses && addresses.length > 0 ? (
                <button
                  type="button"
                  onClick={() => setAdding(true)}
                  className="inline-flex items-center gap-1 text-sm font-semibold text-action hover:underline"
                >
                  <FiPlus aria-hidden="true" /> Add new
                </button>
              ) : undefined
            }
          >
            {!user ? (
              <p className="text-sm text-muted">Log in to choose where we deliver.</p>
            ) : addressesLoading ? (
              <Skeleton className="h-20 w-full" />
            ) : adding ? (
              <AddressForm
                defaults={{ name: user.name, phone: user.mobile ?? '' }}
                onCancel={addresses && addresses.length > 0 ? () => setAdding(false) : undefined}
                onSaved={(saved: Address) => {
                  setAddressId(saved.id);
                  setAdding(false);
                  notify.success('Address saved');
                }}
              />
            ) : (
              <div role="radiogroup" aria-label="Choose a delivery address" className="flex flex-col gap-2.5">
                {addresses?.map((a) => (
                  <button
                    key={a.id}
                    type="button"
                    role="radio"
                    aria-checked={a.id === addressId}
                    onClick={() => setAddressId(a.id)}
                    className="text-left"
                  >
                    <AddressCard address={a} selected={a.id === addressId} note={<AddressServiceNote address={a} />} />
                  </button>
                ))}
                {unserved && (
                  <p role="alert" className="rounded-lg bg-brand-soft px-3 py-2.5 text-sm">
                    <span className="font-bold">
                      We don't deliver to {address?.lat != null ? 'this address' : address?.pincode} yet.
                    </span> Pick
                    another address or add one in an area we serve.
                  </p>
                )}
                {serviceability?.serviceable && serviceability.etaMinutes && !scheduling && (
                  <p className="flex items-center gap-2 text-[13px] font-semibold text-action">
                    <FiClock aria-hidden="true" /> Delivery in {serviceability.etaMinutes} minutes
                    {serviceability.store ? ` from ${serviceability.store.name}` : ''}
                    {serviceability.state === 'busy' ? ' · busy right now' : ''}
                  </p>
                )}
                {address && serviceability && !unserved && (
                  <SlotPicker
                    where={
                      address.lat != null && address.lng != null
                        ? { lat: address.lat, lng: address.lng }
                        : { pincode: address.pincode }
                    }
                    serviceability={serviceability}
                    required={notNow}
                    open={notNow || scheduling}
                    onOpen={setScheduling}
                    value={slot}
                    onChange={setSlot}
                  />
                )}
              </div>
            )}
          </CheckoutSection>

          <CheckoutSection step={3} title="Payment method">
            {user && balance > 0 && (
              <label
                className={cn(
                  'mb-2.5 flex cursor-pointer items-center gap-3 rounded-[var(--radius-card)] border p-3.5',
                  payFromWallet ? 'border-action bg-action-soft/40' : 'border-line hover:bg-surface',
                )}
              >
                <span className="grid size-10 shrink-0 place-items-center rounded-full bg-action text-white">
                  <FiCreditCard aria-hidden="true" />
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block text-sm font-bold">Fatafat Cash</span>
                  <span className="block text-[12px] text-muted">
                    {formatMoney(balance)} available
                    {payFromWallet && walletPays > 0 && ` · ${formatMoney(walletPays)} will be used`}
                  </span>
                </span>
                <input
                  type="checkbox"
                  checked={payFromWallet}
                  onChange={(e) => setPayFromWallet(e.target.checked)}
                  data-testid="use-wallet"
                  className="size-5 accent-[var(--color-action)]"
                />
              </label>
            )}
            {user && toPay === 0 && walletPays > 0 ? (
              <p className="text-[13px] text-muted" data-testid="wallet-covers">
                Your Fatafat Cash covers this order — nothing more to pay.
              </p>
            ) : user && (
              <div role="radiogroup" aria-label="Payment method" className="flex flex-col gap-2.5">
                <PaymentOption
                  checked={method === 'cod'}
                  onSelect={() => setMethod('cod')}
                  title="Cash on delivery"
                  subtitle="Pay with cash or UPI when your order arrives"
                  icon={<span className="text-base font-extrabold">₹</span>}
                />
                {cardAvailable && (
                  <PaymentOption
                    checked={method === 'card'}
                    onSelect={() => setMethod('card')}
                    title="Credit or debit card"
                    subtitle="Secure payment with Stripe"
                    icon={<FiCreditCard aria-hidden="true" />}
                  />
                )}
                {razorpayAvailable && (
                  <PaymentOption
                    checked={method === 'razorpay'}
                    onSelect={() => setMethod('razorpay')}
                    title="UPI, cards, netbanking"
                    subtitle="Pay now with Razorpay"
                    icon={<span className="text-[11px] font-extrabold">UPI</span>}
                  />
                )}
              </div>
            )}
          </CheckoutSection>
          {user && cart && (
            <div className="rounded-[var(--radius-card)] border border-line">
              <TipChooser tip={cart.tip} />
            </div>
          )}
        </div>

        <aside
          className="flex min-w-0 flex-col gap-3 md:sticky md:top-[calc(var(--header-h,81px)+16px)]"
          aria-label="Order summary"
        >
          <section className="rounded-[var(--radius-card)] border border-line bg-white p-4">
            <div className="flex items-center justify-between">
              <h2 className="text-base font-bold">Your order</h2>
              <button
                type="button"
                onClick={() => dispatch(drawerOpened())}
                className="text-sm font-semibold text-action hover:underline"
              >
                Edit cart
              </button>
            </div>
            <p className="text-[12px] text-muted">{plural(count, 'item')}</p>
            <ul className="mt-3 flex max-h-[188px] flex-col gap-2.5 overflow-y-auto">
              {lines.map((line) => (
                <li key={line.variantId} className="flex items-center gap-3">
                  <span className="size-11 shrink-0 overflow-hidden rounded-lg border border-line bg-surface/60 p-0.5">
                    <ProductImage src={line.imageUrl} alt="" size={44} />
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="block truncate text-[13px] font-semibold">{line.name}</span>
                    <span
                      className={cn(
                        'block text-[12px]',
                        line.available ? 'text-muted' : 'font-semibold text-danger',
                      )}
                    >
                      {line.available
                        ? `${line.label} × ${line.quantity}`
                        : 'Out of stock — remove it from your cart'}
                    </span>
                  </span>
                  <span className="text-[13px] font-semibold tabular">
                    {formatMoney(line.price * line.quantity)}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          {user && cart && (
            <div className="rounded-[var(--radius-card)] border border-line">
              <CouponRow cart={cart} />
            </div>
          )}
          {bill && (
            <div className="rounded-[var(--radius-card)] border border-line">
              <BillDetails bill={bill} />
            </div>
          )}
          <FormError message={stockError} className="py-2.5" data-testid="stock-error" />
          <div className="fixed inset-x-0 bottom-0 z-30 border-t border-line bg-white p-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] shadow-[var(--shadow-bar)] md:static md:border-0 md:p-0 md:shadow-none">
            <button
              type="button"
              onClick={onPlace}
              disabled={!canPlace || placing}
              data-testid="place-order"
              className="flex h-14 w-full items-center justify-between rounded-[var(--radius-card)] bg-action px-4 text-white transition-colors hover:bg-action-dark disabled:bg-muted/60"
            >
              <span className="flex flex-col items-start leading-tight">
                <span className="text-[15px] font-bold tabular">{formatMoney(walletPays > 0 ? toPay : total)}</span>
                <span className="text-[11px] font-semibold tracking-wide uppercase">
                  {walletPays > 0 ? 'To pay' : 'Total'}
                </span>
              </span>
              <span className="flex items-center gap-1 text-[15px] font-bold">
                {placing ? (
                  <Spinner className="size-5" label="Placing order" />
                ) : method === 'card' && toPay > 0 ? (
                  'Pay & place order'
                ) : (
                  'Place order'
                )}
                {!placing && <FiChevronRight className="size-5" aria-hidden="true" />}
              </span>
            </button>
          </div>
        </aside>
      </div>

      <Sheet open={!!cardOrder} onClose={() => setCardOrder(null)} title="Pay by card">
        <div className="p-4">
          {cardOrder?.payment?.provider === 'stripe' && publishableKey && (
            <Suspense fallback={<Skeleton className="h-48 w-full" />}>
              <CardPaymentForm
                publishableKey={cardOrder.payment.publishableKey ?? publishableKey}
                clientSecret={cardOrder.payment.clientSecret}
                amount={cardOrder.order.bill.total - cardOrder.order.walletPaid}
                orderId={cardOrder.order.id}
                onPaid={() => {
                  notify.success('Payment received!');
                  navigate(`/order/${cardOrder.order.id}`, { replace: true });
                }}
              />
            </Suspense>
          )}
        </div>
      </Sheet>

      <Sheet open={!!razorpayOrder && !razorpayOpening && !!razorpayError} onClose={() => navigate(`/order/${razorpayOrder?.order.id}`, { replace: true })} title="Pay with Razorpay">
        <div className="flex flex-col gap-3 p-4" data-testid="razorpay-retry">
          <FormError message={razorpayError} />
          <p className="text-[13px] text-muted">
            Order {razorpayOrder?.order.number} is waiting for payment; its items are held for a few minutes.
          </p>
          <button
            type="button"
            className="rounded-[var(--radius-card)] bg-action px-4 py-3 text-sm font-bold text-white"
            onClick={() => razorpayOrder && void openRazorpay(razorpayOrder)}
          >
            Pay {razorpayOrder?.payment?.provider === 'razorpay' ? formatMoney(razorpayOrder.payment.amount) : ''} with Razorpay
          </button>
        </div>
      </Sheet>
    </div>
  );
}

interface PaymentOptionProps {
  checked: boolean;
  onSelect: () => void;
  title: string;
  subtitle: string;
  icon: ReactNode;
}

function PaymentOption({ checked, onSelect, title, subtitle, icon }: PaymentOptionProps) {
  return (
    <button
      type="button"
      role="radio"
      aria-checked={checked}
      onClick={onSelect}
      className={cn(
        'flex items-center gap-3 rounded-[var(--radius-card)] border p-3.5 text-left',
        checked ? 'border-action bg-action-soft/40' : 'border-line hover:bg-surface',
      )}
    >
      <span className="grid size-10 shrink-0 place-items-center rounded-full bg-surface text-ink">
        {icon}
      </span>
      <span className="min-w-0 flex-1">
        <span className="block text-sm font-bold">{title}</span>
        <span className="block text-[12px] text-muted">{subtitle}</span>
      </span>
      <span
        aria-hidden="true"
        className={cn(
          'grid size-5 place-items-center rounded-full border-2',
          checked ? 'border-action' : 'border-line',
        )}
      >
        {checked && <span className="size-2.5 rounded-full bg-action" />}
      </span>
    </button>
  );
}
