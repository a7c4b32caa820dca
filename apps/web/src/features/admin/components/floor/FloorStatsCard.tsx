import { useState, type FormEvent, type ReactNode } from 'react';
import toast from 'react-hot-toast';
import { BUDGET_LIMITS, FLOOR_STAGE_LABELS, FLOOR_STAGES, type FloorBudgets, type FloorStage, type FloorStats } from '@fatafat/contracts/floor-board';
import { SHORT_REASON_LABELS } from '@fatafat/contracts/floor-rules';
import { Button } from '@/components/ui/Button';
import { FormError } from '@/components/ui/FormError';
import { Sheet } from '@/components/ui/Sheet';
import { TextField } from '@/components/ui/TextField';
import { errorDetails, errorMessage } from '@/lib/api';
import { cn } from '@/lib/cn';
import { plural } from '@/lib/format';
import { useSetBudgetsMutation } from '../../api/floor.api';
import { Card } from '../AdminKit';
import { formatPercent, formatSeconds, HBar } from './FloorKit';

function ChartBlock({ title, note, wide, children }: { title: string; note?: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={cn('grid content-start gap-3', wide && 'md:col-span-2 md:grid-cols-2 md:gap-x-8')}>
      <div className={cn(wide && 'md:col-span-2')}>
        <h3 className="text-[13px] font-semibold uppercase tracking-wide text-muted">{title}</h3>
        {note && <p className="text-[12px] text-muted">{note}</p>}
      </div>
      {children}
    </div>
  );
}

export function StatsCharts({ stats }: { stats: FloorStats }) {
  const rateMax = Math.max(...stats.pickers.map((p) => p.itemsPerHour ?? 0), 1) * 1.08;
  const shortMax = Math.max(...stats.shortPicks.byReason.map((r) => r.rate), 0.01) * 1.15;
  return (
    <div className="grid gap-6 md:grid-cols-2" data-testid="floor-stats">
      <ChartBlock wide title="Time per stage" note="p50 (bar) and p90 (thin bar); the line is the budget">
        {stats.stages.map((s) => (
          <HBar
            key={s.stage}
            label={FLOOR_STAGE_LABELS[s.stage]}
            sub={s.count ? `${plural(s.count, 'order')} · ${s.breaches} over` : 'none yet'}
            value={s.p50S ?? 0}
            max={Math.max(s.p90S ?? 0, s.budgetS) * 1.15}
            text={s.p50S === null ? '—' : formatSeconds(s.p50S)}
            second={{ value: s.p90S ?? 0, text: s.p90S === null ? '' : `p90 ${formatSeconds(s.p90S)}` }}
            marker={s.budgetS}
            tone={s.p90S !== null && s.p90S > s.budgetS ? 'red' : 'green'}
          />
        ))}
      </ChartBlock>
      <ChartBlock title="Items per hour" note="Units found per hour of picking, per picker">
        {stats.pickers.length === 0 ? (
          <p className="text-[14px] text-muted">No pick was packed on this day.</p>
        ) : (
          stats.pickers.map((p) => (
            <HBar
              key={p.pickerId}
              label={p.name}
              sub={`${plural(p.picks, 'pick')} · ${plural(p.units, 'unit')}`}
              value={p.itemsPerHour ?? 0}
              max={rateMax}
              text={p.itemsPerHour === null ? '—' : `${p.itemsPerHour} /h`}
            />
          ))
        )}
      </ChartBlock>
      <ChartBlock
        title="Short picks"
        note={stats.shortPicks.lines ? `${stats.shortPicks.shortLines} of ${stats.shortPicks.lines} lines short · ${formatPercent(stats.shortPicks.rate)}` : 'No line was picked on this day'}
      >
        {stats.shortPicks.byReason.map((r) => (
          <HBar
            key={r.reason}
            label={SHORT_REASON_LABELS[r.reason]}
            sub={`${plural(r.lines, 'line')} · ${plural(r.units, 'unit')}`}
            value={r.rate}
            max={shortMax}
            text={formatPercent(r.rate)}
            tone={r.lines ? 'yellow' : 'green'}
          />
        ))}
      </ChartBlock>
    </div>
  );
}

export function StatsCard({ stats, date, onDate, loading }: { stats: FloorStats | undefined; date: string; onDate: (d: string) => void; loading: boolean }) {
  return (
    <Card
      title="The day's figures"
      actions={
        <label className="flex items-center gap-2 text-[13px] text-muted">
          <span className="sr-only sm:not-sr-only">Day</span>
          <input
            type="date"
            value={date}
            onChange={(e) => e.target.value && onDate(e.target.value)}
            className="h-9 rounded-[var(--radius-control)] border border-line bg-white px-2 text-[14px] text-ink outline-none focus:border-action"
          />
        </label>
      }
    >
      {stats ? <StatsCharts stats={stats} /> : <p className="text-[14px] text-muted">{loading ? 'Loading…' : 'The figures could not be loaded.'}</p>}
    </Card>
  );
}

const BUDGET_NOTE: Record<FloorStage, string> = {
  claim: 'From the order reaching the queue to a picker claiming it',
  pack: 'From the claim to the bags sealed',
  pickup: 'From packed to the rider picking the bag up',
  deliver: 'From pickup to the handover at the door',
};

export function BudgetsSheet({ storeId, budgets, onClose }: { storeId: string | undefined; budgets: FloorBudgets; onClose: () => void }) {
  const [values, setValues] = useState<Record<FloorStage, string>>(
    Object.fromEntries(FLOOR_STAGES.map((s) => [s, String(budgets[s])])) as Record<FloorStage, string>,
  );
  const [errors, setErrors] = useState<Partial<Record<FloorStage | 'root', string>>>({});
  const [save, { isLoading }] = useSetBudgetsMutation();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Partial<Record<FloorStage, string>> = {};
    for (const s of FLOOR_STAGES) {
      const n = Number(values[s]);
      const { min, max } = BUDGET_LIMITS[s];
      if (!Number.isInteger(n) || n < min || n > max) found[s] = `Whole seconds from ${min} to ${max}`;
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      const next = Object.fromEntries(FLOOR_STAGES.map((s) => [s, Number(values[s])])) as FloorBudgets;
      await save({ storeId, budgets: next }).unwrap();
      toast.success('Budgets saved');
      onClose();
    } catch (err) {
      const issues = (errorDetails(err) as { issues?: Array<{ path: string; message: string }> } | undefined)?.issues ?? [];
      const byField: Partial<Record<FloorStage | 'root', string>> = { root: errorMessage(err) };
      for (const i of issues) {
        const field = i.path.replace(/^body\./, '') as FloorStage;
        if (FLOOR_STAGES.includes(field)) byField[field] = i.message;
      }
      setErrors(byField);
    }
  };
  return (
    <Sheet open onClose={onClose} placement="right" title="Stage budgets">
      <form className="grid gap-4 p-5" noValidate onSubmit={(e) => void submit(e)}>
        <p className="text-[13.5px] text-muted">An order over its budget turns red on the board. Seconds.</p>
        {FLOOR_STAGES.map((s) => (
          <TextField
            key={s}
            label={FLOOR_STAGE_LABELS[s]}
            hint={BUDGET_NOTE[s]}
            inputMode="numeric"
            value={values[s]}
            onChange={(e) => setValues((v) => ({ ...v, [s]: e.target.value }))}
            error={errors[s]}
          />
        ))}
        <FormError message={errors.root} />
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={isLoading}>
            Save budgets
          </Button>
        </div>
      </form>
    </Sheet>
  );
}
