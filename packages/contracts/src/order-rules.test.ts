import { describe, expect, it } from 'vitest';
import {
  ADMIN_STATUS_LABELS,
  CANCELLABLE,
  canTransition,
  FAILED,
  forwardStep,
  HOLDS_STOCK,
  mayMove,
  nextStatusesFor,
  ON_ITS_WAY,
  ORDER_STATUS_LABELS,
  ORDER_STATUSES,
  REFUNDABLE,
  ROLE_LIMITS,
  TERMINAL,
  type ActorRole,
  type OrderStatus,
} from './order-rules';

/**
 * Written out by hand (not derived from the module) so a wrong edit to the rules fails here: every move each
 * role may ask for, as `from→to` (with money taken, so refunds are possible).
 */
const FLOOR = [
  'pending_payment→cancelled',
  'scheduled→cancelled',
  'confirmed→packing',
  'confirmed→cancelled',
  'packing→packed',
  'packing→cancelled',
  'packed→out_for_delivery',
  'packed→cancelled',
  'out_for_delivery→delivered',
  'out_for_delivery→cancelled',
];
const REFUNDS = ['scheduled→refunded', 'confirmed→refunded', 'packing→refunded', 'packed→refunded', 'out_for_delivery→refunded', 'delivered→refunded', 'cancelled→refunded'];
const PAYMENT_OUTCOMES = ['pending_payment→confirmed', 'pending_payment→scheduled', 'pending_payment→payment_failed', 'pending_payment→expired'];
/** A slotted order is released to the floor by the system when its slot nears. */
const SLOT_RELEASE = ['scheduled→confirmed'];
const ROLE_MOVES: Record<ActorRole, string[]> = {
  system: [...FLOOR, ...REFUNDS, ...PAYMENT_OUTCOMES, ...SLOT_RELEASE],
  customer: ['pending_payment→cancelled', 'scheduled→cancelled', 'confirmed→cancelled'],
  staff: FLOOR,
  admin: [...FLOOR, ...REFUNDS],
  picker: ['confirmed→packing', 'packing→packed'],
  rider: ['packed→out_for_delivery', 'out_for_delivery→delivered'],
};

const PAIRS = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => ({ from, to, ok: ROLE_MOVES.system.includes(`${from}→${to}`) })));
const ROLES = Object.keys(ROLE_LIMITS) as ActorRole[];

describe('order rules: the transition table', () => {
  it.each(PAIRS)('when the system moves $from → $to, then allowed is $ok', ({ from, to, ok }) => {
    expect(canTransition(from, to, 'system')).toBe(ok);
  });

  it.each(ROLES)('when %s asks, then exactly its moves are allowed', (role) => {
    const moves = PAIRS.filter((p) => canTransition(p.from, p.to, role)).map((p) => `${p.from}→${p.to}`);
    expect(moves.sort()).toEqual([...ROLE_MOVES[role]].sort());
  });

  it('when no role is given, then the system is asking', () => {
    expect(canTransition('pending_payment', 'expired')).toBe(true);
  });
});

