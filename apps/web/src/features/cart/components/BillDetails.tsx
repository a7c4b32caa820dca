import { useState } from 'react';
import { FiInfo, FiFileText } from 'react-icons/fi';
import { formatMoney } from '@/lib/format';
import type { BillLine, BillSummary } from '../types';

// Why each fee exists, in words a customer accepts (shown under the line's info button).
const explanations: Record<string, string> = {
  delivery: 'Paid to the rider who brings your order. Free above the minimum order value.',
  delivery_fee: 'Paid to the rider who brings your order. Free above the minimum order value.',
  handling: 'Covers packing your order carefully at the store.',
  handling_fee: 'Covers packing your order carefully at the store.',
  small_cart: 'Applies to very small orders so we can still deliver them in minutes.',
  small_cart_fee: 'Applies to very small orders so we can still deliver them in minutes.',
  surge: 'The store near you is very busy right now; this helps us keep deliveries fast.',
  surge_fee: 'The store near you is very busy right now; this helps us keep deliveries fast.',
  tip: '100% of the tip goes to your delivery partner.',
};

function isItemTotal(line: BillLine): boolean {
  return /item/i.test(line.code);
}

function Line({ line, bill }: { line: BillLine; bill: BillSummary }) {
  const [showInfo, setShowInfo] = useState(false);
  const info = explanations[line.code];
  const infoId = `bill-info-${line.code}`;
  const itemTotal = isItemTotal(line);

  return (
    <li className="py-1.5">
      <div className="flex items-center justify-between gap-3 text-[13px]">
        <span className="flex items-center gap-1.5 text-ink">
          {itemTotal && <FiFileText className="size-3.5 text-muted" aria-hidden="true" />}
          {line.label}
          {info && (
            <button
              type="button"
              aria-label={`About ${line.label}`}
              aria-expanded={showInfo}
              aria-controls={infoId}
              onClick={() => setShowInfo((v) => !v)}
              className="grid size-5 place-items-center rounded-full text-muted hover:text-ink"
            >
              <FiInfo className="size-3.5" aria-hidden="true" />
            </button>
          )}
          {itemTotal && bill.savings > 0 && (
            <span className="rounded bg-offer/10 px-1.5 py-0.5 text-[11px] font-semibold text-offer-ink">
              Saved {formatMoney(bill.savings)}
            </span>
          )}
        </span>
        <span className="flex items-baseline gap-1.5 tabular">
          {itemTotal && bill.mrpTotal > line.amount && (
            <span className="text-[12px] text-muted line-through">{formatMoney(bill.mrpTotal)}</span>
          )}
          {line.amount < 0 ? (
            <span className="font-semibold text-action">−{formatMoney(-line.amount)}</span>
          ) : line.amount === 0 && !itemTotal ? (
            <span className="font-semibold text-action uppercase">Free</span>
          ) : (
            <span className="font-medium">{formatMoney(line.amount)}</span>
          )}
        </span>
      </div>
      {info && showInfo && (
        <p id={infoId} className="mt-1 rounded-md bg-surface px-2 py-1.5 text-[12px] text-muted">
          {info}
        </p>
      )}
    </li>
  );
}

/** The bill exactly as the server computed it: its lines, in its order, with its labels. */
export function BillDetails({ bill, title = 'Bill details' }: { bill: BillSummary; title?: string }) {
  const hasItemLine = bill.lines.some(isItemTotal);
  const lines: BillLine[] = hasItemLine
    ? bill.lines
    : [{ code: 'item_total', label: 'Items total', amount: bill.itemTotal }, ...bill.lines];
  return (
    <section aria-labelledby="bill-heading" className="rounded-[var(--radius-card)] bg-white p-3.5">
      <h3 id="bill-heading" className="mb-1.5 text-[15px] font-bold">
        {title}
      </h3>
      <ul className="divide-y divide-transparent">
        {lines.map((line) => (
          <Line key={line.code} line={line} bill={bill} />
        ))}
      </ul>
      <div className="mt-2 flex items-center justify-between border-t border-line pt-2.5 text-[15px] font-bold">
        <span>Grand total</span>
        <span className="tabular" data-testid="grand-total">
          {formatMoney(bill.total)}
        </span>
      </div>
      {bill.savings > 0 && (
        <p className="mt-3 flex items-center justify-between rounded-lg bg-offer/10 px-3 py-2 text-[13px] font-semibold text-offer-ink">
          <span>Your total savings</span>
          <span className="tabular">{formatMoney(bill.savings)}</span>
        </p>
      )}
    </section>
  );
}
