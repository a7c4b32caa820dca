/**
 * The store manager's floor board, as use cases: what the floor looks like now (the queue, each open
 * order's time in every stage against the store's budgets, the pickers and what they pick, the dispatch
 * board's orders waiting for a rider), the budgets themselves, and a day's figures in the store's time zone.
 *
 * Who may look: the store's managers, admins for any store they name (dispatch's storeScope: another store
 * is 403, a store that does not exist 404).
 */
import { DateTime } from 'luxon';
import {
  FLOOR_STAGES,
  type BoardOrder,
  type BoardPicker,
  type BudgetsResponse,
  type FloorBoard,
  type FloorBudgets,
  type FloorStage,
  type FloorStats,
  type StageTime,
} from '@fatafat/contracts/floor-board';
import { SHORT_REASONS } from '@fatafat/contracts/floor-rules';
import type { AppDeps } from '../../deps';
import type { AuthUser } from '../../http/auth-context';
import { badRequest, notFound } from '../../http/errors';
import { board as dispatchBoard, storeScope } from '../dispatch/dispatch.service';
import * as repo from './board.repository';

/** A picker with no claim, line or pack for this long is away from the floor. */
const IDLE_MS = 30 * 60_000;

const ms = (v: Date | string | null): number | null => (v === null ? null : new Date(v).getTime());
const iso = (v: number | null): string | null => (v === null ? null : new Date(v).toISOString());

/** The stage an order in `status` is in; null once it is past the floor and the road (delivered, cancelled…). */
function currentStage(status: string): number | null {
  const at = ['confirmed', 'packing', 'packed', 'out_for_delivery'].indexOf(status);
  return at < 0 ? null : at;
}

/** The five boundaries of an order's stages: placed, claimed, packed, picked up, delivered (ms, null when unknown). */
const boundsOf = (r: repo.StageRow) => [r.placed_at, r.claimed_at, r.packed_at, r.picked_up_at, r.delivered_at].map(ms);

/**
 * Each stage's start, end, seconds and breach as of `now`. Stages before the current one are over (an end
 * not recorded, as for an order moved by hand, is taken from the next boundary known); the current one runs
 * from its start (or the last boundary known) until now; later ones have not begun.
 */
export function stageTimes(r: repo.StageRow, budgets: FloorBudgets, now: number): StageTime[] {
  const bounds = boundsOf(r);
  const cur = currentStage(r.status) ?? FLOOR_STAGES.length;
  return FLOOR_STAGES.map((stage, i) => {
    const budgetS = budgets[stage];
    const none = { stage, startedAt: null, endedAt: null, seconds: null, budgetS, breach: false };
    if (i > cur) return none;
    const start = i === cur ? (bounds.slice(0, i + 1).filter((b) => b !== null).pop() ?? null) : bounds[i]!;
    const end = i === cur ? null : (bounds.slice(i + 1).find((b) => b !== null) ?? null);
    if (start === null || (i < cur && end === null)) return none;
    const seconds = Math.max(0, Math.round(((end ?? now) - start) / 1000));
    return { stage, startedAt: iso(start), endedAt: iso(end), seconds, budgetS, breach: seconds > budgetS };
  });
}

function budgetsOf(row: repo.StoreBudgetsRow): FloorBudgets {
  return { claim: row.claim, pack: row.pack, pickup: row.pickup, deliver: row.deliver };
}

async function storeOf(deps: Pick<AppDeps, 'db'>, storeId: string): Promise<repo.StoreBudgetsRow> {
  const row = await repo.storeBudgets(deps.db, storeId);
  if (!row) throw notFound('Store');
  return row;
}

function toBoardOrder(r: repo.StageRow, budgets: FloorBudgets, now: number): BoardOrder {
  const stages = stageTimes(r, budgets, now);
  return {
    orderId: r.order_id,
    number: r.number,
    status: r.status,
    placedAt: iso(ms(r.placed_at))!,
    promisedAt: iso(ms(r.promised_at))!,
    stage: FLOOR_STAGES[currentStage(r.status) ?? 0]!,
    stages,
    picker: r.picker_id ? { id: r.picker_id, name: r.picker_name ?? '' } : null,
    rider: r.rider_id ? { id: r.rider_id, name: r.rider_name ?? '' } : null,
    linesDone: r.lines_done,
    linesTotal: r.lines_total,
    breach: stages.some((s) => s.breach),
  };
}

