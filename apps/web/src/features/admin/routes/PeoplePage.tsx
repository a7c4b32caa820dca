import { useState } from 'react';
import toast from 'react-hot-toast';
import { z } from 'zod';
import { FiPlus } from 'react-icons/fi';
import type { Person, StoreRole } from '@fatafat/contracts/people';
import { Button } from '@/components/ui/Button';
import { ErrorState } from '@/components/ui/ErrorState';
import { FormError } from '@/components/ui/FormError';
import { Sheet } from '@/components/ui/Sheet';
import { TextField } from '@/components/ui/TextField';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useApiForm } from '@/lib/api-form';
import { errorMessage } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { confirmAction } from '../confirm';
import { useCreatePersonMutation, usePeopleQuery, useSetPersonDisabledMutation } from '../api/people.api';
import { Badge, EmptyRow, PageHeader, SelectField, table } from '../components/AdminKit';
import { StoreOptions, TableFrame } from '../components/StoreOptions';
import { useAdminUser } from '../hooks/use-admin-user';

const ROLE_LABEL: Record<StoreRole, string> = { picker: 'Picker', rider: 'Rider', staff: 'Store manager' };

/** Blank inputs mean "not given"; the API checks the rest (a login to sign in with, a valid mobile…). */
const blank = (s: string) => (s.trim() === '' ? undefined : s.trim());
const PersonForm = z.object({
  role: z.enum(['picker', 'rider', 'staff']),
  storeId: z.string().min(1, 'choose a store'),
  name: z.string().trim().min(1, 'is required').max(80),
  email: z.string(),
  mobile: z.string(),
  password: z.string().refine((p) => p === '' || p.length >= 8, 'at least 8 characters'),
});

function NewPerson({ storeId, onClose }: { storeId: string; onClose: () => void }) {
  const me = useAdminUser();
  const [create] = useCreatePersonMutation();
  const { register, onSubmit, formState } = useApiForm(
    PersonForm,
    async (v) => {
      const person = await create({
        role: v.role,
        storeId: v.storeId,
        name: v.name,
        email: blank(v.email),
        mobile: blank(v.mobile),
        password: blank(v.password),
      }).unwrap();
      toast.success(`${person.name} can now sign in`);
      onClose();
    },
    'The account could not be created',
    { defaultValues: { role: 'picker', storeId, name: '', email: '', mobile: '', password: '' }, mode: 'onTouched' },
  );
  const { errors, isSubmitting } = formState;
  return (
    <Sheet open onClose={onClose} placement="right" title="New person">
      <form className="grid gap-3 p-5" noValidate onSubmit={(e) => void onSubmit(e)}>
        <div className="grid grid-cols-2 gap-3">
          <SelectField label="Role" {...register('role')}>
            <option value="picker">Picker</option>
            <option value="rider">Rider</option>
            {me.role === 'admin' && <option value="staff">Store manager</option>}
          </SelectField>
          {me.role === 'admin' ? (
            <SelectField label="Store" {...register('storeId')} error={errors.storeId?.message}>
              <StoreOptions none="Choose…" />
            </SelectField>
          ) : (
            <input type="hidden" {...register('storeId')} />
          )}
          <TextField label="Name" className="col-span-2" autoComplete="off" {...register('name')} error={errors.name?.message} />
          <TextField label="Email" type="email" autoComplete="off" {...register('email')} error={errors.email?.message} />
          <TextField label="Mobile" inputMode="tel" autoComplete="off" {...register('mobile')} error={errors.mobile?.message} />
          <TextField
            label="Password (optional)"
            type="password"
            className="col-span-2"
            autoComplete="new-password"
            {...register('password')}
            error={errors.password?.message}
          />
        </div>
        <p className="text-[13px] text-muted">
          With a mobile number they sign in by OTP; with an email and a password, by password. Without a password they can set one with
          “Forgot password”.
        </p>
        <FormError message={errors.root?.message} />
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Create
          </Button>
        </div>
      </form>
    </Sheet>
  );
}

