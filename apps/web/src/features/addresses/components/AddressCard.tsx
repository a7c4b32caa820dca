import type { ReactNode } from 'react';
import { FiBriefcase, FiHome, FiMapPin } from 'react-icons/fi';
import { cn } from '@/lib/cn';
import { addressLine, type Address } from '../types';

export function AddressIcon({ label, className }: { label: Address['label']; className?: string }) {
  const Icon = label === 'home' ? FiHome : label === 'work' ? FiBriefcase : FiMapPin;
  return <Icon className={className} aria-hidden="true" />;
}

/** One saved address: label, full line, receiver; actions slot for edit/delete. */
export function AddressCard({
  address,
  actions,
  selected,
  note,
}: {
  address: Address;
  actions?: ReactNode;
  selected?: boolean;
  /** Under the address: whether it is served now (the location feature's note). */
  note?: ReactNode;
}) {
  return (
    <div
      className={cn(
        'flex items-start gap-3 rounded-[var(--radius-card)] border p-3.5',
        selected ? 'border-action bg-action-soft/40' : 'border-line',
      )}
    >
      <span className="grid size-9 shrink-0 place-items-center rounded-full bg-surface">
        <AddressIcon label={address.label} className="size-4" />
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex items-center gap-2 text-sm font-bold capitalize">
          {address.label}
          {address.isDefault && (
            <span className="rounded bg-surface px-1.5 py-0.5 text-[10px] font-bold tracking-wide text-muted uppercase">
              Default
            </span>
          )}
        </p>
        <p className="mt-0.5 text-[13px] text-ink/80">{addressLine(address)}</p>
        <p className="mt-0.5 text-[12px] text-muted">
          {address.name} · {address.phone}
        </p>
        {note}
      </div>
      {actions}
    </div>
  );
}
