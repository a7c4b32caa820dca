/** GST: rates, HSN codes, GSTINs and the states of India by their GST state code. */
import { z } from 'zod';

export const GST_RATES = [0, 5, 12, 18, 28] as const;
export const GstRate = z.literal(GST_RATES, { error: 'must be one of 0, 5, 12, 18 or 28 (percent)' });
export type GstRate = z.infer<typeof GstRate>;

/** HSN code of goods: 4, 6 or 8 digits. */
export const Hsn = z.string().regex(/^[0-9]{4}([0-9]{2}){0,2}$/, 'must be an HSN code of 4, 6 or 8 digits');

/** GST state codes (the first two digits of a GSTIN). */
export const GST_STATES: Readonly<Record<string, string>> = {
  '01': 'Jammu and Kashmir',
  '02': 'Himachal Pradesh',
  '03': 'Punjab',
  '04': 'Chandigarh',
  '05': 'Uttarakhand',
  '06': 'Haryana',
  '07': 'Delhi',
  '08': 'Rajasthan',
  '09': 'Uttar Pradesh',
  '10': 'Bihar',
  '11': 'Sikkim',
  '12': 'Arunachal Pradesh',
  '13': 'Nagaland',
  '14': 'Manipur',
  '15': 'Mizoram',
  '16': 'Tripura',
  '17': 'Meghalaya',
  '18': 'Assam',
  '19': 'West Bengal',
  '20': 'Jharkhand',
  '21': 'Odisha',
  '22': 'Chhattisgarh',
  '23': 'Madhya Pradesh',
  '24': 'Gujarat',
  '26': 'Dadra and Nagar Haveli and Daman and Diu',
  '27': 'Maharashtra',
  '29': 'Karnataka',
  '30': 'Goa',
  '31': 'Lakshadweep',
  '32': 'Kerala',
  '33': 'Tamil Nadu',
  '34': 'Puducherry',
  '35': 'Andaman and Nicobar Islands',
  '36': 'Telangana',
  '37': 'Andhra Pradesh',
  '38': 'Ladakh',
};

/** The state code of a state name ("delhi", "NCT of Delhi" → "07"), or null. */
export function gstStateCode(state: string): string | null {
  const s = state
    .trim()
    .toLowerCase()
    .replace(/^nct of /, '');
  for (const [code, name] of Object.entries(GST_STATES)) if (name.toLowerCase() === s) return code;
  return null;
}

const GSTIN_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const GSTIN_SHAPE = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;

/** The 15th character of a GSTIN from its first 14 (base-36 weights 1, 2, 1, 2, …; the GSTN's rule). */
export function gstinCheckChar(first14: string): string {
  let sum = 0;
  for (let i = 0; i < 14; i += 1) {
    const p = GSTIN_CHARS.indexOf(first14[i]!) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(p / 36) + (p % 36);
  }
  return GSTIN_CHARS[(36 - (sum % 36)) % 36]!;
}

/**
 * A GSTIN: state code, the holder's PAN, the registration's number within the state, 'Z', and the check
 * character; upper-cased before it is read.
 */
export const Gstin = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    GSTIN_SHAPE,
    'must be a 15-character GSTIN: 2-digit state code, PAN, entity number, Z, check character',
  )
  .refine((g) => GST_STATES[g.slice(0, 2)] !== undefined, 'must start with a GST state code')
  .refine((g) => gstinCheckChar(g.slice(0, 14)) === g[14], 'check character does not match');

/** A store's registration as the admin sets it; the state is the GSTIN's. */
export const StoreGstBody = z
  .object({
    gstin: Gstin,
    legalName: z.string().trim().min(2).max(200),
    invoiceCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{2,8}$/, 'must be 2 to 8 letters or digits'),
  })
  .strict();
export type StoreGstBody = z.infer<typeof StoreGstBody>;

/** A store's registration as stored; gstState is the GSTIN's state. */
export const StoreGstView = z.object({
  id: z.string(),
  gstin: z.string().nullable(),
  legalName: z.string(),
  gstState: z.string(),
  invoiceCode: z.string().nullable(),
});
export type StoreGstView = z.infer<typeof StoreGstView>;

/** An order's tax invoice, once issued (at delivery). */
export const OrderInvoiceRef = z.object({ number: z.string(), issuedAt: z.string() });
export type OrderInvoiceRef = z.infer<typeof OrderInvoiceRef>;
