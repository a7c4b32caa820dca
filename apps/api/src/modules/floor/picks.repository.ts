/** Database calls for picks: the queue, claims, lines in walking order, short-pick stock corrections, packing. */
import { and, eq, sql } from 'drizzle-orm';
import { TEMPERATURES, type ShortReason, type Temperature, type WhenShort } from '@fatafat/contracts/floor-rules';
import { rowsOf, type DbOrTx, type Tx } from '../../db/client';
import { pickLines, picks, stockMovements, stores } from '../../db/schema/index';

export interface QueueRow {
  order_id: string;
  number: string;
  created_at: Date | string;
  promised_at: Date | string;
  status: 'confirmed' | 'packing';
  lines: number;
  units: number;
  picker_id: string | null;
  picker_name: string | null;
}

/** Orders waiting for a picker or being picked at a store, oldest promise first. */
export async function queueOf(db: DbOrTx, storeId: string, limit = 200): Promise<QueueRow[]> {
  return rowsOf<QueueRow>(
    await db.execute(sql`
      select o.id as order_id, o.number, o.created_at, o.promised_at, o.status,
        (select count(*)::int from order_items oi where oi.order_id = o.id) as lines,
        (select coalesce(sum(oi.quantity), 0)::int from order_items oi where oi.order_id = o.id) as units,
        p.picker_id, u.name as picker_name
      from orders o
      left join picks p on p.order_id = o.id
      left join users u on u.id = p.picker_id
      where o.store_id = ${storeId} and o.status in ('confirmed', 'packing')
      order by o.promised_at, o.created_at, o.id
      limit ${limit}`),
  );
}

export interface FloorSettings {
  batching: boolean;
  claimBudgetS: number;
  packBudgetS: number;
}

export async function floorSettings(db: DbOrTx, storeId: string): Promise<FloorSettings | null> {
  const [row] = await db
    .select({ batching: stores.pickBatching, claimBudgetS: stores.claimBudgetS, packBudgetS: stores.packBudgetS })
    .from(stores)
    .where(eq(stores.id, storeId));
  return row ?? null;
}

export async function updateFloorSettings(db: DbOrTx, storeId: string, set: Partial<FloorSettings>): Promise<void> {
  await db
    .update(stores)
    .set({
      ...(set.batching !== undefined ? { pickBatching: set.batching } : {}),
      ...(set.claimBudgetS !== undefined ? { claimBudgetS: set.claimBudgetS } : {}),
      ...(set.packBudgetS !== undefined ? { packBudgetS: set.packBudgetS } : {}),
      updatedAt: new Date(),
    })
    .where(eq(stores.id, storeId));
}

/**
 * The next order to claim at a store (oldest promise first), locked; orders another claimer holds are
 * skipped, so pickers pressing "next" at once get different orders instead of queueing on one.
 */
export async function lockNextClaimable(tx: Tx, storeId: string): Promise<string | null> {
  const [row] = rowsOf<{ id: string }>(
    await tx.execute(sql`
      select id from orders where store_id = ${storeId} and status = 'confirmed'
      order by promised_at, created_at, id
      limit 1 for update skip locked`),
  );
  return row?.id ?? null;
}

/** Serialises one picker's claims, so "at most one open pick" holds when they press twice at once. */
export async function lockPicker(tx: Tx, pickerId: string): Promise<void> {
  await tx.execute(sql`select id from users where id = ${pickerId} for update`);
}

export async function openPicksOf(db: DbOrTx, pickerId: string): Promise<Array<{ orderId: string; number: string }>> {
  return rowsOf<{ orderId: string; number: string }>(
    await db.execute(sql`
      select p.order_id as "orderId", o.number from picks p join orders o on o.id = p.order_id
      where p.picker_id = ${pickerId} and p.packed_at is null order by p.claimed_at`),
  );
}

export interface PickRow {
  orderId: string;
  storeId: string;
  pickerId: string;
  claimedAt: Date;
  packedAt: Date | null;
  bags: number | null;
}

