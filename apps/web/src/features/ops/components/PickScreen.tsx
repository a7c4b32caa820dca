import { useState, type FormEvent } from 'react';
import toast from 'react-hot-toast';
import { FiCamera, FiCheck, FiMinusCircle, FiX } from 'react-icons/fi';
import type { BagLabel, Pick, PickLine } from '@fatafat/contracts/floor';
import { SHORT_REASONS, SHORT_REASON_LABELS, TEMPERATURE_LABELS, type ShortReason } from '@fatafat/contracts/floor-rules';
import { Button } from '@/components/ui/Button';
import { errorMessage } from '@/lib/api';
import { cn } from '@/lib/cn';
import { useAnswerLineMutation, usePackPickMutation } from '../api/ops.api';
import { useCameraScan } from '../hooks/use-camera-scan';
import { Countdown } from './Countdown';
import { ShortFollowUp } from './ShortFollowUp';

const TEMP_TONE = { ambient: 'bg-surface text-ink', chilled: 'bg-sky-100 text-sky-800', frozen: 'bg-indigo-100 text-indigo-800' } as const;

function ShortSheet({ line, onDone, onCancel }: { line: PickLine; onDone: (found: number, reason: ShortReason) => void; onCancel: () => void }) {
  const [found, setFound] = useState(0);
  return (
    <div role="dialog" aria-label={`Short: ${line.name}`} className="fixed inset-0 z-40 flex items-end bg-black/40">
      <div className="w-full rounded-t-2xl bg-white p-5 pb-8 shadow-xl">
        <div className="mb-3 flex items-center justify-between">
          <h2 className="text-[17px] font-bold">Short: {line.name}</h2>
          <button type="button" aria-label="Close" onClick={onCancel} className="grid size-10 place-items-center rounded-full hover:bg-surface">
            <FiX />
          </button>
        </div>
        <p className="text-[14px] text-muted">How many of the {line.quantity} did you find?</p>
        <div className="my-3 flex gap-2" role="group" aria-label="Found">
          {Array.from({ length: line.quantity }, (_, n) => (
            <button
              key={n}
              type="button"
              aria-pressed={found === n}
              onClick={() => setFound(n)}
              className={cn('h-12 min-w-12 rounded-xl border text-[16px] font-bold', found === n ? 'border-action bg-action text-white' : 'border-line')}
            >
              {n}
            </button>
          ))}
        </div>
        <p className="mb-2 text-[14px] text-muted">Why?</p>
        <div className="grid gap-2">
          {SHORT_REASONS.map((r) => (
            <Button key={r} variant="outline" size="lg" block onClick={() => onDone(found, r)}>
              {SHORT_REASON_LABELS[r]}
            </Button>
          ))}
        </div>
      </div>
    </div>
  );
}

function LineCard({
  pick,
  line,
  current,
  busy,
  onFound,
  onShort,
}: {
  pick: Pick;
  line: PickLine;
  current: boolean;
  busy: boolean;
  onFound: () => void;
  onShort: () => void;
}) {
  const done = line.found !== null;
  const short = done && line.found! < line.quantity;
  return (
    <li
      data-variant={line.variantId}
      className={cn(
        'flex gap-3 rounded-xl border bg-white p-3',
        current ? 'border-action shadow-[0_0_0_2px_rgba(10,138,74,0.15)]' : 'border-line',
        done && !short && 'opacity-70',
      )}
    >
      <img src={line.imageUrl ?? undefined} alt="" className="size-16 shrink-0 rounded-lg border border-line bg-surface object-cover" />
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-2">
          <span className="rounded-md bg-ink px-2 py-0.5 font-mono text-[15px] font-bold tracking-wide text-white">{line.bin ?? 'no bin'}</span>
          <span className={cn('rounded-full px-2 py-0.5 text-[11px] font-semibold', TEMP_TONE[line.temperature])}>{TEMPERATURE_LABELS[line.temperature]}</span>
        </div>
        <p className="mt-1 line-clamp-2 text-[15px] font-semibold leading-snug">{line.name}</p>
        <p className="text-[13px] text-muted">
          {line.label} · <span className="font-bold text-ink">× {line.quantity}</span>
        </p>
        {done ? (
          <p className={cn('mt-1 flex items-center gap-1 text-[13px] font-semibold', short ? 'text-danger' : 'text-action')}>
            {short ? <FiMinusCircle aria-hidden /> : <FiCheck aria-hidden />}
            {short ? `${line.found} of ${line.quantity} · ${SHORT_REASON_LABELS[line.reason!]}` : line.scanned ? 'Scanned' : 'Found (not scanned)'}
          </p>
        ) : null}
        {short && <ShortFollowUp pick={pick} line={line} />}
        {!done && (
          <div className="mt-2 flex gap-2">
            <Button size="sm" variant="outline" disabled={busy} onClick={onFound} aria-label={`Found ${line.name}`}>
              Found
            </Button>
            <Button size="sm" variant="ghost" disabled={busy} onClick={onShort} aria-label={`Short ${line.name}`} className="text-danger">
              Short
            </Button>
          </div>
        )}
      </div>
    </li>
  );
}