/** Pickers, riders and store managers of a store: create them and disable or enable their accounts. */
export default function PeoplePage() {
  useDocumentTitle('People · Admin');
  const me = useAdminUser();
  const [storeId, setStoreId] = useState(me.storeId ?? '');
  const [role, setRole] = useState<StoreRole | ''>('');
  const people = usePeopleQuery({ storeId: me.role === 'admin' ? storeId || undefined : undefined, role: role || undefined });
  const [setDisabled] = useSetPersonDisabledMutation();
  const [creating, setCreating] = useState(false);
  const toggle = async (p: Person) => {
    if (!p.disabled) {
      const ok = await confirmAction({
        title: `Disable ${p.name}?`,
        text: 'They are signed out everywhere and cannot sign in until enabled again.',
        confirmText: 'Disable',
      });
      if (!ok) return;
    }
    try {
      await setDisabled({ id: p.id, disabled: !p.disabled }).unwrap();
      toast.success(p.disabled ? `${p.name} enabled` : `${p.name} disabled`);
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  return (
    <>
      <PageHeader
        title="People"
        subtitle="Pickers, riders and store managers"
        actions={
          <Button size="sm" onClick={() => setCreating(true)}>
            <FiPlus aria-hidden /> New person
          </Button>
        }
      />
      <div className="mb-3 flex flex-wrap gap-2">
        {me.role === 'admin' && (
          <SelectField label="Store" value={storeId} onChange={(e) => setStoreId(e.target.value)}>
            <StoreOptions none="All stores" />
          </SelectField>
        )}
        <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as StoreRole | '')}>
          <option value="">Everyone</option>
          <option value="picker">Pickers</option>
          <option value="rider">Riders</option>
          <option value="staff">Store managers</option>
        </SelectField>
      </div>
      {people.isError ? (
        <ErrorState onRetry={() => void people.refetch()} />
      ) : (
        <TableFrame
          head={
            <>
              <th className={table.th}>Name</th>
              <th className={table.th}>Role</th>
              <th className={table.th}>Store</th>
              <th className={table.th}>Sign-in</th>
              <th className={table.th}>Since</th>
              <th className={`${table.th} text-right`}>Account</th>
            </>
          }
        >
          {!people.data ? (
            <EmptyRow colSpan={6}>Loading…</EmptyRow>
          ) : people.data.length === 0 ? (
            <EmptyRow colSpan={6}>Nobody here yet.</EmptyRow>
          ) : (
            people.data.map((p) => (
              <tr key={p.id} className={table.tr}>
                <td className={`${table.td} font-semibold`}>
                  {p.name}
                  {p.disabled && (
                    <span className="ml-2">
                      <Badge tone="red">Disabled</Badge>
                    </span>
                  )}
                </td>
                <td className={table.td}>
                  <Badge tone={p.role === 'staff' ? 'yellow' : 'green'}>{ROLE_LABEL[p.role]}</Badge>
                </td>
                <td className={`${table.td} text-muted`}>{p.store.name}</td>
                <td className={`${table.td} text-muted`}>{[p.email, p.mobile].filter(Boolean).join(' · ')}</td>
                <td className={`${table.td} whitespace-nowrap text-muted`}>{formatDateTime(p.createdAt)}</td>
                <td className={`${table.td} text-right`}>
                  {(me.role === 'admin' || p.role !== 'staff') && p.id !== me.id && (
                    <Button size="sm" variant="ghost" className={p.disabled ? '' : 'text-danger'} onClick={() => void toggle(p)}>
                      {p.disabled ? 'Enable' : 'Disable'}
                    </Button>
                  )}
                </td>
              </tr>
            ))
          )}
        </TableFrame>
      )}
      {creating && <NewPerson storeId={me.role === 'admin' ? storeId : (me.storeId ?? '')} onClose={() => setCreating(false)} />}
    </>
  );
}
