/**
 * Opening hours in the store's own time zone, with luxon doing the calendar (weekday, midnight, offsets):
 * no hand-written +05:30. Pure functions of the hours and an instant; every answer is in UTC milliseconds.
 *
 *  - weekly ranges: several a day; one that closes at or before it opens runs past midnight
 *    (06:00–02:00 ends at 2 in the morning of the next day); 00:00–00:00 is the whole day.
 *  - no weekly ranges at all: open around the clock.
 *  - dated closures cut through everything: whole local days (`to` included) or exact instants.
 */
import { DateTime, IANAZone } from 'luxon';
import type { Closure, HoursRange } from '@fatafat/contracts/zones';

export interface Hours {
  timeZone: string;
  weeklyHours: readonly HoursRange[];
  closures: readonly Closure[];
}

type Span = [start: number, end: number];

const DAY_MS = 86_400_000;
export const SLOT_MINUTES = 30;
const SLOT_MS = SLOT_MINUTES * 60_000;
/** Slots cover this much opening time ahead. */
export const SLOT_HORIZON_MINUTES = 24 * 60;

export function isKnownTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

function hhmm(value: string): { hour: number; minute: number } {
  const [h, m] = value.split(':').map(Number);
  return { hour: h ?? 0, minute: m ?? 0 };
}

/** A closure as a span: a bare date is the whole local day, `to` included. */
export function closureSpan(c: Closure, zone: string): Span {
  const at = (v: string, endOfDay: boolean) => {
    if (v.length === 10) {
      const day = DateTime.fromISO(v, { zone }).startOf('day');
      return (endOfDay ? day.plus({ days: 1 }) : day).toMillis();
    }
    return DateTime.fromISO(v).toMillis();
  };
  return [at(c.from, false), at(c.to, true)];
}

function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

function subtract(spans: Span[], cuts: Span[]): Span[] {
  let out = spans;
  for (const [cs, ce] of cuts) {
    const next: Span[] = [];
    for (const [s, e] of out) {
      if (ce <= s || cs >= e) next.push([s, e]);
      else {
        if (s < cs) next.push([s, cs]);
        if (ce < e) next.push([ce, e]);
      }
    }
    out = next;
  }
  return out;
}

/** The opening spans that overlap [from, to], merged and with closures taken out. */
export function openSpans(h: Hours, from: number, to: number): Span[] {
  const zone = h.timeZone;
  let spans: Span[];
  if (h.weeklyHours.length === 0) {
    spans = [[from - DAY_MS, to + DAY_MS]];
  } else {
    spans = [];
    // From the day before (its past-midnight ranges reach into `from`) to the day `to` falls on.
    let day = DateTime.fromMillis(from, { zone }).startOf('day').minus({ days: 1 });
    const last = DateTime.fromMillis(to, { zone }).startOf('day');
    while (day <= last) {
      const weekday = day.weekday % 7; // luxon: Monday 1 … Sunday 7; ours: Sunday 0 … Saturday 6
      for (const r of h.weeklyHours) {
        if (r.day !== weekday) continue;
        const opens = day.set(hhmm(r.opens));
        let closes = day.set(hhmm(r.closes));
        if (closes <= opens) closes = day.plus({ days: 1 }).set(hhmm(r.closes));
        spans.push([opens.toMillis(), closes.toMillis()]);
      }
      day = day.plus({ days: 1 });
    }
  }
  const open = subtract(merge(spans), h.closures.map((c) => closureSpan(c, zone)));
  return open.filter(([s, e]) => e > from && s <= to);
}

export function isOpenAt(h: Hours, at: Date): boolean {
  const t = at.getTime();
  return openSpans(h, t, t).some(([s, e]) => s <= t && t < e);
}

/** When the store next opens after `at` (null when open now, or nothing within 60 days). */
export function nextOpening(h: Hours, at: Date): Date | null {
  const t = at.getTime();
  for (let week = 0; week < 9; week += 1) {
    const from = t + week * 7 * DAY_MS;
    for (const [s, e] of openSpans(h, from, from + 7 * DAY_MS)) {
      if (e <= t) continue;
      return s <= t ? null : new Date(s);
    }
  }
  return null;
}

/** When an open store closes next (null when closed now, or not within 60 days). */
export function closesAt(h: Hours, at: Date): Date | null {
  const t = at.getTime();
  const spans = openSpans(h, t, t + 60 * DAY_MS);
  const current = spans.find(([s, e]) => s <= t && t < e);
  if (!current) return null;
  return current[1] >= t + 59 * DAY_MS ? null : new Date(current[1]);
}

/**
 * The 30-minute delivery windows from `from` on, inside opening time, until they cover
 * SLOT_HORIZON_MINUTES of it (or a week passes). Windows start on the local hour and half hour.
 */
export function slotStarts(h: Hours, from: Date): Date[] {
  const t = from.getTime();
  const out: Date[] = [];
  const wanted = SLOT_HORIZON_MINUTES / SLOT_MINUTES;
  for (const [s, e] of openSpans(h, t, t + 7 * DAY_MS)) {
    let local = DateTime.fromMillis(Math.max(s, t), { zone: h.timeZone });
    const past = local.minute % SLOT_MINUTES || local.second || local.millisecond;
    local = local.set({ minute: local.minute - (local.minute % SLOT_MINUTES), second: 0, millisecond: 0 });
    if (past) local = local.plus({ minutes: SLOT_MINUTES });
    for (let start = local.toMillis(); start + SLOT_MS <= e; start += SLOT_MS) {
      out.push(new Date(start));
      if (out.length >= wanted) return out;
    }
  }
  return out;
}

export const slotEnd = (start: Date) => new Date(start.getTime() + SLOT_MS);