/** One pick being walked: scan or tap each line, mark what is short, then count the bags. */
export function PickScreen({ pick, onPacked }: { pick: Pick; onPacked: (label: BagLabel) => void }) {
  const [code, setCode] = useState('');
  const [camera, setCamera] = useState(false);
  const [shortLine, setShortLine] = useState<PickLine | null>(null);
  const [bags, setBags] = useState(1);
  const [answer, answering] = useAnswerLineMutation();
  const [pack, packing] = usePackPickMutation();
  const open = pick.lines.filter((l) => l.found === null);
  const current = open[0];
  // Packing waits for the customer's answer on a proposed substitute (or its 90 s to run out).
  const waiting = pick.lines.some((l) => l.substitution?.status === 'proposed');

  const send = async (line: PickLine, body: { found: number; barcode?: string; reason?: ShortReason }) => {
    try {
      await answer({ orderId: pick.orderId, variantId: line.variantId, body }).unwrap();
      if (body.barcode) toast.success(`${line.name} ✓`, { id: 'scan' });
    } catch (e) {
      toast.error(errorMessage(e), { id: 'scan' });
    }
  };
  /** A scan confirms the open line it belongs to; anything else goes to the current line, and the API says what it was. */
  const scanned = (raw: string) => {
    const barcode = raw.trim();
    if (!barcode) return;
    const line = open.find((l) => l.barcode === barcode) ?? current;
    if (line) void send(line, { found: line.quantity, barcode });
  };
  const { video, error: cameraError } = useCameraScan(camera, scanned);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    scanned(code);
    setCode('');
  };

  return (
    <div className="grid gap-3 pb-28 [&>*]:min-w-0">
      <section className="rounded-xl bg-white p-4 shadow-sm">
        <div className="flex items-baseline justify-between">
          <h1 className="text-[20px] font-bold">{pick.number}</h1>
          <Countdown to={pick.promisedAt} />
        </div>
        <p className="text-[13px] text-muted">
          For {pick.customerFirstName} · {pick.done} of {pick.total} lines
        </p>
        <div className="mt-2 h-2 overflow-hidden rounded-full bg-surface" aria-hidden>
          <div className="h-full rounded-full bg-action transition-[width] duration-200" style={{ width: `${(pick.done / Math.max(1, pick.total)) * 100}%` }} />
        </div>
      </section>

      {current && (
        <form onSubmit={submit} className="sticky top-0 z-10 flex gap-2 bg-[#F2F4F3] py-1">
          <label className="sr-only" htmlFor="scan">
            Barcode
          </label>
          <input
            id="scan"
            autoFocus
            inputMode="numeric"
            autoComplete="off"
            placeholder="Scan or type barcode"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            className="h-12 min-w-0 flex-1 rounded-xl border border-line bg-white px-4 font-mono text-[16px] outline-none focus:border-action"
          />
          <Button type="submit" size="lg" disabled={answering.isLoading}>
            Enter
          </Button>
          <button
            type="button"
            aria-label={camera ? 'Stop camera' : 'Scan with camera'}
            aria-pressed={camera}
            onClick={() => setCamera((c) => !c)}
            className={cn('grid size-12 shrink-0 place-items-center rounded-xl border', camera ? 'border-action bg-action text-white' : 'border-line bg-white')}
          >
            <FiCamera className="size-5" />
          </button>
        </form>
      )}
      {camera && (
        <div className="overflow-hidden rounded-xl bg-black">
          <video ref={video} muted playsInline className="aspect-[4/3] w-full object-cover" />
          {cameraError && <p className="bg-white p-2 text-[13px] text-danger">{cameraError}</p>}
        </div>
      )}

      <ol className="grid gap-2" aria-label="Pick list in walking order">
        {pick.lines.map((line) => (
          <LineCard
            key={line.variantId}
            pick={pick}
            line={line}
            current={line === current}
            busy={answering.isLoading}
            onFound={() => void send(line, { found: line.quantity })}
            onShort={() => setShortLine(line)}
          />
        ))}
      </ol>

      {!current && (
        <section className="fixed inset-x-0 bottom-0 z-20 border-t border-line bg-white p-4 shadow-[0_-4px_16px_rgba(0,0,0,0.06)]">
          <div className="mx-auto flex max-w-md items-center gap-3">
            <div className="flex items-center gap-1" role="group" aria-label="Bags">
              <button type="button" aria-label="Fewer bags" onClick={() => setBags((b) => Math.max(1, b - 1))} className="size-11 rounded-lg border border-line text-xl font-bold">
                −
              </button>
              <span className="w-16 text-center text-[15px] font-bold" aria-live="polite">
                {bags} bag{bags === 1 ? '' : 's'}
              </span>
              <button type="button" aria-label="More bags" onClick={() => setBags((b) => Math.min(50, b + 1))} className="size-11 rounded-lg border border-line text-xl font-bold">
                +
              </button>
            </div>
            <Button
              size="lg"
              block
              disabled={waiting}
              loading={packing.isLoading}
              onClick={async () => {
                try {
                  const res = await pack({ orderId: pick.orderId, body: { bags } }).unwrap();
                  onPacked(res.label);
                } catch (e) {
                  toast.error(errorMessage(e));
                }
              }}
            >
              {waiting ? `Waiting for ${pick.customerFirstName}…` : 'Packed'}
            </Button>
          </div>
        </section>
      )}
      {shortLine && (
        <ShortSheet
          line={shortLine}
          onCancel={() => setShortLine(null)}
          onDone={(found, reason) => {
            setShortLine(null);
            void send(shortLine, { found, reason });
          }}
        />
      )}
    </div>
  );
}
