/**
 * Start task: outside production (SEED_DEMO on) a server starting on an empty catalogue loads the demo one,
 * so a fresh checkout shows a working shop without a separate step. A start killed part-way is completed
 * by the next one (setup_runs records that it began).
 */
import { eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps';
import { rowsOf } from '../client';
import { setupRuns } from '../schema/index';
import { seedDemo } from './seed';

/** Advisory-lock key so several processes starting together seed once. */
const SEED_LOCK = 0x5eed;
/** Its row in setup_runs: written before the seed starts, completed after, so a killed start resumes. */
const SEED_RUN = 'demo-seed';

type SeedState = 'done' | 'unfinished' | 'never';

async function seedState(deps: AppDeps): Promise<SeedState> {
  const [run] = await deps.db.select().from(setupRuns).where(eq(setupRuns.name, SEED_RUN));
  if (run) return run.completedAt ? 'done' : 'unfinished';
  // No record: a fresh database, or one seeded (or filled by hand) before progress was recorded.
  const rows = rowsOf<{ any: boolean }>(await deps.db.execute(sql`select exists(select 1 from products) as any`));
  return rows[0]?.any ? 'done' : 'never';
}

export async function seedDemoIfEmpty(deps: AppDeps): Promise<void> {
  if (!deps.config.seedDemo) return;
  if ((await seedState(deps)) === 'done') return;
  await deps.database.withAdvisoryLock(SEED_LOCK, async () => {
    const state = await seedState(deps);
    if (state === 'done') return;
    const log = deps.logger.child({ task: 'seed-demo' });
    log.info(
      state === 'unfinished'
        ? 'the demo catalogue was interrupted on an earlier start: completing it'
        : 'empty catalogue: loading the demo catalogue (SEED_DEMO=off to skip)',
    );
    await deps.db
      .insert(setupRuns)
      .values({ name: SEED_RUN })
      .onConflictDoUpdate({ target: setupRuns.name, set: { startedAt: sql`now()`, completedAt: null } });
    // seedDemo upserts and draws only missing images, so running it again over a partial seed completes it.
    const result = await seedDemo(deps, {
      onProgress: (p) => log.info({ phase: p.phase, done: p.done, total: p.total }, 'seeding'),
    });
    await deps.db.update(setupRuns).set({ completedAt: sql`now()` }).where(eq(setupRuns.name, SEED_RUN));
    log.info(result, 'demo catalogue loaded');
  });
}
