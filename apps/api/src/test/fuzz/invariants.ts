/**
 * What must hold in the database whatever requests came before: checked after the fuzzer, the checkout
 * storm and the kill -9. Plain SQL through a query function, so in-process tests (Drizzle) and
 * multi-process tests (a pg client of their own) share it.
 */
export type Query = (text: string) => Promise<Array<Record<string, unknown>>>;

/** Statuses in which an order's units stay reserved at its store. */
export const HOLDING_STATUSES = ['pending_payment', 'confirmed', 'packing', 'packed', 'out_for_delivery'];

const CHECKS: Array<[string, string]> = [
  [
    'stock never negative, reserved ≤ on_hand',
    `select store_id, variant_id, on_hand, reserved from stock where on_hand < 0 or reserved < 0 or reserved > on_hand`,
  ],
  [
    'order total = item_total + fees + tip − discount',
    `select id, total, item_total, fees, tip, discount from orders where total <> item_total + fees + tip - discount`,
  ],
  [
    'order item_total = the sum of its lines',
    `select o.id, o.item_total, sum(i.price * i.quantity)::int as lines from orders o join order_items i on i.order_id = o.id
       group by o.id, o.item_total having o.item_total <> sum(i.price * i.quantity)`,
  ],
  [
    'no order without items',
    `select o.id from orders o where not exists (select 1 from order_items i where i.order_id = o.id)`,
  ],
  [
    'reserved = the units of orders still holding stock',
    `select s.store_id, s.variant_id, s.reserved, coalesce(h.held, 0)::int as held from stock s
       left join (select o.store_id, i.variant_id, sum(i.quantity) as held from orders o join order_items i on i.order_id = o.id
                  where o.status in (${HOLDING_STATUSES.map((s) => `'${s}'`).join(',')}) group by o.store_id, i.variant_id) h
         on h.store_id = s.store_id and h.variant_id = s.variant_id
       where s.reserved <> coalesce(h.held, 0)`,
  ],
];

/** Every violated invariant with up to three offending rows; empty when all hold. */
export async function invariantViolations(query: Query): Promise<string[]> {
  const out: string[] = [];
  for (const [name, text] of CHECKS) {
    const rows = await query(text);
    if (rows.length) out.push(`${name}: ${rows.length} rows, e.g. ${JSON.stringify(rows.slice(0, 3))}`);
  }
  return out;
}
