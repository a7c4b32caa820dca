/**
 * The order rules, in one place for the API and the web app: the statuses, the moves between them, who may
 * ask for which move, the status sets screens and jobs branch on, and the words shown for each status.
 *
 * This module imports nothing (no Zod), so the tracking page can use it without pulling a schema library
 * into its bundle. The API's state machine (`modules/orders/order-state.ts`) enforces these rules; every
 * order view it sends carries `nextStatuses` for the caller (see `nextStatusesFor`), so a screen offers
 * exactly the moves the server will accept.
 *
 *   pending_payment → confirmed → packing → packed → out_for_delivery → delivered
 *          └─→ scheduled ─┘ (a slotted order waits, stock held, until its slot is near; the system releases it)
 *          │               └──────────┴────────┴───────────┴─→ cancelled (customer: before packing; staff: before delivery)
 *   packing is a picker walking the aisles; packed is the bag waiting on the shelf for a rider.
 *          ├─→ payment_failed · expired · cancelled
 *   delivered / cancelled / confirmed… (paid) → refunded
 *
 * Adding a status is one line in ORDER_STATUSES, one row in TRANSITIONS and one label in each label map
 * (the Record types make the compiler list every map that still lacks it). Adding a role is one line in
 * ROLE_LIMITS.
 */

export const ORDER_STATUSES = [
  'pending_payment',
  'scheduled',
  'confirmed',
  'packing',
  'packed',
  'out_for_delivery',
  'delivered',
  'cancelled',
  'payment_failed',
  'expired',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Every move the machine allows, whoever asks. Role limits are applied on top (ROLE_LIMITS). */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ['confirmed', 'scheduled', 'cancelled', 'payment_failed', 'expired'],
  scheduled: ['confirmed', 'cancelled', 'refunded'],
  confirmed: ['packing', 'cancelled', 'refunded'],
  packing: ['packed', 'cancelled', 'refunded'],
  packed: ['out_for_delivery', 'cancelled', 'refunded'],
  out_for_delivery: ['delivered', 'cancelled', 'refunded'],
  delivered: ['refunded'],
  cancelled: ['refunded'],
  payment_failed: [],
  expired: [],
  refunded: [],
};

/**
 * What each kind of caller may ask for. `to`: the statuses it may move an order into ('any': all the table
 * allows); `from`: when set, only out of these statuses. Customers may only cancel before packing; staff run
 * the store floor (packing, dispatch, delivery, cancel before delivery); payment outcomes, expiry and the
 * release of a scheduled order when its slot nears belong to the system (webhooks, sweepers); refunds to
 * admins and the payment provider.
 */
export const ROLE_LIMITS = {
  system: { to: 'any' },
  customer: { to: ['cancelled'], from: ['pending_payment', 'scheduled', 'confirmed'] },
  staff: { to: ['packing', 'packed', 'out_for_delivery', 'delivered', 'cancelled'] },
  admin: { to: ['packing', 'packed', 'out_for_delivery', 'delivered', 'cancelled', 'refunded'] },
  /** A picker claims a confirmed order (→ packing) and seals its bags (→ packed); nothing else. */
  picker: { to: ['packing', 'packed'], from: ['confirmed', 'packing'] },
  /** A rider takes a packed order out and hands it over. */
  rider: { to: ['out_for_delivery', 'delivered'], from: ['packed', 'out_for_delivery'] },
} as const satisfies Record<string, { to: 'any' | readonly OrderStatus[]; from?: readonly OrderStatus[] }>;
export type ActorRole = keyof typeof ROLE_LIMITS;

interface RoleLimit {
  to: 'any' | readonly OrderStatus[];
  from?: readonly OrderStatus[];
}

function roleAllows(role: ActorRole, from: OrderStatus, to: OrderStatus): boolean {
  const limit: RoleLimit = ROLE_LIMITS[role];
  if (limit.from && !limit.from.includes(from)) return false;
  return limit.to === 'any' || limit.to.includes(to);
}

/** Whether the table and the caller's role allow `from → to`. */
export function canTransition(from: OrderStatus, to: OrderStatus, role: ActorRole = 'system'): boolean {
  return TRANSITIONS[from].includes(to) && roleAllows(role, from, to);
}

