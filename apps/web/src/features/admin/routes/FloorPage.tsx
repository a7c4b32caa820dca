import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { FiSliders } from 'react-icons/fi';
import { Button } from '@/components/ui/Button';
import { ErrorState } from '@/components/ui/ErrorState';
import { Skeleton } from '@/components/ui/Skeleton';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useNow } from '@/hooks/use-now';
import { plural } from '@/lib/format';
import { formatClock, formatSeconds, LiveDot, Tile } from '../components/floor/FloorKit';
import { OrdersCard, PickersCard } from '../components/floor/FloorNow';
import { CashCard, DispatchCard } from '../components/floor/FloorDispatch';
import { BudgetsSheet, StatsCard } from '../components/floor/FloorStatsCard';
import { PageHeader } from '../components/AdminKit';
import { StoreParamSelect } from '../components/StoreOptions';
import { useStoresQuery } from '../api/admin.api';
import { useFloorBoardQuery, useFloorStatsQuery } from '../api/floor.api';
import { useFloorEvents } from '../hooks/use-floor-events';
import { useAdminUser } from '../hooks/use-admin-user';

/** The calendar day in a time zone, as YYYY-MM-DD. */
const dayIn = (timeZone: string | undefined, at = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(at);

/**
 * The store manager's floor board: the queue and every open order's time in each stage against the store's
 * budgets (ticking every second), the pickers and what they pick, the orders needing a rider (assign, unlock),
 * the rider cash of the day and the day's figures. It refetches on the store's live order notices.
 */
export default function FloorPage() {
  useDocumentTitle('Floor · Admin');
  const user = useAdminUser();
  const [params] = useSearchParams();
  const isAdmin = user.role === 'admin';
  const stores = useStoresQuery(undefined, { skip: !isAdmin });
  const storeId = isAdmin ? (params.get('store') ?? stores.data?.[0]?.id) : undefined;
  const ready = !isAdmin || !!storeId;
  const live = useFloorEvents(storeId, ready);
  const board = useFloorBoardQuery({ storeId }, { skip: !ready, pollingInterval: live === 'live' ? 60_000 : 10_000 });
  const [chosenDate, setChosenDate] = useState<string | null>(null);
  const today = dayIn(board.data?.timeZone);
  const date = chosenDate ?? today;
  const stats = useFloorStatsQuery({ storeId, date: chosenDate ?? undefined }, { skip: !ready });
  const [editing, setEditing] = useState(false);
  const now = useNow(true, 1000);
  // Stage ages tick on the server's clock: the board says what time it was when it was read.
  const skew = board.data && board.fulfilledTimeStamp ? Date.parse(board.data.now) - board.fulfilledTimeStamp : 0;
  const serverNow = now + skew;
  const data = board.data;

  return (
    <>
      <PageHeader
        title="Floor"
        subtitle={
          <span className="inline-flex flex-wrap items-center gap-x-3 gap-y-1">
            {data?.storeName ?? 'The store floor, live'}
            <LiveDot state={live} />
            <span className="tabular-nums" aria-label="Store time">
              {formatClock(serverNow, data?.timeZone ?? 'Asia/Kolkata', true)}
            </span>
          </span>
        }
        actions={
          <>
            {isAdmin && (
              <StoreParamSelect value={storeId} />
            )}
            <Button size="sm" variant="outline" className="h-10" onClick={() => setEditing(true)} disabled={!data}>
              <FiSliders aria-hidden /> Budgets
            </Button>
          </>
        }
      />
      {board.isError ? (
        <ErrorState onRetry={() => void board.refetch()} />
      ) : !data ? (
        <div className="grid gap-4">
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-24" />
            ))}
          </div>
          <Skeleton className="h-80" />
        </div>
      ) : (
        <div className="grid gap-4" data-testid="floor-board">
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <Tile
              testId="floor-queue"
              label="In the queue"
              value={data.queue.waiting}
              hint={data.queue.oldestWaitingSince ? `oldest waiting ${formatSeconds((serverNow - Date.parse(data.queue.oldestWaitingSince)) / 1000)}` : 'nobody waiting for a picker'}
            />
            <Tile label="Being picked" value={data.queue.picking} hint={`${plural(data.pickers.filter((p) => p.state === 'picking').length, 'picker')} busy`} />
            <Tile label="Over budget" value={data.breaches} tone={data.breaches ? 'alert' : 'plain'} hint={data.breaches ? 'orders in red below' : 'all within budget'} />
            <Tile
              label="Needs a rider"
              value={data.dispatch.needsRider.length}
              tone={data.riderBreaches ? 'alert' : 'plain'}
              hint={data.riderBreaches ? `${data.riderBreaches} waiting too long` : `${plural(data.dispatch.riders.filter((r) => r.onDuty).length, 'rider')} on duty`}
            />
          </div>
          {/* Phone: orders, the side column, the figures. Desktop: the figures sit under the orders. */}
          <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_22rem] lg:grid-rows-[auto_1fr]">
            <OrdersCard board={data} now={serverNow} />
            <div className="grid content-start gap-4 lg:col-start-2 lg:row-span-2 lg:row-start-1">
              <PickersCard board={data} now={serverNow} />
              <DispatchCard dispatch={data.dispatch} riderBreaches={data.riderBreaches} now={serverNow} />
              <CashCard storeId={storeId} date={chosenDate ?? undefined} timeZone={data.timeZone} />
            </div>
            <StatsCard stats={stats.data} date={date} onDate={(d) => setChosenDate(d === today ? null : d)} loading={stats.isFetching} />
          </div>
        </div>
      )}
      {editing && data && <BudgetsSheet storeId={storeId} budgets={data.budgets} onClose={() => setEditing(false)} />}
    </>
  );
}
