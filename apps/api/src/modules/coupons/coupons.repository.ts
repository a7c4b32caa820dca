/** Every Drizzle call of the coupons module. */
import { and, desc, eq, ilike, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { couponRedemptions, coupons, orders } from '../../db/schema/index';

export type CouponRow = typeof coupons.$inferSelect;
export type NewCoupon = typeof coupons.$inferInsert;

export async function findCouponByCode(db: DbOrTx, code: string): Promise<CouponRow | null> {
  const [row] = await db.select().from(coupons).where(eq(coupons.code, code.trim().toUpperCase()));
  return row ?? null;
}

export async function findCouponById(db: DbOrTx, id: string): Promise<CouponRow | null> {
  const [row] = await db.select().from(coupons).where(eq(coupons.id, id));
  return row ?? null;
}

export async function countUserRedemptions(db: DbOrTx, couponId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(couponRedemptions)
    .where(and(eq(couponRedemptions.couponId, couponId), eq(couponRedemptions.userId, userId)));
  return row?.n ?? 0;
}

/** Orders that count as "an order" for first-order coupons: anything not abandoned or failed. */
export async function hasPlacedOrder(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.userId, userId), notInArray(orders.status, ['cancelled', 'payment_failed', 'expired'])))
    .limit(1);
  return Boolean(row);
}

/**
 * Takes one use of the coupon if any is left, in one conditional statement: two checkouts racing for the
 * last use cannot both pass. The row stays locked until commit, which also serialises the per-user and
 * first-order checks that follow for this coupon.
 */
export async function takeCouponUse(tx: Tx, couponId: string): Promise<boolean> {
  const rows = await tx
    .update(coupons)
    .set({ usedCount: sql`${coupons.usedCount} + 1` })
    .where(
      and(
        eq(coupons.id, couponId),
        eq(coupons.isActive, true),
        sql`(${coupons.usageLimit} is null or ${coupons.usedCount} < ${coupons.usageLimit})`,
      ),
    )
    .returning({ id: coupons.id });
  return rows.length === 1;
}

export async function insertRedemption(tx: Tx, r: { couponId: string; userId: string; orderId: string }): Promise<void> {
  await tx.insert(couponRedemptions).values(r);
}

export async function listCoupons(db: DbOrTx, f: { q?: string | undefined; active?: boolean | undefined }) {
  const where = and(
    f.q ? ilike(coupons.code, `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`) : undefined,
    f.active === undefined ? undefined : eq(coupons.isActive, f.active),
  );
  return db
    .select({ coupon: coupons, redemptions: sql<number>`(select count(*)::int from coupon_redemptions r where r.coupon_id = ${coupons.id})` })
    .from(coupons)
    .where(where)
    .orderBy(desc(coupons.createdAt))
    .limit(500);
}

export async function countRedemptions(db: DbOrTx, couponId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(couponRedemptions)
    .where(eq(couponRedemptions.couponId, couponId));
  return row?.n ?? 0;
}

export async function listRedemptions(db: DbOrTx, couponId: string) {
  return db
    .select({
      orderId: couponRedemptions.orderId,
      orderNumber: orders.number,
      userId: couponRedemptions.userId,
      discount: orders.discount,
      at: couponRedemptions.createdAt,
    })
    .from(couponRedemptions)
    .leftJoin(orders, eq(orders.id, couponRedemptions.orderId))
    .where(eq(couponRedemptions.couponId, couponId))
    .orderBy(desc(couponRedemptions.createdAt))
    .limit(500);
}

export async function insertCoupon(db: DbOrTx, c: NewCoupon): Promise<CouponRow> {
  const [row] = await db.insert(coupons).values(c).returning();
  return row!;
}

export async function updateCoupon(db: DbOrTx, id: string, set: Partial<NewCoupon>): Promise<CouponRow | null> {
  const [row] = await db
    .update(coupons)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(coupons.id, id))
    .returning();
  return row ?? null;
}
