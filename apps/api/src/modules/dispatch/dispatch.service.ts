/**
 * Riders and dispatch, as use cases: a rider goes on and off duty, shares their position, answers offers,
 * picks the bag up at the store (packed → out for delivery), hands it over with the customer's code
 * (→ delivered) and records the cash; the dispatcher offers each packed order to the best rider; the store
 * manager assigns by hand, unlocks a task after wrong codes, resolves an unreachable customer and reconciles
 * each rider's cash.
 *
 * Race safety rests on the database: one dispatch record per order whose rider is set by a conditional update,
 * at most one open offer per order and per rider (partial unique indexes), a rider's held orders counted under
 * their shift row's lock, and dispatch of a store serialised across processes by a transaction advisory lock.
 * Every step takes its row locks in one order, delivery rows before shift rows, so steps never deadlock.
 */
import { timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  MAX_CODE_ATTEMPTS,
  MAX_RIDER_TASKS,
  type BoardDelivery,
  type CashResponse,
  type DeliverBody,
  type DispatchBoard,
  type LocationBody,
  type LocationResponse,
  type RiderTask,
  type RiderTasksResponse,
  type ShiftResponse,
} from '@fatafat/contracts/dispatch';
import { formatRupees } from '@fatafat/contracts/common';
import type { Tx } from '../../db/client';
import { orders, stockMovements } from '../../db/schema/index';
import type { AppDeps } from '../../deps';
import type { AuthUser } from '../../http/auth-context';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../http/errors';
import { afterTransition, transitionOrderTx, type Actor, type TransitionResult } from '../orders/order-state';
import { publishOrderUpdated } from '../orders/order.publish';
import { chooseRider, type Candidate } from './dispatch.rules';
import {
  answerOffer,
  assignDelivery,
  boardDeliveries,
  cashByShift,
  countHeld,
  endShift,
  expireOffers,
  insertOffer,
  lockDelivery,
  lockOfferedDeliveries,
  logDelivery,
  onDutyRiders,
  openShiftOf,
  orderCodeAndMoney,
  recordCash,
  riderOfStore,
  riderTasks,
  shiftById,
  shiftFigures,
  startShift,
  storeRiders,
  storesWithWork,
  syncDeliveries,
  tryStoreLock,
  updateDelivery,
  waitingOrders,
  withdrawOpenOffers,
  HELD_STATES,
  type DeliveryRow,
  type TaskRow,
} from './dispatch.repository';
import { RiderPositions } from './positions';
import { storeById } from '../stores/stores.repository';

export type Deps = Pick<AppDeps, 'db' | 'events' | 'riderEvents' | 'mail' | 'logger' | 'config' | 'payments' | 'razorpay' | 'redis' | 'onClose'>;

const positionsByDeps = new WeakMap<object, RiderPositions>();
/** The process's rider position keeper (one per deps, so tests with several apps each have their own). */
export function positionsOf(deps: Deps): RiderPositions {
  let p = positionsByDeps.get(deps);
  if (!p) {
    p = new RiderPositions(deps);
    positionsByDeps.set(deps, p);
  }
  return p;
}

const actorOf = (user: AuthUser): Actor => ({ id: user.id, role: user.role, storeId: user.storeId });

/** Cash to collect at the door: what the wallet did not pay of the total (which a short pick may lower). */
const cashDue = (o: { paymentMethod: string; paymentStatus: string; total: number; walletPaid: number }): number =>
  o.paymentMethod === 'cod' && o.paymentStatus === 'cod_due' ? o.total - o.walletPaid : 0;

/** Shifts and positions are a rider's alone: anyone else is refused. */
function requireRider(user: AuthUser): { id: string; storeId: string } {
  if (user.role !== 'rider' || !user.storeId) throw forbidden('Only riders go on duty and share a position');
  return { id: user.id, storeId: user.storeId };
}

/** Managers and admins reach the task routes (the `rider` level) but hold no deliveries: nothing is theirs (404). */
function taskHolder(user: AuthUser): { id: string; storeId: string } {
  if (user.role !== 'rider' || !user.storeId) throw notFound('Delivery');
  return { id: user.id, storeId: user.storeId };
}

