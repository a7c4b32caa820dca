/** Database calls for substitutions: the options for a short line, proposals, answers and their stock. */
import { sql } from 'drizzle-orm';
import type { SubstitutionView } from '@fatafat/contracts/floor';
import { rowsOf, type DbOrTx, type Tx } from '../../db/client';
import { stockMovements } from '../../db/schema/index';

export interface SubstitutionRow {
  orderId: string;
  forVariantId: string;
  variantId: string;
  productId: string;
  name: string;
  label: string;
  imageUrl: string | null;
  price: number;
  mrp: number;
  quantity: number;
  status: SubstitutionView['status'];
  byPhone: boolean;
  proposedAt: Date | string;
  expiresAt: Date | string;
  answeredAt: Date | string | null;
}

const iso = (v: Date | string): string => (v instanceof Date ? v : new Date(v)).toISOString();

export function toSubstitutionView({ orderId: _o, proposedAt, expiresAt, answeredAt, ...r }: SubstitutionRow): SubstitutionView {
  return { ...r, proposedAt: iso(proposedAt), expiresAt: iso(expiresAt), answeredAt: answeredAt === null ? null : iso(answeredAt) };
}

/** Every substitution of these orders, with what the substitute is, oldest first. */
export async function substitutionsOf(db: DbOrTx, orderIds: string[]): Promise<SubstitutionRow[]> {
  if (!orderIds.length) return [];
  return rowsOf<SubstitutionRow>(
    await db.execute(sql`
      select s.order_id as "orderId", s.variant_id as "forVariantId", s.substitute_variant_id as "variantId",
        v.product_id as "productId", p.name, v.label, p.images -> 0 ->> 'url' as "imageUrl", s.price, s.mrp, s.quantity,
        s.status, s.by_phone as "byPhone", s.proposed_at as "proposedAt", s.expires_at as "expiresAt", s.answered_at as "answeredAt"
      from substitutions s
      join variants v on v.id = s.substitute_variant_id
      join products p on p.id = v.product_id
      where s.order_id in (${sql.join(orderIds.map((id) => sql`${id}::uuid`), sql`, `)})
      order by s.proposed_at, s.variant_id`),
  );
}

/** The short line a substitute would replace: what the order billed for it and how many are missing. */
export interface ShortLine {
  productId: string;
  name: string;
  label: string;
  price: number;
  whenShort: 'substitute' | 'call' | 'refund';
  quantity: number;
  found: number | null;
}

export async function shortLine(db: DbOrTx, orderId: string, variantId: string): Promise<ShortLine | null> {
  const [row] = rowsOf<ShortLine>(
    await db.execute(sql`
      select oi.product_id as "productId", oi.name, oi.label, oi.price, oi.when_short as "whenShort", pl.quantity, pl.found
      from pick_lines pl
      join order_items oi on oi.order_id = pl.order_id and oi.variant_id = pl.variant_id
      where pl.order_id = ${orderId} and pl.variant_id = ${variantId}`),
  );
  return row ?? null;
}

export interface OptionRow {
  variantId: string;
  productId: string;
  name: string;
  label: string;
  imageUrl: string | null;
  shelfPrice: number;
  mrp: number;
  available: number;
  bin: string | null;
  barcode: string | null;
}

/**
 * What could replace a short line at this store: another variant of the same product or of a product
 * sharing a subcategory with it, on sale, with `units` free on the shelf, at most `maxPrice`, and not
 * already in the order. The same product's other packs first, then the nearest price.
 */
