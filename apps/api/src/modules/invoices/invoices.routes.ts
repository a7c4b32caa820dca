import { IdParams } from '@fatafat/contracts/common';
import { StoreGstBody, StoreGstView } from '@fatafat/contracts/invoices';
import type { ApiRouter } from '../../http/api-router';
import type { AppDeps } from '../../deps';
import { invoicePdf, setStoreGst } from './invoices.service';

export function registerInvoiceRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'get',
      path: '/order/:id/invoice.pdf',
      summary:
        'The GST tax invoice as a PDF (owner, staff of its store, admin); 409 before the order is delivered',
      tag: 'orders',
      auth: 'user',
      errors: [409],
      params: IdParams,
      responseContentType: 'application/pdf',
    },
    async ({ user, params, res }) => {
      const { number, pdf } = await invoicePdf(deps, user, params.id);
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader(
        'Content-Disposition',
        `inline; filename="invoice-${number.replace(/[^A-Za-z0-9-]+/g, '-')}.pdf"`,
      );
      res.type('application/pdf').send(pdf);
    },
  );

  api.route(
    {
      method: 'put',
      path: '/admin/stores/:id/gst',
      summary:
        "Set a store's GST registration: GSTIN (its state is the seller's state), legal name, invoice number code",
      tag: 'admin',
      auth: 'admin',
      errors: [409],
      params: IdParams,
      body: StoreGstBody,
      response: StoreGstView,
    },
    ({ params, body }) => setStoreGst(deps, params.id, body),
  );
}
