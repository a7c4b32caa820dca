/** Tax documents for the people who may see them, and a store's GST registration for admins. */
import { eq } from 'drizzle-orm';
import { GST_STATES, type StoreGstBody, type StoreGstView } from '@fatafat/contracts/invoices';
import { stores } from '../../db/schema/index';
import type { AppDeps } from '../../deps';
import type { AuthUser } from '../../http/auth-context';
import { AppError, conflict, notFound } from '../../http/errors';
import { assertVisible } from '../orders/orders.service';
import { findInvoice, type TaxDocumentRow } from './invoices.repository';
import { renderTaxDocumentPdf } from './invoice.pdf';

type Deps = Pick<AppDeps, 'db'>;

/** The order's invoice: 404 for an order the user may not see, 409 invoice_not_issued before delivery. */
export async function visibleInvoice(deps: Deps, user: AuthUser, orderId: string): Promise<TaxDocumentRow> {
  await assertVisible(deps, user, orderId);
  const invoice = await findInvoice(deps.db, orderId);
  if (!invoice)
    throw new AppError(409, 'invoice_not_issued', 'The tax invoice is issued when the order is delivered');
  return invoice;
}

export async function invoicePdf(
  deps: Deps,
  user: AuthUser,
  orderId: string,
): Promise<{ number: string; pdf: Buffer }> {
  const invoice = await visibleInvoice(deps, user, orderId);
  return { number: invoice.number, pdf: await renderTaxDocumentPdf(invoice) };
}

/** Sets a store's registration; the state is the GSTIN's. Documents already issued keep what they say. */
export async function setStoreGst(deps: Deps, storeId: string, body: StoreGstBody): Promise<StoreGstView> {
  const taken = await deps.db
    .select({ id: stores.id })
    .from(stores)
    .where(eq(stores.invoiceCode, body.invoiceCode));
  if (taken.some((s) => s.id !== storeId))
    throw conflict('invoiceCode: another store numbers its invoices with this code');
  const [row] = await deps.db
    .update(stores)
    .set({
      gstin: body.gstin,
      legalName: body.legalName,
      gstState: GST_STATES[body.gstin.slice(0, 2)]!,
      invoiceCode: body.invoiceCode,
      updatedAt: new Date(),
    })
    .where(eq(stores.id, storeId))
    .returning({
      id: stores.id,
      gstin: stores.gstin,
      legalName: stores.legalName,
      gstState: stores.gstState,
      invoiceCode: stores.invoiceCode,
    });
  if (!row) throw notFound('Store');
  return row;
}
