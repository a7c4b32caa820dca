import { useState } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import toast from 'react-hot-toast';
import { z } from 'zod';
import { FiPlus } from 'react-icons/fi';
import type { Coupon } from '@fatafat/contracts/coupons';
import { Button } from '@/components/ui/Button';
import { ErrorState } from '@/components/ui/ErrorState';
import { Sheet } from '@/components/ui/Sheet';
import { TextField } from '@/components/ui/TextField';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { confirmAction } from '../confirm';
import { errorMessage } from '@/lib/api';
import { formatDateTime, formatMoney } from '@/lib/format';
import { useCouponsQuery, useCouponUsageQuery, useCreateCouponMutation, useDisableCouponMutation, useUpdateCouponMutation } from '../api/admin.api';
import { Badge, EmptyRow, PageHeader, SelectField, table } from '../components/AdminKit';

const optionalNumber = z.union([z.literal(''), z.coerce.number().positive('must be more than 0')]);
/** The coupon form in human units (rupees, local dates); converted to the contract's paise and ISO on save. */
const CouponForm = z
  .object({
    code: z.string().trim().regex(/^[A-Za-z0-9_-]{3,30}$/, '3–30 letters, digits, - or _'),
    description: z.string().max(300),
    kind: z.enum(['flat', 'percent']),
    value: z.coerce.number().positive('must be more than 0'),
    minOrder: z.union([z.literal(''), z.coerce.number().min(0)]),
    maxDiscount: optionalNumber,
    startsAt: z.string(),
    endsAt: z.string(),
    usageLimit: z.union([z.literal(''), z.coerce.number().int('whole number').positive()]),
    perUserLimit: z.union([z.literal(''), z.coerce.number().int('whole number').positive()]),
    firstOrderOnly: z.boolean(),
    isActive: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'percent' && v.value > 100) ctx.addIssue({ code: 'custom', path: ['value'], message: 'at most 100%' });
    if (v.startsAt && v.endsAt && new Date(v.endsAt) <= new Date(v.startsAt)) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after the start' });
    }
  });
type FormIn = z.input<typeof CouponForm>;
type FormOut = z.output<typeof CouponForm>;

const localInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

function toForm(c?: Coupon): FormIn {
  return {
    code: c?.code ?? '',
    description: c?.description ?? '',
    kind: c?.kind ?? 'flat',
    value: c ? (c.kind === 'flat' ? c.value / 100 : c.value) : ('' as unknown as number),
    minOrder: c ? c.minOrder / 100 : '',
    maxDiscount: c?.maxDiscount != null ? c.maxDiscount / 100 : '',
    startsAt: localInput(c?.startsAt ?? null),
    endsAt: localInput(c?.endsAt ?? null),
    usageLimit: c?.usageLimit ?? '',
    perUserLimit: c?.perUserLimit ?? '',
    firstOrderOnly: c?.firstOrderOnly ?? false,
    isActive: c?.isActive ?? true,
  };
}

