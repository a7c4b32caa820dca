/**
 * A GST document as a PDF (pdfkit, built-in Helvetica: nothing to download). Helvetica has no ₹ sign, so
 * amounts read "Rs. 1,234.50". Streams are left uncompressed: a page of text is a few kilobytes either way,
 * and support can search the file for its number.
 */
import PDFDocument from 'pdfkit';
import type { TaxLine } from '../../db/schema/index';
import type { TaxDocumentRow } from './invoices.repository';

const inr = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const rs = (paise: number) => `Rs. ${inr.format(paise / 100)}`;
const amt = (paise: number) => inr.format(paise / 100);

const LEFT = 40;
const WIDTH = 515;

interface Column {
  title: string;
  width: number;
  right?: boolean;
  cell: (l: TaxLine, i: number) => string;
}

function columnsFor(interState: boolean): Column[] {
  const tax: Column[] = interState
    ? [{ title: 'IGST', width: 60, right: true, cell: (l) => amt(l.igst) }]
    : [
        { title: 'CGST', width: 50, right: true, cell: (l) => amt(l.cgst) },
        { title: 'SGST', width: 50, right: true, cell: (l) => amt(l.sgst) },
      ];
  const fixed = 20 + 55 + 30 + 35 + 65 + 65 + tax.reduce((s, c) => s + c.width, 0);
  return [
    { title: '#', width: 20, cell: (_l, i) => String(i + 1) },
    { title: 'Description', width: WIDTH - fixed, cell: (l) => l.description },
    { title: 'HSN/SAC', width: 55, cell: (l) => l.code || '-' },
    { title: 'Qty', width: 30, right: true, cell: (l) => String(l.quantity) },
    { title: 'GST %', width: 35, right: true, cell: (l) => (l.kind === 'tip' ? '-' : String(l.rate)) },
    { title: 'Taxable', width: 65, right: true, cell: (l) => amt(l.taxable) },
    ...tax,
    { title: 'Amount', width: 65, right: true, cell: (l) => amt(l.amount) },
  ];
}

function row(pdf: PDFKit.PDFDocument, cols: Column[], cells: string[], bold = false): void {
  // A new page before a row that may not fit: cells are drawn at one y, so the page must not turn mid-row.
  if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 40) pdf.addPage();
  const y = pdf.y;
  let x = LEFT;
  let bottom = y;
  pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
  cols.forEach((c, i) => {
    pdf.text(cells[i] ?? '', x + 2, y, { width: c.width - 4, align: c.right ? 'right' : 'left' });
    bottom = Math.max(bottom, pdf.y);
    x += c.width;
  });
  pdf
    .moveTo(LEFT, bottom + 2)
    .lineTo(LEFT + WIDTH, bottom + 2)
    .lineWidth(0.5)
    .strokeColor('#cccccc')
    .stroke();
  pdf.x = LEFT;
  pdf.y = bottom + 5;
}

/** The document as PDF bytes. */
export function renderTaxDocumentPdf(doc: TaxDocumentRow): Promise<Buffer> {
  const d = doc.detail;
  const pdf = new PDFDocument({
    size: 'A4',
    margin: LEFT,
    compress: false,
    info: {
      Title: `${doc.kind === 'invoice' ? 'Tax invoice' : 'Credit note'} ${doc.number}`,
      Author: d.seller.legalName,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const issued = doc.issuedAt.toLocaleDateString('en-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium' });
  pdf
    .font('Helvetica-Bold')
    .fontSize(16)
    .text(doc.kind === 'invoice' ? 'TAX INVOICE' : 'CREDIT NOTE', LEFT, LEFT);
  pdf.font('Helvetica').fontSize(9).text('Original for recipient');
  pdf.moveDown(0.5);
  pdf
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(`${doc.kind === 'invoice' ? 'Invoice' : 'Credit note'} no. ${doc.number}`);
  pdf.font('Helvetica').fontSize(9).text(`Date: ${issued}    Order: ${d.orderNumber}`);
  if (d.against) pdf.text(`Against invoice no. ${d.against}`);
  pdf.moveDown();

  const top = pdf.y;
  pdf.font('Helvetica-Bold').fontSize(9).text('Sold by', LEFT, top);
  pdf.font('Helvetica').text(d.seller.legalName);
  if (d.seller.legalName !== d.seller.name) pdf.text(`(${d.seller.name})`);
  for (const l of d.seller.address) pdf.text(l, { width: 250 });
  pdf.text(`GSTIN: ${d.seller.gstin ?? 'not registered'}`);
  pdf.text(`State: ${d.seller.state || '-'}`);
  const leftBottom = pdf.y;
  pdf.font('Helvetica-Bold').text('Billed and shipped to', LEFT + 280, top);
  pdf.font('Helvetica').text(d.buyer.name, LEFT + 280);
  for (const l of d.buyer.address) pdf.text(l, LEFT + 280, undefined, { width: 235 });
  pdf.text(`Place of supply: ${d.placeOfSupply}`, LEFT + 280);
  pdf.x = LEFT;
  pdf.y = Math.max(leftBottom, pdf.y) + 12;

  const cols = columnsFor(d.interState);
  row(
    pdf,
    cols,
    cols.map((c) => c.title),
    true,
  );
  d.lines.forEach((l, i) =>
    row(
      pdf,
      cols,
      cols.map((c) => c.cell(l, i)),
    ),
  );
  const t = d.totals;
  const totals: TaxLine = {
    kind: 'goods',
    description: 'Total',
    code: '',
    quantity: 0,
    rate: 0,
    amount: t.amount,
    taxable: t.taxable,
    cgst: t.cgst,
    sgst: t.sgst,
    igst: t.igst,
  };
  row(
    pdf,
    cols,
    cols.map((c, i) => (i < 5 ? (i === 1 ? 'Total' : '') : c.cell(totals, 0))),
    true,
  );

  pdf.moveDown(0.5);
  pdf
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(`${doc.kind === 'invoice' ? 'Amount paid' : 'Amount credited'}: ${rs(t.amount)}`, LEFT, undefined, {
      width: WIDTH,
      align: 'right',
    });
  pdf
    .font('Helvetica')
    .fontSize(9)
    .text(
      `of which GST ${rs(t.cgst + t.sgst + t.igst)}${d.interState ? ' (IGST)' : ` (CGST ${rs(t.cgst)} + SGST ${rs(t.sgst)})`}`,
      { width: WIDTH, align: 'right' },
    );
  pdf.moveDown();
  pdf
    .fontSize(7.5)
    .fillColor('#555555')
    .text(
      'Prices include GST. Per line, taxable value = line amount x 100 / (100 + rate), rounded to the nearest paisa (half up); ' +
        'the tax is the rest of the line, split equally between CGST and SGST with any odd paisa to CGST. Coupon discounts are shared among the items in proportion to their amounts. ' +
        'Delivery and handling fees are local delivery services (SAC 996813) at 18 %. A rider tip is passed to the rider in full and is not a supply: no GST. ' +
        'Reverse charge: No.',
      LEFT,
      undefined,
      { width: WIDTH },
    );
  pdf.end();
  return done;
}
