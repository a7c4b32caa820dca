import { useState, type FormEvent } from 'react';
import toast from 'react-hot-toast';
import { FiAlertTriangle, FiLock } from 'react-icons/fi';
import type { BoardDelivery, CashShift, DispatchBoard } from '@fatafat/contracts/dispatch';
import { Button } from '@/components/ui/Button';
import { Sheet } from '@/components/ui/Sheet';
import { TextField } from '@/components/ui/TextField';
import { errorMessage } from '@/lib/api';
import { cn } from '@/lib/cn';
import { formatMoney, plural } from '@/lib/format';
import { useAssignRiderMutation, useRecordDepositMutation, useRiderCashQuery, useUnlockDeliveryMutation } from '../../api/floor.api';
import { Badge, Card, SelectField, TextAreaField } from '../AdminKit';
import { formatClock, formatSeconds } from './FloorKit';

function Assign({ delivery, riders }: { delivery: BoardDelivery; riders: DispatchBoard['riders'] }) {
  const onDuty = riders.filter((r) => r.onDuty);
  const [riderId, setRiderId] = useState('');
  const [assign, { isLoading }] = useAssignRiderMutation();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!riderId) return;
    try {
      await assign({ orderId: delivery.orderId, riderId }).unwrap();
      toast.success(`${delivery.number} is with ${onDuty.find((r) => r.id === riderId)?.name ?? 'the rider'}`);
      setRiderId('');
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };
  if (!onDuty.length) return <span className="text-[12.5px] text-muted">No rider on duty</span>;
  return (
    <form className="flex items-end gap-2" onSubmit={(e) => void submit(e)}>
      <SelectField label={`Rider for ${delivery.number}`} hideLabel value={riderId} onChange={(e) => setRiderId(e.target.value)} className="min-w-0 flex-1">
        <option value="">Choose a rider…</option>
        {onDuty.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name} · {r.tasks} {r.tasks === 1 ? 'order' : 'orders'}
          </option>
        ))}
      </SelectField>
      <Button type="submit" size="sm" className="h-10" disabled={!riderId} loading={isLoading}>
        Assign
      </Button>
    </form>
  );
}

function UnlockSheet({ delivery, onClose }: { delivery: BoardDelivery; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [unlock, { isLoading }] = useUnlockDeliveryMutation();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 3) return setError('Say why (at least 3 characters)');
    try {
      await unlock({ orderId: delivery.orderId, reason: reason.trim() }).unwrap();
      toast.success(`${delivery.number} unlocked: ${delivery.riderName ?? 'the rider'} can try the code again`);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Sheet open onClose={onClose} title={`Unlock ${delivery.number}`}>
      <form className="grid gap-3 p-5" noValidate onSubmit={(e) => void submit(e)}>
        <p className="text-[14px] text-muted">
          Three wrong delivery codes locked this handover. Unlocking gives {delivery.riderName ?? 'the rider'} three more tries; the reason is logged.
        </p>
        <TextAreaField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Called the customer, code confirmed by phone" error={error} />
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={isLoading}>
            Unlock
          </Button>
        </div>
      </form>
    </Sheet>
  );
}

export function DispatchCard({ dispatch, riderBreaches, now }: { dispatch: DispatchBoard; riderBreaches: number; now: number }) {
  const [unlocking, setUnlocking] = useState<BoardDelivery | null>(null);
  const locked = dispatch.active.filter((d) => d.locked);
  const onDuty = dispatch.riders.filter((r) => r.onDuty);
  return (
    <Card
      title={`Needs a rider · ${dispatch.needsRider.length}`}
      actions={
        riderBreaches > 0 ? (
          <Badge tone="red">
            <FiAlertTriangle className="mr-1 size-3.5" aria-hidden /> {riderBreaches} waiting too long
          </Badge>
        ) : (
          <span className="text-[12px] text-muted">{plural(onDuty.length, 'rider')} on duty</span>
        )
      }
    >
      <div className="grid gap-3" data-testid="needs-rider">
        {dispatch.needsRider.length === 0 ? (
          <p className="text-[14px] text-muted">Every packed order has a rider.</p>
        ) : (
          <ul className="-my-2 divide-y divide-line">
            {dispatch.needsRider.map((d) => (
              <li key={d.orderId} className={cn('grid gap-2 py-2.5', d.breach && 'text-danger')} data-breach={d.breach ? 'true' : 'false'}>
                <div className="flex items-center justify-between gap-2">
                  <span className="font-mono text-[13.5px] font-semibold">{d.number}</span>
                  <span className="text-[12.5px] tabular-nums">
                    {d.state === 'offered' ? `offered to ${d.riderName ?? 'a rider'} · ` : ''}waiting {formatSeconds((now - Date.parse(d.waitingSince)) / 1000)}
                  </span>
                </div>
                <Assign delivery={d} riders={dispatch.riders} />
              </li>
            ))}
          </ul>
        )}
        {locked.length > 0 && (
          <div className="rounded-lg border border-danger/30 bg-danger-soft p-3">
            <div className="mb-1.5 text-[12px] font-semibold uppercase tracking-wide text-danger">Locked handovers</div>
            {locked.map((d) => (
              <div key={d.orderId} className="flex items-center justify-between gap-2 py-1 text-[13.5px]">
                <span className="inline-flex items-center gap-1.5">
                  <FiLock className="size-3.5 text-danger" aria-hidden />
                  <span className="font-mono font-semibold">{d.number}</span>
                  <span className="text-muted">· {d.riderName}</span>
                </span>
                <Button size="sm" variant="danger" onClick={() => setUnlocking(d)}>
                  Unlock
                </Button>
              </div>
            ))}
          </div>
        )}
        {onDuty.length > 0 && (
          <div className="flex flex-wrap gap-1.5 border-t border-line pt-3">
            {onDuty.map((r) => (
              <span key={r.id} className="inline-flex h-7 items-center gap-1.5 rounded-full bg-surface px-2.5 text-[12.5px]">
                <span className={cn('size-1.5 rounded-full', r.tasks ? 'bg-brand' : 'bg-action')} aria-hidden />
                {r.name}
                <span className="text-muted">· {r.tasks ? `${r.tasks} on hand` : 'free'}</span>
              </span>
            ))}
          </div>
        )}
      </div>
      {unlocking && <UnlockSheet delivery={unlocking} onClose={() => setUnlocking(null)} />}
    </Card>
  );
}

