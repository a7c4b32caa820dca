/** Order emails (placed, delivered, cancelled) rendered with the shared templates and sent by the mail driver. */
import type { OrderView } from '@fatafat/contracts/orders';
import type { AppDeps } from '../../deps';
import { orderEmail, type OrderEmailKind } from '../../lib/mail/templates';
import { orderView, OWNER_VIEWER } from './order.view';
import { findOrderOwnership, findUserContact } from './orders.repository';

type MailDeps = Pick<AppDeps, 'db' | 'mail' | 'config'>;

export async function sendOrderEmail(deps: MailDeps, orderId: string, kind: OrderEmailKind, reason?: string | null): Promise<void> {
  const [view, owner] = await Promise.all([orderView(deps.db, orderId, OWNER_VIEWER), findOrderOwnership(deps.db, orderId)]);
  if (!view || !owner) return;
  const contact = await findUserContact(deps.db, owner.userId);
  if (contact) await mailOrderView(deps, view, contact, kind, reason);
}

interface Contact {
  name: string;
  email: string | null;
}

async function mailOrderView(deps: MailDeps, view: OrderView, contact: Contact, kind: OrderEmailKind, reason?: string | null): Promise<void> {
  if (!contact.email) return;
  const fees = view.bill.fees;
  const a = view.address;
  const mail = orderEmail({
    kind,
    customerName: contact.name,
    orderNumber: view.number,
    items: view.items.map((i) => ({ name: i.name, unit: i.label, quantity: i.quantity, totalPaise: i.price * i.quantity })),
    subtotalPaise: view.bill.itemTotal,
    ...(fees ? { deliveryFeePaise: fees } : {}),
    discountPaise: view.bill.discount,
    totalPaise: view.bill.total,
    paymentMethod: view.paymentMethod === 'cod' ? 'Cash on delivery' : 'Card',
    address: [a.line1, a.line2, a.city, a.pincode].filter(Boolean).join(', '),
    orderUrl: `${deps.config.publicUrl}/orders/${view.id}`,
    etaMinutes: view.etaMinutes,
    reason: reason ?? null,
  });
  await deps.mail.send({ to: contact.email, ...mail });
}

/**
 * For checkout: the "order placed" email, sent after the order is written, from the view and the buyer's
 * contact checkout already holds, so it costs no database read. Never throws.
 */
export async function sendOrderPlacedEmail(deps: MailDeps & Pick<AppDeps, 'logger'>, view: OrderView, contact: Contact): Promise<void> {
  await mailOrderView(deps, view, contact, 'placed').catch((err: unknown) =>
    deps.logger.warn({ err, orderId: view.id }, 'order placed email failed'),
  );
}
