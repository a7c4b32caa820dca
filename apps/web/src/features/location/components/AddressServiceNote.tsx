import { FiAlertCircle, FiClock, FiZap } from 'react-icons/fi';
import { cn } from '@/lib/cn';
import { useCheckServiceabilityQuery } from '../api/location.api';
import { promiseLine, toLocation } from '../serviceability';

/**
 * Whether a saved address is served, now, and how fast, in the header's words ("Not delivering here yet",
 * "Closed · opens at 6:00 AM", "Delivery in 9 minutes"): shown beside the address wherever it is listed.
 */
export function AddressServiceNote({ address }: { address: { pincode: string; lat: number | null; lng: number | null } }) {
  const where = address.lat != null && address.lng != null ? { lat: address.lat, lng: address.lng } : { pincode: address.pincode };
  const { data } = useCheckServiceabilityQuery(where);
  if (!data) return null;
  const line = promiseLine(toLocation('', data, {}));
  const Icon = line.tone === 'bad' ? FiAlertCircle : line.tone === 'warn' ? FiClock : FiZap;
  return (
    <p
      data-testid="address-service"
      data-served={line.tone === 'bad' ? 'no' : 'yes'}
      className={cn(
        'mt-1 inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-[11px] font-semibold',
        line.tone === 'bad' ? 'bg-danger-soft text-danger' : line.tone === 'warn' ? 'bg-amber-100 text-amber-900' : 'bg-action-soft text-action-dark',
      )}
    >
      <Icon aria-hidden="true" className="shrink-0" /> {line.text}
    </p>
  );
}
