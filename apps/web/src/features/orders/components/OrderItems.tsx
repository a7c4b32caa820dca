import { ProductImage } from '@/components/ui/ProductImage';
import { formatMoney, plural } from '@/lib/format';
import type { Order } from '../types';

export function OrderItems({ order }: { order: Order }) {
  const nameOf = new Map(order.items.map((i) => [i.variantId, i.name]));
  const count = order.items.reduce((sum, item) => sum + item.quantity, 0);
  return (
    <section
      aria-labelledby="order-items"
      className="rounded-[var(--radius-card)] border border-line bg-white p-4"
    >
      <h2 id="order-items" className="text-base font-bold">
        {plural(count, 'item')} in this order
      </h2>
      <ul className="mt-3 divide-y divide-line">
        {order.items.map((item) => (
          <li key={item.variantId} className="flex items-center gap-3 py-2.5">
            <span className="size-12 shrink-0 overflow-hidden rounded-lg border border-line bg-surface/60 p-0.5">
              <ProductImage src={item.imageUrl} alt="" size={48} />
            </span>
            <span className="min-w-0 flex-1">
              <span className="block truncate text-[13px] font-semibold">{item.name}</span>
              <span className="block text-[12px] text-muted">
                {item.label} × {item.quantity}
                {item.quantity < item.orderedQuantity &&
                  ` of ${item.orderedQuantity} (the store was out of the rest; it is off your bill)`}
              </span>
              {item.substituteFor && (
                <span className="mt-0.5 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-semibold text-amber-900">
                  Instead of {nameOf.get(item.substituteFor) ?? 'an item that ran out'}
                </span>
              )}
            </span>
            <span className="text-right text-[13px] tabular">
              <span className="block font-semibold">{formatMoney(item.price * item.quantity)}</span>
              {item.mrp > item.price && (
                <span className="block text-[11px] text-muted line-through">
                  {formatMoney(item.mrp * item.quantity)}
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