/** Tells every process to forget what it cached about the rider. Never throws: the change is committed. */
async function riderChanged(deps: Deps, riderId: string): Promise<void> {
  positionsOf(deps).forget(riderId);
  await deps.riderEvents.publish({ type: 'rider.changed', riderId }).catch((err: unknown) => deps.logger.warn({ err }, 'rider event publish failed'));
}

async function publishOrder(deps: Deps, orderId: string): Promise<void> {
  const [row] = await deps.db.select().from(orders).where(eq(orders.id, orderId));
  if (row) await publishOrderUpdated(deps, row);
}

// ── shifts ───────────────────────────────────────────────────────────────────────────────────────────

async function shiftResponse(deps: Deps, riderId: string): Promise<ShiftResponse> {
  const shift = await openShiftOf(deps.db, riderId);
  if (!shift) return { onDuty: false, shift: null };
  const figures = await shiftFigures(deps.db, shift.id);
  return { onDuty: true, shift: { id: shift.id, startedAt: shift.startedAt.toISOString(), endedAt: null, ...figures } };
}

export async function setDuty(deps: Deps, user: AuthUser, onDuty: boolean): Promise<ShiftResponse> {
  const rider = requireRider(user);
  await deps.db.transaction(async (tx) => {
    if (onDuty) return startShift(tx, rider.id, rider.storeId);
    await lockOfferedDeliveries(tx, rider.id);
    const shift = await openShiftOf(tx, rider.id, true);
    if (!shift) return;
    if ((await countHeld(tx, rider.id)) > 0) {
      throw conflict('Deliver or hand back the orders you hold before going off duty', undefined, 'tasks_open');
    }
    await withdrawOpenOffers(tx, { riderId: rider.id });
    await endShift(tx, shift.id);
  });
  await riderChanged(deps, rider.id);
  await dispatchStore(deps, rider.storeId);
  return shiftResponse(deps, rider.id);
}

// ── positions ────────────────────────────────────────────────────────────────────────────────────────

export async function ping(deps: Deps, user: AuthUser, body: LocationBody): Promise<LocationResponse> {
  const rider = requireRider(user);
  const result = await positionsOf(deps).ping(rider.id, body);
  if (!result.onDuty) throw conflict('Go on duty to share your position', undefined, 'off_duty');
  return { accepted: result.accepted, reason: result.reason };
}

// ── the rider's tasks ────────────────────────────────────────────────────────────────────────────────

function navigation(drop: RiderTask['drop']): RiderTask['navigation'] {
  if (drop.lat !== null && drop.lng !== null) {
    const at = `${drop.lat},${drop.lng}`;
    return { mapsUrl: `https://www.google.com/maps/dir/?api=1&destination=${at}`, geoUri: `geo:${at}?q=${at}` };
  }
  const q = encodeURIComponent(drop.address);
  return { mapsUrl: `https://www.google.com/maps/search/?api=1&query=${q}`, geoUri: `geo:0,0?q=${q}` };
}

function toTask(row: TaskRow, waitSeconds: number): RiderTask {
  const a = row.address;
  const drop = {
    name: a.name,
    address: [a.line1, a.line2, a.landmark, `${a.city} ${a.pincode}`].filter(Boolean).join(', '),
    lat: a.lat,
    lng: a.lng,
  };
  const waitFrom = row.state === 'picked_up' ? (row.arrivedAt ?? row.pickedUpAt) : null;
  return {
    orderId: row.orderId,
    number: row.number,
    state: row.state as RiderTask['state'],
    offerExpiresAt: row.offerExpiresAt?.toISOString() ?? null,
    store: { id: row.storeId, name: row.storeName, address: row.storeAddress, lat: row.storeLat, lng: row.storeLng },
    drop,
    itemCount: row.itemCount,
    paymentMethod: row.paymentMethod,
    amountDue: cashDue(row),
    codeAttemptsLeft: Math.max(0, MAX_CODE_ATTEMPTS - row.codeAttempts),
    locked: !!row.lockedAt,
    arrivedAt: row.arrivedAt?.toISOString() ?? null,
    unreachableFrom: waitFrom ? new Date(waitFrom.getTime() + waitSeconds * 1000).toISOString() : null,
    navigation: navigation(drop),
  };
}

