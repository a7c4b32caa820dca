/**
 * Every database call of checkout. The hot path is two reads and one write statement: a checkout is
 * bound by round trips (each one a syscall and a parse on both sides), not by the work inside them.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { WhenShort } from '@fatafat/contracts/floor-rules';
import { rowsOf, type DbOrTx } from '../../db/client';
import { preparedQuery, preparedStatement } from '../../db/prepared';
import { addresses, cartItems, carts, orders, stock, users, type AddressSnapshot, type BillLine, type OrderStatus } from '../../db/schema/index';
import { CHECK_VIOLATION, pgError, RAISED } from '../../db/errors';

export interface EarlierAttempt {
  id: string;
  number: string;
  total: number;
  walletPaid: number;
  status: OrderStatus;
  paymentMethod: 'cod' | 'card';
  /** The digest of the body it came with; null for orders placed before digests were kept. */
  fingerprint: string | null;
}

type CartLine = { variantId: string; quantity: number; whenShort: WhenShort };

/** What an earlier attempt is read as, wherever it is found. */
const earlierColumns = {
  id: orders.id,
  number: orders.number,
  total: orders.total,
  walletPaid: orders.walletPaid,
  status: orders.status,
  paymentMethod: orders.paymentMethod,
  fingerprint: orders.idempotencyFingerprint,
};

/** Two prepared shapes of one query: buying the cart also reads it, buying explicit items does not. */
function checkoutContextQuery(withCart: boolean) {
  return (db: DbOrTx) => {
    const query = db
      .select({
        blockedAt: users.blockedAt,
        name: users.name,
        email: users.email,
        whenShort: users.whenShort,
        address: addresses,
        earlier: earlierColumns,
        cartTip: withCart ? sql<number | null>`${carts.tip}` : sql<number | null>`null::int`,
        cartCouponCode: withCart ? sql<string | null>`${carts.couponCode}` : sql<string | null>`null::text`,
        cartLines: withCart
          ? sql<CartLine[]>`(
              select coalesce(json_agg(json_build_object('variantId', ${cartItems.variantId}, 'quantity', ${cartItems.quantity},
                                                         'whenShort', coalesce(${cartItems.whenShort}, ${users.whenShort}))
                                       order by ${cartItems.addedAt}, ${cartItems.variantId}), '[]'::json)
              from ${cartItems} where ${cartItems.userId} = ${users.id}
            )`
          : sql<CartLine[]>`'[]'::json`,
      })
      .from(users)
      .leftJoin(addresses, and(eq(addresses.id, sql.placeholder('addressId')), eq(addresses.userId, users.id)))
      // A null key matches nothing (idempotency_key = NULL is never true).
      .leftJoin(orders, and(eq(orders.userId, users.id), eq(orders.idempotencyKey, sql.placeholder('key'))));
    return (withCart ? query.leftJoin(carts, eq(carts.userId, users.id)) : query)
      .where(eq(users.id, sql.placeholder('userId')))
      .prepare(withCart ? 'checkout_context_cart' : 'checkout_context');
  };
}
const contextForItems = preparedQuery(checkoutContextQuery(false));
const contextForCart = preparedQuery(checkoutContextQuery(true));

/**
 * Who is buying, where it goes, whether this Idempotency-Key already placed an order and (when the cart is
 * being bought) what is in it, in one read. Which store serves it is the zones module's (cached stores). Null when the user does not
 * exist; `address` is null when it is not theirs.
 */
export async function findCheckoutContext(
  db: DbOrTx,
  userId: string,
  addressId: string,
  idempotencyKey: string | undefined,
  opts: { withCart: boolean },
) {
  const query = opts.withCart ? contextForCart(db) : contextForItems(db);
  const [row] = await query.execute({ userId, addressId, key: idempotencyKey ?? null });
  return row ?? null;
}

export async function findOrderByKey(db: DbOrTx, userId: string, key: string): Promise<EarlierAttempt | null> {
  const [row] = await db
    .select(earlierColumns)
    .from(orders)
    .where(and(eq(orders.userId, userId), eq(orders.idempotencyKey, key)));
  return row ?? null;
}

/**
 * The customer's card orders still waiting for payment, counted under a per-customer transaction lock so
 * two card checkouts of one customer take turns (on every process: the lock is the database's) and the
 * second sees the first's order. Call inside the placing transaction.
 */
