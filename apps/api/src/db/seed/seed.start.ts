/**
 * Start task: outside production (SEED_DEMO on) a server starting on an empty catalogue loads the demo one,
 * so a fresh checkout shows a working shop without a separate step.
 */
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps';
import { rowsOf } from '../client';
import { seedDemo } from './seed';

/** Advisory-lock key so several processes starting together seed once. */
const SEED_LOCK = 0x5eed;

async function catalogueIsEmpty(deps: AppDeps): Promise<boolean> {
  const rows = rowsOf<{ any: boolean }>(await deps.db.execute(sql`select exists(select 1 from products) as any`));
  return !rows[0]?.any;
}

export async function seedDemoIfEmpty(deps: AppDeps): Promise<void> {
  if (!deps.config.seedDemo) return;
  if (!(await catalogueIsEmpty(deps))) return;
  await deps.database.withAdvisoryLock(SEED_LOCK, async () => {
    if (!(await catalogueIsEmpty(deps))) return;
    const log = deps.logger.child({ task: 'seed-demo' });
    log.info('empty catalogue: loading the demo catalogue (SEED_DEMO=off to skip)');
    const result = await seedDemo(deps, {
      onProgress: (p) => log.info({ phase: p.phase, done: p.done, total: p.total }, 'seeding'),
    });
    log.info(result, 'demo catalogue loaded');
  });
}
