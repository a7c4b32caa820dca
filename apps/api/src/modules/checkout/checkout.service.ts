/**
 * Checkout as one story, each chapter a function below:
 *
 *   1. who is buying        (readBuyer: one read of the buyer, the address, an earlier attempt with this
 *                             Idempotency-Key, the active stores and the cart)
 *   2. where and when       (whereAndWhen: the store that delivers to the address, now or in the slot
 *                             asked for; a closed or paused store answers 409 unless a slot is chosen)
 *   3. what exactly         (readLines: the lines, on sale, within their per-order limits)
 *   4. at what price        (priceOrder: the cart's own quote(); a coupon typed now must apply)
 *   5. one write            (placeIdempotently: ONE statement reserves the stock and writes the order,
 *                             items, audit rows, first event and empties the cart; in a transaction only
 *                             when a coupon use, a slot place or a place under the store's cap must be
 *                             taken first, or a card order must find no other unpaid one)
 *   6. tell everyone        (announce: the event, the response built from what was written, the email)
 *
 * Nothing the client says about money is trusted: every amount is recomputed here.
 */
import { createHash, randomInt } from 'node:crypto';
import { formatRupees } from '@fatafat/contracts/common';
import stableStringify from 'safe-stable-stringify';
import { DateTime } from 'luxon';
import type { CheckoutBody, CheckoutResponse } from '@fatafat/contracts/checkout';
import type { WhenShort } from '@fatafat/contracts/floor-rules';
import type { OrderView } from '@fatafat/contracts/orders';
import type { DbOrTx } from '../../db/client';
import type { AppDeps } from '../../deps';
import { AppError, forbidden, notFound, unauthorized } from '../../http/errors';
import { findVariantLines, type VariantLine } from '../cart/cart.repository';
import { quote, readQuoteInputs, type QuoteInputs } from '../cart/quote';
import { pgError, UNIQUE_VIOLATION } from '../../db/errors';
import { claimCouponUse, couponRejected, recordRedemption, unknownCoupon, type LoadedCoupon } from '../coupons/coupons.service';
import { sendOrderPlacedEmail } from '../orders/order.emails';
import { orderView, toOrderView, type Viewer } from '../orders/order.view';
import { cardProviderFor, startProviderPayment } from '../payments/payments.service';
import type { ComputedBill } from '../pricing/pricing';
import { debitWallet, walletBalance } from '../wallet/wallet.repository';
import { etaFor, resolveServing, windowStartOf, type Judged } from '../zones/serving';
import { SLOT_MINUTES } from '../zones/store-hours';
import { claimSlot, claimWindowPlace } from '../zones/zones.repository';
import { offeredSlot, slotFull, storeUnavailable } from '../zones/zones.service';
import {
  findCheckoutContext,
  findOrderByKey,
  freeStock,
  lockAndFindUnpaidOrders,
  placeOrder,
  type EarlierAttempt,
  type NewOrder,
  type NewOrderItem,
  type PlacedOrder,
} from './checkout.repository';

/** The signed-in buyer; their role and store decide the moves their order view offers. */
type Buyer = Viewer & { id: string };

type Deps = Pick<AppDeps, 'db' | 'events' | 'payments' | 'razorpay' | 'mail' | 'logger' | 'config' | 'background' | 'clock'>;

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
  order: { id: string; number: string; total: number; walletPaid: number; status: string; paymentMethod: 'cod' | 'card' },
  status: 200 | 201,
  viewer: Viewer,
  provider: CheckoutBody['provider'],
  readView?: OrderView,
): Promise<CheckoutResult> {
  const view = readView ?? (await viewOf(deps, order.id, viewer));
  if (order.paymentMethod === 'card' && order.status === 'pending_payment') {
    const payment = await startProviderPayment(deps, order, provider);
    return { status, body: { order: view, payment } };
  }
  return { status, body: { order: view } };
}

