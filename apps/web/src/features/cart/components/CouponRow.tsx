import { useState, type FormEvent } from 'react';
import { FiTag, FiX } from 'react-icons/fi';
import { notify } from '@/lib/notify';
import { errorMessage } from '@/lib/api';
import { formatMoney } from '@/lib/format';
import { useApplyCouponMutation, useRemoveCouponMutation } from '../api/cart.api';
import { useCartAddressId } from '../hooks/use-cart';
import type { Cart } from '../types';

/** Coupon entry; when a code does not apply we show the server's reason right under the field. */
export function CouponRow({ cart }: { cart: Cart }) {
  const { coupon, bill } = cart;
  const addressId = useCartAddressId();
  const [code, setCode] = useState('');
  const [reason, setReason] = useState<string | null>(null);
  const [apply, { isLoading }] = useApplyCouponMutation();
  const [remove, { isLoading: removing }] = useRemoveCouponMutation();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const trimmed = code.trim().toUpperCase();
    if (!trimmed) return;
    setReason(null);
    try {
      await apply({ code: trimmed, addressId }).unwrap();
      notify.success(`${trimmed} applied`);
      setCode('');
    } catch (error) {
      setReason(errorMessage(error, 'This coupon cannot be applied.'));
    }
  }

  if (coupon) {
    return (
      <div
        className="flex items-center gap-3 rounded-[var(--radius-card)] bg-white p-3.5"
        data-testid="coupon-applied"
      >
        <span
          className={`grid size-9 place-items-center rounded-full ${coupon.applied ? 'bg-action-soft text-action-dark' : 'bg-danger-soft text-danger'}`}
        >
          <FiTag aria-hidden="true" />
        </span>
        <div className="min-w-0 flex-1">
          <p className="text-sm font-bold">{coupon.applied ? `${coupon.code} applied` : coupon.code}</p>
          {coupon.applied ? (
            <p className="text-[12px] text-action">
              {bill.discount > 0 ? `You save ${formatMoney(bill.discount)}` : 'Discount applied'}
            </p>
          ) : (
            // The coupon stays on the cart but stops applying when the cart changes (e.g. below its minimum).
            <p className="text-[12px] text-danger" role="status">
              {coupon.message ?? 'This coupon no longer applies to your cart.'}
            </p>
          )}
        </div>
        <button
          type="button"
          onClick={() => remove({ addressId })}
          disabled={removing}
          aria-label={`Remove coupon ${coupon.code}`}
          className="grid size-8 place-items-center rounded-full text-muted hover:bg-surface"
        >
          <FiX aria-hidden="true" />
        </button>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="rounded-[var(--radius-card)] bg-white p-3.5" noValidate>
      <label htmlFor="coupon-code" className="mb-2 flex items-center gap-2 text-[15px] font-bold">
        <FiTag className="text-action" aria-hidden="true" /> Apply coupon
      </label>
      <div className="flex gap-2">
        <input
          id="coupon-code"
          value={code}
          onChange={(event) => {
            setCode(event.target.value.toUpperCase());
            setReason(null);
          }}
          placeholder="Enter coupon code"
          autoCapitalize="characters"
          aria-invalid={reason ? true : undefined}
          aria-describedby={reason ? 'coupon-reason' : undefined}
          className="h-10 min-w-0 flex-1 rounded-[var(--radius-control)] border border-line px-3 text-sm font-semibold tracking-wide uppercase outline-none placeholder:font-normal placeholder:tracking-normal placeholder:normal-case focus:border-action"
        />
        <button
          type="submit"
          disabled={!code.trim() || isLoading}
          className="h-10 rounded-[var(--radius-control)] px-4 text-sm font-bold text-action hover:bg-action-soft disabled:text-muted"
        >
          {isLoading ? 'Applying…' : 'Apply'}
        </button>
      </div>
      {reason && (
        <p
          id="coupon-reason"
          role="alert"
          className="mt-2 text-[13px] font-medium text-danger"
          data-testid="coupon-error"
        >
          {reason}
        </p>
      )}
    </form>
  );
}
