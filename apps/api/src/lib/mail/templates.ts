/**
 * Branded transactional emails. Each helper returns { subject, html, text }: the HTML is table-based
 * with inline styles (what mail clients actually render), the text part says the same for plain readers.
 * Every interpolated value is escaped, since names and addresses come from users.
 */
import { formatRupees } from '@fatafat/contracts/common';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const BRAND = 'Fatafat';
const GREEN = '#0c831f';
const INK = '#1f2937';
const MUTED = '#6b7280';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function button(url: string, label: string): string {
  return `<table role="presentation" cellspacing="0" cellpadding="0" style="margin:24px 0"><tr>
<td style="border-radius:8px;background:${GREEN}"><a href="${escapeHtml(url)}" style="display:inline-block;padding:12px 24px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:8px">${escapeHtml(label)}</a></td>
</tr></table>`;
}

/** The frame every email shares: logo bar, white card, footer. `body` is already-escaped HTML. */
function layout(opts: { preheader: string; heading: string; body: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(opts.heading)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:${INK}">
<span style="display:none;max-height:0;overflow:hidden">${escapeHtml(opts.preheader)}</span>
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="background:#f3f4f6;padding:24px 0"><tr><td align="center">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="max-width:560px;background:#ffffff;border-radius:12px;overflow:hidden">
<tr><td style="background:#f8cb46;padding:16px 24px;font-size:22px;font-weight:800;letter-spacing:-0.5px;color:${INK}">⚡ ${BRAND}<span style="font-size:13px;font-weight:500;margin-left:8px;color:${INK}">groceries in minutes</span></td></tr>
<tr><td style="padding:28px 24px 8px"><h1 style="margin:0 0 16px;font-size:20px;color:${INK}">${escapeHtml(opts.heading)}</h1>
${opts.body}
</td></tr>
<tr><td style="padding:16px 24px 24px;font-size:12px;color:${MUTED};border-top:1px solid #e5e7eb">You are receiving this email because of activity on your ${BRAND} account. If this wasn't you, you can ignore it safely.<br>${BRAND} · Open quick commerce</td></tr>
</table></td></tr></table></body></html>`;
}

const p = (html: string) => `<p style="margin:0 0 12px;font-size:15px;line-height:1.5">${html}</p>`;
const small = (html: string) =>
  `<p style="margin:0 0 12px;font-size:13px;line-height:1.5;color:${MUTED}">${html}</p>`;
const greeting = (name: string | null | undefined) => (name ? `Hi ${name},` : 'Hi,');

export function verificationEmail(opts: {
  name?: string | null;
  url: string;
  expiresInHours: number;
}): RenderedMail {
  const subject = `Confirm your email for ${BRAND}`;
  const html = layout({
    preheader: 'One tap to confirm your email address.',
    heading: 'Confirm your email',
    body: [
      p(escapeHtml(greeting(opts.name))),
      p(
        `Welcome to ${BRAND}! Please confirm this is your email address so we can send you order updates and receipts.`,
      ),
      button(opts.url, 'Confirm email'),
      small(
        `The link works for ${opts.expiresInHours} hours. If the button does not work, paste this address into your browser:<br><a href="${escapeHtml(opts.url)}" style="color:${GREEN};word-break:break-all">${escapeHtml(opts.url)}</a>`,
      ),
    ].join('\n'),
  });
  const text = `${greeting(opts.name)}\n\nWelcome to ${BRAND}! Confirm your email address by opening this link (valid for ${opts.expiresInHours} hours):\n\n${opts.url}\n\nIf you did not create an account, ignore this email.`;
  return { subject, html, text };
}

export function passwordResetEmail(opts: {
  name?: string | null;
  url: string;
  expiresInMinutes: number;
}): RenderedMail {
  const subject = `Reset your ${BRAND} password`;
  const html = layout({
    preheader: 'A link to choose a new password.',
    heading: 'Reset your password',
    body: [
      p(escapeHtml(greeting(opts.name))),
      p(
        'We received a request to reset the password of your account. Choose a new one with the button below.',
      ),
      button(opts.url, 'Choose a new password'),
      small(
        `The link works once, for ${opts.expiresInMinutes} minutes, and signs you out of every device. If you did not ask for it, ignore this email: your password stays as it is.<br><a href="${escapeHtml(opts.url)}" style="color:${GREEN};word-break:break-all">${escapeHtml(opts.url)}</a>`,
      ),
    ].join('\n'),
  });
  const text = `${greeting(opts.name)}\n\nReset your ${BRAND} password with this link (works once, for ${opts.expiresInMinutes} minutes):\n\n${opts.url}\n\nIf you did not ask for it, ignore this email: your password stays as it is.`;
  return { subject, html, text };
}

export function otpEmail(opts: { code: string; expiresInMinutes: number }): RenderedMail {
  const subject = `${opts.code} is your ${BRAND} login code`;
  const html = layout({
    preheader: `Your login code is ${opts.code}.`,
    heading: 'Your login code',
    body: [
      p('Enter this code in the app to log in:'),
      `<p style="margin:8px 0 20px;font-size:32px;font-weight:800;letter-spacing:8px;color:${INK}">${escapeHtml(opts.code)}</p>`,
      small(
        `It expires in ${opts.expiresInMinutes} minutes. Never share it: ${BRAND} will never ask you for it.`,
      ),
    ].join('\n'),
  });
  const text = `Your ${BRAND} login code is ${opts.code}. It expires in ${opts.expiresInMinutes} minutes. Never share it.`;
  return { subject, html, text };
}

/** The short text sent by SMS for a mobile login. */
export function otpSms(opts: { code: string; expiresInMinutes: number }): string {
  return `${opts.code} is your ${BRAND} login code. Valid for ${opts.expiresInMinutes} min. Do not share it with anyone.`;
}

/** The code that proves a new mobile number belongs to the account asking for it. */
export function verifyMobileSms(opts: { code: string; expiresInMinutes: number }): string {
  return `${opts.code} is your ${BRAND} code to add this number to your account. Valid for ${opts.expiresInMinutes} min. Do not share it.`;
}

/** Last 4 digits only: a notice must not spell out the number it replaced. */
const maskMobile = (mobile: string) => `••••••${mobile.slice(-4)}`;

/** Told to the number that was taken off an account, so a hijack is noticed by the one it hurts. */
export function mobileRemovedSms(opts: { replaced: boolean }): string {
  return `${BRAND}: this number was ${opts.replaced ? 'replaced by another one' : 'removed'} on your account and no longer signs in. If this wasn't you, contact support.`;
}

/** Told to the account's email when its mobile number changes (added, replaced, removed or dropped). */
export function mobileChangedEmail(opts: {
  name?: string | null;
  before: string | null;
  after: string | null;
  reason?: string;
}): RenderedMail {
  const what = opts.after
    ? opts.before
      ? `Your mobile number was changed from ${maskMobile(opts.before)} to ${maskMobile(opts.after)}.`
      : `The mobile number ${maskMobile(opts.after)} was added to your account; it can now sign in with a code.`
    : `The mobile number ${maskMobile(opts.before ?? '')} was removed from your account${opts.reason ? ` ${opts.reason}` : ''}.`;
  const subject = `Your ${BRAND} mobile number changed`;
  const html = layout({
    preheader: what,
    heading: 'Your mobile number changed',
    body: [
      p(escapeHtml(greeting(opts.name))),
      p(escapeHtml(what)),
      small('If this was not you, reset your password at once: a reset signs out every device.'),
    ].join('\n'),
  });
  const text = `${greeting(opts.name)}\n\n${what}\n\nIf this was not you, reset your password at once: a reset signs out every device.`;
  return { subject, html, text };
}

export type OrderEmailKind = 'placed' | 'delivered' | 'cancelled';

export interface OrderEmailItem {
  name: string;
  /** Pack size or unit, e.g. "500 ml". */
  unit?: string | null;
  quantity: number;
  /** Line total in paise. */
  totalPaise: number;
}

export interface OrderEmailInput {
  kind: OrderEmailKind;
  customerName?: string | null;
  orderNumber: string;
  items: OrderEmailItem[];
  /** Bill lines in paise; only the ones given are shown. */
  subtotalPaise: number;
  deliveryFeePaise?: number;
  discountPaise?: number;
  taxPaise?: number;
  totalPaise: number;
  paymentMethod?: string;
  /** One-line delivery address. */
  address?: string;
  /** Link to the order page (tracking, receipt). */
  orderUrl: string;
  /** Estimated minutes to delivery, for placed orders. */
  etaMinutes?: number;
  /** Why it was cancelled, for cancelled orders. */
  reason?: string | null;
}

const ORDER_COPY: Record<
  OrderEmailKind,
  { subject: (n: string) => string; heading: string; lead: (o: OrderEmailInput) => string; cta: string }
> = {
  placed: {
    subject: (n) => `Order ${n} confirmed`,
    heading: 'Your order is confirmed',
    lead: (o) =>
      o.etaMinutes
        ? `We are packing it now. It should reach you in about ${o.etaMinutes} minutes.`
        : 'We are packing it now and will let you know when it is on the way.',
    cta: 'Track your order',
  },
  delivered: {
    subject: (n) => `Order ${n} delivered`,
    heading: 'Delivered. Enjoy!',
    lead: () => 'Your order has been delivered. Thanks for shopping with us.',
    cta: 'View receipt',
  },
  cancelled: {
    subject: (n) => `Order ${n} cancelled`,
    heading: 'Your order was cancelled',
    lead: (o) =>
      `${o.reason ? `Reason: ${o.reason}. ` : ''}Any amount you paid online will be refunded to the original payment method.`,
    cta: 'View order',
  },
};

/** Placed, delivered and cancelled order emails share one layout: a lead line, items and the bill. */
export function orderEmail(o: OrderEmailInput): RenderedMail {
  const copy = ORDER_COPY[o.kind];
  const subject = copy.subject(o.orderNumber);
  const lead = copy.lead(o);
  const row = (label: string, value: string, strong = false) =>
    `<tr><td style="padding:4px 0;font-size:14px;${strong ? 'font-weight:700' : `color:${MUTED}`}">${escapeHtml(label)}</td><td align="right" style="padding:4px 0;font-size:14px;${strong ? 'font-weight:700' : ''}">${escapeHtml(value)}</td></tr>`;
  const items = o.items
    .map(
      (i) =>
        `<tr><td style="padding:6px 0;font-size:14px;border-bottom:1px solid #f3f4f6">${escapeHtml(i.name)}${i.unit ? ` <span style="color:${MUTED}">· ${escapeHtml(i.unit)}</span>` : ''} <span style="color:${MUTED}">× ${i.quantity}</span></td><td align="right" style="padding:6px 0;font-size:14px;border-bottom:1px solid #f3f4f6">${escapeHtml(formatRupees(i.totalPaise))}</td></tr>`,
    )
    .join('\n');
  const bill: Array<[string, number, boolean?]> = [['Item total', o.subtotalPaise]];
  if (o.deliveryFeePaise !== undefined) bill.push(['Delivery fee', o.deliveryFeePaise]);
  if (o.taxPaise !== undefined) bill.push(['Taxes', o.taxPaise]);
  if (o.discountPaise) bill.push(['Discount', -o.discountPaise]);
  bill.push(['Total', o.totalPaise, true]);
  const money = (paise: number) => (paise < 0 ? `−${formatRupees(-paise)}` : formatRupees(paise));
  const html = layout({
    preheader: `${copy.heading} · ${o.orderNumber}`,
    heading: copy.heading,
    body: [
      p(escapeHtml(greeting(o.customerName))),
      p(escapeHtml(lead)),
      small(
        `Order <strong style="color:${INK}">${escapeHtml(o.orderNumber)}</strong>${o.paymentMethod ? ` · ${escapeHtml(o.paymentMethod)}` : ''}`,
      ),
      `<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="margin:8px 0 16px">${items}</table>`,
      `<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="margin:0 0 8px">${bill.map(([l, v, s]) => row(l, money(v), s)).join('')}</table>`,
      o.address ? small(`Delivering to: ${escapeHtml(o.address)}`) : '',
      button(o.orderUrl, copy.cta),
    ].join('\n'),
  });
  const text = [
    greeting(o.customerName),
    '',
    lead,
    '',
    `Order ${o.orderNumber}${o.paymentMethod ? ` (${o.paymentMethod})` : ''}`,
    ...o.items.map(
      (i) => `- ${i.name}${i.unit ? ` (${i.unit})` : ''} x ${i.quantity}: ${formatRupees(i.totalPaise)}`,
    ),
    '',
    ...bill.map(([l, v]) => `${l}: ${money(v)}`),
    ...(o.address ? ['', `Delivering to: ${o.address}`] : []),
    '',
    `${copy.cta}: ${o.orderUrl}`,
  ].join('\n');
  return { subject, html, text };
}
