/**
 * Substitutions: when a line comes up short, the customer's choice for it decides what happens.
 *
 *  - "replace with similar": the picker proposes one in-stock variant of the same product or subcategory at
 *    no more than the original's price plus 10 %. Its units are reserved at once so they are still there at
 *    packing. The customer sees a live prompt on the tracking page and accepts or declines within
 *    SUBSTITUTION_ANSWER_SECONDS; no answer is a decline (the sweeper lets it lapse), i.e. a refund.
 *  - "call me": the picker sees the number, rings, and records what came of it; a substitute agreed on
 *    the phone is proposed `byPhone` and needs no answer in the app.
 *  - "refund": nothing to propose; packing gives back what the missing units were paid.
 *
 * An accepted substitute is charged at the lower of its price and the original's, so a bill that may be
 * paid already never rises; packing turns it into an order item and settles the money (short-pick.ts).
 */
import {
  maxSubstitutePrice,
  SUBSTITUTION_ANSWER_SECONDS,
  substituteUnitPrice,
  WHEN_SHORT_LABELS,
} from '@fatafat/contracts/floor-rules';
import type { CallOutcomeBody, ProposeSubstitutionBody, SubstituteOptionsResponse } from '@fatafat/contracts/floor';
import type { DbOrTx } from '../../db/client';
import type { AppDeps } from '../../deps';
import type { AuthUser } from '../../http/auth-context';
import { AppError, badRequest, conflict, notFound } from '../../http/errors';
import { publishOrderUpdated } from '../orders/order.publish';
import { findOrderRow, insertOrderEvent, lockOrder } from '../orders/orders.repository';
import { openPick } from './pick-access';
import * as subs from './substitutions.repository';

type Deps = Pick<AppDeps, 'db' | 'events' | 'logger'>;

const CALL_OUTCOMES: Readonly<Record<CallOutcomeBody['outcome'], string>> = {
  agreed_substitute: 'agreed to a substitute',
  refund: 'asked for a refund',
  no_answer: 'did not answer',
};

/** The short line and what its substitute may be; 404/409 when the line cannot take one. */
async function substitutableLine(db: DbOrTx, orderId: string, variantId: string): Promise<subs.ShortLine & { missing: number }> {
  const line = await subs.shortLine(db, orderId, variantId);
  if (!line) throw notFound('Pick line');
  if (line.found === null) throw conflict('Answer the line first: how many were found?', undefined, 'line_open');
  const missing = line.quantity - line.found;
  if (missing <= 0) throw conflict(`${line.name} was found in full: there is nothing to replace`, undefined, 'line_not_short');
  if (line.whenShort === 'refund') {
    throw conflict(`The customer asked for a refund if ${line.name} is out of stock`, { whenShort: line.whenShort }, 'customer_wants_refund');
  }
  return { ...line, missing };
}

function optionsQuery(orderId: string, storeId: string, variantId: string, line: subs.ShortLine & { missing: number }) {
  return { orderId, storeId, variantId, productId: line.productId, price: line.price, maxPrice: maxSubstitutePrice(line.price), units: line.missing };
}

/** What the picker may propose for a short line, the nearest match first. */
export async function substituteOptions(deps: Deps, user: AuthUser, orderId: string, variantId: string): Promise<SubstituteOptionsResponse> {
  const pick = await deps.db.transaction((tx) => openPick(tx, user, orderId, 'share'));
  const line = await substitutableLine(deps.db, orderId, variantId);
  const rows = await subs.substituteOptions(deps.db, optionsQuery(orderId, pick.storeId, variantId, line));
  return { options: rows.map((r) => ({ ...r, price: substituteUnitPrice(line.price, r.shelfPrice) })) };
}

/**
 * Proposes a substitute for a short line and reserves its units, in one transaction. The customer's
 * tracking page hears of it at once (the order's stream); `byPhone` records an answer given on the call.
 */
export async function proposeSubstitution(deps: Deps, user: AuthUser, orderId: string, body: ProposeSubstitutionBody): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const pick = await openPick(tx, user, orderId, 'share');
    const line = await substitutableLine(tx, orderId, body.variantId);
    if (body.byPhone && line.whenShort !== 'call') {
      throw badRequest('body.byPhone: only for a line whose customer asked to be called', [
        { path: 'body.byPhone', message: `this customer chose "${WHEN_SHORT_LABELS[line.whenShort]}"` },
      ]);
    }
    const [option] = await subs.substituteOptions(tx, { ...optionsQuery(orderId, pick.storeId, body.variantId, line), only: body.substituteVariantId }, 1);
    if (!option) {
      throw new AppError(
        422,
        'substitute_not_allowed',
        `That cannot replace ${line.name}: a substitute is a similar item on sale here, with ${line.missing} free on the shelf, at most 10 % dearer, and not already in the order`,
        { substituteVariantId: body.substituteVariantId },
      );
    }
    if (body.barcode !== undefined && body.barcode !== option.barcode) {
      throw new AppError(422, 'wrong_item', `You scanned barcode ${body.barcode}; the substitute is ${option.name} (${option.label})`, {
        scanned: body.barcode,
      });
    }
    await subs.touchOrder(tx, orderId);
    const reserved = await subs.reserveSubstitute(tx, { storeId: pick.storeId, variantId: option.variantId, orderId, actorId: user.id, units: line.missing });
    if (!reserved) throw conflict(`${option.name} (${option.label}) has just sold out`, undefined, 'substitute_out_of_stock');
    const written = await subs.insertSubstitution(tx, {
      orderId,
      variantId: body.variantId,
      substituteVariantId: option.variantId,
      storeId: pick.storeId,
      quantity: line.missing,
      price: substituteUnitPrice(line.price, option.shelfPrice),
      mrp: option.mrp,
      byPhone: body.byPhone ?? false,
      proposedBy: user.id,
      expiresAt: new Date(Date.now() + SUBSTITUTION_ANSWER_SECONDS * 1000),
    });
    if (!written) throw conflict(`A substitute for ${line.name} was proposed already`, undefined, 'already_proposed');
  });
  await notify(deps, orderId);
}

