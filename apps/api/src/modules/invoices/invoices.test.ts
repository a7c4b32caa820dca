/**
 * GST invoices over HTTP: issued when an order is delivered (gapless numbers per store and financial year,
 * under concurrency too), the PDF for those who may see the order, IGST across states, a credit note for a
 * refund after invoicing, and the admin's GST registration of a store.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gstinCheckChar } from '@fatafat/contracts/invoices';
import { orders, taxDocuments } from '../../db/schema/index';
import { startTestApp, type TestApp } from '../../test/harness';
import { clientAs, createUser, type TestUser } from '../../test/factories';
import {
  createStockedVariant,
  createTestOrder,
  createTestStore,
  type TestStore,
} from '../orders/order.factories';
import { fiscalYearOf } from './numbering';
import { totalsOf } from './tax';

let t: TestApp;
let store: TestStore;
let staff: TestUser;
let customer: TestUser;
let admin: TestUser;

const gstin = (first13: string) => `${first13}Z${gstinCheckChar(`${first13}Z`)}`;
const GSTIN = gstin('06AAFCF4821Q1');

beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_API: '100000' });
  store = await createTestStore(t.deps.db, {
    gstin: GSTIN,
    legalName: 'Fatafat Retail Pvt Ltd',
    gstState: 'Haryana',
    invoiceCode: 'GGN1',
    address: 'Plot 212, Sector 14, Gurugram',
  });
  staff = await createUser(t, { role: 'staff', storeId: store.id });
  customer = await createUser(t);
  admin = await createUser(t, { role: 'admin' });
});
afterAll(async () => {
  await t?.close();
});

/** An order on its way at `s`, for `user`, delivered to `state`: two lines at 5 % and 18 %, the ₹15 fee. */
async function orderOnItsWay(s: TestStore, user: TestUser, state = 'Haryana') {
  const a = await createStockedVariant(t.deps.db, s.id, { price: 4999, onHand: 20, gstRate: 5, hsn: '1101' });
  const b = await createStockedVariant(t.deps.db, s.id, {
    price: 12345,
    onHand: 20,
    gstRate: 18,
    hsn: '1905',
  });
  const lines = [
    { variant: a, quantity: 3 },
    { variant: b, quantity: 1 },
  ];
  const order = await createTestOrder(t.deps.db, {
    userId: user.id,
    storeId: s.id,
    status: 'out_for_delivery',
    lines,
  });
  const [row] = await t.deps.db
    .select({ address: orders.address })
    .from(orders)
    .where(eq(orders.id, order.id));
  await t.deps.db
    .update(orders)
    .set({ address: { ...row!.address, state } })
    .where(eq(orders.id, order.id));
  return { ...order, a, b };
}

const deliver = (id: string, by: TestUser = staff) =>
  clientAs(t, by).post(`/api/admin/orders/${id}/transition`, { to: 'delivered' });

/** The text drawn on a PDF page (pdfkit writes each run as hex strings inside a TJ array). */
function pdfText(pdf: Buffer): string {
  const out: string[] = [];
  for (const [, inner] of pdf.toString('latin1').matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    out.push(
      [...inner!.matchAll(/<([0-9a-fA-F]*)>/g)]
        .map(([, hex]) => Buffer.from(hex!, 'hex').toString('latin1'))
        .join(''),
    );
  }
  return out.join('\n');
}

