import { useState, type ReactNode } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import toast from 'react-hot-toast';
import { FiPackage, FiUser } from 'react-icons/fi';
import type { BagLabel, QueueOrder } from '@fatafat/contracts/floor';
import { Button } from '@/components/ui/Button';
import { Logo } from '@/components/ui/Logo';
import { Spinner } from '@/components/ui/Spinner';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api';
import { cn } from '@/lib/cn';
import { useClaimPickMutation, useOpsMeQuery, usePickQueueQuery } from '../api/ops.api';
import { BagLabels } from '../components/BagLabels';
import { Countdown } from '../components/Countdown';
import { PickScreen } from '../components/PickScreen';
import { useOpsEvents } from '../hooks/use-ops-events';

function Centered({ children }: { children: ReactNode }) {
  return <div className="grid min-h-dvh place-items-center p-6 text-center">{children}</div>;
}

function QueueRow({ order, onClaim, busy }: { order: QueueOrder; onClaim: () => void; busy: boolean }) {
  return (
    <li className="flex items-center gap-3 rounded-xl border border-line bg-white p-3" data-order={order.number}>
      <div className="min-w-0 flex-1">
        <p className="font-mono text-[15px] font-bold">{order.number}</p>
        <p className="text-[13px] text-muted">
          {order.lines} line{order.lines === 1 ? '' : 's'} · {order.units} unit{order.units === 1 ? '' : 's'}
        </p>
        {order.picker && (
          <p className="mt-0.5 flex items-center gap-1 text-[12px] font-medium text-offer">
            <FiUser aria-hidden /> {order.picker.name}
          </p>
        )}
      </div>
      <Countdown to={order.promisedAt} />
      {order.state === 'waiting' && (
        <Button size="sm" variant="outline" disabled={busy} onClick={onClaim} aria-label={`Claim ${order.number}`}>
          Claim
        </Button>
      )}
    </li>
  );
}

/** /ops: the phone-first picker app. The queue is live; the open pick takes the whole screen. */
export default function OpsApp() {
  useDocumentTitle('Picking · Fatafat');
  const location = useLocation();
  const [params] = useSearchParams();
  const storeId = params.get('store') ?? undefined;
  const me = useOpsMeQuery();
  const allowed = !!me.data && ['picker', 'staff', 'admin'].includes(me.data.role) && (me.data.role !== 'admin' || !!storeId);
  const live = useOpsEvents(storeId, allowed);
  const queue = usePickQueueQuery({ storeId }, { skip: !allowed, pollingInterval: live === 'live' ? 0 : 10_000 });
  const [claim, claiming] = useClaimPickMutation();
  const [label, setLabel] = useState<BagLabel | null>(null);

  if (me.isLoading) {
    return (
      <Centered>
        <Spinner className="size-7 text-action" label="Loading" />
      </Centered>
    );
  }
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!allowed) {
    return (
      <Centered>
        <div>
          <FiPackage className="mx-auto size-9 text-muted" aria-hidden />
          <h1 className="mt-3 text-lg font-semibold">{me.data.role === 'admin' ? 'Choose a store' : 'For store pickers'}</h1>
          <p className="mt-1 text-[14px] text-muted">
            {me.data.role === 'admin' ? 'Open /ops?store=<store id> to work a store’s floor.' : 'Sign in with a picker or store manager account to pick orders.'}
          </p>
        </div>
      </Centered>
    );
  }

  const doClaim = async (orderId?: string) => {
    try {
      const pick = await claim(orderId ? { orderId } : {}).unwrap();
      if (!pick) toast('Nothing waiting right now', { icon: '☕' });
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  const data = queue.data;
  const pick = data?.mine[0];
  const waiting = data?.queue.filter((q) => q.state === 'waiting') ?? [];

  return (
    <div className="min-h-dvh overflow-x-hidden bg-[#F2F4F3] text-ink">
      <header className="flex h-14 items-center gap-2 border-b border-line bg-white px-4">
        <Logo className="h-6 w-auto" />
        <span className="rounded bg-action px-1.5 py-0.5 text-[10px] font-bold uppercase tracking-wider text-white">Ops</span>
        <span className="ml-auto truncate text-[13px] font-medium">{me.data.name}</span>
        <span
          className={cn('size-2.5 rounded-full', live === 'live' ? 'bg-action' : live === 'connecting' ? 'bg-amber-400' : 'bg-danger')}
          title={live === 'live' ? 'Live' : 'Reconnecting'}
          aria-label={live === 'live' ? 'Live' : 'Reconnecting'}
        />
      </header>
      <main className="mx-auto max-w-md p-3">
        {label ? (
          <BagLabels label={label} onNext={() => setLabel(null)} />
        ) : pick ? (
          <PickScreen key={pick.orderId} pick={pick} onPacked={setLabel} />
        ) : (
          <div className="grid gap-3">
            <section className="rounded-xl bg-white p-4 shadow-sm">
              <p className="text-[13px] text-muted">Waiting for a picker</p>
              <p className="text-[32px] font-bold leading-tight tabular-nums">{waiting.length}</p>
              <Button size="lg" block className="mt-3" loading={claiming.isLoading} disabled={!waiting.length} onClick={() => void doClaim()}>
                {waiting.length ? 'Claim next order' : 'No orders waiting'}
              </Button>
            </section>
            {!data ? (
              <div className="grid h-40 place-items-center">
                <Spinner className="size-6 text-action" label="Loading queue" />
              </div>
            ) : data.queue.length === 0 ? (
              <p className="p-6 text-center text-[14px] text-muted">The queue is empty. New orders appear here as they are placed.</p>
            ) : (
              <ul className="grid gap-2" aria-label="Queue, oldest promise first">
                {data.queue.map((o) => (
                  <QueueRow key={o.orderId} order={o} busy={claiming.isLoading} onClaim={() => void doClaim(o.orderId)} />
                ))}
              </ul>
            )}
          </div>
        )}
      </main>
    </div>
  );
}

export const Component = OpsApp;
