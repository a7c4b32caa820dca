import toast from 'react-hot-toast';
import { z } from 'zod';
import { STATE_REASONS, STORE_STATES, type StoreSettings, type StoreState } from '@fatafat/contracts/zones';
import { TextField } from '@/components/ui/TextField';
import { useApiForm } from '@/lib/api-form';
import { cn } from '@/lib/cn';
import { formatOpensAt } from '@/lib/format';
import { useSetCapacityMutation, useSetStateMutation } from '../api/zones.api';
import { Badge, Card, FormFooter, Suggestions } from './AdminKit';

const STATE_LABEL: Record<StoreState, string> = { open: 'Open', busy: 'Busy', paused: 'Paused' };
const STATE_HINT: Record<StoreState, string> = {
  open: 'Takes orders as usual',
  busy: 'Longer ETA and a surge fee',
  paused: 'No new orders; slots after the pause',
};

/** A datetime-local value (the browser's local time) as an ISO instant, and back. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : undefined);
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const StateForm = z.object({ state: z.enum(STORE_STATES), reason: z.string().trim().max(120), until: z.string() });

/** What customers meet right now, in a line. */
export function StoreNowLine({ store }: { store: StoreSettings }) {
  const now = store.now;
  const tone = !now.openNow ? 'grey' : now.state === 'open' ? 'green' : now.state === 'busy' ? 'yellow' : 'red';
  const text = !now.openNow ? 'Closed' : STATE_LABEL[now.state];
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5 text-[13px] text-muted">
      <Badge tone={tone}>{text}</Badge>
      {now.stateReason && <span>{now.stateReason}</span>}
      {now.opensAt && <span>· {now.openNow ? 'back' : 'opens'} at {formatOpensAt(now.opensAt, now.timeZone)}</span>}
    </span>
  );
}

/** The manager's switch: open, busy or paused, with a reason and an optional end. */
export function StoreStateForm({ store }: { store: StoreSettings }) {
  const [save] = useSetStateMutation();
  const { register, onSubmit, formState, watch } = useApiForm(
    StateForm,
    async (v) => {
      const open = v.state === 'open';
      const until = open ? undefined : toInstant(v.until);
      await save({ id: store.id, body: { state: v.state, ...(!open && v.reason ? { reason: v.reason } : {}), ...(until ? { until } : {}) } }).unwrap();
      toast.success(`${store.name} is ${STATE_LABEL[v.state].toLowerCase()}`);
    },
    'The state could not be saved',
    { defaultValues: { state: store.state, reason: store.stateReason ?? '', until: toLocalInput(store.stateUntil) } },
  );
  const state = watch('state');
  const { errors, isSubmitting } = formState;
  return (
    <Card title="State" actions={<StoreNowLine store={store} />}>
      <form noValidate onSubmit={(e) => void onSubmit(e)} className="grid gap-3" aria-label={`State of ${store.name}`}>
        <fieldset>
          <legend className="sr-only">State</legend>
          <div className="grid grid-cols-3 gap-2">
            {STORE_STATES.map((s) => (
              <label
                key={s}
                className={cn(
                  'flex cursor-pointer flex-col rounded-lg border px-3 py-2 focus-within:ring-2 focus-within:ring-action/40',
                  state === s ? 'border-action bg-action-soft' : 'border-line bg-white hover:bg-surface',
                )}
              >
                <input type="radio" value={s} className="sr-only" {...register('state')} />
                <span className="text-[14px] font-semibold text-ink">{STATE_LABEL[s]}</span>
                <span className="text-[12px] leading-snug text-muted">{STATE_HINT[s]}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {state !== 'open' && (
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label="Reason" list="ff-state-reasons" placeholder="Heavy rain" {...register('reason')} error={errors.reason?.message} />
            <Suggestions id="ff-state-reasons" values={STATE_REASONS} />
            <TextField label="Until (optional)" type="datetime-local" {...register('until')} error={errors.until?.message} hint="Back to open by itself then" />
          </div>
        )}
        <FormFooter error={errors.root?.message} saving={isSubmitting} label="Save state" />
      </form>
    </Card>
  );
}

const CapacityForm = z.object({
  ordersPer10Min: z.string().trim().regex(/^\d*$/, 'a whole number, or blank for no cap'),
  slotCapacity: z.string().trim().regex(/^\d+$/, 'a whole number'),
});

/** The 10-minute order cap and each delivery slot's size (admins set them; managers see them). */
export function StoreCapacityForm({ store, canEdit }: { store: StoreSettings; canEdit: boolean }) {
  const [save] = useSetCapacityMutation();
  const { register, onSubmit, formState } = useApiForm(
    CapacityForm,
    async (v) => {
      await save({ id: store.id, body: { ordersPer10Min: v.ordersPer10Min ? Number(v.ordersPer10Min) : null, slotCapacity: Number(v.slotCapacity) } }).unwrap();
      toast.success(`Capacity of ${store.name} saved`);
    },
    'The capacity could not be saved',
    { defaultValues: { ordersPer10Min: store.ordersPer10Min === null ? '' : String(store.ordersPer10Min), slotCapacity: String(store.slotCapacity) } },
  );
  const { errors, isSubmitting } = formState;
  return (
    <Card title="Capacity">
      <form noValidate onSubmit={(e) => void onSubmit(e)} className="grid gap-3" aria-label={`Capacity of ${store.name}`}>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Orders per 10 minutes"
            inputMode="numeric"
            placeholder="No cap"
            disabled={!canEdit}
            {...register('ordersPer10Min')}
            error={errors.ordersPer10Min?.message}
            hint="Past it the store counts as busy"
          />
          <TextField label="Orders per delivery slot" inputMode="numeric" disabled={!canEdit} {...register('slotCapacity')} error={errors.slotCapacity?.message} hint="Each 30-minute window" />
        </div>
        {canEdit ? (
          <FormFooter error={errors.root?.message} saving={isSubmitting} label="Save capacity" />
        ) : (
          <p className="text-[12px] text-muted">Only an admin changes the caps.</p>
        )}
      </form>
    </Card>
  );
}
