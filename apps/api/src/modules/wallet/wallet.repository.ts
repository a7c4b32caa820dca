/**
 * Fatafat Cash: an append-only ledger of entries in paise and, beside it, the balance that is their sum.
 * Both are written in one transaction; a spend is one guarded update (`balance >= amount`), so two
 * checkouts spending the same balance at once cannot both win and the balance is never negative (a CHECK
 * holds it too).
 */
import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orders, walletEntries, wallets, type WalletEntryKind } from '../../db/schema/index';

export interface WalletEntryInput {
  userId: string;
  amount: number;
  kind: WalletEntryKind;
  reason: string;
  orderId?: string | null;
  refundId?: string | null;
  actorId?: string | null;
}

/** Adds a positive amount to the customer's balance and the ledger. */
export async function creditWallet(tx: DbOrTx, entry: WalletEntryInput): Promise<void> {
  await tx
    .insert(wallets)
    .values({ userId: entry.userId, balance: entry.amount })
    .onConflictDoUpdate({ target: wallets.userId, set: { balance: sql`${wallets.balance} + ${entry.amount}`, updatedAt: new Date() } });
  await tx.insert(walletEntries).values(entry);
}

/** Takes `amount` from the balance if it is there; answers false (changing nothing) otherwise. */
export async function debitWallet(tx: DbOrTx, entry: WalletEntryInput): Promise<boolean> {
  const taken = await tx
    .update(wallets)
    .set({ balance: sql`${wallets.balance} - ${entry.amount}`, updatedAt: new Date() })
    .where(sql`${wallets.userId} = ${entry.userId} and ${wallets.balance} >= ${entry.amount}`)
    .returning({ balance: wallets.balance });
  if (!taken.length) return false;
  await tx.insert(walletEntries).values({ ...entry, amount: -entry.amount });
  return true;
}

export async function walletBalance(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db.select({ balance: wallets.balance }).from(wallets).where(eq(wallets.userId, userId));
  return row?.balance ?? 0;
}

/** The newest entries first, with the number of the order each is about. */
export function walletEntriesOf(db: DbOrTx, userId: string, limit = 100) {
  return db
    .select({
      id: walletEntries.id,
      amount: walletEntries.amount,
      kind: walletEntries.kind,
      reason: walletEntries.reason,
      orderId: walletEntries.orderId,
      orderNumber: orders.number,
      createdAt: walletEntries.createdAt,
    })
    .from(walletEntries)
    .leftJoin(orders, eq(orders.id, walletEntries.orderId))
    .where(eq(walletEntries.userId, userId))
    .orderBy(desc(walletEntries.createdAt), desc(walletEntries.id))
    .limit(limit);
}
