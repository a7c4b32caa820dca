/**
 * The demo's simulated pickers: in every store, the second and third demo pickers (`picker2.<store>` and
 * `picker3.<store>@fatafat.local`) claim what has waited a little in the queue, walk its lines confirming
 * each by its barcode (by hand when the pack has none), and seal the bags, all through the same services the
 * picker app's routes call, so the order moves confirmed → packing → packed as a real pick moves it and the
 * floor board sees a real pick. The first demo picker is left for a person to try.
 */
import { and, asc, eq, isNull, or, like } from 'drizzle-orm';
import type { Pick as PickView } from '@fatafat/contracts/floor';
import type { AppDeps } from '../../deps';
import type { AuthUser } from '../../http/auth-context';
import { users } from '../../db/schema/index';
import { answerLine, claim, getQueue, pack } from './picks.service';

type Deps = Pick<AppDeps, 'db' | 'events' | 'mail' | 'logger' | 'config' | 'payments' | 'razorpay'>;

export const SIMULATED_PICKER_EMAILS = ['picker2.%@fatafat.local', 'picker3.%@fatafat.local'];
/** An order waits this long for a person before a simulated picker claims it. */
export const CLAIM_AFTER_MS = 20_000;
/** From the claim, the lines are confirmed evenly over this walk; the bags are sealed a little after. */
export const WALK_MS = 20_000;
export const SEAL_MS = 5_000;
/** Units that go in one bag. */
const UNITS_PER_BAG = 8;

async function simulatedPickers(deps: Pick<AppDeps, 'db'>): Promise<AuthUser[]> {
  const rows = await deps.db
    .select({ id: users.id, storeId: users.storeId })
    .from(users)
    .where(and(eq(users.role, 'picker'), isNull(users.blockedAt), or(...SIMULATED_PICKER_EMAILS.map((e) => like(users.email, e)))))
    .orderBy(asc(users.email));
  return rows.filter((r) => r.storeId).map((r) => ({ id: r.id, role: 'picker' as const, storeId: r.storeId }));
}

/** Bags for a pick: one per eight units found, at least one. */
export function bagsFor(units: number): number {
  return Math.min(50, Math.max(1, Math.ceil(units / UNITS_PER_BAG)));
}

/** Confirms the lines whose time has come (line i of n at claim + WALK_MS·(i+1)/n), then seals the bags. Answers the steps taken. */
async function walk(deps: Deps, picker: AuthUser, pick: PickView, now: number): Promise<number> {
  const claimed = Date.parse(pick.claimedAt);
  let current = pick;
  let steps = 0;
  for (const [i, line] of pick.lines.entries()) {
    if (line.found !== null) continue;
    if (now < claimed + (WALK_MS * (i + 1)) / pick.lines.length) break;
    current = (await answerLine(deps, picker, pick.orderId, line.variantId, { found: line.quantity, ...(line.barcode ? { barcode: line.barcode } : {}) })).pick;
    steps++;
  }
  if (current.done === current.total && now >= claimed + WALK_MS + SEAL_MS) {
    await pack(deps, picker, pick.orderId, { bags: bagsFor(current.lines.reduce((n, l) => n + (l.found ?? 0), 0)) });
    steps++;
  }
  return steps;
}

/** One step of every simulated picker as of `now`: work their open pick, or claim the next order that has waited. Answers the steps taken. */
export async function runPickerSimulatorOnce(deps: Deps, now = new Date()): Promise<number> {
  let steps = 0;
  for (const picker of await simulatedPickers(deps)) {
    try {
      const { queue, mine } = await getQueue(deps, picker, undefined);
      if (mine.length) {
        for (const pick of mine) steps += await walk(deps, picker, pick, now.getTime());
        continue;
      }
      const next = queue.find((q) => q.state === 'waiting' && now.getTime() - Date.parse(q.placedAt) >= CLAIM_AFTER_MS);
      if (next && (await claim(deps, picker, { orderId: next.orderId }))) steps++;
    } catch (err) {
      // Another simulated picker (or process, or a person) got there first: try again next pass.
      deps.logger.debug({ err, pickerId: picker.id }, 'simulated picker step skipped');
    }
  }
  return steps;
}
