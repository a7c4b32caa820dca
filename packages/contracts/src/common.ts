import { z } from 'zod';

/** Every error the API sends: `{ error: { code, message, details? } }`. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/**
 * The largest value a PostgreSQL `integer` column holds. Every integer a client sends is bounded by it (or
 * by less): Zod's default integer range is 2^53−1, and a value past this one would reach the database and
 * fail there instead of being refused with the field named.
 */
export const INT4_MAX = 2_147_483_647;

/** Money is integer paise (INR minor units), never floats; at most ₹2.1 crore, what the columns hold. */
export const Paise = z.number().int().min(0).max(INT4_MAX);

/** Ids are opaque strings to clients (UUIDs today). */
export const Id = z.uuid();

export const IdParams = z.object({ id: Id }).strict();

export const CursorQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(24),
});

/**
 * Instants and dates a client sends: ISO forms whose UTC year lies in 1–9999. Outside that, JavaScript
 * writes the year as 0000, -000001 or +010000 and PostgreSQL refuses it inside the query (a 500), so the
 * schema refuses it first and names the field.
 */
const storableYear = (iso: string): boolean => {
  const year = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso).getUTCFullYear();
  return year >= 1 && year <= 9999;
};
const YEAR_RANGE = 'must fall between the years 0001 and 9999';
export const Instant = z.iso.datetime({ offset: true }).refine(storableYear, YEAR_RANGE);
export const LocalDate = z.iso.date().refine(storableYear, YEAR_RANGE);

export const Pincode = z.string().regex(/^[1-9][0-9]{5}$/, 'must be a 6-digit Indian pincode');
export const Mobile = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^(\+91)?[6-9][0-9]{9}$/, 'must be a 10-digit Indian mobile number'))
  .transform((s) => s.slice(-10));

/**
 * A number to send a code to by SMS: an Indian mobile as Mobile takes it (kept as its ten digits), or a
 * number elsewhere in E.164 (+971501234567, kept so). Which countries may receive SMS is the server's
 * setting (SMS_ALLOWED_COUNTRIES), so a number outside them passes here and is refused by name there.
 */
export const SmsNumber = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .regex(/^(\+91)?[6-9][0-9]{9}$|^\+(?!91)[1-9][0-9]{6,14}$/, 'must be a 10-digit Indian mobile number, or a number in the +<country code> form'),
  )
  .transform((s) => (s.startsWith('+') && !s.startsWith('+91') ? s : s.slice(-10)));

/** Formats paise as rupees for display: 4550 → "₹45.50", 4500 → "₹45". */
// toLocaleString with options builds a new Intl.NumberFormat per call; emails format dozens of amounts each.
const rupeesWithPaise = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const wholeRupees = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
export function formatRupees(paise: number): string {
  const rupees = paise / 100;
  return `₹${(paise % 100 ? rupeesWithPaise : wholeRupees).format(rupees)}`;
}