/** The floor now: queue, open orders against the budgets, pickers, and the dispatch board (its own service). */
export async function floorBoard(deps: AppDeps, user: AuthUser, storeId: string | undefined): Promise<FloorBoard> {
  const scope = storeScope(user, storeId);
  const store = await storeOf(deps, scope);
  const budgets = budgetsOf(store);
  const now = Date.now();
  const today = DateTime.fromMillis(now, { zone: store.timeZone }).startOf('day').toJSDate();
  const [rows, people, dispatch] = await Promise.all([
    repo.openOrderStages(deps.db, scope),
    repo.pickersOf(deps.db, scope, today),
    dispatchBoard(deps, user, scope),
  ]);
  const orders = rows.map((r) => toBoardOrder(r, budgets, now));
  const pickers = people.map((p): BoardPicker => {
    const picks = orders
      .filter((o) => o.status === 'packing' && o.picker?.id === p.id)
      .map((o) => {
        const pack = o.stages[1]!;
        return { orderId: o.orderId, number: o.number, done: o.linesDone, total: o.linesTotal, since: pack.startedAt!, breach: pack.breach };
      });
    const last = ms(p.last_active_at);
    return {
      id: p.id,
      name: p.name,
      state: picks.length ? 'picking' : last !== null && now - last < IDLE_MS ? 'idle' : 'away',
      picks,
      packedToday: p.packed_since,
      lastActiveAt: iso(last),
    };
  });
  const waiting = orders.filter((o) => o.status === 'confirmed');
  return {
    storeId: scope,
    storeName: store.name,
    timeZone: store.timeZone,
    now: new Date(now).toISOString(),
    budgets,
    queue: {
      waiting: waiting.length,
      picking: orders.filter((o) => o.status === 'packing').length,
      oldestWaitingSince: waiting.map((o) => o.placedAt).sort()[0] ?? null,
    },
    orders,
    breaches: orders.filter((o) => o.breach).length,
    pickers,
    dispatch,
    riderBreaches: dispatch.needsRider.filter((d) => d.breach).length,
  };
}

export async function getBudgets(deps: AppDeps, user: AuthUser, storeId: string | undefined): Promise<BudgetsResponse> {
  const scope = storeScope(user, storeId);
  return { storeId: scope, budgets: budgetsOf(await storeOf(deps, scope)) };
}

export async function putBudgets(deps: AppDeps, user: AuthUser, storeId: string | undefined, budgets: FloorBudgets): Promise<BudgetsResponse> {
  const scope = storeScope(user, storeId);
  if (!(await repo.setBudgets(deps.db, scope, budgets))) throw notFound('Store');
  return getBudgets(deps, user, scope);
}

/** The value below which `p` of the sorted values fall, interpolated between neighbours (PostgreSQL's percentile_cont). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/** The calendar day `date` (default: today) in the store's zone, as the instants it spans. */
function dayIn(timeZone: string, date: string | undefined, now: Date): { day: string; from: Date; to: Date } {
  const start = (date ? DateTime.fromISO(date, { zone: timeZone }) : DateTime.fromJSDate(now, { zone: timeZone })).startOf('day');
  if (!start.isValid) throw badRequest(`date: not a day (${date ?? ''})`);
  return { day: start.toISODate()!, from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
}

/** A day's figures: p50/p90 of each stage, units per hour per picker, short lines by reason. */
export async function floorStats(deps: AppDeps, user: AuthUser, storeId: string | undefined, date: string | undefined): Promise<FloorStats> {
  const scope = storeScope(user, storeId);
  const store = await storeOf(deps, scope);
  const budgets = budgetsOf(store);
  const { day, from, to } = dayIn(store.timeZone, date, deps.clock.now());
  const [rows, pickers, shorts] = await Promise.all([
    repo.dayOrderStages(deps.db, scope, from, to),
    repo.pickerDay(deps.db, scope, from, to),
    repo.shortLinesDay(deps.db, scope, from, to),
  ]);
  const durations: Record<FloorStage, number[]> = { claim: [], pack: [], pickup: [], deliver: [] };
  for (const r of rows) {
    const b = boundsOf(r);
    FLOOR_STAGES.forEach((stage, i) => {
      const start = b[i];
      const end = b[i + 1];
      if (start != null && end != null) durations[stage].push(Math.max(0, (end - start) / 1000));
    });
  }
  const lines = shorts.reduce((n, s) => n + s.lines, 0);
  const shortLines = shorts.filter((s) => s.reason !== null).reduce((n, s) => n + s.lines, 0);
  const rate = (n: number) => (lines ? round(n / lines, 4) : 0);
  return {
    storeId: scope,
    date: day,
    timeZone: store.timeZone,
    stages: FLOOR_STAGES.map((stage) => {
      const sorted = durations[stage].sort((a, b) => a - b);
      const p50 = percentile(sorted, 0.5);
      const p90 = percentile(sorted, 0.9);
      return {
        stage,
        count: sorted.length,
        p50S: p50 === null ? null : round(p50, 1),
        p90S: p90 === null ? null : round(p90, 1),
        budgetS: budgets[stage],
        breaches: sorted.filter((s) => s > budgets[stage]).length,
      };
    }),
    pickers: pickers.map((p) => ({
      pickerId: p.picker_id,
      name: p.name,
      picks: p.picks,
      units: p.units,
      pickingSeconds: p.seconds,
      itemsPerHour: p.seconds > 0 ? round((p.units * 3600) / p.seconds, 1) : null,
    })),
    shortPicks: {
      lines,
      shortLines,
      rate: rate(shortLines),
      byReason: SHORT_REASONS.map((reason) => {
        const row = shorts.find((s) => s.reason === reason);
        return { reason, lines: row?.lines ?? 0, units: row?.units ?? 0, rate: rate(row?.lines ?? 0) };
      }),
    },
  };
}
