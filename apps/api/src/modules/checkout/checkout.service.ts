/**
 * Checkout as one story: who is buying, where it goes, what exactly, at what price; then one transaction
 * that takes the coupon use and the stock (conditional updates, fixed order), writes the order and
 * empties the cart. Nothing the client says about money is trusted: every amount is recomputed here.
 */
import { randomInt } from 'node:crypto';
import type { CheckoutBody, CheckoutResponse } from '@fatafat/contracts/checkout';
import type { OrderView } from '@fatafat/contracts/orders';
import type { DbOrTx } from '../../db/client';
import type { AppDeps } from '../../deps';
import { AppError, forbidden, notFound, unauthorized } from '../../http/errors';
import { findVariantLines, type VariantLine } from '../cart/cart.repository';
import { pgError, UNIQUE_VIOLATION } from '../../db/errors';
import { couponRejected, loadCouponFor, unknownCoupon } from '../coupons/coupons.service';
import { countUserRedemptions, hasPlacedOrder, insertRedemption, takeCouponUse } from '../coupons/coupons.repository';
import { sendOrderPlacedEmail } from '../orders/order.emails';
import { orderView, toOrderView, type Viewer } from '../orders/order.view';
import { createCardPayment } from '../payments/payments.service';
import { computeBill, DEFAULT_PRICING_RULES, isStoreBusy, type CouponTerms } from '../pricing/pricing';
import { openOrderCount } from '../stores/stores.repository';
import { etaMinutes as etaFor, pickServingStore } from '../stores/stores.service';
import { findCheckoutContext, findOrderByKey, freeStock, placeOrder, type NewOrder, type NewOrderItem } from './checkout.repository';

/** The signed-in buyer; their role and store decide the moves their order view offers. */
type Buyer = Viewer & { id: string };

type Deps = Pick<AppDeps, 'db' | 'events' | 'payments' | 'mail' | 'logger' | 'config' | 'background'>;

/** How long a card order holds its stock while the customer pays. */
export const CARD_RESERVATION_MINUTES = 15;

// No 0/O, 1/I/L or U: numbers are read aloud to riders and support, and must not be guessable in sequence.
const NUMBER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export function newOrderNumber(): string {
  let s = 'FF-';
  for (let i = 0; i < 8; i += 1) s += NUMBER_ALPHABET[randomInt(NUMBER_ALPHABET.length)];
  return s;
}

export interface CheckoutResult {
  /** 201 for a new order, 200 when an Idempotency-Key retry returns the first one. */
  status: 200 | 201;
  body: CheckoutResponse;
}

async function viewOf(deps: Deps, orderId: string, viewer: Viewer): Promise<OrderView> {
  const view = await orderView(deps.db, orderId, viewer);
  if (!view) throw notFound('Order');
  return view;
}

async function respond(
  deps: Deps,
  order: { id: string; number: string; total: number; status: string; paymentMethod: 'cod' | 'card' },
  status: 200 | 201,
  viewer: Viewer,
  readView?: OrderView,
): Promise<CheckoutResult> {
  const view = readView ?? (await viewOf(deps, order.id, viewer));
  if (order.paymentMethod === 'card' && order.status === 'pending_payment') {
    const payment = await createCardPayment(deps, order);
    return { status, body: { order: view, payment } };
  }
  return { status, body: { order: view } };
}

interface WantedLine {
  variantId: string;
  quantity: number;
}

/** Thrown inside the write so a coupon transaction rolls back; answered outside it with the 409. */
class StockShort extends Error {}

/** The 409 for lines the store cannot fill, naming each with what is left. */
function outOfStock(lines: WantedLine[], free: Map<string, number>, byId: Map<string, VariantLine>): AppError {
  const short = lines.filter((l) => (free.get(l.variantId) ?? 0) < l.quantity);
  // Stock freed between the failed write and this read: name every line rather than none.
  const details = (short.length ? short : lines).map((l) => ({
    variantId: l.variantId,
    name: `${byId.get(l.variantId)!.name} (${byId.get(l.variantId)!.label})`,
    requested: l.quantity,
    available: Math.max(0, free.get(l.variantId) ?? 0),
  }));
  const first = details[0]!;
  return new AppError(
    409,
    'out_of_stock',
    first.available > 0 ? `Only ${first.available} of ${first.name} left` : `${first.name} is out of stock`,
    { lines: details },
  );
}

