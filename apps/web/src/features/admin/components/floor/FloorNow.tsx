import { FiAlertTriangle, FiUser } from 'react-icons/fi';
import type { BoardOrder, BoardPicker, FloorBoard, StageTime } from '@fatafat/contracts/floor-board';
import { FLOOR_STAGE_LABELS } from '@fatafat/contracts/floor-board';
import type { OrderStatus } from '@fatafat/contracts/order-rules';
import { cn } from '@/lib/cn';
import { plural } from '@/lib/format';
import { Badge, Card } from '../AdminKit';
import { StatusPill } from '../StatusPill';
import { formatClock, formatSeconds } from './FloorKit';

const SHORT_LABEL = { claim: 'Claim', pack: 'Pack', pickup: 'Pickup', deliver: 'Deliver' } as const;

/** Seconds of a stage as of `now` (the running one ticks on from its start). */
function secondsOf(s: StageTime, now: number): number | null {
  if (!s.startedAt) return null;
  if (s.endedAt) return s.seconds;
  return Math.max(0, (now - Date.parse(s.startedAt)) / 1000);
}

function StageCell({ stage, now }: { stage: StageTime; now: number }) {
  const seconds = secondsOf(stage, now);
  const running = stage.startedAt !== null && stage.endedAt === null;
  const breach = stage.breach || (seconds !== null && seconds > stage.budgetS);
  const share = seconds === null ? 0 : Math.min(1, seconds / stage.budgetS);
  return (
    <div
      className={cn('min-w-0 rounded-lg border px-2 py-1.5', breach ? 'border-danger/40 bg-danger-soft' : running ? 'border-action/40 bg-action-soft' : 'border-line bg-white')}
      data-stage={stage.stage}
      data-breach={breach ? 'true' : 'false'}
      title={`${FLOOR_STAGE_LABELS[stage.stage]} · budget ${formatSeconds(stage.budgetS)}`}
    >
      <div className={cn('text-[11px] font-semibold uppercase tracking-wide', breach ? 'text-danger' : 'text-muted')}>{SHORT_LABEL[stage.stage]}</div>
      <div className={cn('text-[14px] font-bold tabular-nums', seconds === null ? 'text-muted/60' : breach ? 'text-danger' : 'text-ink')}>
        {seconds === null ? '—' : formatSeconds(seconds)}
      </div>
      <div className="mt-1 h-1 rounded-full bg-black/5" aria-hidden>
        <div className={cn('h-1 rounded-full', breach ? 'bg-danger' : running ? 'bg-action' : 'bg-ink/25')} style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}

function OrderRow({ order, now, timeZone }: { order: BoardOrder; now: number; timeZone: string }) {
  const live = order.stages.some((s) => (secondsOf(s, now) ?? 0) > s.budgetS);
  const breach = order.breach || live;
  return (
    <li
      className={cn('grid gap-2 px-4 py-3 lg:grid-cols-[15rem_1fr] lg:items-center', breach && 'bg-danger-soft/40')}
      data-testid="floor-order"
      data-order-id={order.orderId}
      data-breach={breach ? 'true' : 'false'}
    >
      <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
        <span className="font-mono text-[13.5px] font-semibold text-ink">{order.number}</span>
        <StatusPill status={order.status as OrderStatus} />
        {breach && (
          <span className="inline-flex items-center gap-1 text-[12px] font-semibold text-danger">
            <FiAlertTriangle className="size-3.5" aria-hidden /> Over budget
          </span>
        )}
        <div className="basis-full text-[12.5px] text-muted">
          {order.picker ? `${order.picker.name} · ${order.linesDone}/${order.linesTotal} lines` : `${plural(order.linesTotal, 'line')} · waiting for a picker`}
          {order.rider && ` · rider ${order.rider.name}`} · due {formatClock(order.promisedAt, timeZone)}
        </div>
      </div>
      <div className="grid grid-cols-4 gap-1.5">
        {order.stages.map((s) => (
          <StageCell key={s.stage} stage={s} now={now} />
        ))}
      </div>
    </li>
  );
}

export function OrdersCard({ board, now }: { board: FloorBoard; now: number }) {
  return (
    <Card
      title={`Open orders · ${board.orders.length}`}
      actions={
        <span className="text-[12px] text-muted">
          Budgets: claim {formatSeconds(board.budgets.claim)} · pack {formatSeconds(board.budgets.pack)}
        </span>
      }
      className="self-start overflow-hidden"
    >
      {board.orders.length === 0 ? (
        <p className="py-6 text-center text-[14px] text-muted">No open orders. The floor is clear.</p>
      ) : (
        <ul className="-m-4 divide-y divide-line" aria-label="Open orders">
          {board.orders.map((o) => (
            <OrderRow key={o.orderId} order={o} now={now} timeZone={board.timeZone} />
          ))}
        </ul>
      )}
    </Card>
  );
}

const STATE_TONE = { picking: 'green', idle: 'yellow', away: 'grey' } as const;

function PickerRow({ picker, now, timeZone }: { picker: BoardPicker; now: number; timeZone: string }) {
  return (
    <li className="flex items-start gap-3 py-2.5" data-testid="floor-picker">
      <span className="grid size-8 shrink-0 place-items-center rounded-full bg-surface text-muted">
        <FiUser className="size-4" aria-hidden />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex items-center justify-between gap-2">
          <span className="truncate text-[14px] font-semibold text-ink">{picker.name}</span>
          <Badge tone={STATE_TONE[picker.state]}>{picker.state === 'picking' ? 'Picking' : picker.state === 'idle' ? 'Idle' : 'Away'}</Badge>
        </div>
        {picker.picks.map((p) => {
          const age = (now - Date.parse(p.since)) / 1000;
          return (
            <div key={p.orderId} className={cn('mt-1 flex items-center justify-between gap-2 text-[13px]', p.breach && 'text-danger')}>
              <span className="font-mono font-semibold">{p.number}</span>
              <span className="tabular-nums">
                {p.done}/{p.total} lines · {formatSeconds(age)}
              </span>
            </div>
          );
        })}
        <div className="mt-0.5 text-[12px] text-muted">
          {picker.packedToday} packed today{picker.lastActiveAt && picker.state !== 'picking' ? ` · last seen ${formatClock(picker.lastActiveAt, timeZone)}` : ''}
        </div>
      </div>
    </li>
  );
}

export function PickersCard({ board, now }: { board: FloorBoard; now: number }) {
  const order = { picking: 0, idle: 1, away: 2 } as const;
  const pickers = [...board.pickers].sort((a, b) => order[a.state] - order[b.state] || a.name.localeCompare(b.name));
  return (
    <Card title={`Pickers · ${board.pickers.filter((p) => p.state !== 'away').length} on the floor`}>
      {pickers.length === 0 ? (
        <p className="text-[14px] text-muted">No pickers at this store yet. Add them under People.</p>
      ) : (
        <ul className="-my-2.5 divide-y divide-line">
          {pickers.map((p) => (
            <PickerRow key={p.id} picker={p} now={now} timeZone={board.timeZone} />
          ))}
        </ul>
      )}
    </Card>
  );
}