export async function substituteOptions(
  db: DbOrTx,
  o: { orderId: string; storeId: string; variantId: string; productId: string; price: number; maxPrice: number; units: number; only?: string },
  limit = 8,
): Promise<OptionRow[]> {
  return rowsOf<OptionRow>(
    await db.execute(sql`
      select v.id as "variantId", p.id as "productId", p.name, v.label, p.images -> 0 ->> 'url' as "imageUrl",
        v.price as "shelfPrice", v.mrp, (s.on_hand - s.reserved)::int as available, s.bin, v.barcode
      from variants v
      join products p on p.id = v.product_id
      join stock s on s.variant_id = v.id and s.store_id = ${o.storeId}
      where v.id <> ${o.variantId}
        ${o.only ? sql`and v.id = ${o.only}` : sql``}
        and v.is_active and p.is_active and p.archived_at is null
        and v.price <= ${o.maxPrice}
        and s.on_hand - s.reserved >= ${o.units}
        and (p.id = ${o.productId} or exists (
          select 1 from product_subcategories mine join product_subcategories theirs on theirs.subcategory_id = mine.subcategory_id
          where mine.product_id = ${o.productId} and theirs.product_id = p.id))
        and not exists (select 1 from order_items oi where oi.order_id = ${o.orderId} and oi.variant_id = v.id)
      order by (p.id = ${o.productId}) desc, abs(v.price - ${o.price}), p.name, v.label
      limit ${limit}`),
  );
}

/**
 * Holds `units` of the substitute for the order: a guarded increment (the table's CHECK reserved <=
 * on_hand is the oversell guard), with its audit row. False when the units are no longer free.
 */
export async function reserveSubstitute(
  tx: Tx,
  m: { storeId: string; variantId: string; orderId: string; actorId: string; units: number },
): Promise<boolean> {
  const rows = rowsOf<{ variant_id: string }>(
    await tx.execute(sql`
      update stock set reserved = reserved + ${m.units}, updated_at = now()
      where store_id = ${m.storeId} and variant_id = ${m.variantId} and on_hand - reserved >= ${m.units}
      returning variant_id`),
  );
  if (!rows.length) return false;
  await tx.insert(stockMovements).values({
    storeId: m.storeId,
    variantId: m.variantId,
    deltaOnHand: 0,
    deltaReserved: m.units,
    reason: 'substitute reserved',
    actorId: m.actorId,
    orderId: m.orderId,
  });
  return true;
}

/** Gives back a declined or expired substitute's units. */
export async function releaseSubstitute(
  tx: Tx,
  m: { storeId: string; variantId: string; orderId: string; actorId: string | null; units: number; why: string },
): Promise<void> {
  await tx.execute(sql`
    update stock set reserved = greatest(reserved - ${m.units}, 0), updated_at = now()
    where store_id = ${m.storeId} and variant_id = ${m.variantId}`);
  await tx.insert(stockMovements).values({
    storeId: m.storeId,
    variantId: m.variantId,
    deltaOnHand: 0,
    deltaReserved: -m.units,
    reason: `substitute ${m.why}`,
    actorId: m.actorId,
    orderId: m.orderId,
  });
}

export interface LockedSubstitution {
  orderId: string;
  variantId: string;
  substituteVariantId: string;
  storeId: string;
  quantity: number;
  status: SubstitutionView['status'];
  expiresAt: Date;
}

export async function lockSubstitution(tx: Tx, orderId: string, variantId: string): Promise<LockedSubstitution | null> {
  const [row] = rowsOf<LockedSubstitution & { expiresAt: Date | string }>(
    await tx.execute(sql`
      select order_id as "orderId", variant_id as "variantId", substitute_variant_id as "substituteVariantId", store_id as "storeId",
        quantity, status, expires_at as "expiresAt"
      from substitutions where order_id = ${orderId} and variant_id = ${variantId} for update`),
  );
  return row ? { ...row, expiresAt: new Date(row.expiresAt) } : null;
}

