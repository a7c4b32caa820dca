/**
 * Database calls for the floor board: each order's stage boundaries, read from where they are written (the
 * pick's claim and pack, the delivery's pickup) with the order's status events as the fallback for orders
 * moved by hand; the store's pickers and their open picks; a day's durations, picks and short lines.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/client';
import { stores } from '../../db/schema/index';

export interface StoreBudgetsRow {
  name: string;
  timeZone: string;
  claim: number;
  pack: number;
  pickup: number;
  deliver: number;
}

export async function storeBudgets(db: DbOrTx, storeId: string): Promise<StoreBudgetsRow | null> {
  const [row] = await db
    .select({
      name: stores.name,
      timeZone: stores.timeZone,
      claim: stores.claimBudgetS,
      pack: stores.packBudgetS,
      pickup: stores.pickupBudgetS,
      deliver: stores.deliverBudgetS,
    })
    .from(stores)
    .where(eq(stores.id, storeId));
  return row ?? null;
}

export async function setBudgets(db: DbOrTx, storeId: string, b: { claim: number; pack: number; pickup: number; deliver: number }): Promise<boolean> {
  const updated = await db
    .update(stores)
    .set({ claimBudgetS: b.claim, packBudgetS: b.pack, pickupBudgetS: b.pickup, deliverBudgetS: b.deliver, updatedAt: new Date() })
    .where(eq(stores.id, storeId))
    .returning({ id: stores.id });
  return updated.length > 0;
}

export interface StageRow {
  order_id: string;
  number: string;
  status: string;
  promised_at: Date | string;
  placed_at: Date | string;
  claimed_at: Date | string | null;
  packed_at: Date | string | null;
  picked_up_at: Date | string | null;
  delivered_at: Date | string | null;
  picker_id: string | null;
  picker_name: string | null;
  rider_id: string | null;
  rider_name: string | null;
  lines_done: number;
  lines_total: number;
}

/**
 * Each order's stage boundaries. Placed is when it reached the queue (its first `confirmed` event: a card
 * order waits for its payment before that); the rest come from the pick and the delivery, or the order's
 * first event of the status when no picker or rider recorded it.
 */
function stageRows(where: SQL, order: SQL, limit: number): SQL {
  return sql`
    select o.id as order_id, o.number, o.status, o.promised_at,
      coalesce(ev.confirmed_at, o.created_at) as placed_at,
      coalesce(p.claimed_at, ev.packing_at) as claimed_at,
      coalesce(p.packed_at, ev.packed_at) as packed_at,
      coalesce(d.picked_up_at, ev.out_at) as picked_up_at,
      ev.delivered_at,
      p.picker_id, pu.name as picker_name, d.rider_id, ru.name as rider_name,
      coalesce((select count(*) filter (where pl.found is not null) from pick_lines pl where pl.order_id = o.id), 0)::int as lines_done,
      coalesce(
        (select count(*) from pick_lines pl where pl.order_id = o.id having count(*) > 0),
        (select count(distinct oi.variant_id) from order_items oi where oi.order_id = o.id)
      )::int as lines_total
    from orders o
    cross join lateral (
      select
        min(e.created_at) filter (where e.status = 'confirmed') as confirmed_at,
        min(e.created_at) filter (where e.status = 'packing') as packing_at,
        min(e.created_at) filter (where e.status = 'packed') as packed_at,
        min(e.created_at) filter (where e.status = 'out_for_delivery') as out_at,
        min(e.created_at) filter (where e.status = 'delivered') as delivered_at
      from order_events e where e.order_id = o.id
    ) ev
    left join picks p on p.order_id = o.id
    left join users pu on pu.id = p.picker_id
    left join deliveries d on d.order_id = o.id
    left join users ru on ru.id = d.rider_id
    where ${where}
    order by ${order}
    limit ${limit}`;
}

/** The store's open orders (waiting for a picker to on their way), oldest promise first. */
export async function openOrderStages(db: DbOrTx, storeId: string, limit = 200): Promise<StageRow[]> {
  return rowsOf<StageRow>(
    await db.execute(
      stageRows(
        sql`o.store_id = ${storeId} and o.status in ('confirmed', 'packing', 'packed', 'out_for_delivery')`,
        sql`o.promised_at, o.created_at, o.id`,
        limit,
      ),
    ),
  );
}

/** Orders of the store that reached the queue in [from, to), whatever they became. */
export async function dayOrderStages(db: DbOrTx, storeId: string, from: Date, to: Date, limit = 20_000): Promise<StageRow[]> {
  return rowsOf<StageRow>(
    await db.execute(
      stageRows(
        sql`o.store_id = ${storeId} and o.created_at < ${to} and o.created_at >= ${new Date(from.getTime() - 86_400_000)}
          and ev.confirmed_at >= ${from} and ev.confirmed_at < ${to}`,
        sql`o.created_at, o.id`,
        limit,
      ),
    ),
  );
}

export interface PickerRow {
  id: string;
  name: string;
  last_active_at: Date | string | null;
  packed_since: number;
}

/** The store's pickers who can sign in, with their last claim, line or pack, and picks packed since `since`. */
export async function pickersOf(db: DbOrTx, storeId: string, since: Date): Promise<PickerRow[]> {
  return rowsOf<PickerRow>(
    await db.execute(sql`
      select u.id, u.name,
        greatest(
          (select max(greatest(p.claimed_at, coalesce(p.packed_at, p.claimed_at))) from picks p where p.picker_id = u.id),
          (select max(pl.picked_at) from picks p join pick_lines pl on pl.order_id = p.order_id where p.picker_id = u.id and p.packed_at is null)
        ) as last_active_at,
        (select count(*) from picks p where p.picker_id = u.id and p.packed_at >= ${since})::int as packed_since
      from users u
      where u.store_id = ${storeId} and u.role = 'picker' and u.blocked_at is null
      order by u.name, u.id`),
  );
}

export interface PickerDayRow {
  picker_id: string;
  name: string;
  picks: number;
  units: number;
  seconds: number;
}

/** Per picker: picks packed in [from, to), units found in them, and the seconds from claim to pack. */
export async function pickerDay(db: DbOrTx, storeId: string, from: Date, to: Date): Promise<PickerDayRow[]> {
  return rowsOf<PickerDayRow>(
    await db.execute(sql`
      select p.picker_id, u.name, count(*)::int as picks,
        coalesce(sum((select coalesce(sum(pl.found), 0) from pick_lines pl where pl.order_id = p.order_id)), 0)::int as units,
        round(coalesce(sum(extract(epoch from (p.packed_at - p.claimed_at))), 0))::int as seconds
      from picks p join users u on u.id = p.picker_id
      where p.store_id = ${storeId} and p.packed_at >= ${from} and p.packed_at < ${to}
      group by p.picker_id, u.name
      order by u.name, p.picker_id`),
  );
}

export interface ShortDayRow {
  reason: string | null;
  lines: number;
  units: number;
}

/** Lines answered in [from, to) at the store, grouped by short reason (null: found in full). */
export async function shortLinesDay(db: DbOrTx, storeId: string, from: Date, to: Date): Promise<ShortDayRow[]> {
  return rowsOf<ShortDayRow>(
    await db.execute(sql`
      select pl.short_reason as reason, count(*)::int as lines, coalesce(sum(pl.quantity - pl.found), 0)::int as units
      from pick_lines pl join picks p on p.order_id = pl.order_id
      where p.store_id = ${storeId} and pl.picked_at >= ${from} and pl.picked_at < ${to}
      group by pl.short_reason`),
  );
}