export async function checkout(
  deps: Deps,
  user: Buyer,
  body: CheckoutBody,
  idempotencyKey: string | undefined,
): Promise<CheckoutResult> {
  const { db } = deps;
  const usesCart = body.items === undefined;
  const context = await findCheckoutContext(db, user.id, body.addressId, idempotencyKey, { withCart: usesCart });
  if (!context) throw unauthorized();
  if (context.earlier) return respond(deps, context.earlier, 200, user);
  if (context.blockedAt) throw forbidden('This account cannot place orders; please contact support');
  if (body.paymentMethod === 'card' && !deps.payments?.enabled) {
    throw new AppError(400, 'card_unavailable', 'Card payment is not available right now; choose cash on delivery');
  }
  const { address } = context;
  if (!address) throw notFound('Address');

  // What is being bought: the request's items, or the cart (with its tip and coupon).
  const wanted = new Map<string, number>();
  for (const i of body.items ?? context.cartLines) wanted.set(i.variantId, (wanted.get(i.variantId) ?? 0) + i.quantity);
  if (wanted.size === 0) throw new AppError(422, 'cart_empty', 'Your cart is empty');
  const lines: WantedLine[] = [...wanted].map(([variantId, quantity]) => ({ variantId, quantity }));

  const point = { lat: address.lat, lng: address.lng, pincode: address.pincode };
  const store = pickServingStore(context.stores, point);
  if (!store) {
    throw new AppError(422, 'unserviceable', 'We do not deliver to this address yet', { addressId: address.id, pincode: address.pincode });
  }

  // Buying the cart brings its tip and coupon; explicit items leave the cart alone.
  const tip = body.tip ?? context.cartTip ?? 0;
  const couponCode = body.couponCode ?? context.cartCouponCode ?? null;
  const explicitCoupon = body.couponCode !== undefined;
  const [variants, openOrders, couponFound] = await Promise.all([
    findVariantLines(db, lines.map((l) => l.variantId), store.id),
    openOrderCount(db, store.id),
    couponCode ? loadCouponFor(db, couponCode, user.id) : null,
  ]);
  const byId = new Map(variants.map((v) => [v.variantId, v]));
  const unknown = lines.filter((l) => !byId.get(l.variantId)?.onSale);
  if (unknown.length) {
    throw new AppError(422, 'unknown_variant', 'Some items are not on sale', { variantIds: unknown.map((l) => l.variantId) });
  }
  const over = lines.filter((l) => l.quantity > byId.get(l.variantId)!.maxPerOrder);
  if (over.length) {
    throw new AppError(
      422,
      'quantity_limit',
      `You can buy at most ${byId.get(over[0]!.variantId)!.maxPerOrder} of ${byId.get(over[0]!.variantId)!.name}`,
      { lines: over.map((l) => ({ variantId: l.variantId, requested: l.quantity, maxPerOrder: byId.get(l.variantId)!.maxPerOrder })) },
    );
  }

  const now = new Date();
  // The stores module's ETA rule, fed the count already read for the surge fee (one query, not two).
  const etaMinutes = etaFor({ prepMinutes: store.prepMinutes, openOrders, distanceKm: store.distanceKm });
  if (couponCode && !couponFound && explicitCoupon) throw unknownCoupon(couponCode);

  const priced = lines.map((l) => {
    const v = byId.get(l.variantId)!;
    return { ...l, price: v.price, mrp: v.mrp };
  });
  const billFor = (coupon: CouponTerms | null, isFirstOrder: boolean) =>
    computeBill(priced, DEFAULT_PRICING_RULES, { tip, coupon, storeBusy: isStoreBusy(openOrders), isFirstOrder, now });
  let bill = billFor(couponFound?.terms ?? null, couponFound?.isFirstOrder ?? false);
  if (bill.coupon && !bill.coupon.applied) {
    // A code typed at checkout must apply; one left in the cart that no longer does is shown there and dropped here.
    if (explicitCoupon) throw couponRejected(bill.coupon);
    bill = billFor(null, false);
  }
  const coupon = bill.coupon?.applied && couponFound ? couponFound : null;

  const card = body.paymentMethod === 'card';
  const newOrder = (): NewOrder => ({
    number: newOrderNumber(),
    userId: user.id,
    storeId: store.id,
    status: card ? 'pending_payment' : 'confirmed',
    paymentMethod: body.paymentMethod,
    paymentStatus: card ? 'pending' : 'cod_due',
    address: {
      label: address.label,
      name: address.name,
      phone: address.phone,
      line1: address.line1,
      line2: address.line2,
      landmark: address.landmark,
      city: address.city,
      state: address.state,
      pincode: address.pincode,
      lat: address.lat,
      lng: address.lng,
    },
    billLines: bill.lines,
    itemTotal: bill.itemTotal,
    mrpTotal: bill.mrpTotal,
    fees: bill.fees,
    tip: bill.tip,
    discount: bill.discount,
    total: bill.total,
    couponCode: coupon?.row.code ?? null,
    etaMinutes,
    promisedAt: new Date(now.getTime() + etaMinutes * 60_000),
    reservationExpiresAt: card ? new Date(now.getTime() + CARD_RESERVATION_MINUTES * 60_000) : null,
    idempotencyKey: idempotencyKey ?? null,
  });
  // Item snapshots in the order the order page lists them.
  const items: NewOrderItem[] = lines
    .map((l) => {
      const v = byId.get(l.variantId)!;
      return { productId: v.productId, variantId: v.variantId, name: v.name, label: v.label, imageUrl: v.imageUrl, price: v.price, mrp: v.mrp, quantity: l.quantity };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.label.localeCompare(b.label));
  const note = card ? 'Order placed, awaiting card payment' : 'Order placed, cash on delivery';

  // Lines already short when read fail here, without an attempt to write.
  const free = new Map(variants.map((v) => [v.variantId, v.stockAvailable]));
  if (lines.some((l) => free.get(l.variantId)! < l.quantity)) throw outOfStock(lines, free, byId);

  /** Stock and order in one all-or-nothing statement. */
  const write = async (on: DbOrTx, order: NewOrder) => {
    const written = await placeOrder(on, order, items, { id: user.id, role: user.role }, { clearCart: usesCart, note });
    if (!written) throw new StockShort();
    return { ...order, ...written };
  };
  const placeOnce = async () => {
    const order = newOrder();
    // Without a coupon the statement is the whole transaction: no BEGIN/COMMIT round trips.
    if (!coupon) return write(db, order);
    return db.transaction(async (tx) => {
      // The use is taken first: its row lock serialises everything else that checks this coupon.
      if (!(await takeCouponUse(tx, coupon.row.id))) {
        throw couponRejected({ code: coupon.row.code, applied: false, discount: 0, reason: 'used_up', message: `${coupon.row.code} has been fully redeemed` });
      }
      const t = coupon.terms;
      if (t.perUserLimit !== null && (await countUserRedemptions(tx, coupon.row.id, user.id)) >= t.perUserLimit) {
        throw couponRejected({ code: t.code, applied: false, discount: 0, reason: 'user_limit', message: `You have already used ${t.code} the maximum number of times` });
      }
      if (t.firstOrderOnly && (await hasPlacedOrder(tx, user.id))) {
        throw couponRejected({ code: t.code, applied: false, discount: 0, reason: 'first_order_only', message: `${t.code} is for your first order only` });
      }
      const placed = await write(tx, order);
      await insertRedemption(tx, { couponId: coupon.row.id, userId: user.id, orderId: placed.id });
      return placed;
    });
  };

  let placed: Awaited<ReturnType<typeof placeOnce>>;
  try {
    placed = await placeOnce();
  } catch (err) {
    // A concurrent retry with the same key may have won (unique key) or taken the stock first: answer with its order.
    if (idempotencyKey) {
      const winner = await findOrderByKey(db, user.id, idempotencyKey);
      if (winner) return respond(deps, winner, 200, user);
    }
    if (err instanceof StockShort) throw outOfStock(lines, await freeStock(db, store.id, lines.map((l) => l.variantId)), byId);
    const pg = pgError(err);
    if (pg?.code === UNIQUE_VIOLATION && pg.constraint === 'orders_number_unique') placed = await placeOnce();
    else throw err;
  }

  await deps.events.publish({
    type: 'order.created',
    orderId: placed.id,
    userId: user.id,
    storeId: store.id,
    status: placed.status,
    etaMinutes,
    at: new Date().toISOString(),
  });
  // The response is built from what was just written, not read back: the statement returned the ids and times.
  const view = toOrderView({
    order: placed,
    storeName: store.name,
    items,
    events: [{ status: placed.status, createdAt: placed.createdAt, note, actorRole: user.role }],
  }, user);
  deps.background(sendOrderPlacedEmail(deps, view, { name: context.name, email: context.email }));
  return respond(deps, placed, 201, user, view);
}
