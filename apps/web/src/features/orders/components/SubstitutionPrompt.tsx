import toast from 'react-hot-toast';
import { FiClock, FiRepeat } from 'react-icons/fi';
import { Button } from '@/components/ui/Button';
import { ProductImage } from '@/components/ui/ProductImage';
import { useNow } from '@/hooks/use-now';
import { errorMessage } from '@/lib/api';
import { formatMoney } from '@/lib/format';
import { useAnswerSubstitutionMutation } from '../api/orders.api';
import type { Order } from '../types';

type Substitution = Order['substitutions'][number];

/**
 * The store is out of something and proposes a similar item: the customer says yes or no before the
 * time runs out (no answer is a refund). Arrives live over the order's stream; gone once answered.
 */
export function SubstitutionPrompt({ order }: { order: Order }) {
  const now = useNow(order.status === 'packing');
  const open = order.status === 'packing' ? order.substitutions.filter((s) => s.status === 'proposed' && Date.parse(s.expiresAt) > now) : [];
  if (!open.length) return null;
  return (
    <div className="flex flex-col gap-3" aria-live="polite">
      {open.map((s) => (
        <PromptCard key={s.forVariantId} order={order} substitution={s} secondsLeft={Math.max(0, Math.ceil((Date.parse(s.expiresAt) - now) / 1000))} />
      ))}
    </div>
  );
}

function PromptCard({ order, substitution: s, secondsLeft }: { order: Order; substitution: Substitution; secondsLeft: number }) {
  const [answer, { isLoading, originalArgs }] = useAnswerSubstitutionMutation();
  const original = order.items.find((i) => i.variantId === s.forVariantId);
  const send = async (accept: boolean) => {
    try {
      await answer({ orderId: order.id, variantId: s.forVariantId, accept }).unwrap();
      toast.success(accept ? `${s.name} is coming instead` : "We'll refund the missing item");
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  const cheaper = original && s.price < original.price;
  return (
    <section
      aria-labelledby={`sub-${s.forVariantId}`}
      data-testid="substitution-prompt"
      className="rounded-[var(--radius-card)] border-2 border-amber-400 bg-amber-50 p-4"
    >
      <div className="flex items-start justify-between gap-3">
        <h2 id={`sub-${s.forVariantId}`} className="flex items-center gap-2 text-[15px] font-bold text-ink">
          <FiRepeat aria-hidden="true" className="shrink-0 text-amber-700" />
          {original ? `${original.name} is out of stock` : 'An item is out of stock'}
        </h2>
        <span className="inline-flex shrink-0 items-center gap-1 rounded-full bg-white px-2 py-0.5 font-mono text-[13px] font-bold text-amber-800 tabular-nums">
          <FiClock aria-hidden="true" />
          <span aria-label={`${secondsLeft} seconds left to answer`}>
            {Math.floor(secondsLeft / 60)}:{String(secondsLeft % 60).padStart(2, '0')}
          </span>
        </span>
      </div>
      <p className="mt-1 text-[13px] text-ink/80">The store suggests a similar item instead. No answer in time and we refund it.</p>
      <div className="mt-3 flex items-center gap-3 rounded-xl bg-white p-3">
        <span className="size-14 shrink-0 overflow-hidden rounded-lg border border-line bg-surface/60 p-0.5">
          <ProductImage src={s.imageUrl} alt="" size={56} />
        </span>
        <span className="min-w-0 flex-1">
          <span className="block text-[14px] font-semibold leading-snug">{s.name}</span>
          <span className="block text-[12px] text-muted">
            {s.label} × {s.quantity}
          </span>
        </span>
        <span className="text-right text-[14px] font-bold tabular">
          {formatMoney(s.price * s.quantity)}
          {cheaper && <span className="block text-[11px] font-semibold text-action">You pay less</span>}
        </span>
      </div>
      <div className="mt-3 grid grid-cols-2 gap-2">
        <Button variant="outline" loading={isLoading && originalArgs?.accept === false} disabled={isLoading} onClick={() => void send(false)}>
          No, refund it
        </Button>
        <Button loading={isLoading && originalArgs?.accept === true} disabled={isLoading} onClick={() => void send(true)} data-testid="accept-substitute">
          Yes, send it
        </Button>
      </div>
    </section>
  );
}