/**
 * The digest of what a checkout asked for (its parsed body, keys sorted): a retry under the same
 * Idempotency-Key must ask for the same thing to be answered with the first attempt's order.
 */
export function fingerprintOf(body: CheckoutBody): string {
  return createHash('sha256').update(stableStringify(body) ?? '').digest('base64url');
}

/**
 * The answer to a retry: the order the first attempt placed, or 422 when the key came back with another
 * body (Stripe's rule, and the IETF Idempotency-Key draft's): another basket, address or tip is another
 * order, and silently answering with the first would hide that it was never placed.
 */
function answerRetry(deps: Deps, earlier: EarlierAttempt, fingerprint: string, viewer: Viewer, provider: CheckoutBody['provider']): Promise<CheckoutResult> {
  if (earlier.fingerprint !== null && earlier.fingerprint !== fingerprint) {
    throw new AppError(
      422,
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different checkout; send a new key for a new order',
      { orderId: earlier.id },
    );
  }
  // The same fingerprint means the same body, so the same provider as the first attempt.
  return respond(deps, earlier, 200, viewer, provider);
}

/**
 * How many card orders one customer may leave unpaid at once. Each holds its stock for the payment window,
 * so without a cap one account can hold a store's last units, order after order.
 */
export const MAX_UNPAID_CARD_ORDERS = 1;

/** Thrown inside the write so the transaction rolls back; answered outside it with the 409 unpaid_order_open. */
class UnpaidOrderOpen extends Error {
  constructor(readonly open: { id: string; number: string }) {
    super('unpaid order open');
  }
}

function unpaidOrderOpen(open: { id: string; number: string }): AppError {
  return new AppError(409, 'unpaid_order_open', `Order ${open.number} is waiting for payment: pay for it or cancel it first`, {
    orderId: open.id,
    number: open.number,
  });
}

