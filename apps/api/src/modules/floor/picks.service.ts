/**
 * The pick: a picker claims an order (confirmed → packing), walks its lines in bin order confirming each
 * by barcode or by hand, marks what is short (the shelf was wrong: the stock is corrected at once), and
 * packs it into bags (packing → packed). Every status move goes through the order state machine.
 *
 * Who may act: pickers and managers of the order's store, admins anywhere (another store's order is a
 * 404). A line or the packing belongs to the picker holding the pick; a manager or admin may finish it
 * for them.
 */
import QRCode from 'qrcode';
import { compareWalk, SHORT_REASON_LABELS } from '@fatafat/contracts/floor-rules';
import type { BagLabel, ClaimBody, PackBody, Pick as PickView, PickLineBody, PickQueueResponse, QueueOrder } from '@fatafat/contracts/floor';
import type { AppDeps } from '../../deps';
import type { AuthUser } from '../../http/auth-context';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../http/errors';
import { afterTransition, transitionOrderTx, type TransitionResult } from '../orders/order-state';
import { publishOrderUpdated } from '../orders/order.publish';
import { findOrderRow, lockOrder } from '../orders/orders.repository';
import { actorOf } from '../orders/orders.service';
import { runDuePaymentTasks } from '../payments/payment-tasks';
import { assertSameStore, openPick } from './pick-access';
import * as repo from './picks.repository';
import * as subs from './substitutions.repository';
import { awaitingCustomer } from './substitutions.service';
import { settleShortPick } from './short-pick';

type Deps = Pick<AppDeps, 'db' | 'events' | 'mail' | 'logger' | 'config' | 'payments' | 'razorpay'>;

const iso = (v: Date | string): string => (v instanceof Date ? v : new Date(v)).toISOString();
const isoOrNull = (v: Date | string | null): string | null => (v === null ? null : iso(v));
const firstName = (name: string): string => name.trim().split(/\s+/)[0] ?? '';

/** The store a caller works the floor of: their own; an admin names one. */
export function floorStore(user: AuthUser, asked: string | undefined): string {
  if (user.role === 'admin') {
    if (!asked) throw badRequest('storeId: an admin names the store whose floor to work', [{ path: 'query.storeId', message: 'is required for admins' }]);
    return asked;
  }
  if (!user.storeId) throw forbidden('Your account is not attached to a store');
  if (asked && asked !== user.storeId) throw forbidden('You can only work the floor of your own store');
  return user.storeId;
}

export async function picksView(db: Deps['db'], orderIds: string[]): Promise<PickView[]> {
  const [heads, lines, substitutions] = await Promise.all([
    repo.pickHeads(db, orderIds),
    repo.linesOfPicks(db, orderIds),
    subs.substitutionsOf(db, orderIds),
  ]);
  return heads.map((h) => {
    const mine = lines.filter((l) => l.orderId === h.order_id);
    const substitutionOf = new Map(substitutions.filter((s) => s.orderId === h.order_id).map((s) => [s.forVariantId, subs.toSubstitutionView(s)]));
    return {
      orderId: h.order_id,
      number: h.number,
      status: h.status,
      storeId: h.store_id,
      customerFirstName: firstName(h.address_name),
      // The number is for ringing a customer who asked to be called about a missing item, nothing else.
      customerPhone: mine.some((l) => l.whenShort === 'call') ? h.address_phone : null,
      placedAt: iso(h.created_at),
      promisedAt: iso(h.promised_at),
      claimedAt: iso(h.claimed_at),
      packedAt: isoOrNull(h.packed_at),
      bags: h.bags,
      picker: { id: h.picker_id, name: h.picker_name },
      lines: mine.map(({ orderId: _o, pickedAt, ...l }) => ({
        ...l,
        pickedAt: isoOrNull(pickedAt),
        substitution: substitutionOf.get(l.variantId) ?? null,
      })),
      done: mine.filter((l) => l.found !== null).length,
      total: mine.length,
    };
  });
}

async function pickView(db: Deps['db'], orderId: string): Promise<PickView> {
  const [view] = await picksView(db, [orderId]);
  if (!view) throw notFound('Pick');
  return view;
}

function toQueueOrder(r: repo.QueueRow): QueueOrder {
  return {
    orderId: r.order_id,
    number: r.number,
    placedAt: iso(r.created_at),
    promisedAt: iso(r.promised_at),
    lines: r.lines,
    units: r.units,
    state: r.status === 'confirmed' ? 'waiting' : 'picking',
    picker: r.picker_id ? { id: r.picker_id, name: r.picker_name ?? '' } : null,
  };
}

