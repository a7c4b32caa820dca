import type { WalletCreditBody, WalletResponse } from '@fatafat/contracts/refunds';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index';
import type { AppDeps } from '../../deps';
import type { AuthUser } from '../../http/auth-context';
import { notFound } from '../../http/errors';
import { creditWallet, walletBalance, walletEntriesOf } from './wallet.repository';

type Deps = Pick<AppDeps, 'db' | 'logger'>;

export async function walletOf(deps: Pick<AppDeps, 'db'>, userId: string): Promise<WalletResponse> {
  const [balance, entries] = await Promise.all([walletBalance(deps.db, userId), walletEntriesOf(deps.db, userId)]);
  return { balance, entries: entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })) };
}

/** Goodwill credit by an admin: only to a customer account, with the admin recorded beside the reason. */
export async function creditGoodwill(deps: Deps, admin: AuthUser, userId: string, body: WalletCreditBody): Promise<WalletResponse> {
  await deps.db.transaction(async (tx) => {
    const [customer] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).for('update');
    if (!customer || customer.role !== 'customer') throw notFound('Customer');
    await creditWallet(tx, { userId, amount: body.amount, kind: 'goodwill', reason: body.reason, actorId: admin.id });
  });
  deps.logger.info({ userId, amount: body.amount, by: admin.id }, 'goodwill wallet credit');
  return walletOf(deps, userId);
}