/** What an order needs to be judged on: its status and whether money was taken. */
export interface OrderState {
  status: OrderStatus;
  paymentStatus: string;
}

/**
 * A refund gives money back, so people may only ask for one when money was taken (paid by card, or cash
 * collected at the door). The system's `refunded` comes from the provider saying it refunded, so it is
 * never held back.
 */
function moneyAllows(order: OrderState, to: OrderStatus, role: ActorRole): boolean {
  return to !== 'refunded' || role === 'system' || order.paymentStatus === 'paid';
}

/** Whether `role` may move this order to `to` now. The state machine asks this before every move. */
export function mayMove(order: OrderState, to: OrderStatus, role: ActorRole): boolean {
  return canTransition(order.status, to, role) && moneyAllows(order, to, role);
}

/** The statuses this caller may move the order to now, in the table's order (Vendure's getNextStates). */
export function nextStatusesFor(order: OrderState, role: ActorRole): OrderStatus[] {
  return TRANSITIONS[order.status].filter((to) => mayMove(order, to, role));
}

// ── status sets ──────────────────────────────────────────────────────────────────────────────────────

function setOf(statuses: readonly OrderStatus[]): ReadonlySet<OrderStatus> {
  return new Set(statuses);
}

/** The order's units sit in stock.reserved; the order is live (the tracking stream stays open). */
export const HOLDS_STOCK = setOf(['pending_payment', 'scheduled', 'confirmed', 'packing', 'packed', 'out_for_delivery']);
/** Paid for (or cash on delivery) and not yet handed over: the arrival promise is running. */
export const ON_ITS_WAY = setOf(['confirmed', 'packing', 'packed', 'out_for_delivery']);
/** Ended without reaching the customer. */
export const FAILED = setOf(['cancelled', 'payment_failed', 'expired']);
/** Nothing more will happen on the way to the door (a refund may still follow a delivery or cancellation). */
export const TERMINAL = setOf(ORDER_STATUSES.filter((s) => !HOLDS_STOCK.has(s)));
/** The table allows a cancellation from these (who may ask is ROLE_LIMITS'). */
export const CANCELLABLE = setOf(ORDER_STATUSES.filter((s) => TRANSITIONS[s].includes('cancelled')));
/** The table allows a refund from these (who may ask, and when, is mayMove's). */
export const REFUNDABLE = setOf(ORDER_STATUSES.filter((s) => TRANSITIONS[s].includes('refunded')));
/** The floor's way forward, in order: what the drawer's main button moves an order to. */
export const HAPPY_PATH: readonly OrderStatus[] = ['confirmed', 'packing', 'packed', 'out_for_delivery', 'delivered'];

/** The move forward along the happy path among `next` (the caller's allowed moves), if any. */
export function forwardStep(status: OrderStatus, next: readonly OrderStatus[]): OrderStatus | undefined {
  const i = HAPPY_PATH.indexOf(status);
  const to = i >= 0 ? HAPPY_PATH[i + 1] : undefined;
  return to && next.includes(to) ? to : undefined;
}

// ── words ────────────────────────────────────────────────────────────────────────────────────────────

/** What customers read: tracking timeline, order history, invoices, emails. */
export const ORDER_STATUS_LABELS: Readonly<Record<OrderStatus, string>> = {
  pending_payment: 'Awaiting payment',
  scheduled: 'Scheduled for your delivery slot',
  confirmed: 'Order confirmed',
  packing: 'Packing your order',
  packed: 'Packed, waiting for the rider',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  payment_failed: 'Payment failed',
  expired: 'Payment window expired',
  refunded: 'Refunded',
};

/** What the store floor and admins read: short, for pills, filters and toasts. */
export const ADMIN_STATUS_LABELS: Readonly<Record<OrderStatus, string>> = {
  ...ORDER_STATUS_LABELS,
  scheduled: 'Scheduled',
  confirmed: 'Confirmed',
  packing: 'Packing',
  packed: 'Packed',
  expired: 'Expired',
};

/** The button that moves an order forward to each status on the floor. */
export const FORWARD_ACTION_LABELS: Readonly<Partial<Record<OrderStatus, string>>> = {
  packing: 'Start packing',
  packed: 'Mark packed',
  out_for_delivery: 'Hand to rider',
  delivered: 'Mark delivered',
};
