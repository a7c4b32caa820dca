import { FiChevronDown } from 'react-icons/fi';
import { useAppDispatch, useAppSelector } from '@/app/hooks';
import { cn } from '@/lib/cn';
import { pickerOpened, selectLocation } from '../location.slice';

/** "Delivery in 11 minutes" with the address under it; opens the location picker. */
export function DeliveryPromise({ className }: { className?: string }) {
  const dispatch = useAppDispatch();
  const location = useAppSelector(selectLocation);

  const headline = !location
    ? 'Delivery in minutes'
    : location.serviceable
      ? location.etaMinutes
        ? `Delivery in ${location.etaMinutes} minutes`
        : 'Delivery in minutes'
      : 'Not delivering here yet';

  return (
    <button
      type="button"
      onClick={() => dispatch(pickerOpened())}
      aria-haspopup="dialog"
      data-testid="location-button"
      className={cn('group flex min-w-0 flex-col items-start text-left', className)}
    >
      <span
        className={cn(
          'text-[17px] leading-tight font-extrabold tracking-tight',
          location && !location.serviceable && 'text-danger',
        )}
      >
        {headline}
      </span>
      <span className="flex max-w-full items-center gap-1 text-[13px] text-muted group-hover:text-ink">
        <span className="truncate">{location ? location.label : 'Select location'}</span>
        <FiChevronDown className="size-4 shrink-0 text-ink" aria-hidden="true" />
      </span>
    </button>
  );
}