export async function listTasks(deps: Deps, user: AuthUser): Promise<RiderTasksResponse> {
  if (user.role !== 'rider' || !user.storeId) return { onDuty: false, shift: null, tasks: [] };
  const rider = { id: user.id, storeId: user.storeId };
  const [shift, rows] = await Promise.all([shiftResponse(deps, rider.id), riderTasks(deps.db, rider.id)]);
  return { ...shift, tasks: rows.map((r) => toTask(r, deps.config.dispatch.unreachableWaitSeconds)) };
}

async function taskOf(deps: Deps, riderId: string, orderId: string): Promise<RiderTask | null> {
  const [row] = await riderTasks(deps.db, riderId, orderId);
  return row ? toTask(row, deps.config.dispatch.unreachableWaitSeconds) : null;
}

/** The rider's own held delivery, locked; 404 for anyone else's (other riders' and other stores' look alike). */
async function heldBy(tx: Tx, riderId: string, orderId: string): Promise<DeliveryRow> {
  const d = await lockDelivery(tx, orderId);
  if (!d || d.riderId !== riderId || !HELD_STATES.includes(d.state)) throw notFound('Delivery');
  return d;
}

export async function acceptOffer(deps: Deps, user: AuthUser, orderId: string): Promise<RiderTask | null> {
  const rider = taskHolder(user);
  const now = new Date();
  await deps.db.transaction(async (tx) => {
    // Locks in one order everywhere: the delivery, then the rider's shift, then the offer.
    const d = await lockDelivery(tx, orderId);
    if (!d || d.storeId !== rider.storeId) throw notFound('Offer');
    const shift = await openShiftOf(tx, rider.id, true);
    if (!shift) throw conflict('Go on duty to take orders', undefined, 'off_duty');
    const offer = await answerOffer(tx, orderId, rider.id, 'accepted', now);
    if (!offer) throw offerGone();
    if ((await countHeld(tx, rider.id)) >= MAX_RIDER_TASKS) {
      throw conflict(`A rider carries at most ${MAX_RIDER_TASKS} orders at once`, undefined, 'too_many_tasks');
    }
    if (!(await assignDelivery(tx, orderId, rider.id, shift.id, ['offered']))) throw offerGone();
  });
  await riderChanged(deps, rider.id);
  await publishOrder(deps, orderId);
  await dispatchStore(deps, rider.storeId);
  return taskOf(deps, rider.id, orderId);
}

/** The order is of the rider's store but their offer is no more (lapsed, withdrawn, or another rider has it). */
const offerGone = () => conflict('This offer has lapsed or went to another rider', undefined, 'offer_gone');

export async function declineOffer(deps: Deps, user: AuthUser, orderId: string): Promise<null> {
  const rider = taskHolder(user);
  await deps.db.transaction(async (tx) => {
    const d = await lockDelivery(tx, orderId);
    if (!d || d.storeId !== rider.storeId) throw notFound('Offer');
    const offer = await answerOffer(tx, orderId, rider.id, 'declined', new Date());
    if (!offer) throw offerGone();
    await updateDelivery(tx, orderId, { state: 'waiting' });
  });
  await riderChanged(deps, rider.id);
  await dispatchStore(deps, rider.storeId);
  return null;
}

/** The bag label's QR holds the order id (the floor's label); typing the order number (with or without FF-) works too. */
export function scanMatches(scan: string, order: { id: string; number: string }): boolean {
  const s = scan.trim().toUpperCase();
  const n = order.number.toUpperCase();
  if (s === order.id.toUpperCase()) return true;
  return s === n || s.endsWith(`/${n}`) || s.endsWith(`#${n}`) || s.replace(/^FF-?/, '') === n.replace(/^FF-?/, '');
}

