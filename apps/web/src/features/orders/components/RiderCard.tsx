import { lazy, Suspense } from 'react';
import { FiPhone } from 'react-icons/fi';
import { Skeleton } from '@/components/ui/Skeleton';
import type { RiderPositionEvent } from '@fatafat/contracts/dispatch';
import type { Order } from '../types';

const DeliveryMap = lazy(() => import('./DeliveryMap'));

/**
 * Who is bringing the order and where they are: the rider's first name, a call button to the store's support
 * number (never the rider's own), the delivery code to read out at the door, and the live map.
 */
export function RiderCard({ order, live }: { order: Order; live: RiderPositionEvent | null }) {
  const delivery = order.delivery;
  if (!delivery) return null;
  const rider = delivery.rider;
  const onTheWay = order.status === 'out_for_delivery';
  const drop = order.address.lat !== null && order.address.lng !== null ? { lat: order.address.lat, lng: order.address.lng } : null;
  const showMap = order.status === 'packed' || onTheWay || (order.status === 'packing' && !!rider);
  const away = live?.arriving ? 'Arriving' : live?.etaMinutes ? `About ${live.etaMinutes} min away` : null;
  return (
    <section aria-labelledby="rider-heading" className="rounded-[var(--radius-card)] border border-line bg-white p-4" data-testid="rider-card">
      <div className="flex items-start justify-between gap-3">
        <div>
          <h2 id="rider-heading" className="text-base font-bold">
            {rider ? `${rider.name} is ${onTheWay ? 'on the way' : 'picking up your order'}` : 'Finding a delivery partner'}
          </h2>
          {away && onTheWay && (
            <p className="mt-0.5 text-[14px] font-semibold text-action" data-testid="rider-eta">
              {away}
            </p>
          )}
        </div>
        <a
          href={`tel:${delivery.supportPhone}`}
          className="inline-flex h-9 shrink-0 items-center gap-1.5 rounded-lg border border-action px-3 text-[13px] font-semibold text-action hover:bg-action-soft"
        >
          <FiPhone aria-hidden="true" /> Call store
        </a>
      </div>
      {order.deliveryCode && (
        <p className="mt-3 flex items-center justify-between rounded-lg bg-brand-soft px-3 py-2 text-[13px]">
          <span>Share this code with your rider at the door</span>
          <span className="font-mono text-lg font-bold tracking-[0.3em]" data-testid="delivery-code">
            {order.deliveryCode}
          </span>
        </p>
      )}
      {showMap && (
        <div className="mt-3">
          <Suspense fallback={<Skeleton className="h-56 w-full rounded-xl" />}>
            <DeliveryMap store={delivery.store} drop={drop} rider={rider?.position ?? null} trail={rider?.trail ?? []} />
          </Suspense>
        </div>
      )}
    </section>
  );
}
