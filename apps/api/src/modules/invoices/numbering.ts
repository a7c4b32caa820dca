/** Document numbers: per store, per series, per Indian financial year (April to March, in India's time). */
import type { TaxSeries } from '../../db/schema/index';

const IST_OFFSET_MS = 330 * 60_000;

/** "2026-27" for any moment from 1 April 2026 00:00 IST to 31 March 2027 23:59 IST. */
export function fiscalYearOf(at: Date): string {
  const ist = new Date(at.getTime() + IST_OFFSET_MS);
  const start = ist.getUTCMonth() >= 3 ? ist.getUTCFullYear() : ist.getUTCFullYear() - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** GGN1/2026-27/000123 (an invoice) or GGN1/CN/2026-27/000007 (a credit note). */
export function documentNumber(
  storeCode: string,
  series: TaxSeries,
  fiscalYear: string,
  seq: number,
): string {
  const n = String(seq).padStart(6, '0');
  return series === 'invoice' ? `${storeCode}/${fiscalYear}/${n}` : `${storeCode}/CN/${fiscalYear}/${n}`;
}

/** A store without an invoice code set numbers with one made from its id, so numbers stay unique across stores. */
export function storeCodeOf(store: { id: string; invoiceCode: string | null }): string {
  return store.invoiceCode ?? `S${store.id.replace(/-/g, '').slice(0, 7).toUpperCase()}`;
}
