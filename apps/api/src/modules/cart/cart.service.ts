/**
 * The server-side cart: lines, the customer's store (from the chosen or default address), availability
 * there, the ETA, and the bill from the pure pricing module.
 */
import type { Cart, MergeCartBody } from '@fatafat/contracts/cart';
import type { WhenShort } from '@fatafat/contracts/floor-rules';
import type { Db, DbOrTx } from '../../db/client';
import { notFound } from '../../http/errors';
import { couponRejected, loadCouponFor, unknownCoupon } from '../coupons/coupons.service';
import { couponRefusal, evaluateCoupon, type CouponOutcome } from '../pricing/pricing';
import { resolveServing } from '../zones/serving';
import { unservedOf } from '../zones/zones.service';
import {
  addToLine,
  clearCart,
  deleteLine,
  findAddressFor,
  findCaps,
  findCartItems,
  findCartRow,
  findVariantCap,
  findVariantLines,
  saveCartSettings,
  setLineQuantity,
  setLineWhenShort,
} from './cart.repository';
import { quote, readQuoteInputs } from './quote';

/** A coupon outcome as the cart shows it: only the fields that say something. */
function toCartCoupon(outcome: CouponOutcome): NonNullable<Cart['coupon']> {
  return {
    code: outcome.code,
    applied: outcome.applied,
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    ...(outcome.message ? { message: outcome.message } : {}),
    ...(outcome.missing !== undefined ? { missing: outcome.missing } : {}),
  };
}

export async function getCart(db: DbOrTx, userId: string, addressId?: string, now = new Date()): Promise<Cart> {
  const address = await findAddressFor(db, userId, addressId);
  if (addressId && !address) throw notFound('Address');
  const point = address ? { lat: address.lat, lng: address.lng, pincode: address.pincode } : null;
  const serving = point ? await resolveServing(db, point, now) : null;
  const chosen = serving?.chosen ?? null;
  const store = chosen?.store ?? null;
  const [items, settings] = await Promise.all([findCartItems(db, userId), findCartRow(db, userId)]);
  const variantLines = await findVariantLines(
    db,
    items.map((i) => i.variantId),
    store?.id ?? null,
  );
  const qty = new Map(items.map((i) => [i.variantId, i.quantity]));
  const whenShortOf = new Map(items.map((i) => [i.variantId, i.whenShort]));
  const lines = variantLines.map((v) => {
    const quantity = qty.get(v.variantId) ?? 0;
    // Without a store there is no stock to check yet; the line is shown as available if it is on sale.
    const available = v.onSale && (store === null || v.stockAvailable >= quantity);
    return {
      variantId: v.variantId,
      productId: v.productId,
      name: v.name,
      slug: v.slug,
      label: v.label,
      imageUrl: v.imageUrl,
      price: v.price,
      mrp: v.mrp,
      quantity,
      maxPerOrder: v.maxPerOrder,
      available,
      whenShort: whenShortOf.get(v.variantId) ?? 'refund',
    };
  });
  const busy = chosen?.status.takesOrders === true && chosen.status.busy;
  const inputs = await readQuoteInputs(db, { storeBusy: busy, couponCode: settings?.couponCode ?? null, userId });
  const etaMinutes = chosen?.status.takesOrders ? chosen.etaMinutes : null;
  const tip = settings?.tip ?? 0;
  const bill = quote(
    lines.filter((l) => l.available),
    inputs,
    { tip, now },
  );
  const { coupon: outcome, ...billOut } = bill;
  return {
    items: lines,
    bill: billOut,
    coupon: settings?.couponCode
      ? outcome
        ? toCartCoupon(outcome)
        : toCartCoupon(couponRefusal(settings.couponCode, 'unknown'))
      : null,
    tip,
    store: store ? { id: store.id, name: store.name } : null,
    etaMinutes,
    serviceable: store !== null,
    unserved: address ? unservedOf(serving!, now) : null,
    busy,
    addressId: address?.id ?? null,
  };
}

async function capFor(db: DbOrTx, variantId: string): Promise<number> {
  const v = await findVariantCap(db, variantId);
  if (!v || !v.onSale) throw notFound('Product');
  return v.maxPerOrder;
}

export async function addItem(db: DbOrTx, userId: string, variantId: string, quantity: number): Promise<void> {
  const cap = await capFor(db, variantId);
  await addToLine(db, userId, variantId, quantity, cap);
}

export async function setItemQuantity(db: DbOrTx, userId: string, variantId: string, quantity: number): Promise<void> {
  if (quantity === 0) {
    await deleteLine(db, userId, variantId);
    return;
  }
  const cap = await capFor(db, variantId);
  const found = await setLineQuantity(db, userId, variantId, Math.min(quantity, cap));
  if (!found) throw notFound('Cart item');
}

/** Chooses what the store does should this line come up short. */
export async function setItemWhenShort(db: DbOrTx, userId: string, variantId: string, whenShort: WhenShort): Promise<void> {
  if (!(await setLineWhenShort(db, userId, variantId, whenShort))) throw notFound('Cart item');
}

export async function removeItem(db: DbOrTx, userId: string, variantId: string): Promise<void> {
  await deleteLine(db, userId, variantId);
}

export async function emptyCart(db: DbOrTx, userId: string): Promise<void> {
  await clearCart(db, userId);
}

/** The guest cart joins the server cart: quantities add up to each variant's cap; unknown variants are dropped. */
export async function mergeCart(db: Db, userId: string, body: MergeCartBody): Promise<void> {
  const wanted = new Map<string, number>();
  for (const i of body.items) wanted.set(i.variantId, (wanted.get(i.variantId) ?? 0) + i.quantity);
  const caps = await findCaps(db, [...wanted.keys()]);
  await db.transaction(async (tx) => {
    for (const [variantId, quantity] of [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const cap = caps.get(variantId);
      if (cap !== undefined) await addToLine(tx, userId, variantId, quantity, cap);
    }
  });
}

/** Saves the code only when it applies to the cart as it is now; otherwise says why (422) or 404. */
export async function applyCoupon(db: DbOrTx, userId: string, code: string, addressId?: string): Promise<Cart> {
  const found = await loadCouponFor(db, code, userId);
  if (!found) throw unknownCoupon(code);
  const before = await getCart(db, userId, addressId);
  // The coupon judged against the cart as it is now (only the item total matters to a coupon).
  const outcome = evaluateCoupon(found.terms, { itemTotal: before.bill.itemTotal, isFirstOrder: found.isFirstOrder, now: new Date() });
  if (!outcome.applied) throw couponRejected(outcome);
  await saveCartSettings(db, userId, { couponCode: found.row.code });
  return getCart(db, userId, addressId);
}

export async function removeCoupon(db: DbOrTx, userId: string): Promise<void> {
  await saveCartSettings(db, userId, { couponCode: null });
}

export async function setTip(db: DbOrTx, userId: string, tip: number): Promise<void> {
  await saveCartSettings(db, userId, { tip });
}