interface WantedLine {
  variantId: string;
  quantity: number;
  whenShort: WhenShort;
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

type Context = NonNullable<Awaited<ReturnType<typeof findCheckoutContext>>>;
type Address = NonNullable<Context['address']>;

// ── 1. who is buying ──────────────────────────────────────────────────────────────────────────────────

/** The buyer's one read; refuses blocked accounts, card payment when it is off, and addresses not theirs. */
async function readBuyer(deps: Deps, user: Buyer, body: CheckoutBody, idempotencyKey: string | undefined) {
  const context = await findCheckoutContext(deps.db, user.id, body.addressId, idempotencyKey, { withCart: body.items === undefined });
  if (!context) throw unauthorized();
  if (context.earlier) return { earlier: context.earlier } as const;
  if (context.blockedAt) throw forbidden('This account cannot place orders; please contact support');
  if (body.paymentMethod === 'card' && !cardProviderFor(deps, body.provider)) {
    throw new AppError(400, 'card_unavailable', 'Card payment is not available right now; choose cash on delivery');
  }
  if (!context.address) throw notFound('Address');
  return { context, address: context.address } as const;
}

// ── 2. where and when ─────────────────────────────────────────────────────────────────────────────────

/**
 * The store that serves the address (zones/serving: the open one with the best ETA) and the slot, if one
 * was asked for. Without a slot a store that cannot take orders now refuses: 409 store_closed (opensAt)
 * or store_paused (reason).
 */
async function whereAndWhen(deps: Deps, address: Address, body: CheckoutBody, now: Date): Promise<{ serving: Judged; slot: Date | null }> {
  const { chosen } = await resolveServing(deps.db, { lat: address.lat, lng: address.lng, pincode: address.pincode }, now);
  if (!chosen) {
    throw new AppError(422, 'unserviceable', 'We do not deliver to this address yet', { addressId: address.id, pincode: address.pincode });
  }
  const slot = body.slotStartsAt ? await offeredSlot(deps, chosen, body.slotStartsAt) : null;
  if (!slot && !chosen.status.takesOrders) throw storeUnavailable(chosen);
  return { serving: chosen, slot };
}

// ── 3. what exactly ───────────────────────────────────────────────────────────────────────────────────

/** The request's items, or the cart's lines; one line per variant. */
function wantedLines(body: CheckoutBody, context: Context): WantedLine[] {
  const wanted = new Map<string, WantedLine>();
  // Explicit items take the profile's choice for short lines; the cart's lines carry their own.
  const asked = body.items?.map((i) => ({ ...i, whenShort: context.whenShort })) ?? context.cartLines;
  for (const i of asked) {
    const seen = wanted.get(i.variantId);
    wanted.set(i.variantId, { variantId: i.variantId, quantity: (seen?.quantity ?? 0) + i.quantity, whenShort: i.whenShort });
  }
  if (wanted.size === 0) throw new AppError(422, 'cart_empty', 'Your cart is empty');
  return [...wanted.values()];
}

/** Every line must be on sale and within its per-order limit. */
function checkLines(lines: WantedLine[], byId: Map<string, VariantLine>): void {
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
}

/** Item snapshots in the order the order page lists them. */
function itemSnapshots(lines: WantedLine[], byId: Map<string, VariantLine>): NewOrderItem[] {
  return lines
    .map((l) => {
      const v = byId.get(l.variantId)!;
      return {
        productId: v.productId,
        variantId: v.variantId,
        name: v.name,
        label: v.label,
        imageUrl: v.imageUrl,
        price: v.price,
        mrp: v.mrp,
        quantity: l.quantity,
        whenShort: l.whenShort,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.label.localeCompare(b.label));
}

// ── 4. at what price ──────────────────────────────────────────────────────────────────────────────────

/**
 * The cart's quote for these lines. A code typed at checkout must apply (404/422 otherwise); one left in
 * the cart that no longer applies is shown there and dropped here. Answers the coupon that will be redeemed.
 */
function priceOrder(
  items: NewOrderItem[],
  inputs: QuoteInputs,
  ask: { couponCode: string | null; explicitCoupon: boolean; tip: number; now: Date },
): { bill: ComputedBill; coupon: LoadedCoupon | null } {
  if (ask.couponCode && !inputs.coupon && ask.explicitCoupon) throw unknownCoupon(ask.couponCode);
  let bill = quote(items, inputs, { tip: ask.tip, now: ask.now });
  if (bill.coupon && !bill.coupon.applied) {
    if (ask.explicitCoupon) throw couponRejected(bill.coupon);
    bill = quote(items, { ...inputs, coupon: null }, { tip: ask.tip, now: ask.now });
  }
  return { bill, coupon: bill.coupon?.applied ? inputs.coupon : null };
}

// ── 5. one write ──────────────────────────────────────────────────────────────────────────────────────

interface Placement {
  user: Buyer;
  /** A fresh order (new number) per attempt; `busy` when the store's cap was reached as it was taken. */
  order: (busy: boolean) => NewOrder;
  /** A place to take in the store's 10-minute cap first (an order for now at a capped store). */
  cap: { storeId: string; windowStart: Date; limit: number } | null;
  /** A place to take in a delivery slot first. */
  slot: { storeId: string; startsAt: Date; capacity: number } | null;
  /** A card order: the customer's other unpaid card orders are counted first (MAX_UNPAID_CARD_ORDERS). */
  unpaidCard: boolean;
  /** Part of the total comes from the wallet: debited in the order's transaction, or the order is not placed. */
  wallet: boolean;
  items: NewOrderItem[];
  coupon: LoadedCoupon | null;
  clearCart: boolean;
  note: string;
}

type Placed = NewOrder & PlacedOrder;

/** Stock and order in one all-or-nothing statement; StockShort when the store cannot fill a line. */
async function writeOrder(on: DbOrTx, p: Placement, order: NewOrder): Promise<Placed> {
  const written = await placeOrder(on, order, p.items, { id: p.user.id, role: p.user.role }, { clearCart: p.clearCart, note: p.note });
  if (!written) throw new StockShort();
  return { ...order, ...written };
}

/** Thrown inside the write so the transaction rolls back; answered outside it with the 409 slot_full. */
class SlotTaken extends Error {}

/** The balance was spent elsewhere between the read and the write (another checkout won it). */
class WalletShort extends Error {}

/**
 * Without a coupon, slot, cap or card the statement is the whole transaction: no BEGIN/COMMIT round trips.
 * Otherwise a card order first counts the customer's unpaid ones under their lock, then the places are
 * taken (each a conditional upsert whose row lock serialises everyone after the same place), then the
 * order is written and the redemption recorded, all in one transaction:
 * a failed write gives every place back.
 */
async function placeOnce(db: Deps['db'], p: Placement): Promise<Placed> {
  const { coupon, cap, slot } = p;
  if (!coupon && !cap && !slot && !p.unpaidCard && !p.wallet) return writeOrder(db, p, p.order(false));
  return db.transaction(async (tx) => {
    if (p.unpaidCard) {
      const unpaid = await lockAndFindUnpaidOrders(tx, p.user.id);
      if (unpaid.length >= MAX_UNPAID_CARD_ORDERS) throw new UnpaidOrderOpen(unpaid[0]!);
    }
    if (coupon) await claimCouponUse(tx, coupon, p.user.id);
    if (slot && !(await claimSlot(tx, slot.storeId, slot.startsAt, slot.capacity))) throw new SlotTaken();
    // Past the cap the order is still taken, as a busy store takes it: longer ETA, surge fee.
    const busy = cap ? !(await claimWindowPlace(tx, cap.storeId, cap.windowStart, cap.limit)) : false;
    const placed = await writeOrder(tx, p, p.order(busy));
    if (coupon) await recordRedemption(tx, coupon, p.user.id, placed.id);
    if (placed.walletPaid > 0) {
      const spent = await debitWallet(tx, {
        userId: p.user.id,
        amount: placed.walletPaid,
        kind: 'checkout',
        orderId: placed.id,
        reason: `Paid towards order ${placed.number}`,
      });
      if (!spent) throw new WalletShort();
    }
    return placed;
  });
}

/** Order numbers are random: on the rare collision the order is tried once more under a new number. */
async function placeWithNewNumberOnCollision(db: Deps['db'], p: Placement): Promise<Placed> {
  try {
    return await placeOnce(db, p);
  } catch (err) {
    const pg = pgError(err);
    if (pg?.code === UNIQUE_VIOLATION && pg.constraint === 'orders_number_unique') return placeOnce(db, p);
    throw err;
  }
}

/**
 * The write, or the order an earlier attempt with the same Idempotency-Key placed: a concurrent retry may
 * have won (the unique key refuses the second) or taken the stock first. Short stock is answered with the
 * 409 naming what is left.
 */
async function placeIdempotently(
  deps: Deps,
  p: Placement,
  ask: { idempotencyKey: string | undefined; storeId: string; lines: WantedLine[]; byId: Map<string, VariantLine> },
): Promise<{ placed: Placed } | { earlier: EarlierAttempt }> {
  try {
    return { placed: await placeWithNewNumberOnCollision(deps.db, p) };
  } catch (err) {
    if (ask.idempotencyKey) {
      const winner = await findOrderByKey(deps.db, p.user.id, ask.idempotencyKey);
      if (winner) return { earlier: winner };
    }
    if (err instanceof UnpaidOrderOpen) throw unpaidOrderOpen(err.open);
    if (err instanceof StockShort) {
      throw outOfStock(ask.lines, await freeStock(deps.db, ask.storeId, ask.lines.map((l) => l.variantId)), ask.byId);
    }
    if (err instanceof SlotTaken) throw slotFull(p.slot!.startsAt.toISOString());
    if (err instanceof WalletShort) {
      throw new AppError(409, 'wallet_balance_changed', 'Your Fatafat Cash balance changed while you were checking out; please review and try again');
    }
    throw err;
  }
}

// ── 6. tell everyone ──────────────────────────────────────────────────────────────────────────────────

async function announce(
  deps: Deps,
  p: Placement,
  placed: Placed,
  store: { id: string; name: string },
  buyer: Context,
  provider: CheckoutBody['provider'],
): Promise<CheckoutResult> {
  await deps.events.publish({
    type: 'order.created',
    orderId: placed.id,
    userId: p.user.id,
    storeId: store.id,
    status: placed.status,
    etaMinutes: placed.etaMinutes,
    at: new Date().toISOString(),
  });
  // The response is built from what was just written, not read back: the statement returned the ids and times.
  const view = toOrderView(
    {
      order: placed,
      storeName: store.name,
      items: p.items.map((i) => ({ ...i, orderedQuantity: i.quantity, substituteFor: null })),
      events: [{ status: placed.status, createdAt: placed.createdAt, note: p.note, actorRole: p.user.role }],
    },
    p.user,
  );
  deps.background(sendOrderPlacedEmail(deps, view, { name: buyer.name, email: buyer.email }));
  return respond(deps, placed, 201, p.user, provider, view);
}

// ── the story ─────────────────────────────────────────────────────────────────────────────────────────

export async function checkout(deps: Deps, user: Buyer, body: CheckoutBody, idempotencyKey: string | undefined): Promise<CheckoutResult> {
  const fingerprint = fingerprintOf(body);
  const buyer = await readBuyer(deps, user, body, idempotencyKey);
  if (buyer.earlier) return answerRetry(deps, buyer.earlier, fingerprint, user, body.provider);
  const { context, address } = buyer;

  const now = deps.clock.now();
  const { serving, slot } = await whereAndWhen(deps, address, body, now);
  const store = serving.store;
  // A slotted order is not rushed: no surge, and the promise is the slot's end.
  const busyNow = !slot && serving.status.busy;

  const lines = wantedLines(body, context);
  // Buying the cart brings its tip and coupon; explicit items leave the cart alone.
  const tip = body.tip ?? context.cartTip ?? 0;
  const couponCode = body.couponCode ?? context.cartCouponCode ?? null;
  const [variants, inputs, balance] = await Promise.all([
    findVariantLines(deps.db, lines.map((l) => l.variantId), store.id),
    readQuoteInputs(deps.db, { storeBusy: busyNow, couponCode, userId: user.id }),
    body.useWallet ? walletBalance(deps.db, user.id) : Promise.resolve(0),
  ]);
  const byId = new Map(variants.map((v) => [v.variantId, v]));
  checkLines(lines, byId);
  const items = itemSnapshots(lines, byId);

  const ask = { couponCode, explicitCoupon: body.couponCode !== undefined, tip, now };
  const { bill: billNow, coupon: couponNow } = priceOrder(items, inputs, ask);
  // Priced as busy too, pure and cheap, for an order that finds the cap reached as it takes its place.
  const busyPrice = () => priceOrder(items, { ...inputs, storeBusy: true }, ask);

  // Lines already short when read fail here, without an attempt to write.
  const free = new Map(variants.map((v) => [v.variantId, v.stockAvailable]));
  if (lines.some((l) => free.get(l.variantId)! < l.quantity)) {
    // A concurrent attempt with this key may have just placed the order and taken that very stock: a
    // retry's answer is that order, never out_of_stock for it.
    const winner = idempotencyKey ? await findOrderByKey(deps.db, user.id, idempotencyKey) : undefined;
    if (winner) return answerRetry(deps, winner, fingerprint, user, body.provider);
    throw outOfStock(lines, free, byId);
  }

  // Fatafat Cash pays what it can; the card or cash at the door pays the rest (nothing when it covers all).
  const fromWallet = (total: number) => Math.min(balance, total);
  const card = body.paymentMethod === 'card' && fromWallet(billNow.total) < billNow.total;
  const cap = !slot && !busyNow && store.ordersPerWindow !== null ? { storeId: store.id, windowStart: windowStartOf(now), limit: store.ordersPerWindow } : null;
  const placement: Placement = {
    user,
    cap,
    slot: slot ? { storeId: store.id, startsAt: slot, capacity: store.slotCapacity } : null,
    unpaidCard: card,
    wallet: balance > 0,
    order: (overCap) => {
      const { bill, coupon } = overCap ? busyPrice() : { bill: billNow, coupon: couponNow };
      const walletPaid = fromWallet(bill.total);
      const paid = walletPaid === bill.total && walletPaid > 0;
      const needsCard = body.paymentMethod === 'card' && !paid;
      const etaMinutes = slot
        ? Math.max(1, Math.round((slotEndOf(slot).getTime() - now.getTime()) / 60_000))
        : etaFor(serving, serving.load, { busy: busyNow || overCap });
      return {
      number: newOrderNumber(),
      userId: user.id,
      storeId: store.id,
      status: needsCard ? 'pending_payment' : slot ? 'scheduled' : 'confirmed',
      paymentMethod: body.paymentMethod,
      paymentStatus: paid ? 'paid' : needsCard ? 'pending' : 'cod_due',
      address: snapshotOf(address),
      billLines: bill.lines,
      itemTotal: bill.itemTotal,
      mrpTotal: bill.mrpTotal,
      fees: bill.fees,
      tip: bill.tip,
      discount: bill.discount,
      total: bill.total,
      walletPaid,
      couponCode: coupon?.row.code ?? null,
      etaMinutes,
      promisedAt: slot ? slotEndOf(slot) : new Date(now.getTime() + etaMinutes * 60_000),
      reservationExpiresAt: needsCard ? new Date(now.getTime() + CARD_RESERVATION_MINUTES * 60_000) : null,
      idempotencyKey: idempotencyKey ?? null,
      idempotencyFingerprint: idempotencyKey ? fingerprint : null,
      slotStartsAt: slot,
      };
    },
    items,
    coupon: couponNow,
    clearCart: body.items === undefined,
    note: noteFor(card, slot, store.timeZone, { fromWallet: fromWallet(billNow.total), total: billNow.total }),
  };
  const outcome = await placeIdempotently(deps, placement, { idempotencyKey, storeId: store.id, lines, byId });
  if ('earlier' in outcome) return answerRetry(deps, outcome.earlier, fingerprint, user, body.provider);
  return announce(deps, placement, outcome.placed, store, context, body.provider);
}

const slotEndOf = (start: Date) => new Date(start.getTime() + SLOT_MINUTES * 60_000);

/** The first event's words: how it is paid, and the slot when there is one (in the store's time). */
function noteFor(card: boolean, slot: Date | null, timeZone: string, wallet: { fromWallet: number; total: number }): string {
  const how = card ? 'Order placed, awaiting card payment' : 'Order placed, cash on delivery';
  const paid =
    wallet.fromWallet > 0 && wallet.fromWallet === wallet.total
      ? 'Order placed, paid with Fatafat Cash'
      : wallet.fromWallet > 0
        ? `${how}; ${formatRupees(wallet.fromWallet)} paid from Fatafat Cash`
        : how;
  if (!slot) return paid;
  const from = DateTime.fromJSDate(slot, { zone: timeZone });
  return `${paid}; delivery slot ${from.toFormat('d LLL, h:mm a')}–${from.plus({ minutes: SLOT_MINUTES }).toFormat('h:mm a')}`;
}

/** The address as it was when ordered: later edits to the address book never change an order. */
function snapshotOf(a: Address): NewOrder['address'] {
  return {
    label: a.label,
    name: a.name,
    phone: a.phone,
    line1: a.line1,
    line2: a.line2,
    landmark: a.landmark,
    city: a.city,
    state: a.state,
    pincode: a.pincode,
    lat: a.lat,
    lng: a.lng,
  };
}
