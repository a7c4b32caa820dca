import { describe, expect, it } from 'vitest';
import { closesAt, isOpenAt, nextOpening, slotStarts, type Hours } from './store-hours';

const IST = 'Asia/Kolkata';
const everyDay = (opens: string, closes: string) => Array.from({ length: 7 }, (_, day) => ({ day, opens, closes }));
const hours = (weeklyHours: Hours['weeklyHours'], closures: Hours['closures'] = []): Hours => ({ timeZone: IST, weeklyHours, closures });
/** An instant written as Kolkata wall time. */
const ist = (local: string) => new Date(`${local}+05:30`);

describe('opening hours in the store time zone', () => {
  it('when a store is open 06:00–23:59 and a customer asks at 02:56 in India, then it is closed and opens at 06:00 (the reported defect)', () => {
    const h = hours(everyDay('06:00', '23:59'));
    expect(isOpenAt(h, ist('2026-12-03T02:56:00'))).toBe(false);
    expect(nextOpening(h, ist('2026-12-03T02:56:00'))).toEqual(ist('2026-12-03T06:00:00'));
  });

  it.each([
    ['2026-12-02T05:59:00', false],
    ['2026-12-02T06:00:00', true],
    ['2026-12-02T23:30:00', true],
    ['2026-12-03T01:59:00', true], // past midnight, still the evening before's range
    ['2026-12-03T02:00:00', false],
    ['2026-12-03T03:00:00', false],
  ])('when open 06:00–02:00 every day, then at %s (IST) open is %s', (at, open) => {
    expect(isOpenAt(hours(everyDay('06:00', '02:00')), ist(at))).toBe(open);
  });

  it('when a range past midnight is on Saturday only, then it reaches into Sunday morning and no further', () => {
    const h = hours([{ day: 6, opens: '20:00', closes: '03:00' }]);
    expect(isOpenAt(h, ist('2026-12-06T02:30:00'))).toBe(true); // Sunday 02:30
    expect(isOpenAt(h, ist('2026-12-06T20:30:00'))).toBe(false); // Sunday evening
    expect(nextOpening(h, ist('2026-12-06T03:00:00'))).toEqual(ist('2026-12-12T20:00:00'));
  });

  it('when a day has two ranges, then the gap between them is closed and the next range is when it opens', () => {
    const wed = 3;
    const h = hours([
      { day: wed, opens: '07:00', closes: '12:00' },
      { day: wed, opens: '16:00', closes: '22:00' },
    ]);
    expect(isOpenAt(h, ist('2026-12-02T11:59:00'))).toBe(true);
    expect(isOpenAt(h, ist('2026-12-02T14:00:00'))).toBe(false);
    expect(nextOpening(h, ist('2026-12-02T14:00:00'))).toEqual(ist('2026-12-02T16:00:00'));
    expect(closesAt(h, ist('2026-12-02T17:00:00'))).toEqual(ist('2026-12-02T22:00:00'));
  });

  it('when no weekly ranges are set, then the store is open around the clock', () => {
    expect(isOpenAt(hours([]), ist('2026-12-03T03:33:00'))).toBe(true);
    expect(closesAt(hours([]), ist('2026-12-03T03:33:00'))).toBeNull();
  });

  it('when 00:00–00:00 is given for a day, then that whole day is open', () => {
    const h = hours([{ day: 3, opens: '00:00', closes: '00:00' }]);
    expect(isOpenAt(h, ist('2026-12-02T00:00:00'))).toBe(true);
    expect(isOpenAt(h, ist('2026-12-02T23:59:00'))).toBe(true);
    expect(isOpenAt(h, ist('2026-12-03T00:00:00'))).toBe(false);
  });

  it('when a dated closure covers Diwali, then the whole local day is closed and it opens the morning after', () => {
    const h = hours(everyDay('06:00', '23:00'), [{ from: '2026-11-08', to: '2026-11-08', reason: 'Diwali' }]);
    expect(isOpenAt(h, ist('2026-11-08T12:00:00'))).toBe(false);
    expect(isOpenAt(h, ist('2026-11-07T22:00:00'))).toBe(true);
    expect(nextOpening(h, ist('2026-11-08T12:00:00'))).toEqual(ist('2026-11-09T06:00:00'));
  });

  it('when a closure is given as instants, then only that span is closed, even in a 24-hour store', () => {
    const h = hours([], [{ from: '2026-12-02T14:00:00+05:30', to: '2026-12-02T15:30:00+05:30', reason: 'Stock count' }]);
    expect(isOpenAt(h, ist('2026-12-02T13:59:00'))).toBe(true);
    expect(isOpenAt(h, ist('2026-12-02T14:30:00'))).toBe(false);
    expect(nextOpening(h, ist('2026-12-02T14:30:00'))).toEqual(ist('2026-12-02T15:30:00'));
  });

  it('when hours are in another zone, then they are read there (09:00 in London is 14:30 in India in winter)', () => {
    const h: Hours = { timeZone: 'Europe/London', weeklyHours: everyDay('09:00', '17:00'), closures: [] };
    expect(isOpenAt(h, ist('2026-12-02T14:29:00'))).toBe(false);
    expect(isOpenAt(h, ist('2026-12-02T14:30:00'))).toBe(true);
  });
});

describe('delivery slots', () => {
  it('when a store opens at 06:00, then slots are half-hour windows from 06:00 inside opening time, 24 hours of them', () => {
    const h = hours(everyDay('06:00', '23:00'));
    const slots = slotStarts(h, ist('2026-12-03T02:56:00'));
    expect(slots[0]).toEqual(ist('2026-12-03T06:00:00'));
    expect(slots[1]).toEqual(ist('2026-12-03T06:30:00'));
    expect(slots).toHaveLength(48);
    // The last slot of a day ends at closing; the next starts at the next opening.
    expect(slots[33]).toEqual(ist('2026-12-03T22:30:00'));
    expect(slots[34]).toEqual(ist('2026-12-04T06:00:00'));
  });

  it('when asked mid-slot, then the first slot starts at the next half hour', () => {
    expect(slotStarts(hours([]), ist('2026-12-03T10:07:00'))[0]).toEqual(ist('2026-12-03T10:30:00'));
  });
});
