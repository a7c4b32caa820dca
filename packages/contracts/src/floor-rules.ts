/**
 * The store floor's rules, for the API and the picker app alike (no dependencies, so the /ops bundle can
 * use them without a schema library): where things sit (bins, temperature zones), what a barcode must be,
 * the walking order of a pick list, the reasons a line comes up short, and the floor's default budgets.
 */

/** Temperature zones, in the order a picker walks them: ambient first, frozen last so it thaws least. */
export const TEMPERATURES = ['ambient', 'chilled', 'frozen'] as const;
export type Temperature = (typeof TEMPERATURES)[number];

export const TEMPERATURE_LABELS: Readonly<Record<Temperature, string>> = {
  ambient: 'Ambient',
  chilled: 'Chilled',
  frozen: 'Frozen',
};

/**
 * A bin is `zone-aisle-rack-shelf`, e.g. `D-03-B-2`: zone a capital letter, aisle two digits, rack a
 * capital letter, shelf one or two digits. The database refuses anything else (stock_bin_ck).
 */
export const BIN_PATTERN = /^[A-Z]-[0-9]{2}-[A-Z]-[0-9]{1,2}$/;

/** Zone, aisle, rack and shelf of a bin, or null when it is not a bin. */
export function parseBin(bin: string): { zone: string; aisle: number; rack: string; shelf: number } | null {
  if (!BIN_PATTERN.test(bin)) return null;
  const [zone, aisle, rack, shelf] = bin.split('-') as [string, string, string, string];
  return { zone, aisle: Number(aisle), rack, shelf: Number(shelf) };
}

/** The EAN-13 check digit of the first twelve digits. */
export function ean13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** Whether `code` is thirteen digits whose last is the right check digit. */
export function isEan13(code: string): boolean {
  return /^[0-9]{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

/** What a pick line needs for its place in the walk. A line without a bin goes last in its zone. */
export interface WalkPlace {
  temperature: Temperature;
  bin: string | null;
}

/**
 * Walking order: ambient, then chilled, then frozen; within each, by zone, aisle, rack and shelf (aisles
 * and shelves as numbers, so aisle 10 comes after aisle 9). Lines without a bin close their temperature.
 */
export function compareWalk(a: WalkPlace, b: WalkPlace): number {
  const t = TEMPERATURES.indexOf(a.temperature) - TEMPERATURES.indexOf(b.temperature);
  if (t !== 0) return t;
  const pa = a.bin ? parseBin(a.bin) : null;
  const pb = b.bin ? parseBin(b.bin) : null;
  if (!pa || !pb) return (pa ? 0 : 1) - (pb ? 0 : 1);
  if (pa.zone !== pb.zone) return pa.zone < pb.zone ? -1 : 1;
  if (pa.aisle !== pb.aisle) return pa.aisle - pb.aisle;
  if (pa.rack !== pb.rack) return pa.rack < pb.rack ? -1 : 1;
  return pa.shelf - pb.shelf;
}

/** Why a line comes up short. */
export const SHORT_REASONS = ['not_on_shelf', 'damaged', 'expired'] as const;
export type ShortReason = (typeof SHORT_REASONS)[number];

export const SHORT_REASON_LABELS: Readonly<Record<ShortReason, string>> = {
  not_on_shelf: 'Not on shelf',
  damaged: 'Damaged',
  expired: 'Expired',
};

/** Budgets of the floor board unless the store sets its own: seconds from placed to claimed, claimed to packed. */
export const DEFAULT_CLAIM_BUDGET_S = 60;
export const DEFAULT_PACK_BUDGET_S = 150;

/**
 * What the customer wants when a line comes up short, chosen per cart line and defaulted on the profile:
 * a similar item they approve live, a call from the picker, or the missing part refunded.
 */
export const WHEN_SHORT = ['substitute', 'call', 'refund'] as const;
export type WhenShort = (typeof WHEN_SHORT)[number];

export const WHEN_SHORT_LABELS: Readonly<Record<WhenShort, string>> = {
  substitute: 'Replace with similar',
  call: 'Call me',
  refund: 'Refund it',
};

/** How long the customer has to accept or decline a proposed substitute; no answer is a refund. */
export const SUBSTITUTION_ANSWER_SECONDS = 90;

/** The dearest substitute a picker may propose: the original's price plus 10 %, in whole paise. */
export function maxSubstitutePrice(originalPrice: number): number {
  return Math.floor((originalPrice * 110) / 100);
}

/**
 * What a substitute unit costs the customer: its own price, but never more than the unit it replaces, so
 * a substitution never raises a bill that may already have been paid.
 */
export function substituteUnitPrice(originalPrice: number, substitutePrice: number): number {
  return Math.min(originalPrice, substitutePrice);
}