/** The customer's answer. Late answers are refused (the proposal lapses and the line is refunded). */
export async function answerSubstitution(deps: Deps, user: AuthUser, orderId: string, variantId: string, accept: boolean): Promise<void> {
  const outcome = await deps.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order || order.userId !== user.id) throw notFound('Order');
    if (order.status !== 'packing') throw conflict('This order is past picking: substitutes can no longer be answered', { status: order.status }, 'not_picking');
    const s = await subs.lockSubstitution(tx, orderId, variantId);
    if (!s) throw notFound('Substitution');
    if (s.status !== 'proposed') {
      if ((s.status === 'accepted' && accept) || (s.status === 'declined' && !accept)) return 'same';
      throw conflict(`This substitute was ${s.status} already`, { status: s.status }, 'substitution_answered');
    }
    if (s.expiresAt.getTime() <= Date.now()) {
      await lapse(tx, s, 'expired', null);
      await subs.touchOrder(tx, orderId);
      return 'late';
    }
    if (accept) await subs.setSubstitutionStatus(tx, orderId, variantId, 'accepted');
    else await lapse(tx, s, 'declined', user.id);
    await subs.touchOrder(tx, orderId);
    return 'answered';
  });
  if (outcome !== 'same') await notify(deps, orderId);
  if (outcome === 'late') throw conflict('The time to answer has passed: the missing item will be refunded', undefined, 'substitution_expired');
}

async function lapse(tx: Parameters<typeof subs.lockSubstitution>[0], s: subs.LockedSubstitution, why: 'declined' | 'expired', actorId: string | null): Promise<void> {
  await subs.setSubstitutionStatus(tx, s.orderId, s.variantId, why);
  await subs.releaseSubstitute(tx, { storeId: s.storeId, variantId: s.substituteVariantId, orderId: s.orderId, actorId, units: s.quantity, why });
}

/**
 * Lets proposals nobody answered in time lapse: their units go back to the shelf and the line is refunded
 * at packing. Safe in every process (skip locked). Answers how many lapsed.
 */
export async function expireOverdueSubstitutions(deps: Deps, now: Date = new Date()): Promise<number> {
  const lapsed = await deps.db.transaction(async (tx) => {
    const overdue = await subs.lockOverdueProposals(tx, now, 100);
    for (const s of overdue) {
      if (s.picking) await lapse(tx, s, 'expired', null);
      else await subs.setSubstitutionStatus(tx, s.orderId, s.variantId, 'expired');
    }
    for (const orderId of new Set(overdue.map((s) => s.orderId))) await subs.touchOrder(tx, orderId);
    return overdue;
  });
  for (const orderId of new Set(lapsed.map((s) => s.orderId))) await notify(deps, orderId);
  return lapsed.length;
}

/** The picker rang a customer who asked to be called: what came of it goes on the order's timeline. */
export async function recordCallOutcome(deps: Deps, user: AuthUser, orderId: string, variantId: string, body: CallOutcomeBody): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await openPick(tx, user, orderId, 'share');
    const line = await subs.shortLine(tx, orderId, variantId);
    if (!line) throw notFound('Pick line');
    if (line.whenShort !== 'call') {
      throw conflict(`The customer did not ask to be called about ${line.name}`, { whenShort: line.whenShort }, 'no_call_asked');
    }
    const order = await lockOrder(tx, orderId);
    if (!order) throw notFound('Order');
    const note = `Store called about ${line.name} ${line.label}: the customer ${CALL_OUTCOMES[body.outcome]}${body.note ? ` (${body.note})` : ''}`;
    await insertOrderEvent(tx, { orderId, status: order.status, actorId: user.id, actorRole: user.role, note });
  });
  await notify(deps, orderId);
}

/** Packing waits for the customer: answers the first proposal still open, if any. */
export async function awaitingCustomer(db: DbOrTx, orderId: string): Promise<{ variantId: string; secondsLeft: number } | null> {
  const [first] = await subs.pendingProposals(db, orderId);
  if (!first) return null;
  return { variantId: first.variantId, secondsLeft: Math.max(0, Math.ceil((first.expiresAt.getTime() - Date.now()) / 1000)) };
}

/** Pushes the order to its watchers (the customer's tracking page, the floor). Never throws. */
async function notify(deps: Deps, orderId: string): Promise<void> {
  try {
    const order = await findOrderRow(deps.db, orderId);
    if (order) await publishOrderUpdated(deps, order);
  } catch (err) {
    deps.logger.warn({ err, orderId }, 'could not announce a substitution');
  }
}