describe('GST tax invoices', () => {
  it('when an order is delivered, then it gets the next invoice number of its store and financial year, and its tax lines add up to the total', async () => {
    const order = await orderOnItsWay(store, customer);
    expect((await clientAs(t, customer).get(`/api/order/${order.id}`)).body.order.invoice).toBeNull();
    const res = await deliver(order.id);
    expect(res.status).toBe(200);
    const fy = fiscalYearOf(new Date());
    expect(res.body.order.invoice.number).toMatch(new RegExp(`^GGN1/${fy}/\\d{6}$`));
    const [doc] = await t.deps.db.select().from(taxDocuments).where(eq(taxDocuments.orderId, order.id));
    expect(doc!.amount).toBe(order.total);
    const totals = totalsOf(doc!.detail.lines);
    expect(totals.taxable + totals.cgst + totals.sgst + totals.igst).toBe(order.total);
    expect(totals.igst).toBe(0);
    // 3 × ₹49.99 at 5 %: 14997 × 100 / 105 = 14282.857… → 14283 taxable, 714 tax, 357 + 357.
    expect(doc!.detail.lines.find((l) => l.code === '1101')).toMatchObject({
      code: '1101',
      rate: 5,
      amount: 14997,
      taxable: 14283,
      cgst: 357,
      sgst: 357,
    });
    expect(doc!.detail.lines.find((l) => l.kind === 'service')).toMatchObject({
      code: '996813',
      rate: 18,
      amount: 1500,
    });
  });

  it('when the owner, staff of the store or an admin asks for the PDF, then it is application/pdf with the invoice number and the GSTIN, as is the HTML; anyone else gets 404', async () => {
    const order = await orderOnItsWay(store, customer);
    const number = (await deliver(order.id)).body.order.invoice.number as string;
    for (const who of [customer, staff, admin]) {
      const res = await clientAs(t, who).get(`/api/order/${order.id}/invoice.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/pdf/);
      const body = res.bytes;
      expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(body);
      expect(text).toContain(number);
      expect(text).toContain(GSTIN);
    }
    // The printable HTML stays, with the same number and the tax breakdown.
    const html = await clientAs(t, customer).get(`/api/order/${order.id}/invoice`);
    expect(html.text).toContain(number);
    expect(html.text).toContain(GSTIN);
    expect(html.text).toContain('Tax breakdown');
    const stranger = await createUser(t);
    const otherStore = await createTestStore(t.deps.db);
    const otherStaff = await createUser(t, { role: 'staff', storeId: otherStore.id });
    for (const who of [stranger, otherStaff])
      expect((await clientAs(t, who).get(`/api/order/${order.id}/invoice.pdf`)).status).toBe(404);
    expect((await t.client().get(`/api/order/${order.id}/invoice.pdf`)).status).toBe(401);
  });

  it('when the order is not delivered yet, then the PDF is 409 invoice_not_issued', async () => {
    const order = await orderOnItsWay(store, customer);
    const res = await clientAs(t, customer).get(`/api/order/${order.id}/invoice.pdf`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invoice_not_issued');
  });

  it('when the goods go to another state, then the tax is IGST and the place of supply is the delivery state', async () => {
    const order = await orderOnItsWay(store, customer, 'Karnataka');
    await deliver(order.id);
    const [doc] = await t.deps.db.select().from(taxDocuments).where(eq(taxDocuments.orderId, order.id));
    expect(doc!.detail.interState).toBe(true);
    expect(doc!.detail.placeOfSupply).toBe('Karnataka (29)');
    const totals = totalsOf(doc!.detail.lines);
    expect(totals.cgst + totals.sgst).toBe(0);
    expect(totals.igst).toBeGreaterThan(0);
    expect(totals.taxable + totals.igst).toBe(order.total);
  });

  it('when 50 orders of one store are delivered at once, then their invoice numbers are 1 to 50 of the series with no gap and no repeat', async () => {
    const busy = await createTestStore(t.deps.db, { invoiceCode: 'RUSH' });
    const busyStaff = await createUser(t, { role: 'staff', storeId: busy.id });
    const variant = await createStockedVariant(t.deps.db, busy.id, { price: 1000, onHand: 500 });
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      ids.push(
        (
          await createTestOrder(t.deps.db, {
            userId: customer.id,
            storeId: busy.id,
            status: 'out_for_delivery',
            lines: [{ variant, quantity: 1 }],
          })
        ).id,
      );
    }
    const answers = await Promise.all(ids.map((id) => deliver(id, busyStaff)));
    expect(answers.map((r) => r.status)).toEqual(ids.map(() => 200));
    const docs = await t.deps.db.select().from(taxDocuments).where(eq(taxDocuments.storeId, busy.id));
    expect(docs.map((d) => d.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(docs.map((d) => d.number)).size).toBe(50);
    expect(new Set(docs.map((d) => d.orderId))).toEqual(new Set(ids));
  });

  it('when an invoiced order is refunded, then a credit note in its own series gives back the refund with its tax, against the invoice', async () => {
    const order = await orderOnItsWay(store, customer);
    const invoice = (await deliver(order.id)).body.order.invoice.number as string;
    const res = await clientAs(t, admin).post(`/api/admin/orders/${order.id}/refunds`, {
      lines: [{ variantId: order.b.id, quantity: 1 }],
      reason: 'Damaged pack',
      to: 'wallet',
    });
    expect(res.status).toBe(201);
    const notes = await t.deps.db
      .select()
      .from(taxDocuments)
      .where(eq(taxDocuments.refundId, res.body.refund.id));
    expect(notes).toHaveLength(1);
    const note = notes[0]!;
    expect(note.kind).toBe('credit_note');
    expect(note.number).toMatch(new RegExp(`^GGN1/CN/${fiscalYearOf(new Date())}/\\d{6}$`));
    expect(note.detail.against).toBe(invoice);
    expect(note.amount).toBe(res.body.refund.amount);
    expect(note.detail.lines).toEqual([expect.objectContaining({ code: '1905', rate: 18, amount: 12345 })]);
    const t2 = totalsOf(note.detail.lines);
    expect(t2.taxable + t2.cgst + t2.sgst).toBe(12345);
  });

  it('when a delivered order is refunded whole, then the credit notes give back its total, tax and fees included, and the invoice stays as issued', async () => {
    const order = await orderOnItsWay(store, customer);
    await deliver(order.id);
    const [invoice] = await t.deps.db.select().from(taxDocuments).where(eq(taxDocuments.orderId, order.id));
    expect(
      (await clientAs(t, admin).post(`/api/admin/orders/${order.id}/transition`, { to: 'refunded' })).status,
    ).toBe(200);
    const docs = await t.deps.db.select().from(taxDocuments).where(eq(taxDocuments.orderId, order.id));
    const notes = docs.filter((d) => d.kind === 'credit_note');
    expect(notes.length).toBeGreaterThanOrEqual(1);
    expect(notes.reduce((sum, n) => sum + n.amount, 0)).toBe(order.total);
    const credited = totalsOf(notes.flatMap((n) => n.detail.lines));
    // Everything went back, so the notes' tax is the invoice's to the paisa.
    expect(credited).toEqual(totalsOf(invoice!.detail.lines));
    expect(docs.find((d) => d.kind === 'invoice')).toEqual(invoice);
  });

  it('when an admin classifies a variant, then its next invoice taxes it at that rate; a rate GST does not have is 400 naming gstRate', async () => {
    const order = await orderOnItsWay(store, customer);
    const res = await clientAs(t, admin).patch(`/api/admin/variants/${order.a.id}`, {
      gstRate: 12,
      hsn: '04051000',
    });
    expect(res.status).toBe(200);
    expect(res.body.variants[0]).toMatchObject({ gstRate: 12, hsn: '04051000' });
    const bad = await clientAs(t, admin).patch(`/api/admin/variants/${order.a.id}`, { gstRate: 13 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('body.gstRate');
    await deliver(order.id);
    const [doc] = await t.deps.db.select().from(taxDocuments).where(eq(taxDocuments.orderId, order.id));
    expect(doc!.detail.lines.find((l) => l.variantId === order.a.id)).toMatchObject({
      rate: 12,
      code: '04051000',
    });
  });

  it('when an admin sets a store GSTIN, then the state is the GSTIN one; a bad GSTIN is 400 naming gstin and staff get 403', async () => {
    const s = await createTestStore(t.deps.db);
    const good = gstin('07AAFCF4821Q1');
    const res = await clientAs(t, admin).put(`/api/admin/stores/${s.id}/gst`, {
      gstin: good.toLowerCase(),
      legalName: 'Fatafat Retail Pvt Ltd',
      invoiceCode: 'del1',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ gstin: good, gstState: 'Delhi', invoiceCode: 'DEL1' });
    const wrongCheck = `${good.slice(0, 14)}${good[14] === 'A' ? 'B' : 'A'}`;
    const bad = await clientAs(t, admin).put(`/api/admin/stores/${s.id}/gst`, {
      gstin: wrongCheck,
      legalName: 'Fatafat Retail Pvt Ltd',
      invoiceCode: 'DEL1',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0]).toMatchObject({
      path: 'body.gstin',
      message: 'check character does not match',
    });
    const taken = await clientAs(t, admin).put(`/api/admin/stores/${s.id}/gst`, {
      gstin: good,
      legalName: 'Fatafat Retail Pvt Ltd',
      invoiceCode: 'GGN1',
    });
    expect(taken.status).toBe(409);
    expect(
      (
        await clientAs(t, staff).put(`/api/admin/stores/${s.id}/gst`, {
          gstin: good,
          legalName: 'X Ltd',
          invoiceCode: 'DEL2',
        })
      ).status,
    ).toBe(403);
  });
});
