import { useState, type FormEvent } from 'react';
import { FiAlertTriangle, FiMapPin, FiNavigation, FiPackage } from 'react-icons/fi';
import { Button } from '@/components/ui/Button';
import { useNow } from '@/hooks/use-now';
import { errorMessage } from '@/lib/api';
import { formatMoney, plural } from '@/lib/format';
import { notify } from '@/lib/notify';
import type { RiderTask } from '@fatafat/contracts/dispatch';
import { useDeliverMutation, usePickUpMutation, useTaskStepMutation } from '../api/riders.api';

const input =
  'h-12 w-full rounded-lg border border-line bg-white px-3 text-base outline-none focus-visible:ring-2 focus-visible:ring-action';

function Stop({ label, name, address }: { label: string; name: string; address: string }) {
  return (
    <p className="flex gap-2 text-[14px]">
      <FiMapPin className="mt-1 shrink-0 text-muted" aria-hidden="true" />
      <span>
        <span className="block text-[12px] font-semibold tracking-wide text-muted uppercase">{label}</span>
        <span className="font-semibold">{name}</span> · {address}
      </span>
    </p>
  );
}

function Offer({ task, onStep }: { task: RiderTask; onStep: () => void }) {
  const now = useNow(true);
  const [step, { isLoading }] = useTaskStepMutation();
  const left = task.offerExpiresAt ? Math.max(0, Math.ceil((Date.parse(task.offerExpiresAt) - now) / 1000)) : 0;
  const answer = async (s: 'accept' | 'decline') => {
    try {
      await step({ orderId: task.orderId, step: s }).unwrap();
      onStep();
    } catch (err) {
      notify.error(errorMessage(err));
    }
  };
  return (
    <div className="flex flex-col gap-3">
      <p className="flex items-center justify-between">
        <span className="rounded-full bg-brand px-2.5 py-0.5 text-[12px] font-bold">New order</span>
        <span className="text-[14px] font-semibold tabular-nums" aria-live="polite">
          {left} s to answer
        </span>
      </p>
      <div className="grid grid-cols-2 gap-2">
        <Button variant="outline" size="lg" disabled={isLoading} onClick={() => void answer('decline')}>
          Decline
        </Button>
        <Button size="lg" loading={isLoading} onClick={() => void answer('accept')} data-testid="accept-offer">
          Accept
        </Button>
      </div>
    </div>
  );
}

function PickUp({ task, onStep }: { task: RiderTask; onStep: () => void }) {
  const [scan, setScan] = useState('');
  const [pickUp, { isLoading }] = usePickUpMutation();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await pickUp({ orderId: task.orderId, scan: scan.trim() || task.number }).unwrap();
      onStep();
    } catch (err) {
      notify.error(errorMessage(err));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-2">
      <label htmlFor={`scan-${task.orderId}`} className="text-[13px] font-semibold">
        Scan the bag label, or type the order number
      </label>
      <input
        id={`scan-${task.orderId}`}
        className={input}
        value={scan}
        onChange={(e) => setScan(e.target.value)}
        placeholder={task.number}
        autoCapitalize="characters"
        autoComplete="off"
        required
      />
      <Button type="submit" size="lg" block loading={isLoading} data-testid="pickup">
        Picked up · start the ride
      </Button>
    </form>
  );
}

