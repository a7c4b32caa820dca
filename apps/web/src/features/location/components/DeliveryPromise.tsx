import { skipToken } from '@reduxjs/toolkit/query';
import { FiChevronDown } from 'react-icons/fi';
import { useAppDispatch, useAppSelector } from '@/app/hooks';
import { cn } from '@/lib/cn';
import { useCheckServiceabilityQuery } from '../api/location.api';
import { pickerOpened, selectLocation } from '../location.slice';
import { promiseLine, toLocation, whereOf } from '../serviceability';

/**
 * "Delivery in 11 minutes" with the address under it, or why not now ("Closed · opens at 6:00 AM");
 * asked again every minute, since stores open, close and pause. Opens the location picker.
 */
export function DeliveryPromise({ className }: { className?: string }) {
  const dispatch = useAppDispatch();
  const remembered = useAppSelector(selectLocation);
  const where = whereOf(remembered);
  const { data } = useCheckServiceabilityQuery(where ?? skipToken, { pollingInterval: 60_000 });
  const location = remembered && data ? toLocation(remembered.label, data, pick(remembered)) : remembered;
  const line = promiseLine(location);

  return (
    <button
      type="button"
      onClick={() => dispatch(pickerOpened())}
      aria-haspopup="dialog"
      data-testid="location-button"
      className={cn('group flex min-w-0 flex-col items-start text-left', className)}
    >
      <span
        data-testid="delivery-promise"
        className={cn(
          'max-w-full truncate text-[17px] leading-tight font-extrabold tracking-tight',
          line.tone === 'bad' && 'text-danger',
          line.tone === 'warn' && 'text-[#B5540F]',
        )}
      >
        {line.text}
      </span>
      <span className="flex max-w-full items-center gap-1 text-[13px] text-muted group-hover:text-ink">
        <span className="truncate">{location ? location.label : 'Select location'}</span>
        <FiChevronDown className="size-4 shrink-0 text-ink" aria-hidden="true" />
      </span>
    </button>
  );
}

/** What the fresh answer must not overwrite: where the customer is, not what the store is doing. */
function pick(l: NonNullable<ReturnType<typeof selectLocation>>) {
  return { label: l.label, pincode: l.pincode, lat: l.lat, lng: l.lng, addressId: l.addressId };
}