export async function pickUp(deps: Deps, user: AuthUser, orderId: string, scan: string): Promise<RiderTask | null> {
  const rider = taskHolder(user);
  const moved = await deps.db.transaction(async (tx) => {
    const d = await heldBy(tx, rider.id, orderId);
    if (d.state !== 'assigned') throw conflict('This order is already on its way', { state: d.state }, 'already_picked_up');
    const order = await orderCodeAndMoney(tx, orderId);
    if (!order || !scanMatches(scan, { id: orderId, number: order.number })) {
      throw new AppError(422, 'wrong_bag', 'This bag label belongs to another order: check the order number', { scan });
    }
    if (order.status !== 'packed') {
      throw conflict('The bag is not sealed yet: wait for the picker to mark it packed', { status: order.status }, 'not_packed');
    }
    const result = await transitionOrderTx(tx, orderId, 'out_for_delivery', actorOf(user), 'Rider picked up the order', { enforceStore: true });
    await updateDelivery(tx, orderId, { state: 'picked_up', pickedUpAt: new Date() });
    return result;
  });
  if (moved) await afterTransition(deps, moved);
  await riderChanged(deps, rider.id);
  return taskOf(deps, rider.id, orderId);
}

function sameCode(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

type Handover = { wrong: true; left: number } | { moved: TransitionResult | null };

export async function deliver(deps: Deps, user: AuthUser, orderId: string, body: DeliverBody): Promise<null> {
  const rider = taskHolder(user);
  const outcome: Handover = await deps.db.transaction(async (tx) => {
    const d = await heldBy(tx, rider.id, orderId);
    if (d.lockedAt) {
      throw new AppError(423, 'task_locked', 'Too many wrong codes: the store manager has to unlock this delivery', { attemptsLeft: 0 });
    }
    if (d.state !== 'picked_up') {
      throw conflict(d.state === 'assigned' ? 'Pick the order up at the store first' : 'The store manager is deciding about this delivery', { state: d.state }, 'not_on_the_way');
    }
    const order = (await orderCodeAndMoney(tx, orderId))!;
    if (!sameCode(body.code, order.code)) {
      // The attempt counts even though the request fails: it commits with this transaction.
      const attempts = d.codeAttempts + 1;
      await updateDelivery(tx, orderId, { codeAttempts: attempts, ...(attempts >= MAX_CODE_ATTEMPTS ? { lockedAt: new Date() } : {}) });
      if (attempts >= MAX_CODE_ATTEMPTS) await logDelivery(tx, { orderId, kind: 'locked', actorId: rider.id, actorRole: 'rider', note: 'Three wrong delivery codes' });
      return { wrong: true, left: Math.max(0, MAX_CODE_ATTEMPTS - attempts) };
    }
    const due = cashDue(order);
    if (due > 0) {
      if (!body.collected) throw new AppError(400, 'invalid_input', `collected: collect ${formatRupees(due)} and say how it was paid`, [{ path: 'body.collected', message: 'required for cash on delivery' }]);
      if (body.collected.amount !== due) {
        throw new AppError(422, 'amount_mismatch', `Collect exactly ${formatRupees(due)} for this order`, { amountDue: due });
      }
      await recordCash(tx, { shiftId: d.shiftId!, riderId: rider.id, storeId: d.storeId, orderId, kind: body.collected.method, amount: due, recordedBy: rider.id });
    } else if (body.collected) {
      throw new AppError(400, 'invalid_input', 'collected: this order is paid already; collect nothing', [{ path: 'body.collected', message: 'not for a paid order' }]);
    }
    const moved = await transitionOrderTx(tx, orderId, 'delivered', actorOf(user), 'Handed over with the delivery code', { enforceStore: true });
    await updateDelivery(tx, orderId, { state: 'delivered', finishedAt: new Date() });
    return { moved };
  });
  if ('wrong' in outcome) {
    if (outcome.left === 0) {
      await publishOrder(deps, orderId);
      throw new AppError(423, 'task_locked', 'Wrong code three times: the store manager has to unlock this delivery', { attemptsLeft: 0 });
    }
    throw new AppError(422, 'wrong_code', `That is not the customer's code: ${outcome.left} ${outcome.left === 1 ? 'try' : 'tries'} left`, { attemptsLeft: outcome.left });
  }
  if (outcome.moved) await afterTransition(deps, outcome.moved);
  await riderChanged(deps, rider.id);
  await dispatchStore(deps, rider.storeId);
  return null;
}

export async function markUnreachable(deps: Deps, user: AuthUser, orderId: string): Promise<RiderTask | null> {
  const rider = taskHolder(user);
  const wait = deps.config.dispatch.unreachableWaitSeconds * 1000;
  await deps.db.transaction(async (tx) => {
    const d = await heldBy(tx, rider.id, orderId);
    if (d.state !== 'picked_up') throw conflict('Only a delivery on its way can be marked unreachable', { state: d.state }, 'not_on_the_way');
    const from = new Date((d.arrivedAt ?? d.pickedUpAt!).getTime() + wait);
    if (Date.now() < from.getTime()) {
      throw conflict('Wait at the door a little longer before marking the customer unreachable', { unreachableFrom: from.toISOString() }, 'too_early');
    }
    await updateDelivery(tx, orderId, { state: 'unreachable', unreachableAt: new Date() });
    await logDelivery(tx, { orderId, kind: 'unreachable', actorId: rider.id, actorRole: 'rider' });
  });
  await riderChanged(deps, rider.id);
  await publishOrder(deps, orderId);
  return taskOf(deps, rider.id, orderId);
}

// ── the dispatcher ───────────────────────────────────────────────────────────────────────────────────

/**
 * One dispatch pass over a store: opens records for orders being packed or packed, closes those whose order
 * ended, lets lapsed offers go, and offers each waiting order to the rider the rules choose. Answers how
 * many offers it made (0 when another process is dispatching this store right now).
 */
export async function dispatchStore(deps: Deps, storeId: string, now = new Date()): Promise<number> {
  const store = await storeById(deps.db, storeId);
  if (!store) return 0;
  const { made, touched } = await deps.db.transaction(async (tx) => {
    if (!(await tryStoreLock(tx, storeId))) return { made: 0, touched: [] as string[] };
    // Deliveries before shifts, the order every other step takes its locks in.
    await syncDeliveries(tx, storeId);
    const lapsed = await expireOffers(tx, storeId, now);
    const waiting = await waitingOrders(tx, storeId);
    const touched = [...lapsed];
    if (!waiting.length) return { made: 0, touched };
    const riders = await onDutyRiders(tx, storeId);
    if (!riders.length) return { made: 0, touched };
    for (const r of riders) {
      // An expired offer freed the rider in this pass.
      if (lapsed.includes(r.riderId)) r.hasOpenOffer = false;
    }
    const positions = await positionsOf(deps).latest(riders.map((r) => ({ riderId: r.riderId, storeId })), tx);
    const candidates: Candidate[] = riders.map((r) => ({ ...r, position: positions.get(r.riderId) ?? null }));
    let made = 0;
    const expiresAt = new Date(now.getTime() + deps.config.dispatch.offerSeconds * 1000);
    for (const o of waiting) {
      const choice = chooseRider(
        { orderId: o.orderId, status: o.status, drop: o.dropLat !== null && o.dropLng !== null ? { lat: o.dropLat, lng: o.dropLng } : null, promisedAt: o.promisedAt, refusedBy: o.refusedBy },
        candidates,
        store,
        now,
        deps.config.dispatch.batchKm,
      );
      if (!choice) continue;
      await insertOffer(tx, { orderId: o.orderId, riderId: choice.riderId, shiftId: choice.shiftId, expiresAt });
      candidates.find((c) => c.riderId === choice.riderId)!.hasOpenOffer = true;
      touched.push(choice.riderId);
      made++;
    }
    return { made, touched };
  });
  for (const riderId of new Set(touched)) await riderChanged(deps, riderId);
  return made;
}

/** One pass over every store with dispatch work. */
export async function runDispatchOnce(deps: Deps, now = new Date()): Promise<number> {
  let made = 0;
  for (const storeId of await storesWithWork(deps.db)) made += await dispatchStore(deps, storeId, now);
  return made;
}

// ── the store manager ────────────────────────────────────────────────────────────────────────────────

/** Staff act for their own store; admins name the store. */
export function storeScope(user: AuthUser, storeId: string | undefined): string {
  if (user.role === 'admin') {
    if (!storeId) throw badRequest('storeId: name the store');
    return storeId;
  }
  if (user.role !== 'staff' || !user.storeId) throw forbidden();
  if (storeId && storeId !== user.storeId) throw forbidden('Store managers see their own store only');
  return user.storeId;
}

/** The delivery of an order of the manager's store, locked; 404 for other stores' orders. */
async function managedDelivery(tx: Tx, user: AuthUser, orderId: string): Promise<DeliveryRow> {
  const d = await lockDelivery(tx, orderId);
  if (!d || (user.role !== 'admin' && d.storeId !== user.storeId)) throw notFound('Delivery');
  return d;
}

export async function board(deps: Deps, user: AuthUser, storeId: string | undefined): Promise<DispatchBoard> {
  const store = storeScope(user, storeId);
  const breachMs = deps.config.dispatch.breachSeconds * 1000;
  const now = Date.now();
  const [rows, people] = await Promise.all([boardDeliveries(deps.db, store), storeRiders(deps.db, store)]);
  const positions = await positionsOf(deps).latest(people.filter((p) => p.shiftId).map((p) => ({ riderId: p.id, storeId: store })));
  const shiftCounts = await Promise.all(people.map((p) => (p.shiftId ? shiftFigures(deps.db, p.shiftId) : Promise.resolve({ deliveries: 0 }))));
  const toBoard = (r: (typeof rows)[number]): BoardDelivery => ({
    orderId: r.orderId,
    number: r.number,
    orderStatus: r.orderStatus,
    state: r.state as BoardDelivery['state'],
    riderId: r.riderId,
    riderName: r.riderName,
    waitingSince: r.waitingSince.toISOString(),
    breach: (r.state === 'waiting' || r.state === 'offered') && now - r.waitingSince.getTime() > breachMs,
    locked: !!r.lockedAt,
    promisedAt: r.promisedAt.toISOString(),
  });
  return {
    storeId: store,
    needsRider: rows.filter((r) => r.state === 'waiting' || r.state === 'offered').map(toBoard),
    active: rows.filter((r) => r.state !== 'waiting' && r.state !== 'offered').map(toBoard),
    riders: people.map((p, i) => {
      const pos = positions.get(p.id);
      return {
        id: p.id,
        name: p.name,
        onDuty: !!p.shiftId,
        position: p.shiftId && pos ? { lat: pos.lat, lng: pos.lng, at: pos.at.toISOString() } : null,
        tasks: rows.filter((r) => r.riderId === p.id && HELD_STATES.includes(r.state)).length,
        deliveriesThisShift: shiftCounts[i]!.deliveries,
      };
    }),
  };
}

export async function assignByHand(deps: Deps, user: AuthUser, orderId: string, riderId: string): Promise<DispatchBoard> {
  const storeId = await deps.db.transaction(async (tx) => {
    const d = await managedDelivery(tx, user, orderId);
    if (d.state !== 'waiting' && d.state !== 'offered') throw conflict('This order has a rider already', { state: d.state }, 'has_rider');
    if (!(await riderOfStore(tx, riderId, d.storeId))) throw badRequest('riderId: no such rider at this store');
    const shift = await openShiftOf(tx, riderId, true);
    if (!shift) throw conflict('That rider is off duty', undefined, 'off_duty');
    if ((await countHeld(tx, riderId)) >= MAX_RIDER_TASKS) {
      throw conflict(`A rider carries at most ${MAX_RIDER_TASKS} orders at once`, undefined, 'too_many_tasks');
    }
    await withdrawOpenOffers(tx, { orderId });
    if (!(await assignDelivery(tx, orderId, riderId, shift.id, ['waiting', 'offered']))) throw conflict('This order has a rider already', undefined, 'has_rider');
    await logDelivery(tx, { orderId, kind: 'assigned_by_hand', actorId: user.id, actorRole: user.role, note: riderId });
    return d.storeId;
  });
  await riderChanged(deps, riderId);
  await publishOrder(deps, orderId);
  return board(deps, user, storeId);
}

export async function unlock(deps: Deps, user: AuthUser, orderId: string, reason: string): Promise<DispatchBoard> {
  const d = await deps.db.transaction(async (tx) => {
    const row = await managedDelivery(tx, user, orderId);
    if (!row.lockedAt) throw conflict('This delivery is not locked', undefined, 'not_locked');
    await updateDelivery(tx, orderId, { lockedAt: null, codeAttempts: 0 });
    await logDelivery(tx, { orderId, kind: 'unlocked', actorId: user.id, actorRole: user.role, note: reason });
    return row;
  });
  if (d.riderId) await riderChanged(deps, d.riderId);
  return board(deps, user, d.storeId);
}

export async function resolveUnreachable(
  deps: Deps,
  user: AuthUser,
  orderId: string,
  action: 'reattempt' | 'return',
  reason: string,
): Promise<DispatchBoard> {
  const { row, moved } = await deps.db.transaction(async (tx) => {
    const d = await managedDelivery(tx, user, orderId);
    if (d.state !== 'unreachable') throw conflict('Only an unreachable delivery waits for this decision', { state: d.state }, 'not_unreachable');
    await logDelivery(tx, { orderId, kind: action, actorId: user.id, actorRole: user.role, note: reason });
    if (action === 'reattempt') {
      await updateDelivery(tx, orderId, { state: 'picked_up', arrivedAt: null, unreachableAt: null });
      return { row: d, moved: null };
    }
    // The bag comes back: the order is cancelled with the reason, its units are free stock again (a return movement).
    const result = await transitionOrderTx(tx, orderId, 'cancelled', actorOf(user), `Returned to store: ${reason}`, { enforceStore: true });
    await tx
      .update(stockMovements)
      .set({ reason: 'order_returned' })
      .where(and(eq(stockMovements.orderId, orderId), eq(stockMovements.reason, 'order_released')));
    await updateDelivery(tx, orderId, { state: 'returned', finishedAt: new Date() });
    return { row: d, moved: result };
  });
  if (moved) await afterTransition(deps, moved);
  if (row.riderId) await riderChanged(deps, row.riderId);
  return board(deps, user, row.storeId);
}

/** The calendar day (YYYY-MM-DD) in India of a moment. */
const istDate = (at: Date) => new Date(at.getTime() + 5.5 * 3_600_000).toISOString().slice(0, 10);

/** The IST day of `date` (or today) as a UTC range. */
function istDay(date: string | undefined): { from: Date; to: Date } {
  const day = date ?? istDate(new Date());
  const from = new Date(`${day}T00:00:00+05:30`);
  return { from, to: new Date(from.getTime() + 24 * 3_600_000) };
}

export async function cashReport(deps: Deps, user: AuthUser, storeId: string | undefined, date: string | undefined): Promise<CashResponse> {
  const store = storeScope(user, storeId);
  const { from, to } = istDay(date);
  const rows = await cashByShift(deps.db, store, from, to);
  const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
  return {
    storeId: store,
    shifts: rows.map((r) => ({
      shiftId: r.shift_id,
      riderId: r.rider_id,
      riderName: r.rider_name,
      startedAt: iso(r.started_at)!,
      endedAt: iso(r.ended_at),
      cash: r.cash,
      upi: r.upi,
      deposited: r.deposited,
      difference: r.cash - r.deposited,
      orders: r.orders,
    })),
  };
}

export async function recordDeposit(deps: Deps, user: AuthUser, shiftId: string, amount: number, note: string | undefined): Promise<CashResponse> {
  const shift = await shiftById(deps.db, shiftId);
  if (!shift || (user.role !== 'admin' && shift.storeId !== user.storeId)) throw notFound('Shift');
  await deps.db.transaction((tx) =>
    recordCash(tx, { shiftId, riderId: shift.riderId, storeId: shift.storeId, orderId: null, kind: 'deposit', amount, recordedBy: user.id, note: note ?? null }),
  );
  return cashReport(deps, user, shift.storeId, istDate(shift.startedAt));
}