function Handover({ task, onStep }: { task: RiderTask; onStep: () => void }) {
  const now = useNow(true);
  const [code, setCode] = useState('');
  const [method, setMethod] = useState<'cash' | 'upi'>('cash');
  const [deliver, { isLoading }] = useDeliverMutation();
  const [step, { isLoading: marking }] = useTaskStepMutation();
  const canGiveUp = task.unreachableFrom ? Date.parse(task.unreachableFrom) <= now : false;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await deliver({
        orderId: task.orderId,
        code,
        ...(task.amountDue > 0 ? { collected: { method, amount: task.amountDue } } : {}),
      }).unwrap();
      notify.success(`Delivered #${task.number}`);
      onStep();
    } catch (err) {
      setCode('');
      notify.error(errorMessage(err));
      onStep();
    }
  };
  const unreachable = async () => {
    try {
      await step({ orderId: task.orderId, step: 'unreachable' }).unwrap();
      onStep();
    } catch (err) {
      notify.error(errorMessage(err));
    }
  };
  return (
    <div className="flex flex-col gap-3">
      {task.navigation && (
        <div className="grid grid-cols-2 gap-2">
          <a href={task.navigation.mapsUrl} target="_blank" rel="noreferrer" className="inline-flex h-11 items-center justify-center gap-2 rounded-lg bg-ink text-[14px] font-semibold text-white">
            <FiNavigation aria-hidden="true" /> Navigate
          </a>
          <a href={task.navigation.geoUri} className="inline-flex h-11 items-center justify-center rounded-lg border border-line text-[14px] font-semibold">
            Open in maps app
          </a>
        </div>
      )}
      {task.amountDue > 0 ? (
        <div className="rounded-lg bg-brand-soft p-3">
          <p className="text-[13px]">Collect (cash on delivery)</p>
          <p className="text-2xl font-bold" data-testid="amount-due">
            {formatMoney(task.amountDue)}
          </p>
          <div role="radiogroup" aria-label="How the customer paid" className="mt-2 grid grid-cols-2 gap-2">
            {(['cash', 'upi'] as const).map((m) => (
              <button
                key={m}
                type="button"
                role="radio"
                aria-checked={method === m}
                onClick={() => setMethod(m)}
                className={`h-10 rounded-lg border text-[14px] font-semibold ${method === m ? 'border-action bg-action text-white' : 'border-line bg-white'}`}
              >
                {m === 'cash' ? 'Cash' : 'UPI to store QR'}
              </button>
            ))}
          </div>
        </div>
      ) : (
        <p className="rounded-lg bg-action-soft p-3 text-[14px] font-semibold text-action-dark">Paid online · collect nothing</p>
      )}
      {task.locked ? (
        <p role="alert" className="flex gap-2 rounded-lg bg-danger-soft p-3 text-[14px] text-danger">
          <FiAlertTriangle className="mt-0.5 shrink-0" aria-hidden="true" /> Three wrong codes: ask the store manager to unlock this delivery.
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-2">
          <label htmlFor={`code-${task.orderId}`} className="text-[13px] font-semibold">
            Delivery code from the customer ({plural(task.codeAttemptsLeft, 'try', 'tries')} left)
          </label>
          <input
            id={`code-${task.orderId}`}
            className={`${input} text-center font-mono text-2xl tracking-[0.5em]`}
            inputMode="numeric"
            pattern="[0-9]{4}"
            maxLength={4}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 4))}
            autoComplete="one-time-code"
            required
          />
          <Button type="submit" size="lg" block loading={isLoading} disabled={code.length !== 4} data-testid="deliver">
            Hand over
          </Button>
        </form>
      )}
      <Button variant="ghost" size="sm" disabled={!canGiveUp || marking} onClick={() => void unreachable()}>
        {canGiveUp || !task.unreachableFrom
          ? 'Customer unreachable'
          : `Customer unreachable (after ${Math.max(0, Math.ceil((Date.parse(task.unreachableFrom) - now) / 1000))} s at the door)`}
      </Button>
    </div>
  );
}

const TITLES: Record<RiderTask['state'], string> = {
  offered: 'Offer',
  assigned: 'Pick up at the store',
  picked_up: 'Deliver',
  unreachable: 'Waiting for the store manager',
};

export function TaskCard({ task, onStep }: { task: RiderTask; onStep: () => void }) {
  return (
    <article className="flex flex-col gap-3 rounded-2xl border border-line bg-white p-4 shadow-sm" data-testid="rider-task" data-state={task.state} data-order={task.orderId}>
      <header className="flex items-center justify-between">
        <h2 className="text-[17px] font-bold">{TITLES[task.state]}</h2>
        <span className="font-mono text-[13px] text-muted">#{task.number}</span>
      </header>
      <Stop label="From" name={task.store.name} address={task.store.address || 'the store'} />
      <Stop label="To" name={task.drop.name} address={task.drop.address} />
      <p className="flex items-center gap-2 text-[13px] text-muted">
        <FiPackage aria-hidden="true" /> {plural(task.itemCount, 'item')} · {task.paymentMethod === 'cod' ? `Cash on delivery ${formatMoney(task.amountDue)}` : 'Prepaid'}
      </p>
      {task.state === 'offered' && <Offer task={task} onStep={onStep} />}
      {task.state === 'assigned' && <PickUp task={task} onStep={onStep} />}
      {task.state === 'picked_up' && <Handover task={task} onStep={onStep} />}
      {task.state === 'unreachable' && <p className="text-[14px] text-muted">The manager will tell you to try again or bring the bag back.</p>}
    </article>
  );
}
