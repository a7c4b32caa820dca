import { useState, type FormEvent } from 'react';
import toast from 'react-hot-toast';
import { FiPhone, FiRepeat, FiX } from 'react-icons/fi';
import type { Pick, PickLine, SubstituteOption } from '@fatafat/contracts/floor';
import { WHEN_SHORT_LABELS } from '@fatafat/contracts/floor-rules';
import { Button } from '@/components/ui/Button';
import { errorMessage } from '@/lib/api';
import { cn } from '@/lib/cn';
import { formatMoney } from '@/lib/format';
import { useProposeSubstitutionMutation, useRecordCallMutation, useSubstituteOptionsQuery } from '../api/ops.api';
import { Countdown } from './Countdown';

const STATUS_TEXT = {
  accepted: 'Accepted: pack it',
  sent: 'Packed',
  declined: 'Declined: it is refunded',
  expired: 'No answer: it is refunded',
} as const;

/**
 * What follows a short line, by the customer's choice: propose a substitute (they answer in the app),
 * ring them first ("call me"), or nothing (refund). Shows where a proposal stands.
 */
export function ShortFollowUp({ pick, line }: { pick: Pick; line: PickLine }) {
  const [choosing, setChoosing] = useState<null | { byPhone: boolean }>(null);
  const [call, calling] = useRecordCallMutation();
  const s = line.substitution;

  if (s) {
    return (
      <div data-testid="substitution-status" className="mt-2 rounded-lg bg-amber-50 p-2 text-[13px]">
        <p className="flex items-center gap-1 font-semibold">
          <FiRepeat aria-hidden className="shrink-0" /> {s.name} {s.label} × {s.quantity}
        </p>
        {s.status === 'proposed' ? (
          <p className="mt-0.5 flex items-center gap-2 text-muted">
            Waiting for the customer <Countdown to={s.expiresAt} className="text-[13px]" />
          </p>
        ) : (
          <p className={cn('mt-0.5 font-semibold', s.status === 'accepted' || s.status === 'sent' ? 'text-action' : 'text-danger')}>
            {s.byPhone && s.status === 'accepted' ? 'Agreed on the phone: pack it' : STATUS_TEXT[s.status]}
          </p>
        )}
      </div>
    );
  }
  if (line.whenShort === 'refund') {
    return <p className="mt-1 text-[12px] text-muted">Customer chose: refund the missing part</p>;
  }
  const outcome = async (o: 'refund' | 'no_answer') => {
    try {
      await call({ orderId: pick.orderId, variantId: line.variantId, body: { outcome: o } }).unwrap();
      if (o === 'no_answer') setChoosing({ byPhone: false });
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  return (
    <div className="mt-2 grid gap-2">
      <p className="text-[12px] text-muted">Customer chose: {WHEN_SHORT_LABELS[line.whenShort]}</p>
      {line.whenShort === 'call' && pick.customerPhone ? (
        <div className="flex flex-wrap gap-2">
          <a
            href={`tel:${pick.customerPhone}`}
            className="inline-flex h-9 items-center gap-1.5 rounded-lg bg-action px-3 text-[13px] font-semibold text-white"
          >
            <FiPhone aria-hidden /> Call {pick.customerFirstName}
          </a>
          <Button size="sm" variant="outline" onClick={() => setChoosing({ byPhone: true })}>
            Agreed a substitute
          </Button>
          <Button size="sm" variant="ghost" loading={calling.isLoading} onClick={() => void outcome('refund')}>
            Wants a refund
          </Button>
          <Button size="sm" variant="ghost" disabled={calling.isLoading} onClick={() => void outcome('no_answer')}>
            No answer
          </Button>
        </div>
      ) : (
        <Button size="sm" variant="outline" onClick={() => setChoosing({ byPhone: false })} aria-label={`Find a substitute for ${line.name}`}>
          <FiRepeat aria-hidden /> Find a substitute
        </Button>
      )}
      {choosing && <SubstituteSheet pick={pick} line={line} byPhone={choosing.byPhone} onClose={() => setChoosing(null)} />}
    </div>
  );
}

/** Similar items on this store's shelves: tap one (or scan it) to propose it. */
function SubstituteSheet({ pick, line, byPhone, onClose }: { pick: Pick; line: PickLine; byPhone: boolean; onClose: () => void }) {
  const { data: options, isLoading, isError } = useSubstituteOptionsQuery({ orderId: pick.orderId, variantId: line.variantId });
  const [propose, proposing] = useProposeSubstitutionMutation();
  const [code, setCode] = useState('');
  const send = async (option: SubstituteOption, barcode?: string) => {
    try {
      await propose({
        orderId: pick.orderId,
        body: { variantId: line.variantId, substituteVariantId: option.variantId, ...(barcode ? { barcode } : {}), ...(byPhone ? { byPhone } : {}) },
      }).unwrap();
      toast.success(byPhone ? `${option.name} agreed` : `Sent to ${pick.customerFirstName} to approve`);
      onClose();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  const scan = (e: FormEvent) => {
    e.preventDefault();
    const barcode = code.trim();
    const option = options?.find((o) => o.barcode === barcode);
    if (option) void send(option, barcode);
    else toast.error(`Barcode ${barcode} is none of the suggested substitutes`);
    setCode('');
  };
  return (
    <div role="dialog" aria-label={`Substitute for ${line.name}`} className="fixed inset-0 z-40 flex items-end bg-black/40">
      <div className="max-h-[85vh] w-full overflow-y-auto rounded-t-2xl bg-white p-5 pb-8 shadow-xl">
        <div className="mb-2 flex items-center justify-between gap-2">
          <h2 className="text-[17px] font-bold">Substitute for {line.name}</h2>
          <button type="button" aria-label="Close" onClick={onClose} className="grid size-10 shrink-0 place-items-center rounded-full hover:bg-surface">
            <FiX />
          </button>
        </div>
        <p className="text-[13px] text-muted">Similar items in stock, at most 10 % dearer. The customer never pays more than for the original.</p>
        <form onSubmit={scan} className="my-3 flex gap-2">
          <label htmlFor="sub-scan" className="sr-only">
            Substitute barcode
          </label>
          <input
            id="sub-scan"
            inputMode="numeric"
            autoComplete="off"
            placeholder="Scan the substitute"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            className="h-11 min-w-0 flex-1 rounded-xl border border-line px-3 font-mono text-[15px] outline-none focus:border-action"
          />
          <Button type="submit" disabled={!code.trim()}>
            Enter
          </Button>
        </form>
        {isLoading && <p className="text-[14px] text-muted">Looking on the shelves…</p>}
        {isError && <p className="text-[14px] text-danger">Could not load substitutes.</p>}
        {options && !options.length && <p className="text-[14px] text-muted">Nothing similar is in stock: the customer gets a refund.</p>}
        <ul className="grid gap-2">
          {options?.map((o) => (
            <li key={o.variantId} className="flex items-center gap-3 rounded-xl border border-line p-2">
              <img src={o.imageUrl ?? undefined} alt="" className="size-14 shrink-0 rounded-lg border border-line bg-surface object-cover" />
              <div className="min-w-0 flex-1">
                <p className="line-clamp-2 text-[14px] font-semibold leading-snug">{o.name}</p>
                <p className="text-[12px] text-muted">
                  {o.label} · <span className="font-mono font-bold text-ink">{o.bin ?? 'no bin'}</span> · {o.available} left
                </p>
                <p className="text-[12px]">
                  <span className="font-bold">{formatMoney(o.price)}</span>
                  {o.shelfPrice > o.price && <span className="ml-1 text-muted line-through">{formatMoney(o.shelfPrice)}</span>}
                </p>
              </div>
              <Button size="sm" disabled={proposing.isLoading} onClick={() => void send(o)} aria-label={`Propose ${o.name} ${o.label}`}>
                {byPhone ? 'Agreed' : 'Propose'}
              </Button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
