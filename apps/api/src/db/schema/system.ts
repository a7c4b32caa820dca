import { pgTable, text } from 'drizzle-orm/pg-core';
import { tz } from './columns';

/**
 * One-time work that must finish once started (the demo seed): a row is written before it begins and
 * completed after, so a start killed half-way is finished by the next start instead of skipped.
 */
export const setupRuns = pgTable('setup_runs', {
  name: text().primaryKey(),
  startedAt: tz('started_at').notNull().defaultNow(),
  completedAt: tz('completed_at'),
});
