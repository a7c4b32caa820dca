import { useState } from 'react';
import { cn } from '@/lib/cn';
import { formatMoney } from '@/lib/format';
import { useSetTipMutation } from '../api/cart.api';
import { useCartAddressId } from '../hooks/use-cart';

const presets = [1000, 2000, 3000];

/** Rider tip chips (₹10/₹20/₹30/custom); tapping the chosen one again removes the tip. */
export function TipChooser({ tip }: { tip: number }) {
  const [mutate] = useSetTipMutation();
  const addressId = useCartAddressId();
  const setTip = ({ tip: next }: { tip: number }) => mutate({ tip: next, addressId });
  const [customOpen, setCustomOpen] = useState(tip > 0 && !presets.includes(tip));
  const [custom, setCustom] = useState(tip > 0 && !presets.includes(tip) ? String(tip / 100) : '');

  const chip = 'h-9 rounded-full border px-3.5 text-[13px] font-semibold transition-colors';
  return (
    <section aria-labelledby="tip-heading" className="rounded-[var(--radius-card)] bg-white p-3.5">
      <h3 id="tip-heading" className="text-[15px] font-bold">
        Tip your delivery partner
      </h3>
      <p className="mt-0.5 text-[12px] text-muted">
        Your kindness means a lot! 100% of your tip goes directly to your delivery partner.
      </p>
      <div className="mt-3 flex flex-wrap gap-2" role="group" aria-label="Tip amount">
        {presets.map((amount) => (
          <button
            key={amount}
            type="button"
            aria-pressed={tip === amount}
            onClick={() => {
              setCustomOpen(false);
              setTip({ tip: tip === amount ? 0 : amount });
            }}
            className={cn(
              chip,
              tip === amount
                ? 'border-action bg-action-soft text-action-dark'
                : 'border-line hover:bg-surface',
            )}
          >
            {formatMoney(amount)}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={customOpen}
          onClick={() => setCustomOpen((v) => !v)}
          className={cn(
            chip,
            customOpen ? 'border-action bg-action-soft text-action-dark' : 'border-line hover:bg-surface',
          )}
        >
          Custom
        </button>
      </div>
      {customOpen && (
        <form
          className="mt-3 flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            const rupees = Math.round(Number(custom));
            if (Number.isFinite(rupees) && rupees >= 0) setTip({ tip: rupees * 100 });
          }}
        >
          <label htmlFor="custom-tip" className="sr-only">
            Custom tip in rupees
          </label>
          <div className="flex h-10 flex-1 items-center rounded-[var(--radius-control)] border border-line px-3 focus-within:border-action">
            <span className="text-muted">₹</span>
            <input
              id="custom-tip"
              inputMode="numeric"
              value={custom}
              onChange={(event) => setCustom(event.target.value.replace(/\D/g, '').slice(0, 4))}
              className="h-full w-full bg-transparent px-1 outline-none"
              placeholder="Enter amount"
            />
          </div>
          <button
            type="submit"
            className="h-10 rounded-[var(--radius-control)] bg-ink px-4 text-sm font-semibold text-white"
          >
            Add tip
          </button>
        </form>
      )}
    </section>
  );
}
