import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { FiMapPin, FiPower } from 'react-icons/fi';
import { Button } from '@/components/ui/Button';
import { Logo } from '@/components/ui/Logo';
import { Spinner } from '@/components/ui/Spinner';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api';
import { formatMoney, plural } from '@/lib/format';
import { notify } from '@/lib/notify';
import { useCurrentUser } from '@/features/auth/api/auth.api';
import { useGetRiderTasksQuery, useSetShiftMutation } from '../api/riders.api';
import { TaskCard } from '../components/TaskCard';
import { useSharePosition, type ShareState } from '../hooks/use-share-position';

/** While on duty the app asks for offers this often (an offer lasts 30 s). */
const POLL_MS = 4_000;

const SHARE_WORDS: Record<ShareState, string> = {
  off: 'Not sharing your position',
  waiting: 'Finding your position…',
  sharing: 'Sharing your position with the store',
  denied: 'Location is blocked: allow it in the browser settings to take orders',
  unsupported: 'This browser cannot share a position',
};

function Centered({ children }: { children: React.ReactNode }) {
  return <div className="flex min-h-dvh flex-col items-center justify-center gap-3 bg-surface p-6 text-center">{children}</div>;
}

function RiderHome() {
  const { data, isLoading, refetch } = useGetRiderTasksQuery(undefined, { pollingInterval: POLL_MS, skipPollingIfUnfocused: true });
  const [setShift, { isLoading: switching }] = useSetShiftMutation();
  const [steps, setSteps] = useState(0);
  const onDuty = data?.onDuty ?? false;
  const sharing = useSharePosition(onDuty, steps);
  const onStep = useCallback(() => {
    setSteps((n) => n + 1);
    void refetch();
  }, [refetch]);

  const toggle = async () => {
    try {
      await setShift(!onDuty).unwrap();
    } catch (err) {
      notify.error(errorMessage(err));
    }
  };

  if (isLoading || !data) {
    return (
      <Centered>
        <Spinner />
      </Centered>
    );
  }
  return (
    <div className="mx-auto flex min-h-dvh max-w-[480px] flex-col bg-surface" data-testid="rider-app" data-duty={onDuty ? 'on' : 'off'}>
      <header className="sticky top-0 z-10 flex items-center justify-between border-b border-line bg-white px-4 py-3">
        <div className="flex items-center gap-2">
          <Logo className="h-6 w-auto" />
          <span className="rounded bg-ink px-1.5 py-0.5 text-[11px] font-bold text-white">RIDER</span>
        </div>
        <Button variant={onDuty ? 'outline' : 'primary'} size="sm" loading={switching} onClick={() => void toggle()} data-testid="duty-toggle">
          <FiPower aria-hidden="true" className="mr-1" /> {onDuty ? 'Go off duty' : 'Go on duty'}
        </Button>
      </header>
      <main className="flex flex-1 flex-col gap-3 p-4">
        {onDuty && data.shift ? (
          <>
            <section className="grid grid-cols-2 gap-2" aria-label="This shift">
              <div className="rounded-xl bg-white p-3">
                <p className="text-[12px] text-muted">Delivered this shift</p>
                <p className="text-xl font-bold">{data.shift.deliveries}</p>
              </div>
              <div className="rounded-xl bg-white p-3">
                <p className="text-[12px] text-muted">Cash in hand</p>
                <p className="text-xl font-bold">{formatMoney(data.shift.cashInHand)}</p>
              </div>
            </section>
            <p className={`flex items-center gap-2 text-[13px] ${sharing === 'denied' || sharing === 'unsupported' ? 'text-danger' : 'text-muted'}`} role="status">
              <FiMapPin aria-hidden="true" /> {SHARE_WORDS[sharing]}
            </p>
            {data.tasks.length ? (
              data.tasks.map((task) => <TaskCard key={task.orderId} task={task} onStep={onStep} />)
            ) : (
              <div className="rounded-2xl border border-dashed border-line bg-white p-8 text-center">
                <p className="font-semibold">Waiting for an order</p>
                <p className="mt-1 text-[14px] text-muted">Stay near the store: offers appear here and last 30 seconds.</p>
              </div>
            )}
            {data.tasks.length > 0 && <p className="text-center text-[12px] text-muted">{plural(data.tasks.length, 'order')} with you</p>}
          </>
        ) : (
          <div className="flex flex-1 flex-col items-center justify-center gap-3 text-center">
            <p className="text-lg font-bold">You are off duty</p>
            <p className="max-w-[32ch] text-[14px] text-muted">Go on duty to receive orders. The app shares your position with the store while you work.</p>
            <Button size="lg" loading={switching} onClick={() => void toggle()}>
              Go on duty
            </Button>
          </div>
        )}
      </main>
    </div>
  );
}

/** `/rider`: the phone-first app for riders (its own chunk and chrome, like the admin console). */
export default function RiderApp() {
  useDocumentTitle('Rider');
  const { user, isLoading } = useCurrentUser();
  if (isLoading || user === undefined) {
    return (
      <Centered>
        <Spinner />
      </Centered>
    );
  }
  if (!user) {
    return (
      <Centered>
        <Logo className="h-8 w-auto" />
        <p className="font-semibold">Sign in with your rider account</p>
        <Link to="/login?next=/rider" className="font-semibold text-action underline">
          Sign in
        </Link>
      </Centered>
    );
  }
  if (user.role !== 'rider') {
    return (
      <Centered>
        <Logo className="h-8 w-auto" />
        <p className="font-semibold">The rider app is for Fatafat riders</p>
        <Link to="/" className="text-action underline">
          Back to the shop
        </Link>
      </Centered>
    );
  }
  return <RiderHome />;
}