export async function lockAndFindUnpaidOrders(tx: DbOrTx, userId: string): Promise<Array<{ id: string; number: string }>> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'unpaid-card:' + userId}, 0))`);
  return tx
    .select({ id: orders.id, number: orders.number })
    .from(orders)
    .where(and(eq(orders.userId, userId), eq(orders.status, 'pending_payment')))
    .orderBy(orders.createdAt);
}

export interface NewOrder {
  number: string;
  userId: string;
  storeId: string;
  status: OrderStatus;
  paymentMethod: 'cod' | 'card';
  paymentStatus: 'pending' | 'cod_due' | 'paid';
  address: AddressSnapshot;
  billLines: BillLine[];
  itemTotal: number;
  mrpTotal: number;
  fees: number;
  tip: number;
  discount: number;
  total: number;
  /** Paise of the total taken from the customer's wallet (debited in the same transaction). */
  walletPaid: number;
  couponCode: string | null;
  etaMinutes: number;
  promisedAt: Date;
  reservationExpiresAt: Date | null;
  idempotencyKey: string | null;
  idempotencyFingerprint: string | null;
  /** A slotted order's window start. */
  slotStartsAt: Date | null;
}

export interface NewOrderItem {
  productId: string;
  variantId: string;
  name: string;
  label: string;
  imageUrl: string | null;
  price: number;
  mrp: number;
  quantity: number;
  /** What to do should the line come up short (the cart line's choice, else the profile's). */
  whenShort: WhenShort;
}

/** ff_require's message when a line has no stock row to reserve (the store does not stock it). */
const STOCK_MISSING = 'checkout: a line has no stock row at the store';

export interface PlacedOrder {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Reserves the stock of every line and writes the order in ONE statement, all or nothing. Returns null,
 * with nothing written, when the store cannot fill a line.
 *
 *  - `locked` takes the lines' stock row locks in variant order: one fixed order, so two checkouts can
 *    never wait on each other in a cycle. The reservation then adds to the newest committed version of
 *    each row (READ COMMITTED re-reads a row that changed while it waited).
 *  - Short stock is caught by the table's own rule (CHECK reserved <= on_hand), a line without a stock
 *    row by ff_require; either aborts the whole statement. No read-then-write window, never a
 *    half-written order.
 *  - The inserts (order, item snapshots, stock audit rows, first timeline event) and the cart clean-up
 *    ride in the same statement, so outside a transaction it needs no BEGIN/COMMIT round trips.
 */
const p = (name: string) => sql.placeholder(name);

/** The statement behind placeOrder, prepared: PostgreSQL parses and plans it once per connection. */
const placeOrderStatement = preparedStatement(
  'place_order',
  sql`
    with wanted as (
      select * from jsonb_to_recordset(${p('lines')}::jsonb)
        as w(variant_id uuid, product_id uuid, name text, label text, image_url text, price int, mrp int, quantity int, when_short text)
    ),
    locked as materialized (
      select s.variant_id from stock s join wanted w on w.variant_id = s.variant_id
      where s.store_id = ${p('storeId')}::uuid
      order by s.variant_id
      for update of s
    ),
    reserved as (
      update stock s set reserved = s.reserved + w.quantity, updated_at = now()
      from locked l join wanted w on w.variant_id = l.variant_id
      where s.store_id = ${p('storeId')}::uuid and s.variant_id = l.variant_id
      returning s.variant_id
    ),
    placed as (
      insert into orders (number, user_id, store_id, status, payment_method, payment_status, address, bill_lines,
                          item_total, mrp_total, fees, tip, discount, total, wallet_paid, coupon_code, eta_minutes, promised_at,
                          reservation_expires_at, idempotency_key, idempotency_fingerprint, slot_starts_at)
      select ${p('number')}::text, ${p('userId')}::uuid, ${p('storeId')}::uuid, ${p('status')}::text, ${p('paymentMethod')}::text,
             ${p('paymentStatus')}::text, ${p('address')}::jsonb, ${p('billLines')}::jsonb,
             ${p('itemTotal')}::int, ${p('mrpTotal')}::int, ${p('fees')}::int, ${p('tip')}::int, ${p('discount')}::int, ${p('total')}::int,
             ${p('walletPaid')}::int, ${p('couponCode')}::text, ${p('etaMinutes')}::int, ${p('promisedAt')}::timestamptz,
             ${p('reservationExpiresAt')}::timestamptz, ${p('idempotencyKey')}::text, ${p('idempotencyFingerprint')}::text, ${p('slotStartsAt')}::timestamptz
      where ff_require((select count(*) from reserved) = ${p('lineCount')}::int, ${p('stockMissing')})
      returning id, created_at, updated_at
    ),
    item_rows as (
      insert into order_items (order_id, product_id, variant_id, name, label, image_url, price, mrp, quantity, ordered_quantity, when_short)
      select p.id, w.product_id, w.variant_id, w.name, w.label, w.image_url, w.price, w.mrp, w.quantity, w.quantity, w.when_short
      from placed p, wanted w
    ),
    audit_rows as (
      insert into stock_movements (store_id, variant_id, delta_reserved, reason, actor_id, order_id)
      select ${p('storeId')}::uuid, w.variant_id, w.quantity, 'reserve', ${p('actorId')}::uuid, p.id
      from placed p, wanted w
    ),
    first_event as (
      insert into order_events (order_id, status, actor_id, actor_role, note)
      select p.id, ${p('status')}::text, ${p('actorId')}::uuid, ${p('actorRole')}::text, ${p('note')}::text from placed p
    ),
    cart_lines_cleared as (
      delete from cart_items where ${p('clearCart')}::boolean and user_id = ${p('userId')}::uuid and exists (select 1 from placed)
    ),
    cart_settings_cleared as (
      update carts set coupon_code = null, tip = 0, updated_at = now()
      where ${p('clearCart')}::boolean and user_id = ${p('userId')}::uuid and exists (select 1 from placed)
    )
    select id, (extract(epoch from created_at) * 1000)::float8 as created_ms,
           (extract(epoch from updated_at) * 1000)::float8 as updated_ms
    from placed
  `,
);

export async function placeOrder(
  db: DbOrTx,
  order: NewOrder,
  items: NewOrderItem[],
  actor: { id: string; role: string },
  opts: { clearCart: boolean; note: string },
): Promise<PlacedOrder | null> {
  const o = order;
  const params = {
    lines: JSON.stringify(
      items.map((i) => ({
        variant_id: i.variantId,
        product_id: i.productId,
        name: i.name,
        label: i.label,
        image_url: i.imageUrl,
        price: i.price,
        mrp: i.mrp,
        quantity: i.quantity,
        when_short: i.whenShort,
      })),
    ),
    lineCount: items.length,
    number: o.number,
    userId: o.userId,
    storeId: o.storeId,
    status: o.status,
    paymentMethod: o.paymentMethod,
    paymentStatus: o.paymentStatus,
    address: JSON.stringify(o.address),
    billLines: JSON.stringify(o.billLines),
    itemTotal: o.itemTotal,
    mrpTotal: o.mrpTotal,
    fees: o.fees,
    tip: o.tip,
    discount: o.discount,
    total: o.total,
    walletPaid: o.walletPaid,
    couponCode: o.couponCode,
    etaMinutes: o.etaMinutes,
    promisedAt: o.promisedAt.toISOString(),
    reservationExpiresAt: o.reservationExpiresAt?.toISOString() ?? null,
    idempotencyKey: o.idempotencyKey,
    idempotencyFingerprint: o.idempotencyFingerprint,
    slotStartsAt: o.slotStartsAt?.toISOString() ?? null,
    actorId: actor.id,
    actorRole: actor.role,
    note: opts.note,
    clearCart: opts.clearCart,
    stockMissing: STOCK_MISSING,
  };
  let result: unknown;
  try {
    result = await placeOrderStatement(db).execute(params);
  } catch (err) {
    const pg = pgError(err);
    // Short stock (the table's CHECK) or a line without a stock row (ff_require, the statement's only raise).
    if ((pg?.code === CHECK_VIOLATION && pg.constraint === 'stock_reserved_ck') || pg?.code === RAISED) return null;
    throw err;
  }
  const [row] = rowsOf<{ id: string; created_ms: number; updated_ms: number }>(result);
  return { id: row!.id, createdAt: new Date(row!.created_ms), updatedAt: new Date(row!.updated_ms) };
}


/** on_hand − reserved of each variant the store stocks, for the 409 that names what is left. */
export async function freeStock(db: DbOrTx, storeId: string, variantIds: string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ variantId: stock.variantId, free: sql<number>`(${stock.onHand} - ${stock.reserved})::int` })
    .from(stock)
    .where(and(eq(stock.storeId, storeId), inArray(stock.variantId, variantIds)));
  return new Map(rows.map((r) => [r.variantId, r.free]));
}
