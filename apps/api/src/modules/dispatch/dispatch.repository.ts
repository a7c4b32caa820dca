/** Every database call of riders and dispatch. Plain rows in and out; callers decide the transaction. */
import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx, type Tx } from '../../db/client';
import {
  deliveries,
  deliveryLog,
  deliveryOffers,
  orders,
  riderCash,
  riderPositions,
  riderShifts,
  riderTrail,
  stores,
  users,
  type CashKind,
  type DeliveryState,
} from '../../db/schema/index';
import type { RiderPosition } from './positions';

/** A rider holds these: the order is theirs until it is delivered or the manager takes it back. */
export const HELD_STATES: readonly DeliveryState[] = ['assigned', 'picked_up', 'unreachable'];
/** Not finished: dispatch still cares. */
const OPEN_STATES: readonly DeliveryState[] = ['waiting', 'offered', ...HELD_STATES];

// ── shifts ───────────────────────────────────────────────────────────────────────────────────────────

export interface ShiftRow {
  id: string;
  riderId: string;
  storeId: string;
  startedAt: Date;
  endedAt: Date | null;
}

export async function openShiftOf(db: DbOrTx, riderId: string, lock = false): Promise<ShiftRow | null> {
  const q = db.select().from(riderShifts).where(and(eq(riderShifts.riderId, riderId), isNull(riderShifts.endedAt)));
  const [row] = lock ? await q.for('no key update') : await q;
  return row ?? null;
}

/** Starts a shift unless one is open (the partial unique index keeps it to one). */
export async function startShift(tx: Tx, riderId: string, storeId: string): Promise<void> {
  await tx.execute(sql`
    insert into ${riderShifts} (rider_id, store_id) values (${riderId}, ${storeId})
    on conflict (rider_id) where ended_at is null do nothing`);
}

export async function endShift(tx: Tx, shiftId: string): Promise<void> {
  await tx.update(riderShifts).set({ endedAt: new Date() }).where(eq(riderShifts.id, shiftId));
}

export async function shiftFigures(db: DbOrTx, shiftId: string): Promise<{ deliveries: number; cashInHand: number }> {
  const [row] = rowsOf<{ deliveries: number; cash_in_hand: number }>(
    await db.execute(sql`
      select
        (select count(*)::int from ${deliveries} where shift_id = ${shiftId} and state = 'delivered') as deliveries,
        (select coalesce(sum(case when kind = 'cash' then amount when kind = 'deposit' then -amount else 0 end), 0)::int
           from ${riderCash} where shift_id = ${shiftId}) as cash_in_hand`),
  );
  return { deliveries: row?.deliveries ?? 0, cashInHand: row?.cash_in_hand ?? 0 };
}

export async function shiftById(db: DbOrTx, shiftId: string): Promise<ShiftRow | null> {
  const [row] = await db.select().from(riderShifts).where(eq(riderShifts.id, shiftId));
  return row ?? null;
}

// ── what a ping needs to know ────────────────────────────────────────────────────────────────────────

export interface CarriedOrder {
  orderId: string;
  state: DeliveryState;
  dropLat: number | null;
  dropLng: number | null;
  arrived: boolean;
}

export interface RiderState {
  shiftId: string | null;
  storeId: string | null;
  orders: CarriedOrder[];
}

/** One read: the rider's open shift and the orders they hold. */
export async function findRiderState(db: DbOrTx, riderId: string): Promise<RiderState> {
  const rows = rowsOf<{ shift_id: string | null; store_id: string | null; order_id: string | null; state: DeliveryState | null; lat: number | null; lng: number | null; arrived: boolean | null }>(
    await db.execute(sql`
      select s.id as shift_id, s.store_id, d.order_id, d.state,
             (o.address->>'lat')::float8 as lat, (o.address->>'lng')::float8 as lng, d.arrived_at is not null as arrived
      from (select 1) one
      left join ${riderShifts} s on s.rider_id = ${riderId} and s.ended_at is null
      left join ${deliveries} d on d.rider_id = ${riderId} and d.state in ('assigned', 'picked_up', 'unreachable')
      left join ${orders} o on o.id = d.order_id`),
  );
  const first = rows[0];
  return {
    shiftId: first?.shift_id ?? null,
    storeId: first?.store_id ?? null,
    orders: rows
      .filter((r) => r.order_id && r.state)
      .map((r) => ({ orderId: r.order_id!, state: r.state!, dropLat: r.lat, dropLng: r.lng, arrived: !!r.arrived })),
  };
}

