/**
 * Coupon evaluation (shared by cart and checkout) and the admin's coupon management. Whether a coupon
 * applies is decided by the pure pricing module; this file only gathers the facts it needs.
 */
import type { Coupon, CouponUsage, CreateCouponBody, UpdateCouponBody } from '@fatafat/contracts/coupons';
import type { DbOrTx, Tx } from '../../db/client';
import { AppError, conflict, notFound } from '../../http/errors';
import { pgError, UNIQUE_VIOLATION } from '../../db/errors';
import { couponRefusal, type CouponOutcome, type CouponTerms } from '../pricing/pricing';
import {
  countRedemptions,
  countUserRedemptions,
  findCouponByCode,
  findCouponById,
  hasPlacedOrder,
  insertCoupon,
  insertRedemption,
  listCoupons,
  listRedemptions,
  takeCouponUse,
  updateCoupon,
  type CouponRow,
} from './coupons.repository';

export function termsOf(row: CouponRow, userRedemptions: number): CouponTerms {
  return {
    code: row.code,
    kind: row.kind,
    value: row.value,
    minOrder: row.minOrder,
    maxDiscount: row.maxDiscount,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    isActive: row.isActive,
    firstOrderOnly: row.firstOrderOnly,
    usageLimit: row.usageLimit,
    usedCount: row.usedCount,
    perUserLimit: row.perUserLimit,
    userRedemptions,
  };
}

/** A coupon as it stands for one customer: its row, the terms pricing judges, and whether this is their first order. */
export interface LoadedCoupon {
  row: CouponRow;
  terms: CouponTerms;
  isFirstOrder: boolean;
}

/** The coupon as it stands for this customer right now, or null when no such code exists. */
export async function loadCouponFor(db: DbOrTx, code: string, userId: string): Promise<LoadedCoupon | null> {
  const row = await findCouponByCode(db, code);
  if (!row) return null;
  const [used, placed] = await Promise.all([countUserRedemptions(db, row.id, userId), hasPlacedOrder(db, userId)]);
  return { row, terms: termsOf(row, used), isFirstOrder: !placed };
}

export function unknownCoupon(code: string): AppError {
  return new AppError(404, 'coupon_unknown', `There is no coupon called ${code.trim().toUpperCase()}`, { reason: 'unknown' });
}

/** A 422 naming why the coupon does not apply; `missing` (paise) comes with min_order. */
export function couponRejected(outcome: CouponOutcome): AppError {
  return new AppError(422, `coupon_${outcome.reason ?? 'not_applicable'}`, outcome.message ?? `${outcome.code} does not apply`, {
    reason: outcome.reason,
    ...(outcome.missing === undefined ? {} : { missing: outcome.missing }),
  });
}

/**
 * Inside the checkout transaction, before the order is written: takes one use of the coupon (its row lock
 * serialises every other checkout of this coupon), then re-checks this customer's limits under that lock.
 * Throws the 422 when the coupon no longer applies, which rolls the transaction back.
 */
export async function claimCouponUse(tx: Tx, coupon: LoadedCoupon, userId: string): Promise<void> {
  const t = coupon.terms;
  if (!(await takeCouponUse(tx, coupon.row.id))) throw couponRejected(couponRefusal(coupon.row.code, 'used_up'));
  if (t.perUserLimit !== null && (await countUserRedemptions(tx, coupon.row.id, userId)) >= t.perUserLimit) {
    throw couponRejected(couponRefusal(t.code, 'user_limit'));
  }
  if (t.firstOrderOnly && (await hasPlacedOrder(tx, userId))) throw couponRejected(couponRefusal(t.code, 'first_order_only'));
}

/** In the same transaction, once the order exists: which order used the coupon. */
export async function recordRedemption(tx: Tx, coupon: LoadedCoupon, userId: string, orderId: string): Promise<void> {
  await insertRedemption(tx, { couponId: coupon.row.id, userId, orderId });
}

