import { useState } from 'react';
import { notify } from '@/lib/notify';
import { FiEdit2, FiPlus, FiTrash2 } from 'react-icons/fi';
import { Button } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { Skeleton } from '@/components/ui/Skeleton';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api';
import { confirmDestructive } from '@/lib/confirm';
import {
  useDeleteAddressMutation,
  useGetAddressesQuery,
  useUpdateAddressMutation,
} from '@/features/addresses/api/addresses.api';
import { AddressServiceNote } from '@/features/location/components/AddressServiceNote';
import { AddressCard } from '@/features/addresses/components/AddressCard';
import { AddressForm } from '@/features/addresses/components/AddressForm';
import type { Address } from '@/features/addresses/types';
import { useCurrentUser } from '@/features/auth/api/auth.api';

export function Component() {
  useDocumentTitle('Saved addresses');
  const { user } = useCurrentUser();
  const { data: addresses, isLoading, isError, refetch } = useGetAddressesQuery();
  const [deleteAddress] = useDeleteAddressMutation();
  const [updateAddress] = useUpdateAddressMutation();
  const [editing, setEditing] = useState<Address | 'new' | null>(null);

  async function onDelete(address: Address) {
    const ok = await confirmDestructive({
      title: 'Delete this address?',
      text: `${address.line1}, ${address.city}`,
      confirmText: 'Delete',
    });
    if (!ok) return;
    try {
      await deleteAddress(address.id).unwrap();
      notify.success('Address deleted');
    } catch (error) {
      notify.error(errorMessage(error));
    }
  }

  if (isError) return <ErrorState onRetry={refetch} />;

  return (
    <section aria-labelledby="addresses-title">
      <div className="mb-4 flex items-center justify-between">
        <h1 id="addresses-title" className="text-xl font-extrabold tracking-tight">
          Saved addresses
        </h1>
        {editing === null && addresses && addresses.length > 0 && (
          <Button size="sm" variant="outline" onClick={() => setEditing('new')}>
            <FiPlus aria-hidden="true" /> Add new
          </Button>
        )}
      </div>
      {editing !== null ? (
        <div className="rounded-[var(--radius-card)] border border-line p-4">
          <h2 className="mb-4 text-base font-bold">
            {editing === 'new' ? 'Add a new address' : 'Edit address'}
          </h2>
          <AddressForm
            address={editing === 'new' ? undefined : editing}
            defaults={{ name: user?.name ?? '', phone: user?.mobile ?? '' }}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              notify.success('Address saved');
            }}
          />
        </div>
      ) : isLoading ? (
        <Skeleton className="h-24 w-full" />
      ) : !addresses || addresses.length === 0 ? (
        <EmptyState
          title="No saved addresses"
          message="Save your home and work addresses for faster checkout."
          action={<Button onClick={() => setEditing('new')}>Add an address</Button>}
        />
      ) : (
        <ul className="flex flex-col gap-3">
          {addresses.map((address) => (
            <li key={address.id}>
              <AddressCard
                address={address}
                note={<AddressServiceNote address={address} />}
                actions={
                  <div className="flex shrink-0 items-center gap-1">
                    {!address.isDefault && (
                      <button
                        type="button"
                        onClick={() => updateAddress({ id: address.id, isDefault: true })}
                        className="hidden h-8 px-2 text-[12px] font-semibold text-action hover:underline sm:block"
                      >
                        Make default
                      </button>
                    )}
                    <button
                      type="button"
                      aria-label={`Edit ${address.label} address`}
                      onClick={() => setEditing(address)}
                      className="grid size-8 place-items-center rounded-full hover:bg-surface"
                    >
                      <FiEdit2 className="size-4" aria-hidden="true" />
                    </button>
                    <button
                      type="button"
                      aria-label={`Delete ${address.label} address`}
                      onClick={() => onDelete(address)}
                      className="grid size-8 place-items-center rounded-full text-danger hover:bg-danger-soft"
                    >
                      <FiTrash2 className="size-4" aria-hidden="true" />
                    </button>
                  </div>
                }
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