export async function getQueue(deps: Deps, user: AuthUser, storeId: string | undefined): Promise<PickQueueResponse> {
  const store = floorStore(user, storeId);
  const [rows, settings, open] = await Promise.all([
    repo.queueOf(deps.db, store),
    repo.floorSettings(deps.db, store),
    repo.openPicksOf(deps.db, user.id),
  ]);
  if (!settings) throw notFound('Store');
  return {
    storeId: store,
    queue: rows.map(toQueueOrder),
    mine: await picksView(deps.db, open.map((o) => o.orderId)),
    batching: settings.batching,
  };
}

export async function getPick(deps: Deps, user: AuthUser, orderId: string): Promise<{ pick: PickView }> {
  const pick = await repo.findPick(deps.db, orderId);
  if (!pick) throw notFound('Pick');
  assertSameStore(user, pick.storeId);
  return { pick: await pickView(deps.db, orderId) };
}

/**
 * Claims an order for the caller: the one named, or the next by promise at their store. Race-safe: the
 * order row is locked and must still be confirmed, and the pick's primary key is the order, so of many
 * claimers exactly one wins and the rest hear 409. Answers null when nothing is waiting.
 */
export async function claim(deps: Deps, user: AuthUser, body: ClaimBody): Promise<PickView | null> {
  const result = await deps.db.transaction(async (tx): Promise<TransitionResult | null> => {
    await repo.lockPicker(tx, user.id);
    let orderId = body.orderId ?? null;
    if (!orderId) {
      orderId = await repo.lockNextClaimable(tx, floorStore(user, undefined));
      if (!orderId) return null;
    }
    const order = await lockOrder(tx, orderId);
    if (!order) throw notFound('Order');
    assertSameStore(user, order.storeId);
    const settings = await repo.floorSettings(tx, order.storeId);
    const open = await repo.openPicksOf(tx, user.id);
    if (open.length && !settings?.batching) {
      throw conflict(`Finish ${open.map((o) => o.number).join(', ')} before claiming another order`, { open }, 'already_picking');
    }
    if (order.status !== 'confirmed') {
      const held = await repo.findPick(tx, orderId);
      if (held && !held.packedAt) {
        const [head] = await repo.pickHeads(tx, [orderId]);
        throw conflict(`${order.number} is already being picked by ${head?.picker_name ?? 'someone else'}`, { orderId }, 'pick_taken');
      }
      throw conflict(`${order.number} is ${order.status.replace(/_/g, ' ')}, not waiting for a picker`, { status: order.status }, 'not_claimable');
    }
    const lines = (await repo.linesToPick(tx, orderId, order.storeId)).sort(compareWalk);
    if (!(await repo.insertPick(tx, { orderId, storeId: order.storeId, pickerId: user.id }, lines))) {
      throw conflict(`${order.number} is already being picked`, { orderId }, 'pick_taken');
    }
    return transitionOrderTx(tx, orderId, 'packing', actorOf(user), 'Picker started picking', { enforceStore: true });
  });
  if (!result) return null;
  await afterTransition(deps, result);
  return pickView(deps.db, result.order.id);
}

function wrongItem(scanned: string, found: { name: string; label: string } | null, want: { name: string; label: string }): AppError {
  const what = found ? `${found.name} (${found.label})` : `barcode ${scanned}, which is no product of ours`;
  return new AppError(422, 'wrong_item', `You scanned ${what}; this line is ${want.name} (${want.label})`, {
    scanned,
    scannedItem: found,
  });
}

/**
 * Answers one line: found units, scanned (the barcode must be the line's own) or confirmed by hand, and
 * the reason when short. A short line corrects the store's stock in the same transaction. Answering the
 * same way twice is a no-op; answering differently is a 409.
 */
