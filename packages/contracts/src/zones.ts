/**
 * Where and when a store delivers: its delivery zone (GeoJSON), opening hours in its own time zone, dated
 * closures, its live state (open, busy, paused) and the delivery slots offered when it cannot deliver now.
 *
 * The shapes are checked here; the geometry itself (rings that cross, no area, holes outside their
 * polygon) is judged by the API, which answers 400 `invalid_zone` for either kind of problem.
 */
import { z } from 'zod';
import { Id, Instant, LocalDate } from './common';

/** [longitude, latitude], GeoJSON's order. */
export const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const samePosition = (a: readonly number[], b: readonly number[]) => a[0] === b[0] && a[1] === b[1];
/** A closed ring: at least four positions, the last equal to the first. */
export const LinearRing = z
  .array(Position)
  .min(4, 'a ring needs at least 4 positions (3 corners and the first again)')
  .max(2000, 'a ring may have at most 2000 positions')
  .refine((r) => r.length < 4 || samePosition(r[0]!, r[r.length - 1]!), 'a ring must end where it starts');
/** The outer ring first, then the holes (areas inside it that are not served). */
export const PolygonCoordinates = z.array(LinearRing).min(1, 'a polygon needs an outer ring').max(50, 'at most 49 holes');
export const ZonePolygon = z.object({ type: z.literal('Polygon'), coordinates: PolygonCoordinates }).strict();
export const ZoneMultiPolygon = z
  .object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoordinates).min(1).max(50) })
  .strict();
export const ZoneGeometry = z.discriminatedUnion('type', [ZonePolygon, ZoneMultiPolygon]);
export type ZoneGeometry = z.infer<typeof ZoneGeometry>;

/** `PUT /api/admin/stores/:id/zone`. `zone` is checked by the service so every problem is `invalid_zone`. */
export const ZoneBody = z.object({ zone: z.unknown() }).strict();

const HHMM = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be HH:MM (00:00–23:59)');

/**
 * One opening range on a weekday (0 Sunday … 6 Saturday). A range that closes at or before it opens runs
 * past midnight (06:00–02:00 closes at 2 in the morning of the next day); 00:00–00:00 is the whole day.
 */
export const HoursRange = z.object({ day: z.number().int().min(0).max(6), opens: HHMM, closes: HHMM }).strict();
export type HoursRange = z.infer<typeof HoursRange>;

/**
 * A dated closure: `from`/`to` are dates (whole local days, `to` included) or instants with an offset.
 */
export const Closure = z
  .object({ from: z.union([LocalDate, Instant]), to: z.union([LocalDate, Instant]), reason: z.string().trim().min(1).max(120) })
  .strict();
export type Closure = z.infer<typeof Closure>;

export const HoursBody = z
  .object({
    /** An IANA zone such as Asia/Kolkata; the API refuses one it does not know. */
    timeZone: z.string().min(1).max(64),
    /** No ranges at all: open around the clock. */
    weekly: z.array(HoursRange).max(70),
    closures: z.array(Closure).max(100).default([]),
  })
  .strict();
export type HoursBody = z.infer<typeof HoursBody>;

export const STORE_STATES = ['open', 'busy', 'paused'] as const;
export const StoreState = z.enum(STORE_STATES);
export type StoreState = z.infer<typeof StoreState>;

/** Reasons a manager picks from (or writes their own). */
export const STATE_REASONS = ['Heavy rain', 'Stock count', 'No riders', 'Too many orders', 'Power cut'] as const;

export const StateBody = z
  .object({
    state: StoreState,
    reason: z.string().trim().min(1).max(120).optional(),
    /** When the state ends by itself (back to open); an ISO instant in the future. */
    until: Instant.optional(),
  })
  .strict();
export type StateBody = z.infer<typeof StateBody>;

/** Why a location cannot be delivered to right now. */
export const UNSERVED_REASONS = ['not_in_zone', 'store_closed', 'store_paused'] as const;
export const UnservedReason = z.enum(UNSERVED_REASONS);
export type UnservedReason = z.infer<typeof UnservedReason>;

/** What the live state of a store means for a customer now. */
export const StoreNow = z.object({
  id: Id,
  name: z.string(),
  openNow: z.boolean(),
  /** open / busy / paused as the customer meets it (busy may be the system's doing). */
  state: StoreState,
  /** The manager's reason for busy or paused. */
  stateReason: z.string().optional(),
  /** When a closed store opens next (ISO), and a paused one resumes when known. */
  opensAt: z.string().optional(),
  timeZone: z.string(),
});
export type StoreNow = z.infer<typeof StoreNow>;

export const DeliverySlot = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  /** Orders the slot can still take. */
  available: z.number().int().min(0),
});
export type DeliverySlot = z.infer<typeof DeliverySlot>;

export const SlotsResponse = z.object({ store: StoreNow.nullable(), slots: z.array(DeliverySlot) });
export type SlotsResponse = z.infer<typeof SlotsResponse>;

/** The admin's view of one store's zone, hours and state. */
/** Where a store is and the area it serves without a drawn zone. */
export const StoreArea = z.object({
  id: Id,
  name: z.string(),
  lat: z.number(),
  lng: z.number(),
  radiusKm: z.number(),
  pincodes: z.array(z.string()),
});

export const StoreSettings = StoreArea.extend({
  zone: ZoneGeometry.nullable(),
  timeZone: z.string(),
  weekly: z.array(HoursRange),
  closures: z.array(Closure),
  state: StoreState,
  stateReason: z.string().nullable(),
  stateUntil: z.string().nullable(),
  ordersPer10Min: z.number().int().nullable(),
  slotCapacity: z.number().int(),
  now: StoreNow,
});
export type StoreSettings = z.infer<typeof StoreSettings>;
export const StoreSettingsList = z.object({ items: z.array(StoreSettings), tileUrl: z.string() });
export type StoreSettingsList = z.infer<typeof StoreSettingsList>;

export const CapacityBody = z
  .object({
    /** Orders the store takes per 10-minute window before it counts as busy; null for no cap. */
    ordersPer10Min: z.number().int().min(1).max(10_000).nullable(),
    /** Orders each delivery slot takes. */
    slotCapacity: z.number().int().min(0).max(1000),
  })
  .strict();
export type CapacityBody = z.infer<typeof CapacityBody>;

export const PointTestQuery = z
  .object({ lat: z.coerce.number().min(-90).max(90), lng: z.coerce.number().min(-180).max(180) })
  .strict();