// ── admin ──────────────────────────────────────────────────────────────────────────────────────────

function toView(row: CouponRow, redemptions: number): Coupon {
  return {
    id: row.id,
    code: row.code,
    description: row.description,
    kind: row.kind,
    value: row.value,
    minOrder: row.minOrder,
    maxDiscount: row.maxDiscount,
    startsAt: row.startsAt?.toISOString() ?? null,
    endsAt: row.endsAt?.toISOString() ?? null,
    usageLimit: row.usageLimit,
    perUserLimit: row.perUserLimit,
    firstOrderOnly: row.firstOrderOnly,
    isActive: row.isActive,
    usedCount: row.usedCount,
    redemptions,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const codeTaken = (code: string) => conflict(`A coupon called ${code} already exists`, { field: 'code' }, 'coupon_code_taken');

export async function adminListCoupons(db: DbOrTx, q: { q?: string | undefined; active?: 'true' | 'false' | undefined }) {
  const rows = await listCoupons(db, { q: q.q, active: q.active === undefined ? undefined : q.active === 'true' });
  return { items: rows.map((r) => toView(r.coupon, r.redemptions)) };
}

export async function adminCreateCoupon(db: DbOrTx, body: CreateCouponBody): Promise<Coupon> {
  try {
    const row = await insertCoupon(db, {
      ...body,
      startsAt: body.startsAt ? new Date(body.startsAt) : null,
      endsAt: body.endsAt ? new Date(body.endsAt) : null,
    });
    return toView(row, 0);
  } catch (err) {
    if (pgError(err)?.code === UNIQUE_VIOLATION) throw codeTaken(body.code);
    throw err;
  }
}

export async function adminUpdateCoupon(db: DbOrTx, id: string, body: UpdateCouponBody): Promise<Coupon> {
  const current = await findCouponById(db, id);
  if (!current) throw notFound('Coupon');
  // The body is checked alone by its schema; the merged coupon must hold together too.
  const kind = body.kind ?? current.kind;
  const value = body.value ?? current.value;
  if (kind === 'percent' && value > 100) throw new AppError(400, 'invalid_input', 'value: a percent coupon is at most 100');
  const startsAt = body.startsAt === undefined ? current.startsAt : body.startsAt ? new Date(body.startsAt) : null;
  const endsAt = body.endsAt === undefined ? current.endsAt : body.endsAt ? new Date(body.endsAt) : null;
  if (startsAt && endsAt && endsAt <= startsAt) throw new AppError(400, 'invalid_input', 'endsAt: must be after startsAt');
  const usageLimit = body.usageLimit === undefined ? current.usageLimit : body.usageLimit;
  if (usageLimit !== null && usageLimit < current.usedCount) {
    throw new AppError(400, 'invalid_input', `usageLimit: already used ${current.usedCount} times`);
  }
  try {
    const row = await updateCoupon(db, id, { ...body, startsAt, endsAt });
    if (!row) throw notFound('Coupon');
    return toView(row, await countRedemptions(db, id));
  } catch (err) {
    if (pgError(err)?.code === UNIQUE_VIOLATION) throw codeTaken(body.code ?? current.code);
    throw err;
  }
}

export async function adminDisableCoupon(db: DbOrTx, id: string): Promise<Coupon> {
  const row = await updateCoupon(db, id, { isActive: false });
  if (!row) throw notFound('Coupon');
  return toView(row, await countRedemptions(db, id));
}

export async function adminCouponUsage(db: DbOrTx, id: string): Promise<CouponUsage> {
  const row = await findCouponById(db, id);
  if (!row) throw notFound('Coupon');
  const redemptions = await listRedemptions(db, id);
  return {
    coupon: toView(row, redemptions.length),
    redemptions: redemptions.map((r) => ({
      orderId: r.orderId,
      orderNumber: r.orderNumber,
      userId: r.userId,
      discount: r.discount,
      at: r.at.toISOString(),
    })),
  };
}
