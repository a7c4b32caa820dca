import { useFieldArray } from 'react-hook-form';
import toast from 'react-hot-toast';
import { FiPlus, FiX } from 'react-icons/fi';
import { HoursBody, type StoreSettings } from '@fatafat/contracts/zones';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { useApiForm } from '@/lib/api-form';
import { cn } from '@/lib/cn';
import { useSetHoursMutation } from '../api/zones.api';
import { Card, FormFooter, Suggestions } from './AdminKit';

/** Monday first, as shops print their hours; the API counts 0 Sunday … 6 Saturday. */
const DAYS = [
  [1, 'Mon'],
  [2, 'Tue'],
  [3, 'Wed'],
  [4, 'Thu'],
  [5, 'Fri'],
  [6, 'Sat'],
  [0, 'Sun'],
] as const;

const TIME_ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Asia/Kolkata'];
const everyDay = (opens: string, closes: string) => DAYS.map(([day]) => ({ day, opens, closes }));

const timeInput =
  'h-9 min-w-0 flex-1 rounded-[var(--radius-control)] border bg-white px-2 text-[14px] tabular-nums outline-none focus:border-action sm:w-[128px] sm:flex-none';

/** Weekly hours (several ranges a day, past midnight allowed), dated closures and the time zone. */
export function StoreHoursForm({ store }: { store: StoreSettings }) {
  const [save] = useSetHoursMutation();
  const { register, control, onSubmit, formState, watch } = useApiForm(
    HoursBody,
    async (body) => {
      await save({ id: store.id, body }).unwrap();
      toast.success(`Hours of ${store.name} saved`);
    },
    'The hours could not be saved',
    { defaultValues: { timeZone: store.timeZone, weekly: store.weekly, closures: store.closures } },
  );
  const weekly = useFieldArray({ control, name: 'weekly' });
  const closures = useFieldArray({ control, name: 'closures' });
  const ranges = watch('weekly');
  const { errors, isSubmitting } = formState;
  const aroundTheClock = weekly.fields.length === 0;
  return (
    <Card title="Opening hours" className="lg:col-span-2">
      <form noValidate onSubmit={(e) => void onSubmit(e)} className="grid gap-4" aria-label={`Opening hours of ${store.name}`}>
        <div className="grid gap-3 sm:grid-cols-[minmax(0,280px)_1fr] sm:items-end">
          <TextField label="Time zone" list="ff-time-zones" autoComplete="off" {...register('timeZone')} error={errors.timeZone?.message} />
          <Suggestions id="ff-time-zones" values={TIME_ZONES} />
          <label className="flex h-11 items-center gap-2 text-[14px]">
            <input
              type="checkbox"
              className="size-4 accent-[var(--color-action)]"
              checked={aroundTheClock}
              onChange={(e) => weekly.replace(e.target.checked ? [] : everyDay('06:00', '23:00'))}
            />
            Open around the clock, every day
          </label>
        </div>

        {!aroundTheClock && (
          <div className="overflow-hidden rounded-lg border border-line">
            {DAYS.map(([day, label]) => {
              const mine = weekly.fields.map((f, index) => ({ f, index })).filter(({ index }) => ranges?.[index]?.day === day);
              return (
                <div
                  key={day}
                  className="grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-1.5 border-b border-line px-3 py-2.5 last:border-b-0 sm:grid-cols-[48px_minmax(0,1fr)_auto] sm:items-start"
                >
                  <span className="text-[14px] font-semibold text-ink sm:pt-2">{label}</span>
                  <div className="col-span-2 row-start-2 flex min-w-0 flex-col gap-2 sm:col-span-1 sm:col-start-2 sm:row-start-1">
                    {mine.length === 0 && <span className="pt-2 text-[14px] text-muted">Closed</span>}
                    {mine.map(({ f, index }) => {
                      const r = ranges?.[index];
                      const overnight = r && r.closes <= r.opens;
                      const err = errors.weekly?.[index];
                      return (
                        <div key={f.id} className="flex flex-wrap items-center gap-x-2 gap-y-1" data-testid={`range-${label}`}>
                          <input
                            type="time"
                            aria-label={`${label} opens`}
                            className={cn(timeInput, err?.opens ? 'border-danger' : 'border-line')}
                            {...register(`weekly.${index}.opens`)}
                          />
                          <span className="text-muted">–</span>
                          <input
                            type="time"
                            aria-label={`${label} closes`}
                            className={cn(timeInput, err?.closes ? 'border-danger' : 'border-line')}
                            {...register(`weekly.${index}.closes`)}
                          />
                          <button
                            type="button"
                            aria-label={`Remove ${label} ${r?.opens ?? ''}–${r?.closes ?? ''}`}
                            onClick={() => weekly.remove(index)}
                            className="grid size-9 place-items-center rounded-md text-muted hover:bg-surface hover:text-danger"
                          >
                            <FiX aria-hidden />
                          </button>
                          {overnight && (
                            <span className="basis-full sm:basis-auto">
                              <span className="rounded-full bg-brand-soft px-2 py-0.5 text-[12px] font-semibold text-[#6b4d00]">
                                {r.closes === r.opens ? 'all day' : 'closes the next day'}
                              </span>
                            </span>
                          )}
                          {(err?.opens || err?.closes) && <p className="w-full text-[12px] font-medium text-danger">{err.opens?.message ?? err.closes?.message}</p>}
                        </div>
                      );
                    })}
                  </div>
                  <button
                    type="button"
                    onClick={() => weekly.append({ day, opens: '09:00', closes: '21:00' })}
                    className="inline-flex h-9 items-center gap-1 justify-self-end rounded-md px-2 text-[13px] font-semibold text-action hover:bg-action-soft sm:col-start-3 sm:row-start-1"
                    aria-label={`Add hours on ${label}`}
                  >
                    <FiPlus aria-hidden /> Add
                  </button>
                </div>
              );
            })}
          </div>
        )}
        <p className="-mt-2 text-[12px] text-muted">
          A range that closes at or before it opens runs past midnight (06:00–02:00 closes at 2 at night); 00:00–00:00 is the whole day. Times are
          the store's, in its time zone.
        </p>

        <fieldset className="grid gap-2">
          <legend className="mb-1 text-[13px] font-semibold text-ink">Dated closures</legend>
          {closures.fields.length === 0 && <p className="text-[14px] text-muted">None planned.</p>}
          {closures.fields.map((f, index) => {
            const err = errors.closures?.[index];
            return (
              <div key={f.id} className="grid grid-cols-2 items-start gap-2 rounded-lg border border-line p-2.5 sm:grid-cols-[150px_150px_1fr_auto]">
                <TextField label="From" type="date" {...register(`closures.${index}.from`)} error={err?.from?.message} />
                <TextField label="To (included)" type="date" {...register(`closures.${index}.to`)} error={err?.to?.message} />
                <TextField label="Reason" className="col-span-2 sm:col-span-1" placeholder="Diwali" {...register(`closures.${index}.reason`)} error={err?.reason?.message} />
                <Button variant="ghost" size="sm" className="col-span-2 mt-0 justify-self-end sm:col-span-1 sm:mt-7" onClick={() => closures.remove(index)}>
                  <FiX aria-hidden /> Remove
                </Button>
              </div>
            );
          })}
          <div>
            <Button variant="outline" size="sm" onClick={() => closures.append({ from: '', to: '', reason: '' })}>
              <FiPlus aria-hidden /> Add a closure
            </Button>
          </div>
        </fieldset>

        <FormFooter error={errors.root?.message ?? errors.weekly?.message ?? errors.closures?.message} saving={isSubmitting} label="Save hours" />
      </form>
    </Card>
  );
}