export async function findPick(db: DbOrTx, orderId: string, lock?: 'update' | 'share'): Promise<PickRow | null> {
  const q = db.select().from(picks).where(eq(picks.orderId, orderId));
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

/** An order's lines as a picker will walk them: units per variant, the bin at this store, the coldest zone of its subcategories. */
export async function linesToPick(
  tx: Tx,
  orderId: string,
  storeId: string,
): Promise<Array<{ variantId: string; quantity: number; bin: string | null; temperature: Temperature }>> {
  const rows = rowsOf<{ variant_id: string; quantity: number; bin: string | null; cold: number }>(
    await tx.execute(sql`
      select oi.variant_id, sum(oi.quantity)::int as quantity, s.bin,
        coalesce((
          select max(case sc.temperature when 'frozen' then 2 when 'chilled' then 1 else 0 end)
          from product_subcategories ps join subcategories sc on sc.id = ps.subcategory_id
          where ps.product_id = oi.product_id
        ), 0)::int as cold
      from order_items oi
      left join stock s on s.store_id = ${storeId} and s.variant_id = oi.variant_id
      where oi.order_id = ${orderId}
      group by oi.variant_id, oi.product_id, s.bin`),
  );
  return rows.map((r) => ({ variantId: r.variant_id, quantity: r.quantity, bin: r.bin, temperature: TEMPERATURES[r.cold] ?? 'ambient' }));
}

export async function insertPick(
  tx: Tx,
  pick: { orderId: string; storeId: string; pickerId: string },
  lines: Array<{ variantId: string; quantity: number; bin: string | null; temperature: Temperature }>,
): Promise<boolean> {
  const inserted = await tx.insert(picks).values(pick).onConflictDoNothing().returning({ orderId: picks.orderId });
  if (!inserted.length) return false;
  if (lines.length) {
    await tx.insert(pickLines).values(lines.map((l, position) => ({ orderId: pick.orderId, position, ...l })));
  }
  return true;
}

export interface PickLineRow {
  variantId: string;
  productId: string;
  name: string;
  label: string;
  imageUrl: string | null;
  quantity: number;
  bin: string | null;
  temperature: Temperature;
  barcode: string | null;
  found: number | null;
  scanned: boolean;
  reason: ShortReason | null;
  pickedAt: Date | string | null;
  whenShort: WhenShort;
}

export interface PickHeadRow {
  order_id: string;
  number: string;
  status: string;
  store_id: string;
  address_name: string;
  address_phone: string;
  created_at: Date | string;
  promised_at: Date | string;
  claimed_at: Date | string;
  packed_at: Date | string | null;
  bags: number | null;
  picker_id: string;
  picker_name: string;
}

export async function pickHeads(db: DbOrTx, orderIds: string[]): Promise<PickHeadRow[]> {
  if (!orderIds.length) return [];
  return rowsOf<PickHeadRow>(
    await db.execute(sql`
      select p.order_id, o.number, o.status, o.store_id, o.address->>'name' as address_name, o.address->>'phone' as address_phone, o.created_at, o.promised_at,
        p.claimed_at, p.packed_at, p.bags, p.picker_id, u.name as picker_name
      from picks p join orders o on o.id = p.order_id join users u on u.id = p.picker_id
      where p.order_id in (${sql.join(orderIds.map((id) => sql`${id}::uuid`), sql`, `)})
      order by p.claimed_at`),
  );
}

export async function linesOfPicks(db: DbOrTx, orderIds: string[]): Promise<Array<PickLineRow & { orderId: string }>> {
  if (!orderIds.length) return [];
  return rowsOf<PickLineRow & { orderId: string }>(
    await db.execute(sql`
      select pl.order_id as "orderId", pl.variant_id as "variantId", oi.product_id as "productId", oi.name, oi.label,
        oi.image_url as "imageUrl", pl.quantity, pl.bin, pl.temperature, v.barcode, pl.found, pl.scanned,
        pl.short_reason as reason, pl.picked_at as "pickedAt", oi.when_short as "whenShort"
      from pick_lines pl
      join lateral (
        select product_id, name, label, image_url, when_short from order_items
        where order_id = pl.order_id and variant_id = pl.variant_id limit 1
      ) oi on true
      left join variants v on v.id = pl.variant_id
      where pl.order_id in (${sql.join(orderIds.map((id) => sql`${id}::uuid`), sql`, `)})
      order by pl.order_id, pl.position`),
  );
}

export async function lockPickLine(
  tx: Tx,
  orderId: string,
  variantId: string,
): Promise<{ quantity: number; found: number | null; scanned: boolean; reason: ShortReason | null } | null> {
  const [row] = await tx
    .select({ quantity: pickLines.quantity, found: pickLines.found, scanned: pickLines.scanned, reason: pickLines.shortReason })
    .from(pickLines)
    .where(and(eq(pickLines.orderId, orderId), eq(pickLines.variantId, variantId)))
    .for('update');
  return row ?? null;
}

export async function answerLine(
  tx: Tx,
  orderId: string,
  variantId: string,
  answer: { found: number; scanned: boolean; reason: ShortReason | null },
): Promise<void> {
  await tx
    .update(pickLines)
    .set({ found: answer.found, scanned: answer.scanned, shortReason: answer.reason, pickedAt: new Date() })
    .where(and(eq(pickLines.orderId, orderId), eq(pickLines.variantId, variantId)));
}

/** Name and pack of the variant a barcode belongs to, for "you scanned X" messages. */
export async function variantByBarcode(db: DbOrTx, barcode: string): Promise<{ name: string; label: string } | null> {
  const [row] = rowsOf<{ name: string; label: string }>(
    await db.execute(sql`
      select p.name, v.label from variants v join products p on p.id = v.product_id where v.barcode = ${barcode}`),
  );
  return row ?? null;
}

/**
 * The shelf was wrong: units the system counted are not there. The order's missing units leave the
 * reservation and on_hand together; when nothing is left on the shelf (not on shelf), on_hand drops to
 * what other orders still hold, so the shop shows it sold out. One append-only movement with the picker,
 * the order and the reason. Answers the movement written.
 */
export async function recordDiscrepancy(
  tx: Tx,
  m: { storeId: string; variantId: string; orderId: string; pickerId: string; missing: number; reason: ShortReason },
): Promise<{ deltaOnHand: number; deltaReserved: number }> {
  const [row] = rowsOf<{ on_hand: number; reserved: number }>(
    await tx.execute(sql`
      select on_hand, reserved from stock where store_id = ${m.storeId} and variant_id = ${m.variantId} for update`),
  );
  if (!row) return { deltaOnHand: 0, deltaReserved: 0 };
  const deltaReserved = -Math.min(m.missing, row.reserved);
  const nextOnHand = m.reason === 'not_on_shelf' ? row.reserved + deltaReserved : row.on_hand - m.missing;
  const deltaOnHand = Math.max(0, Math.min(row.on_hand, nextOnHand)) - row.on_hand;
  await tx.execute(sql`
    update stock set on_hand = on_hand + ${deltaOnHand}, reserved = reserved + ${deltaReserved}, updated_at = now()
    where store_id = ${m.storeId} and variant_id = ${m.variantId}`);
  await tx.insert(stockMovements).values({
    storeId: m.storeId,
    variantId: m.variantId,
    deltaOnHand,
    deltaReserved,
    reason: `inventory discrepancy: ${m.reason.replace(/_/g, ' ')}`,
    actorId: m.pickerId,
    orderId: m.orderId,
  });
  return { deltaOnHand, deltaReserved };
}

export async function openLineCount(db: DbOrTx, orderId: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from pick_lines where order_id = ${orderId} and found is null`),
  );
  return row?.n ?? 0;
}

export async function closePick(tx: Tx, orderId: string, bags: number): Promise<void> {
  await tx.update(picks).set({ packedAt: new Date(), bags }).where(eq(picks.orderId, orderId));
}

/** The lines a picker found fewer of than ordered, with what the order billed for them. */
export async function shortLinesOf(
  tx: Tx,
  orderId: string,
): Promise<Array<{ variantId: string; name: string; label: string; price: number; mrp: number; ordered: number; sent: number }>> {
  return rowsOf(
    await tx.execute(sql`
      select oi.variant_id as "variantId", oi.name, oi.label, oi.price, oi.mrp, oi.ordered_quantity as ordered, pl.found as sent
      from pick_lines pl
      join order_items oi on oi.order_id = pl.order_id and oi.variant_id = pl.variant_id
      where pl.order_id = ${orderId} and pl.found < oi.quantity
      order by pl.position`),
  );
}

/** Whether the picker found anything at all of the order. */
export async function foundUnits(tx: Tx, orderId: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(sql`select coalesce(sum(found), 0)::int as n from pick_lines where order_id = ${orderId}`),
  );
  return row?.n ?? 0;
}