function CouponEditor({ coupon, onClose }: { coupon?: Coupon; onClose: () => void }) {
  const [create] = useCreateCouponMutation();
  const [update] = useUpdateCouponMutation();
  const usage = useCouponUsageQuery(coupon?.id ?? '', { skip: !coupon });
  const { register, handleSubmit, control, formState } = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(CouponForm) as Resolver<FormIn, unknown, FormOut>,
    defaultValues: toForm(coupon),
    mode: 'onTouched',
  });
  const kind = useWatch({ control, name: 'kind' });
  const { errors, isSubmitting } = formState;
  const submit = async (v: FormOut) => {
    const body = {
      code: v.code,
      description: v.description,
      kind: v.kind,
      value: v.kind === 'flat' ? Math.round(v.value * 100) : Math.round(v.value),
      minOrder: v.minOrder === '' ? 0 : Math.round(v.minOrder * 100),
      maxDiscount: v.maxDiscount === '' ? null : Math.round(v.maxDiscount * 100),
      startsAt: v.startsAt ? new Date(v.startsAt).toISOString() : null,
      endsAt: v.endsAt ? new Date(v.endsAt).toISOString() : null,
      usageLimit: v.usageLimit === '' ? null : v.usageLimit,
      perUserLimit: v.perUserLimit === '' ? null : v.perUserLimit,
      firstOrderOnly: v.firstOrderOnly,
      isActive: v.isActive,
    };
    try {
      if (coupon) await update({ id: coupon.id, patch: body }).unwrap();
      else await create(body).unwrap();
      toast.success(coupon ? 'Coupon saved' : 'Coupon created');
      onClose();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  return (
    <Sheet open onClose={onClose} placement="right" title={coupon ? `Coupon ${coupon.code}` : 'New coupon'}>
      <form className="grid gap-3 p-5" noValidate onSubmit={(e) => void handleSubmit(submit)(e)}>
        <div className="grid grid-cols-2 gap-3">
          <TextField label="Code" className="col-span-2 uppercase" {...register('code')} error={errors.code?.message} />
          <TextField label="Description" className="col-span-2" {...register('description')} error={errors.description?.message} />
          <SelectField label="Type" {...register('kind')}>
            <option value="flat">Flat amount</option>
            <option value="percent">Percent</option>
          </SelectField>
          <TextField
            label={kind === 'percent' ? 'Percent off' : 'Amount off'}
            prefix={kind === 'percent' ? '%' : '₹'}
            inputMode="decimal"
            {...register('value')}
            error={errors.value?.message}
          />
          <TextField label="Minimum order" prefix="₹" inputMode="decimal" {...register('minOrder')} error={errors.minOrder?.message} />
          <TextField label="Max discount" prefix="₹" inputMode="decimal" {...register('maxDiscount')} error={errors.maxDiscount?.message} />
          <TextField label="Starts" type="datetime-local" {...register('startsAt')} error={errors.startsAt?.message} />
          <TextField label="Ends" type="datetime-local" {...register('endsAt')} error={errors.endsAt?.message} />
          <TextField label="Total uses" inputMode="numeric" placeholder="unlimited" {...register('usageLimit')} error={errors.usageLimit?.message} />
          <TextField label="Uses per customer" inputMode="numeric" placeholder="unlimited" {...register('perUserLimit')} error={errors.perUserLimit?.message} />
        </div>
        <label className="flex items-center gap-2 text-[14px]">
          <input type="checkbox" className="size-4 accent-action" {...register('firstOrderOnly')} /> First order only
        </label>
        <label className="flex items-center gap-2 text-[14px]">
          <input type="checkbox" className="size-4 accent-action" {...register('isActive')} /> Active
        </label>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Save
          </Button>
        </div>
      </form>
      {coupon && (
        <section className="border-t border-line px-5 py-4">
          <h3 className="mb-2 text-[12px] font-semibold uppercase tracking-wide text-muted">Usage</h3>
          {!usage.data ? (
            <p className="text-[13px] text-muted">Loading…</p>
          ) : usage.data.redemptions.length === 0 ? (
            <p className="text-[13px] text-muted">Not used yet.</p>
          ) : (
            <ul className="grid gap-1 text-[13px]">
              {usage.data.redemptions.map((r) => (
                <li key={r.orderId} className="flex justify-between border-b border-line py-1.5">
                  <span>
                    <span className="font-semibold">{r.orderNumber ?? r.orderId.slice(0, 8)}</span>{' '}
                    <span className="text-muted">{formatDateTime(r.at)}</span>
                  </span>
                  <span className="tabular-nums">{r.discount != null ? `−${formatMoney(r.discount)}` : ''}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </Sheet>
  );
}

export default function CouponsPage() {
  useDocumentTitle('Coupons · Admin');
  const { data, isError, refetch } = useCouponsQuery({});
  const [disable] = useDisableCouponMutation();
  const [editing, setEditing] = useState<Coupon | 'new' | null>(null);
  const describe = (c: Coupon) =>
    c.kind === 'flat' ? `${formatMoney(c.value)} off` : `${c.value}% off${c.maxDiscount ? ` up to ${formatMoney(c.maxDiscount)}` : ''}`;
  const off = async (c: Coupon) => {
    const ok = await confirmAction({ title: `Disable ${c.code}?`, text: 'Shoppers can no longer apply it. Past orders keep their discount.', confirmText: 'Disable' });
    if (!ok) return;
    try {
      await disable(c.id).unwrap();
      toast.success(`${c.code} disabled`);
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  const live = (c: Coupon) => c.isActive && (!c.endsAt || new Date(c.endsAt) > new Date());
  return (
    <>
      <PageHeader
        title="Coupons"
        subtitle="Codes shoppers apply in the cart"
        actions={
          <Button size="sm" onClick={() => setEditing('new')}>
            <FiPlus aria-hidden /> New coupon
          </Button>
        }
      />
      {isError ? (
        <ErrorState onRetry={() => void refetch()} />
      ) : (
        <div className="overflow-hidden rounded-[var(--radius-card)] border border-line bg-white">
          <div className={table.wrap}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th className={table.th}>Code</th>
                  <th className={table.th}>Offer</th>
                  <th className={table.th}>Min order</th>
                  <th className={table.th}>Valid</th>
                  <th className={`${table.th} text-right`}>Used</th>
                  <th className={table.th}>Status</th>
                  <th className={`${table.th} text-right`}>Actions</th>
                </tr>
              </thead>
              <tbody>
                {!data ? (
                  <EmptyRow colSpan={7}>Loading…</EmptyRow>
                ) : data.length === 0 ? (
                  <EmptyRow colSpan={7}>No coupons yet.</EmptyRow>
                ) : (
                  data.map((c) => (
                    <tr key={c.id} className={table.tr}>
                      <td className={`${table.td} font-mono font-semibold`}>{c.code}</td>
                      <td className={table.td}>
                        {describe(c)}
                        {c.firstOrderOnly && <span className="ml-1.5 text-[12px] text-muted">· first order</span>}
                      </td>
                      <td className={`${table.td} tabular-nums`}>{c.minOrder ? formatMoney(c.minOrder) : '—'}</td>
                      <td className={`${table.td} whitespace-nowrap text-muted`}>
                        {c.startsAt || c.endsAt
                          ? `${c.startsAt ? formatDateTime(c.startsAt) : 'now'} → ${c.endsAt ? formatDateTime(c.endsAt) : 'no end'}`
                          : 'Always'}
                      </td>
                      <td className={`${table.td} text-right tabular-nums`}>
                        {c.usedCount}
                        {c.usageLimit ? ` / ${c.usageLimit}` : ''}
                      </td>
                      <td className={table.td}>{live(c) ? <Badge tone="green">Live</Badge> : c.isActive ? <Badge tone="yellow">Ended</Badge> : <Badge>Disabled</Badge>}</td>
                      <td className={`${table.td} text-right whitespace-nowrap`}>
                        <Button size="sm" variant="ghost" onClick={() => setEditing(c)}>
                          Edit
                        </Button>
                        {c.isActive && (
                          <Button size="sm" variant="ghost" className="text-danger" onClick={() => void off(c)}>
                            Disable
                          </Button>
                        )}
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {editing && <CouponEditor key={editing === 'new' ? 'new' : editing.id} coupon={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