describe('order rules: next statuses for a caller', () => {
  const cases: Array<{ status: OrderStatus; paymentStatus: string; role: ActorRole; next: OrderStatus[] }> = [
    { status: 'pending_payment', paymentStatus: 'pending', role: 'customer', next: ['cancelled'] },
    { status: 'confirmed', paymentStatus: 'cod_due', role: 'customer', next: ['cancelled'] },
    { status: 'packing', paymentStatus: 'paid', role: 'customer', next: [] },
    { status: 'confirmed', paymentStatus: 'paid', role: 'staff', next: ['packing', 'cancelled'] },
    { status: 'delivered', paymentStatus: 'paid', role: 'staff', next: [] },
    // A picker never cancels or refunds: claiming and sealing the bags are all the floor asks of them.
    { status: 'confirmed', paymentStatus: 'paid', role: 'picker', next: ['packing'] },
    { status: 'packing', paymentStatus: 'paid', role: 'picker', next: ['packed'] },
    { status: 'packed', paymentStatus: 'paid', role: 'picker', next: [] },
    { status: 'packed', paymentStatus: 'cod_due', role: 'staff', next: ['out_for_delivery', 'cancelled'] },
    { status: 'confirmed', paymentStatus: 'paid', role: 'admin', next: ['packing', 'cancelled', 'refunded'] },
    // Nothing was taken yet, so there is nothing to refund.
    { status: 'confirmed', paymentStatus: 'cod_due', role: 'admin', next: ['packing', 'cancelled'] },
    { status: 'cancelled', paymentStatus: 'cod_due', role: 'admin', next: [] },
    { status: 'delivered', paymentStatus: 'paid', role: 'admin', next: ['refunded'] },
    { status: 'refunded', paymentStatus: 'refunded', role: 'admin', next: [] },
    // The provider's refund webhook is the system: it is never held back.
    { status: 'cancelled', paymentStatus: 'refunded', role: 'system', next: ['refunded'] },
    { status: 'pending_payment', paymentStatus: 'pending', role: 'system', next: ['confirmed', 'scheduled', 'cancelled', 'payment_failed', 'expired'] },
    // A scheduled order: the customer may still cancel; the floor cannot start it early, only the system releases it.
    { status: 'scheduled', paymentStatus: 'cod_due', role: 'customer', next: ['cancelled'] },
    { status: 'scheduled', paymentStatus: 'cod_due', role: 'picker', next: [] },
    { status: 'scheduled', paymentStatus: 'paid', role: 'staff', next: ['cancelled'] },
    { status: 'scheduled', paymentStatus: 'paid', role: 'system', next: ['confirmed', 'cancelled', 'refunded'] },
  ];
  it.each(cases)('when $role looks at a $status order ($paymentStatus), then it may move it to $next', ({ status, paymentStatus, role, next }) => {
    expect(nextStatusesFor({ status, paymentStatus }, role)).toEqual(next);
    for (const to of ORDER_STATUSES) expect(mayMove({ status, paymentStatus }, to, role)).toBe(next.includes(to));
  });
});

describe('order rules: status sets', () => {
  const sets: Array<{ name: string; set: ReadonlySet<OrderStatus>; members: OrderStatus[] }> = [
    { name: 'holds stock', set: HOLDS_STOCK, members: ['pending_payment', 'scheduled', 'confirmed', 'packing', 'packed', 'out_for_delivery'] },
    { name: 'on its way', set: ON_ITS_WAY, members: ['confirmed', 'packing', 'packed', 'out_for_delivery'] },
    { name: 'failed', set: FAILED, members: ['cancelled', 'payment_failed', 'expired'] },
    { name: 'terminal', set: TERMINAL, members: ['delivered', 'cancelled', 'payment_failed', 'expired', 'refunded'] },
    { name: 'cancellable', set: CANCELLABLE, members: ['pending_payment', 'scheduled', 'confirmed', 'packing', 'packed', 'out_for_delivery'] },
    { name: 'refundable', set: REFUNDABLE, members: ['scheduled', 'confirmed', 'packing', 'packed', 'out_for_delivery', 'delivered', 'cancelled'] },
  ];
  it.each(sets)('when asked which statuses $name, then they are exactly $members', ({ set, members }) => {
    expect([...set].sort()).toEqual([...members].sort());
  });
});

describe('order rules: the floor’s forward step', () => {
  const cases: Array<{ status: OrderStatus; next: OrderStatus[]; step: OrderStatus | undefined }> = [
    { status: 'confirmed', next: ['packing', 'cancelled'], step: 'packing' },
    { status: 'packing', next: ['packed', 'cancelled'], step: 'packed' },
    { status: 'packed', next: ['out_for_delivery', 'cancelled'], step: 'out_for_delivery' },
    { status: 'out_for_delivery', next: ['delivered', 'cancelled'], step: 'delivered' },
    { status: 'confirmed', next: ['cancelled'], step: undefined },
    { status: 'delivered', next: ['refunded'], step: undefined },
    { status: 'pending_payment', next: ['confirmed', 'cancelled'], step: undefined },
  ];
  it.each(cases)('when a $status order may move to $next, then the forward step is $step', ({ status, next, step }) => {
    expect(forwardStep(status, next)).toBe(step);
  });
});

describe('order rules: labels', () => {
  it.each(ORDER_STATUSES)('when a %s order is shown, then customers and admins both get a label', (status) => {
    expect(ORDER_STATUS_LABELS[status]).toMatch(/\S/);
    expect(ADMIN_STATUS_LABELS[status]).toMatch(/\S/);
  });

  it('when the floor reads a pill, then the words are short', () => {
    expect(ADMIN_STATUS_LABELS.confirmed).toBe('Confirmed');
    expect(ORDER_STATUS_LABELS.confirmed).toBe('Order confirmed');
    expect(ORDER_STATUS_LABELS.packed).toBe('Packed, waiting for the rider');
    expect(ADMIN_STATUS_LABELS.packed).toBe('Packed');
  });
});
