/**
 * The store manager's floor board: the open orders' time in each stage against the store's budgets, the
 * pickers and what they pick, the dispatch board's "needs a rider" list; and a day's figures (p50/p90 per
 * stage, units per hour per picker, short-pick rate by reason).
 */
import { z } from 'zod';
import { Id, LocalDate } from './common';
import { DispatchBoard } from './dispatch';
import { SHORT_REASONS } from './floor-rules';

/**
 * The stages an order goes through on the floor and after: claim (placed → a picker claims it), pack
 * (claimed → packed), pickup (packed → a rider picks the bag up), deliver (picked up → handed over).
 */
export const FLOOR_STAGES = ['claim', 'pack', 'pickup', 'deliver'] as const;
export type FloorStage = (typeof FLOOR_STAGES)[number];

export const FLOOR_STAGE_LABELS: Readonly<Record<FloorStage, string>> = {
  claim: 'Placed → claimed',
  pack: 'Claimed → packed',
  pickup: 'Packed → picked up',
  deliver: 'Picked up → delivered',
};

/** Limits of each budget in seconds (the database's stores_*_budgets_ck say the same). */
export const BUDGET_LIMITS: Readonly<Record<FloorStage, { min: number; max: number }>> = {
  claim: { min: 5, max: 3600 },
  pack: { min: 10, max: 3600 },
  pickup: { min: 10, max: 3600 },
  deliver: { min: 60, max: 7200 },
};

const budget = (stage: FloorStage) =>
  z
    .number()
    .int()
    .min(BUDGET_LIMITS[stage].min, `at least ${BUDGET_LIMITS[stage].min} seconds`)
    .max(BUDGET_LIMITS[stage].max, `at most ${BUDGET_LIMITS[stage].max} seconds`);

/** Seconds each stage may take before the board flags it. */
export const FloorBudgets = z
  .object({ claim: budget('claim'), pack: budget('pack'), pickup: budget('pickup'), deliver: budget('deliver') })
  .strict();
export type FloorBudgets = z.infer<typeof FloorBudgets>;

export const FloorStoreQuery = z.object({ storeId: Id.optional() }).strict();
export type FloorStoreQuery = z.infer<typeof FloorStoreQuery>;

export const BudgetsResponse = z.object({ storeId: Id, budgets: FloorBudgets });
export type BudgetsResponse = z.infer<typeof BudgetsResponse>;

/** One stage of an order: when it began and ended (null: not yet), its seconds so far, and whether it broke the budget. */
export const StageTime = z.object({
  stage: z.enum(FLOOR_STAGES),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** Seconds it took, or has taken so far (as of the board's `now`); null before it began. */
  seconds: z.number().int().nullable(),
  budgetS: z.number().int(),
  breach: z.boolean(),
});
export type StageTime = z.infer<typeof StageTime>;

export const BoardOrder = z.object({
  orderId: Id,
  number: z.string(),
  status: z.string(),
  placedAt: z.string(),
  promisedAt: z.string(),
  /** The stage the order is in now. */
  stage: z.enum(FLOOR_STAGES),
  stages: z.array(StageTime),
  picker: z.object({ id: Id, name: z.string() }).nullable(),
  rider: z.object({ id: Id, name: z.string() }).nullable(),
  /** Lines answered of all (0 of the order's lines before a claim). */
  linesDone: z.number().int(),
  linesTotal: z.number().int(),
  /** Any stage past its budget. */
  breach: z.boolean(),
});
export type BoardOrder = z.infer<typeof BoardOrder>;

export const BoardPicker = z.object({
  id: Id,
  name: z.string(),
  /** picking: holds an open pick; idle: active in the last 30 minutes; away: neither. */
  state: z.enum(['picking', 'idle', 'away']),
  picks: z.array(
    z.object({ orderId: Id, number: z.string(), done: z.number().int(), total: z.number().int(), since: z.string(), breach: z.boolean() }),
  ),
  packedToday: z.number().int(),
  lastActiveAt: z.string().nullable(),
});
export type BoardPicker = z.infer<typeof BoardPicker>;

export const FloorBoard = z.object({
  storeId: Id,
  storeName: z.string(),
  timeZone: z.string(),
  /** The server's clock when the board was read: stage ages tick on from here. */
  now: z.string(),
  budgets: FloorBudgets,
  queue: z.object({
    /** Orders waiting for a picker, and being picked. */
    waiting: z.number().int(),
    picking: z.number().int(),
    oldestWaitingSince: z.string().nullable(),
  }),
  /** Open orders (confirmed to out for delivery), oldest promise first. */
  orders: z.array(BoardOrder),
  breaches: z.number().int(),
  pickers: z.array(BoardPicker),
  /** The dispatch board as GET /api/dispatch/board answers it. */
  dispatch: DispatchBoard,
  /** Orders waiting for a rider past the dispatch breach threshold. */
  riderBreaches: z.number().int(),
});
export type FloorBoard = z.infer<typeof FloorBoard>;

export const FloorStatsQuery = FloorStoreQuery.extend({ date: LocalDate.optional() }).strict();
export type FloorStatsQuery = z.infer<typeof FloorStatsQuery>;

export const StageStats = z.object({
  stage: z.enum(FLOOR_STAGES),
  /** Orders of the day that went through the stage. */
  count: z.number().int(),
  p50S: z.number().nullable(),
  p90S: z.number().nullable(),
  budgetS: z.number().int(),
  /** How many took longer than the budget. */
  breaches: z.number().int(),
});
export type StageStats = z.infer<typeof StageStats>;

export const PickerStats = z.object({
  pickerId: Id,
  name: z.string(),
  /** Picks packed that day, units found in them, and the seconds between claim and pack. */
  picks: z.number().int(),
  units: z.number().int(),
  pickingSeconds: z.number().int(),
  /** Units per hour of picking (one decimal); null without a finished pick. */
  itemsPerHour: z.number().nullable(),
});
export type PickerStats = z.infer<typeof PickerStats>;

export const ShortReasonStats = z.object({
  reason: z.enum(SHORT_REASONS),
  lines: z.number().int(),
  units: z.number().int(),
  /** Short lines of this reason per line answered (0–1, four decimals). */
  rate: z.number(),
});

export const FloorStats = z.object({
  storeId: Id,
  date: z.string(),
  timeZone: z.string(),
  stages: z.array(StageStats),
  pickers: z.array(PickerStats),
  shortPicks: z.object({
    /** Lines answered that day, and how many came up short. */
    lines: z.number().int(),
    shortLines: z.number().int(),
    rate: z.number(),
    byReason: z.array(ShortReasonStats),
  }),
});
export type FloorStats = z.infer<typeof FloorStats>;
