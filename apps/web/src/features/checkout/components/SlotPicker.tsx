import { FiCalendar } from 'react-icons/fi';
import type { DeliverySlot } from '@fatafat/contracts/zones';
import { Skeleton } from '@/components/ui/Skeleton';
import { cn } from '@/lib/cn';
import { formatOpensAt, formatSlot } from '@/lib/format';
import { useGetSlotsQuery } from '@/features/location/api/location.api';
import type { Serviceability } from '@/features/location/types';

const dayOf = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-IN', { weekday: 'long', day: 'numeric', month: 'short', timeZone }).format(new Date(iso));

/**
 * Delivery slots: required when the store is closed or paused (the order waits for its slot), offered as
 * "Schedule for later" when it is open. 30-minute windows grouped by day, full ones shown but disabled.
 */
export function SlotPicker({
  where,
  serviceability,
  required,
  open,
  onOpen,
  value,
  onChange,
}: {
  where: { lat: number; lng: number } | { pincode: string };
  serviceability: Serviceability;
  required: boolean;
  open: boolean;
  onOpen: (open: boolean) => void;
  value: string | null;
  onChange: (startsAt: string | null) => void;
}) {
  const { data, isLoading } = useGetSlotsQuery(where, { skip: !open, refetchOnMountOrArgChange: true });
  const timeZone = data?.store?.timeZone ?? serviceability.store?.timeZone ?? 'Asia/Kolkata';
  const store = serviceability.store;

  if (!open) {
    return (
      <button
        type="button"
        onClick={() => onOpen(true)}
        className="inline-flex items-center gap-1.5 self-start text-[13px] font-semibold text-action hover:underline"
      >
        <FiCalendar aria-hidden="true" /> Schedule for later instead
      </button>
    );
  }

  const days = new Map<string, DeliverySlot[]>();
  for (const slot of data?.slots ?? []) {
    const day = dayOf(slot.startsAt, timeZone);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }

  return (
    <section aria-labelledby="slot-heading" className="flex flex-col gap-2 rounded-[var(--radius-card)] border border-line p-3" data-testid="slot-picker">
      {required && store && (
        <p role="status" className="rounded-lg bg-brand-soft px-3 py-2.5 text-sm">
          <span className="font-bold">
            {serviceability.reason === 'store_paused'
              ? `${store.name} is not taking orders right now${store.stateReason ? ` (${store.stateReason})` : ''}.`
              : `${store.name} is closed${serviceability.opensAt ? ` · opens at ${formatOpensAt(serviceability.opensAt, timeZone)}` : ''}.`}
          </span>{' '}
          Choose a delivery slot and we'll bring your order then.
        </p>
      )}
      <div className="flex items-center justify-between">
        <h3 id="slot-heading" className="flex items-center gap-1.5 text-sm font-bold">
          <FiCalendar aria-hidden="true" /> Delivery slot
        </h3>
        {!required && (
          <button
            type="button"
            onClick={() => {
              onChange(null);
              onOpen(false);
            }}
            className="text-[13px] font-semibold text-action hover:underline"
          >
            Deliver now instead
          </button>
        )}
      </div>
      {isLoading ? (
        <Skeleton className="h-20 w-full" />
      ) : days.size === 0 ? (
        <p className="text-sm text-muted">No slots are open right now. Please check again later.</p>
      ) : (
        <div className="flex max-h-72 flex-col gap-3 overflow-y-auto pr-1">
          {[...days].map(([day, slots]) => (
            <div key={day} role="radiogroup" aria-label={day}>
              <p className="mb-1.5 text-[12px] font-semibold text-muted uppercase">{day}</p>
              <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
                {slots.map((slot) => {
                  const full = slot.available === 0;
                  const checked = value === slot.startsAt;
                  return (
                    <button
                      key={slot.startsAt}
                      type="button"
                      role="radio"
                      aria-checked={checked}
                      disabled={full}
                      onClick={() => onChange(slot.startsAt)}
                      className={cn(
                        'min-h-11 rounded-[var(--radius-control)] border px-2 py-1.5 text-[13px] font-semibold tabular',
                        checked ? 'border-action bg-action-soft text-action-dark' : 'border-line hover:border-ink',
                        full && 'cursor-not-allowed border-dashed text-muted line-through opacity-60 hover:border-line',
                      )}
                    >
                      {formatSlot(slot, timeZone, new Date(slot.startsAt)).replace(/^\w{3} /, '')}
                      {full && <span className="sr-only"> (full)</span>}
                    </button>
                  );
                })}
              </div>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