export async function saveLatestPosition(db: DbOrTx, riderId: string, p: RiderPosition): Promise<void> {
  await db
    .insert(riderPositions)
    .values({ riderId, ...p })
    .onConflictDoUpdate({
      target: riderPositions.riderId,
      set: { lat: p.lat, lng: p.lng, accuracy: p.accuracy, heading: p.heading, speed: p.speed, at: p.at },
      setWhere: lt(riderPositions.at, p.at),
    });
}

export async function latestPositionsFromDb(db: DbOrTx, riderIds: string[]): Promise<Map<string, RiderPosition>> {
  if (!riderIds.length) return new Map();
  const rows = await db.select().from(riderPositions).where(inArray(riderPositions.riderId, riderIds));
  return new Map(rows.map((r) => [r.riderId, { lat: r.lat, lng: r.lng, accuracy: r.accuracy, heading: r.heading, speed: r.speed, at: r.at }]));
}

export async function appendTrail(
  db: DbOrTx,
  points: Array<{ orderId: string; riderId: string; lat: number; lng: number; at: Date }>,
): Promise<void> {
  if (points.length) await db.insert(riderTrail).values(points);
}

export async function markArrived(db: DbOrTx, orderId: string, riderId: string, at: Date): Promise<void> {
  await db
    .update(deliveries)
    .set({ arrivedAt: at, updatedAt: new Date() })
    .where(and(eq(deliveries.orderId, orderId), eq(deliveries.riderId, riderId), eq(deliveries.state, 'picked_up'), isNull(deliveries.arrivedAt)));
}

export async function pruneTrail(db: DbOrTx, before: Date): Promise<number> {
  const rows = await db.delete(riderTrail).where(lt(riderTrail.at, before)).returning({ id: riderTrail.id });
  return rows.length;
}

// ── the dispatcher's view of a store ─────────────────────────────────────────────────────────────────