function DepositForm({ shift, onDone }: { shift: CashShift; onDone: () => void }) {
  const [rupees, setRupees] = useState(shift.difference > 0 ? String(shift.difference / 100) : '');
  const [error, setError] = useState<string | undefined>();
  const [record, { isLoading }] = useRecordDepositMutation();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = Number(rupees);
    if (!rupees.trim() || !Number.isFinite(value) || value <= 0) return setError('Enter the amount deposited');
    const amount = Math.round(value * 100);
    if (Math.abs(value * 100 - amount) > 1e-6) return setError('At most two decimals (paise)');
    try {
      await record({ shiftId: shift.shiftId, amount }).unwrap();
      toast.success(`${formatMoney(amount)} from ${shift.riderName} recorded`);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <form className="mt-2 flex items-start gap-2" noValidate onSubmit={(e) => void submit(e)}>
      <TextField
        label={`Deposit from ${shift.riderName}`}
        className="min-w-0 flex-1 [&_label]:sr-only"
        prefix="₹"
        inputMode="decimal"
        value={rupees}
        onChange={(e) => setRupees(e.target.value)}
        error={error}
        autoFocus
      />
      <Button type="submit" size="sm" className="h-11" loading={isLoading}>
        Save
      </Button>
      <Button variant="ghost" size="sm" className="h-11" onClick={onDone}>
        Cancel
      </Button>
    </form>
  );
}

export function CashCard({ storeId, date, timeZone }: { storeId: string | undefined; date: string | undefined; timeZone: string }) {
  const cash = useRiderCashQuery({ storeId, date });
  const [open, setOpen] = useState<string | null>(null);
  const shifts = cash.data?.shifts ?? [];
  const owed = shifts.reduce((n, s) => n + Math.max(0, s.difference), 0);
  return (
    <Card title="Rider cash" actions={<span className="text-[12px] text-muted">{owed > 0 ? `${formatMoney(owed)} to deposit` : 'Nothing to deposit'}</span>}>
      {cash.isError ? (
        <p className="text-[14px] text-danger">The cash report could not be loaded.</p>
      ) : shifts.length === 0 ? (
        <p className="text-[14px] text-muted">{cash.isLoading ? 'Loading…' : 'No rider shifts on this day.'}</p>
      ) : (
        <ul className="-my-2 divide-y divide-line" data-testid="rider-cash">
          {shifts.map((s) => (
            <li key={s.shiftId} className="py-2.5">
              <div className="flex items-center justify-between gap-2">
                <div className="min-w-0">
                  <div className="truncate text-[14px] font-semibold">{s.riderName}</div>
                  <div className="text-[12px] text-muted">
                    {formatClock(s.startedAt, timeZone)}–{s.endedAt ? formatClock(s.endedAt, timeZone) : 'on duty'} · {plural(s.orders, 'order')}
                  </div>
                </div>
                <div className="text-right text-[12.5px] tabular-nums">
                  <div>
                    Cash {formatMoney(s.cash)} · UPI {formatMoney(s.upi)}
                  </div>
                  <div>
                    Deposited {formatMoney(s.deposited)} ·{' '}
                    <span className={cn('font-semibold', s.difference === 0 ? 'text-action-dark' : 'text-danger')}>
                      {s.difference > 0 ? `${formatMoney(s.difference)} to deposit` : s.difference < 0 ? `${formatMoney(-s.difference)} over` : 'settled'}
                    </span>
                  </div>
                </div>
              </div>
              {open === s.shiftId ? (
                <DepositForm shift={s} onDone={() => setOpen(null)} />
              ) : (
                <Button size="sm" variant={s.difference > 0 ? 'outline' : 'ghost'} className="mt-2" onClick={() => setOpen(s.shiftId)}>
                  Record deposit
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
