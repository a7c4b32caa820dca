/**
 * Riders and dispatch: the rider app's shift, location pings and tasks; the store manager's dispatch board
 * and cash reconciliation; and what the customer's tracking page is told about their rider.
 */
import { z } from 'zod';
import { Id, Instant, LocalDate, Paise } from './common';

export const Latitude = z.number().min(-90).max(90);
export const Longitude = z.number().min(-180).max(180);
export const LatLng = z.object({ lat: Latitude, lng: Longitude });
export type LatLng = z.infer<typeof LatLng>;

/** Longest the rider has to answer an offer. */
export const OFFER_SECONDS = 30;
/** Wrong delivery codes before the task locks until the store manager overrides. */
export const MAX_CODE_ATTEMPTS = 3;
/** A rider carries at most this many orders at once (a batch). */
export const MAX_RIDER_TASKS = 2;
/** Within this many metres of the drop the customer sees "Arriving". */
export const ARRIVING_METRES = 200;

export const ShiftBody = z.object({ onDuty: z.boolean() }).strict();
export type ShiftBody = z.infer<typeof ShiftBody>;

export const ShiftView = z.object({
  id: Id,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  deliveries: z.number().int(),
  /** Cash collected on this shift not yet deposited, in paise. */
  cashInHand: z.number().int(),
});
export type ShiftView = z.infer<typeof ShiftView>;

export const ShiftResponse = z.object({ onDuty: z.boolean(), shift: ShiftView.nullable() });
export type ShiftResponse = z.infer<typeof ShiftResponse>;

/** A position from the phone (Geolocation API): accuracy in metres, heading in degrees, speed in m/s. */
export const LocationBody = LatLng.extend({
  accuracy: z.number().min(0).max(100_000),
  heading: z.number().min(0).max(360).nullable().optional(),
  speed: z.number().min(0).max(1000).nullable().optional(),
  at: Instant,
}).strict();
export type LocationBody = z.infer<typeof LocationBody>;

export const LocationResponse = z.object({
  accepted: z.boolean(),
  /** Why a position was not trusted: too inaccurate, an impossible jump, too old or from the future. */
  reason: z.enum(['inaccurate', 'jump', 'stale', 'future']).nullable(),
});
export type LocationResponse = z.infer<typeof LocationResponse>;

export const TASK_STATES = ['offered', 'assigned', 'picked_up', 'unreachable'] as const;
export const TaskState = z.enum(TASK_STATES);
export type TaskState = z.infer<typeof TaskState>;

export const RiderTask = z.object({
  orderId: Id,
  number: z.string(),
  state: TaskState,
  /** When the open offer lapses (offered tasks only). */
  offerExpiresAt: z.string().nullable(),
  store: LatLng.extend({ id: Id, name: z.string(), address: z.string() }),
  drop: z.object({
    name: z.string(),
    address: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
  }),
  itemCount: z.number().int(),
  paymentMethod: z.enum(['cod', 'card']),
  /** What to collect at the door: the total for cash on delivery, 0 when paid already. */
  amountDue: Paise,
  codeAttemptsLeft: z.number().int(),
  locked: z.boolean(),
  /** Set once the rider was seen within reach of the drop; "customer unreachable" opens after the wait. */
  arrivedAt: z.string().nullable(),
  unreachableFrom: z.string().nullable(),
  /** A maps link and a geo: URI to the drop, when it has a location. */
  navigation: z.object({ mapsUrl: z.string(), geoUri: z.string() }).nullable(),
});
export type RiderTask = z.infer<typeof RiderTask>;

export const RiderTasksResponse = z.object({ onDuty: z.boolean(), shift: ShiftView.nullable(), tasks: z.array(RiderTask) });
export type RiderTasksResponse = z.infer<typeof RiderTasksResponse>;

export const OrderIdParams = z.object({ orderId: Id }).strict();
export type OrderIdParams = z.infer<typeof OrderIdParams>;

/** The bag label's QR carries the order number; typing it works too. */
export const PickupBody = z.object({ scan: z.string().trim().min(1).max(200) }).strict();
export type PickupBody = z.infer<typeof PickupBody>;