/** Serialises dispatch per store across processes; answers false when another process holds it now. */
export async function tryStoreLock(tx: Tx, storeId: string): Promise<boolean> {
  const [row] = rowsOf<{ ok: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext(${'dispatch:' + storeId})) as ok`));
  return !!row?.ok;
}

/**
 * Orders being packed or packed get a dispatch record; records whose order ended (delivered or cancelled
 * some other way, e.g. by the store manager) close, and their open offers are withdrawn.
 */
export async function syncDeliveries(tx: Tx, storeId: string): Promise<void> {
  await tx.execute(sql`
    insert into ${deliveries} (order_id, store_id)
    select o.id, o.store_id from ${orders} o
    where o.store_id = ${storeId} and o.status in ('packing', 'packed')
    on conflict (order_id) do nothing`);
  await tx.execute(sql`
    with ended as (
      update ${deliveries} d
      set state = case when o.status in ('delivered', 'refunded') and d.rider_id is not null and d.shift_id is not null then 'delivered' else 'cancelled' end,
          finished_at = coalesce(d.finished_at, now()), updated_at = now()
      from ${orders} o
      where o.id = d.order_id and d.store_id = ${storeId}
        and d.state in ('waiting', 'offered', 'assigned', 'picked_up', 'unreachable')
        and o.status not in ('pending_payment', 'confirmed', 'packing', 'packed', 'out_for_delivery')
      returning d.order_id
    )
    update ${deliveryOffers} set status = 'withdrawn', answered_at = now()
    where status = 'open' and order_id in (select order_id from ended)`);
}

/** Lapsed offers end; their orders wait for the next rider. Answers the riders whose offer lapsed. */
export async function expireOffers(tx: Tx, storeId: string, now: Date): Promise<string[]> {
  const rows = rowsOf<{ rider_id: string }>(
    await tx.execute(sql`
      with lapsed as (
        update ${deliveryOffers} f set status = 'expired', answered_at = ${now}
        from ${deliveries} d
        where f.status = 'open' and f.expires_at <= ${now} and d.order_id = f.order_id and d.store_id = ${storeId}
        returning f.order_id, f.rider_id
      ), back as (
        update ${deliveries} d set state = 'waiting', updated_at = now()
        from lapsed where d.order_id = lapsed.order_id and d.state = 'offered'
        returning d.order_id
      )
      select rider_id from lapsed`),
  );
  return rows.map((r) => r.rider_id);
}

export interface WaitingOrder {
  orderId: string;
  status: string;
  dropLat: number | null;
  dropLng: number | null;
  promisedAt: Date;
  waitingSince: Date;
  /** Riders who let this order go already (declined or let the offer lapse). */
  refusedBy: string[];
}

export async function waitingOrders(tx: Tx, storeId: string): Promise<WaitingOrder[]> {
  const rows = rowsOf<{ order_id: string; status: string; lat: number | null; lng: number | null; promised_at: string | Date; waiting_since: string | Date; refused: string[] | null }>(
    await tx.execute(sql`
      select d.order_id, o.status, (o.address->>'lat')::float8 as lat, (o.address->>'lng')::float8 as lng,
             o.promised_at, d.waiting_since,
             (select array_agg(distinct f.rider_id::text) from ${deliveryOffers} f
               where f.order_id = d.order_id and f.status in ('declined', 'expired')) as refused
      from ${deliveries} d join ${orders} o on o.id = d.order_id
      where d.store_id = ${storeId} and d.state = 'waiting'
      order by d.waiting_since, d.order_id
      for update of d skip locked`),
  );
  return rows.map((r) => ({
    orderId: r.order_id,
    status: r.status,
    dropLat: r.lat,
    dropLng: r.lng,
    promisedAt: new Date(r.promised_at),
    waitingSince: new Date(r.waiting_since),
    refusedBy: r.refused ?? [],
  }));
}

export interface OnDutyRider {
  riderId: string;
  shiftId: string;
  startedAt: Date;
  hasOpenOffer: boolean;
  deliveriesThisShift: number;
  /** The orders the rider holds, with their drops and states. */
  held: Array<{ orderId: string; state: DeliveryState; status: string; dropLat: number | null; dropLng: number | null }>;
}

/** The store's on-duty riders, their shift rows locked (accepting, going off duty wait for this dispatch). */
export async function onDutyRiders(tx: Tx, storeId: string): Promise<OnDutyRider[]> {
  const shifts = await tx
    .select({ id: riderShifts.id, riderId: riderShifts.riderId, startedAt: riderShifts.startedAt })
    .from(riderShifts)
    .where(and(eq(riderShifts.storeId, storeId), isNull(riderShifts.endedAt)))
    .orderBy(asc(riderShifts.id))
    .for('no key update');
  if (!shifts.length) return [];
  const riderIds = shifts.map((s) => s.riderId);
  const shiftIds = shifts.map((s) => s.id);
  const [held, offers, done] = await Promise.all([
    tx
      .select({
        riderId: deliveries.riderId,
        orderId: deliveries.orderId,
        state: deliveries.state,
        status: orders.status,
        lat: sql<number | null>`(${orders.address}->>'lat')::float8`,
        lng: sql<number | null>`(${orders.address}->>'lng')::float8`,
      })
      .from(deliveries)
      .innerJoin(orders, eq(orders.id, deliveries.orderId))
      .where(and(inArray(deliveries.riderId, riderIds), inArray(deliveries.state, [...HELD_STATES]))),
    tx
      .select({ riderId: deliveryOffers.riderId })
      .from(deliveryOffers)
      .where(and(inArray(deliveryOffers.riderId, riderIds), eq(deliveryOffers.status, 'open'))),
    tx
      .select({ shiftId: deliveries.shiftId, n: sql<number>`count(*)::int` })
      .from(deliveries)
      .where(and(inArray(deliveries.shiftId, shiftIds), eq(deliveries.state, 'delivered')))
      .groupBy(deliveries.shiftId),
  ]);
  const offered = new Set(offers.map((o) => o.riderId));
  const doneBy = new Map(done.map((d) => [d.shiftId, d.n]));
  return shifts.map((s) => ({
    riderId: s.riderId,
    shiftId: s.id,
    startedAt: s.startedAt,
    hasOpenOffer: offered.has(s.riderId),
    deliveriesThisShift: doneBy.get(s.id) ?? 0,
    held: held
      .filter((h) => h.riderId === s.riderId)
      .map((h) => ({ orderId: h.orderId, state: h.state, status: h.status, dropLat: h.lat, dropLng: h.lng })),
  }));
}

export async function insertOffer(tx: Tx, o: { orderId: string; riderId: string; shiftId: string; expiresAt: Date }): Promise<void> {
  await tx.insert(deliveryOffers).values(o);
  await tx.update(deliveries).set({ state: 'offered', updatedAt: new Date() }).where(and(eq(deliveries.orderId, o.orderId), eq(deliveries.state, 'waiting')));
}

/** Stores with dispatch work: an order being packed or packed without a rider, or an open offer. */
export async function storesWithWork(db: DbOrTx): Promise<string[]> {
  const rows = rowsOf<{ store_id: string }>(
    await db.execute(sql`
      select distinct o.store_id from ${orders} o left join ${deliveries} d on d.order_id = o.id
      where o.status in ('packing', 'packed', 'out_for_delivery') and (d.order_id is null or d.state in ('waiting', 'offered'))
      union
      select distinct d.store_id from ${deliveries} d
      where d.state in ('waiting', 'offered', 'assigned', 'picked_up', 'unreachable')
        and exists (select 1 from ${orders} o where o.id = d.order_id and o.status not in ('packing', 'packed', 'out_for_delivery'))`),
  );
  return rows.map((r) => r.store_id);
}

// ── a rider's answers and steps ──────────────────────────────────────────────────────────────────────

/** Closes the rider's open offer for the order; null when there is none (lapsed, withdrawn, never made). */
export async function answerOffer(tx: Tx, orderId: string, riderId: string, answer: 'accepted' | 'declined', now: Date) {
  const [row] = await tx
    .update(deliveryOffers)
    .set({ status: answer, answeredAt: now })
    .where(
      and(
        eq(deliveryOffers.orderId, orderId),
        eq(deliveryOffers.riderId, riderId),
        eq(deliveryOffers.status, 'open'),
        answer === 'accepted' ? gte(deliveryOffers.expiresAt, now) : undefined,
      ),
    )
    .returning({ id: deliveryOffers.id, shiftId: deliveryOffers.shiftId });
  return row ?? null;
}

export async function withdrawOpenOffers(tx: Tx, where: { orderId?: string; riderId?: string }): Promise<void> {
  const by = where.orderId ? eq(deliveryOffers.orderId, where.orderId) : eq(deliveryOffers.riderId, where.riderId!);
  const rows = await tx
    .update(deliveryOffers)
    .set({ status: 'withdrawn', answeredAt: new Date() })
    .where(and(by, eq(deliveryOffers.status, 'open')))
    .returning({ orderId: deliveryOffers.orderId });
  if (rows.length) {
    await tx
      .update(deliveries)
      .set({ state: 'waiting', updatedAt: new Date() })
      .where(and(inArray(deliveries.orderId, rows.map((r) => r.orderId)), eq(deliveries.state, 'offered')));
  }
}

export async function countHeld(tx: Tx, riderId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(deliveries)
    .where(and(eq(deliveries.riderId, riderId), inArray(deliveries.state, [...HELD_STATES])));
  return row?.n ?? 0;
}

/** Gives the order to the rider if nobody has it; false when someone does. */
export async function assignDelivery(tx: Tx, orderId: string, riderId: string, shiftId: string, from: DeliveryState[]): Promise<boolean> {
  const rows = await tx
    .update(deliveries)
    .set({ state: 'assigned', riderId, shiftId, assignedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(deliveries.orderId, orderId), isNull(deliveries.riderId), inArray(deliveries.state, from)))
    .returning({ orderId: deliveries.orderId });
  return rows.length === 1;
}

export type DeliveryRow = typeof deliveries.$inferSelect;

/** Locks the deliveries offered to the rider now (before their shift row, the order every step locks in). */
export async function lockOfferedDeliveries(tx: Tx, riderId: string): Promise<void> {
  await tx.execute(sql`
    select d.order_id from ${deliveries} d join ${deliveryOffers} f on f.order_id = d.order_id
    where f.rider_id = ${riderId} and f.status = 'open' order by d.order_id for update of d`);
}

export async function lockDelivery(tx: Tx, orderId: string): Promise<DeliveryRow | null> {
  const [row] = await tx.select().from(deliveries).where(eq(deliveries.orderId, orderId)).for('update');
  return row ?? null;
}

export async function updateDelivery(tx: Tx, orderId: string, set: Partial<Omit<DeliveryRow, 'orderId' | 'storeId'>>): Promise<void> {
  await tx.update(deliveries).set({ ...set, updatedAt: new Date() }).where(eq(deliveries.orderId, orderId));
}

export async function logDelivery(tx: Tx, row: { orderId: string; kind: string; actorId: string | null; actorRole: string; note?: string | null }): Promise<void> {
  await tx.insert(deliveryLog).values({ ...row, note: row.note ?? null });
}

export async function recordCash(
  tx: Tx,
  row: { shiftId: string; riderId: string; storeId: string; orderId: string | null; kind: CashKind; amount: number; recordedBy: string; note?: string | null },
): Promise<void> {
  await tx.insert(riderCash).values({ ...row, note: row.note ?? null });
}

export interface TaskRow {
  orderId: string;
  number: string;
  state: DeliveryState;
  offerExpiresAt: Date | null;
  storeId: string;
  storeName: string;
  storeAddress: string;
  storeLat: number;
  storeLng: number;
  address: typeof orders.$inferSelect.address;
  paymentMethod: 'cod' | 'card';
  paymentStatus: string;
  total: number;
  /** Paid from the wallet at checkout: the rider collects only the rest. */
  walletPaid: number;
  itemCount: number;
  codeAttempts: number;
  lockedAt: Date | null;
  pickedUpAt: Date | null;
  arrivedAt: Date | null;
}

/** The rider's open offer and the orders they hold, oldest first (one query). */
export async function riderTasks(db: DbOrTx, riderId: string, onlyOrder?: string): Promise<TaskRow[]> {
  const rows = rowsOf<{
    order_id: string; number: string; state: DeliveryState; expires_at: string | Date | null; store_id: string; store_name: string;
    store_address: string; store_lat: number; store_lng: number; address: TaskRow['address']; payment_method: 'cod' | 'card';
    payment_status: string; total: number; wallet_paid: number; item_count: number; code_attempts: number; locked_at: string | Date | null;
    picked_up_at: string | Date | null; arrived_at: string | Date | null;
  }>(
    await db.execute(sql`
      select d.order_id, o.number,
             case when f.id is not null and d.rider_id is null then 'offered' else d.state end as state,
             f.expires_at, s.id as store_id, s.name as store_name, s.address as store_address, s.lat as store_lat, s.lng as store_lng,
             o.address, o.payment_method, o.payment_status, o.total, o.wallet_paid,
             (select coalesce(sum(quantity), 0)::int from order_items i where i.order_id = o.id) as item_count,
             d.code_attempts, d.locked_at, d.picked_up_at, d.arrived_at
      from ${deliveries} d
      join ${orders} o on o.id = d.order_id
      join ${stores} s on s.id = d.store_id
      left join ${deliveryOffers} f on f.order_id = d.order_id and f.rider_id = ${riderId} and f.status = 'open'
      where (f.id is not null or (d.rider_id = ${riderId} and d.state in ('assigned', 'picked_up', 'unreachable')))
        ${onlyOrder ? sql`and d.order_id = ${onlyOrder}` : sql``}
      order by coalesce(d.assigned_at, f.offered_at), d.order_id`),
  );
  const date = (v: string | Date | null) => (v === null ? null : new Date(v));
  return rows.map((r) => ({
    orderId: r.order_id,
    number: r.number,
    state: r.state,
    offerExpiresAt: date(r.expires_at),
    storeId: r.store_id,
    storeName: r.store_name,
    storeAddress: r.store_address,
    storeLat: r.store_lat,
    storeLng: r.store_lng,
    address: r.address,
    paymentMethod: r.payment_method,
    paymentStatus: r.payment_status,
    total: r.total,
    walletPaid: r.wallet_paid,
    itemCount: r.item_count,
    codeAttempts: r.code_attempts,
    lockedAt: date(r.locked_at),
    pickedUpAt: date(r.picked_up_at),
    arrivedAt: date(r.arrived_at),
  }));
}

export async function orderCodeAndMoney(tx: Tx, orderId: string) {
  const [row] = await tx
    .select({ code: orders.deliveryCode, number: orders.number, paymentMethod: orders.paymentMethod, paymentStatus: orders.paymentStatus, total: orders.total, walletPaid: orders.walletPaid, status: orders.status })
    .from(orders)
    .where(eq(orders.id, orderId));
  return row ?? null;
}

// ── the store manager ────────────────────────────────────────────────────────────────────────────────

export async function boardDeliveries(db: DbOrTx, storeId: string) {
  return db
    .select({
      orderId: deliveries.orderId,
      number: orders.number,
      orderStatus: orders.status,
      state: deliveries.state,
      riderId: deliveries.riderId,
      riderName: users.name,
      waitingSince: deliveries.waitingSince,
      lockedAt: deliveries.lockedAt,
      promisedAt: orders.promisedAt,
    })
    .from(deliveries)
    .innerJoin(orders, eq(orders.id, deliveries.orderId))
    .leftJoin(users, eq(users.id, deliveries.riderId))
    .where(and(eq(deliveries.storeId, storeId), inArray(deliveries.state, [...OPEN_STATES])))
    .orderBy(asc(deliveries.waitingSince), asc(deliveries.orderId));
}

export async function storeRiders(db: DbOrTx, storeId: string) {
  return db
    .select({ id: users.id, name: users.name, shiftId: riderShifts.id })
    .from(users)
    .leftJoin(riderShifts, and(eq(riderShifts.riderId, users.id), isNull(riderShifts.endedAt)))
    .where(and(eq(users.storeId, storeId), eq(users.role, 'rider'), isNull(users.blockedAt)))
    .orderBy(asc(users.name), asc(users.id));
}

export async function riderOfStore(db: DbOrTx, riderId: string, storeId: string) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, riderId), eq(users.role, 'rider'), eq(users.storeId, storeId), isNull(users.blockedAt)));
  return row ?? null;
}

/** Per shift: cash and UPI collected and cash deposited, for shifts of the day (IST) or still open. */
export async function cashByShift(db: DbOrTx, storeId: string, from: Date, to: Date) {
  return rowsOf<{
    shift_id: string; rider_id: string; rider_name: string; started_at: string | Date; ended_at: string | Date | null;
    cash: number; upi: number; deposited: number; orders: number;
  }>(
    await db.execute(sql`
      select s.id as shift_id, s.rider_id, u.name as rider_name, s.started_at, s.ended_at,
             coalesce(sum(c.amount) filter (where c.kind = 'cash'), 0)::int as cash,
             coalesce(sum(c.amount) filter (where c.kind = 'upi'), 0)::int as upi,
             coalesce(sum(c.amount) filter (where c.kind = 'deposit'), 0)::int as deposited,
             count(c.order_id)::int as orders
      from ${riderShifts} s
      join ${users} u on u.id = s.rider_id
      left join ${riderCash} c on c.shift_id = s.id
      where s.store_id = ${storeId} and ((s.started_at >= ${from} and s.started_at < ${to}) or s.ended_at is null)
      group by s.id, u.name
      order by s.started_at desc, s.id`),
  );
}