export async function answerLine(deps: Deps, user: AuthUser, orderId: string, variantId: string, body: PickLineBody): Promise<{ pick: PickView }> {
  const changed = await deps.db.transaction(async (tx) => {
    const pick = await openPick(tx, user, orderId, 'share');
    const line = await repo.lockPickLine(tx, orderId, variantId);
    if (!line) throw notFound('Pick line');
    const reason = body.found < line.quantity ? (body.reason ?? null) : null;
    if (body.found > line.quantity) {
      throw badRequest(`body.found: at most ${line.quantity} were ordered`, [{ path: 'body.found', message: `at most ${line.quantity}` }]);
    }
    if (body.found < line.quantity && !body.reason) {
      throw badRequest(`body.reason: say why only ${body.found} of ${line.quantity} were found`, [
        { path: 'body.reason', message: `one of ${Object.keys(SHORT_REASON_LABELS).join(', ')}` },
      ]);
    }
    if (body.found === line.quantity && body.reason) {
      throw badRequest('body.reason: only a short line has a reason', [{ path: 'body.reason', message: 'only for short lines' }]);
    }
    if (body.barcode !== undefined) {
      const [view] = (await repo.linesOfPicks(tx, [orderId])).filter((l) => l.variantId === variantId);
      if (view && view.barcode !== body.barcode) throw wrongItem(body.barcode, await repo.variantByBarcode(tx, body.barcode), view);
    }
    if (line.found !== null) {
      if (line.found === body.found && line.reason === reason) return false;
      throw conflict(`This line was answered already (${line.found} of ${line.quantity} found)`, { found: line.found }, 'line_answered');
    }
    await repo.answerLine(tx, orderId, variantId, { found: body.found, scanned: body.barcode !== undefined, reason });
    if (reason) {
      await repo.recordDiscrepancy(tx, {
        storeId: pick.storeId,
        variantId,
        orderId,
        pickerId: user.id,
        missing: line.quantity - body.found,
        reason,
      });
    }
    return true;
  });
  const view = await pickView(deps.db, orderId);
  if (changed) await notifyFloor(deps, orderId);
  return { pick: view };
}

/** Tells the floor (queue, board) that a pick moved without a status change. Never throws. */
async function notifyFloor(deps: Deps, orderId: string): Promise<void> {
  // A read, not a lock: the change has committed; taking the row FOR UPDATE only made pickers wait.
  const order = await findOrderRow(deps.db, orderId).catch(() => null);
  if (order) await publishOrderUpdated(deps, order);
}

export async function bagLabel(p: { orderId: string; number: string; customerFirstName: string; bags: number }): Promise<BagLabel> {
  const qrSvg = await QRCode.toString(p.orderId, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { ...p, qrText: p.orderId, qrSvg };
}

/**
 * Seals the bags: every line must be answered; the pick closes with the bag count, a short pick corrects
 * the order's bill and gives back what the short units were paid (short-pick.ts), and the order moves
 * packing → packed through the machine (whose effects, run after commit, are where dispatch hooks in).
 * All of it in one transaction: a pack that fails leaves the bill and the money as they were.
 */
export async function pack(deps: Deps, user: AuthUser, orderId: string, body: PackBody): Promise<{ pick: PickView; label: BagLabel }> {
  const result = await deps.db.transaction(async (tx) => {
    await openPick(tx, user, orderId, 'update');
    const open = await repo.openLineCount(tx, orderId);
    if (open) throw conflict(`${open} line(s) are not picked yet`, { open }, 'lines_open');
    const waiting = await awaitingCustomer(tx, orderId);
    if (waiting) {
      throw conflict(`Waiting for the customer to answer a substitute (${waiting.secondsLeft} s left)`, waiting, 'substitution_pending');
    }
    await repo.closePick(tx, orderId, body.bags);
    const short = await settleShortPick(tx, orderId);
    const note = `Packed in ${body.bags} bag${body.bags === 1 ? '' : 's'}${short ? `; ${short.note}` : ''}`;
    const moved = await transitionOrderTx(tx, orderId, 'packed', actorOf(user), note, { enforceStore: true });
    return moved ? { moved, toCard: short?.toCard ?? 0 } : null;
  });
  if (result) await afterTransition(deps, result.moved);
  // The card refund of the short units was written with the pack; the provider is asked now (and retried).
  if (result?.toCard) await runDuePaymentTasks(deps, { orderId });
  const pick = await pickView(deps.db, orderId);
  return { pick, label: await bagLabel({ orderId, number: pick.number, customerFirstName: pick.customerFirstName, bags: body.bags }) };
}

export async function getLabel(deps: Deps, user: AuthUser, orderId: string): Promise<BagLabel> {
  const { pick } = await getPick(deps, user, orderId);
  if (!pick.bags) throw conflict('The order is not packed yet', undefined, 'not_packed');
  return bagLabel({ orderId, number: pick.number, customerFirstName: pick.customerFirstName, bags: pick.bags });
}