export const DeliverBody = z
  .object({
    code: z.string().regex(/^[0-9]{4}$/, 'must be the 4-digit code the customer has'),
    /** Cash on delivery: how the customer paid (UPI to the store's QR is recorded, not verified) and how much. */
    collected: z.object({ method: z.enum(['cash', 'upi']), amount: Paise }).strict().optional(),
  })
  .strict();
export type DeliverBody = z.infer<typeof DeliverBody>;

export const TaskResponse = z.object({ task: RiderTask.nullable() });
export type TaskResponse = z.infer<typeof TaskResponse>;

// ── the store manager ────────────────────────────────────────────────────────────────────────────────

export const StoreQuery = z.object({ storeId: Id.optional() }).strict();
export type StoreQuery = z.infer<typeof StoreQuery>;

export const BoardDelivery = z.object({
  orderId: Id,
  number: z.string(),
  orderStatus: z.string(),
  state: z.enum(['waiting', 'offered', 'assigned', 'picked_up', 'unreachable']),
  riderId: Id.nullable(),
  riderName: z.string().nullable(),
  waitingSince: z.string(),
  /** Waiting for a rider past the breach threshold. */
  breach: z.boolean(),
  locked: z.boolean(),
  promisedAt: z.string(),
});
export type BoardDelivery = z.infer<typeof BoardDelivery>;

export const BoardRider = z.object({
  id: Id,
  name: z.string(),
  onDuty: z.boolean(),
  position: LatLng.extend({ at: z.string() }).nullable(),
  tasks: z.number().int(),
  deliveriesThisShift: z.number().int(),
});
export type BoardRider = z.infer<typeof BoardRider>;

export const DispatchBoard = z.object({
  storeId: Id,
  /** Orders with no rider yet, oldest first ("needs a rider"). */
  needsRider: z.array(BoardDelivery),
  /** Orders with a rider, and locked or unreachable tasks waiting for the manager. */
  active: z.array(BoardDelivery),
  riders: z.array(BoardRider),
});
export type DispatchBoard = z.infer<typeof DispatchBoard>;

export const AssignBody = z.object({ riderId: Id }).strict();
export type AssignBody = z.infer<typeof AssignBody>;

export const ReasonBody = z.object({ reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500) }).strict();
export type ReasonBody = z.infer<typeof ReasonBody>;

export const ResolveBody = ReasonBody.extend({ action: z.enum(['reattempt', 'return']) }).strict();
export type ResolveBody = z.infer<typeof ResolveBody>;

export const CashShift = z.object({
  shiftId: Id,
  riderId: Id,
  riderName: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** Paise collected in cash, paid by UPI to the store, and deposited back; difference = cash − deposited. */
  cash: z.number().int(),
  upi: z.number().int(),
  deposited: z.number().int(),
  difference: z.number().int(),
  orders: z.number().int(),
});
export type CashShift = z.infer<typeof CashShift>;

export const CashQuery = StoreQuery.extend({ date: LocalDate.optional() }).strict();
export type CashQuery = z.infer<typeof CashQuery>;

export const CashResponse = z.object({ storeId: Id, shifts: z.array(CashShift) });
export type CashResponse = z.infer<typeof CashResponse>;

export const ShiftIdParams = z.object({ shiftId: Id }).strict();
export const DepositBody = z.object({ amount: Paise, note: z.string().trim().max(500).optional() }).strict();
export type DepositBody = z.infer<typeof DepositBody>;

// ── what the customer is told ────────────────────────────────────────────────────────────────────────

export const TrailPoint = LatLng.extend({ at: z.string() });
export type TrailPoint = z.infer<typeof TrailPoint>;

/** On the order view: where the store is, whom to call, and the rider once one has the order. */
export const OrderDelivery = z.object({
  store: LatLng,
  /** The store's support number: the call button never shows the rider's own number. */
  supportPhone: z.string(),
  rider: z
    .object({
      /** First name only. */
      name: z.string(),
      position: TrailPoint.nullable(),
      trail: z.array(TrailPoint),
    })
    .nullable(),
});
export type OrderDelivery = z.infer<typeof OrderDelivery>;

/** The tracking stream's `rider` event: a new position, with the arrival estimate counted from it. */
export const RiderPositionEvent = z.object({
  orderId: Id,
  position: TrailPoint,
  etaMinutes: z.number().int().nullable(),
  arriving: z.boolean(),
});
export type RiderPositionEvent = z.infer<typeof RiderPositionEvent>;
