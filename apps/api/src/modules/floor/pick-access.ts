/** Who may act on a pick: the floor's one access rule, shared by lines, substitutions and packing. */
import type { Tx } from '../../db/client';
import type { AuthUser } from '../../http/auth-context';
import { conflict, forbidden, notFound } from '../../http/errors';
import * as repo from './picks.repository';

/** Hidden as 404 unless the caller works at the order's store (admins: anywhere). */
export function assertSameStore(user: AuthUser, storeId: string): void {
  if (user.role !== 'admin' && user.storeId !== storeId) throw notFound('Order');
}

/**
 * The open pick, locked (shared: packing waits for line answers in flight); a picker acts only on their
 * own pick, a manager or admin may finish anyone's.
 */
export async function openPick(tx: Tx, user: AuthUser, orderId: string, lock: 'share' | 'update'): Promise<repo.PickRow> {
  const pick = await repo.findPick(tx, orderId, lock);
  if (!pick) throw notFound('Pick');
  assertSameStore(user, pick.storeId);
  if (pick.packedAt) throw conflict('This order is packed already', undefined, 'pick_closed');
  if (user.role === 'picker' && pick.pickerId !== user.id) {
    const [head] = await repo.pickHeads(tx, [orderId]);
    throw forbidden(`${head?.picker_name ?? 'Another picker'} is picking this order`);
  }
  return pick;
}