export async function insertSubstitution(
  tx: Tx,
  s: {
    orderId: string;
    variantId: string;
    substituteVariantId: string;
    storeId: string;
    quantity: number;
    price: number;
    mrp: number;
    byPhone: boolean;
    proposedBy: string;
    expiresAt: Date;
  },
): Promise<boolean> {
  const rows = rowsOf<{ order_id: string }>(
    await tx.execute(sql`
      insert into substitutions (order_id, variant_id, substitute_variant_id, store_id, quantity, price, mrp, status, by_phone,
                                 proposed_by, expires_at, answered_at)
      values (${s.orderId}, ${s.variantId}, ${s.substituteVariantId}, ${s.storeId}, ${s.quantity}, ${s.price}, ${s.mrp},
              ${s.byPhone ? 'accepted' : 'proposed'}, ${s.byPhone}, ${s.proposedBy}, ${s.expiresAt.toISOString()}::timestamptz,
              ${s.byPhone ? sql`now()` : sql`null`})
      on conflict do nothing
      returning order_id`),
  );
  return rows.length > 0;
}

export async function setSubstitutionStatus(tx: Tx, orderId: string, variantId: string, status: 'accepted' | 'declined' | 'expired' | 'sent'): Promise<void> {
  await tx.execute(sql`
    update substitutions set status = ${status}, answered_at = coalesce(answered_at, now())
    where order_id = ${orderId} and variant_id = ${variantId}`);
}

/**
 * Proposals whose answer time has passed, oldest first, skipping any another process holds, with whether
 * their order is still being picked (a cancelled order gave the substitute's units back with its own).
 */
export async function lockOverdueProposals(tx: Tx, now: Date, limit: number): Promise<Array<LockedSubstitution & { picking: boolean }>> {
  const rows = rowsOf<LockedSubstitution & { expiresAt: Date | string; picking: boolean }>(
    await tx.execute(sql`
      select s.order_id as "orderId", s.variant_id as "variantId", s.substitute_variant_id as "substituteVariantId", s.store_id as "storeId",
        s.quantity, s.status, s.expires_at as "expiresAt", (o.status = 'packing') as picking
      from substitutions s join orders o on o.id = s.order_id
      where s.status = 'proposed' and s.expires_at <= ${now.toISOString()}::timestamptz
      order by s.expires_at limit ${limit} for update of s skip locked`),
  );
  return rows.map((r) => ({ ...r, expiresAt: new Date(r.expiresAt) }));
}

/** Proposals still waiting for the customer on an order. */
export async function pendingProposals(db: DbOrTx, orderId: string): Promise<Array<{ variantId: string; expiresAt: Date }>> {
  const rows = rowsOf<{ variantId: string; expiresAt: Date | string }>(
    await db.execute(sql`
      select variant_id as "variantId", expires_at as "expiresAt" from substitutions
      where order_id = ${orderId} and status = 'proposed' order by expires_at`),
  );
  return rows.map((r) => ({ variantId: r.variantId, expiresAt: new Date(r.expiresAt) }));
}

/** Accepted substitutions of an order, with the original line's price (for the bill at packing). */
export async function acceptedOf(
  tx: Tx,
  orderId: string,
): Promise<Array<{ forVariantId: string; variantId: string; productId: string; name: string; label: string; imageUrl: string | null; price: number; mrp: number; quantity: number; originalPrice: number; originalMrp: number }>> {
  return rowsOf(
    await tx.execute(sql`
      select s.variant_id as "forVariantId", s.substitute_variant_id as "variantId", v.product_id as "productId", p.name, v.label,
        p.images -> 0 ->> 'url' as "imageUrl", s.price, s.mrp, s.quantity, oi.price as "originalPrice", oi.mrp as "originalMrp"
      from substitutions s
      join variants v on v.id = s.substitute_variant_id
      join products p on p.id = v.product_id
      join order_items oi on oi.order_id = s.order_id and oi.variant_id = s.variant_id
      where s.order_id = ${orderId} and s.status = 'accepted'
      order by s.proposed_at`),
  );
}

/**
 * Marks the order changed: the tracking stream's event id is the order's updated_at, so without this a
 * proposal or an answer would never reach the customer's open page.
 */
export async function touchOrder(tx: Tx, orderId: string): Promise<void> {
  await tx.execute(sql`update orders set updated_at = now() where id = ${orderId}`);
}
