import { useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { AddressBody } from '@fatafat/contracts/addresses';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { FormError } from '@/components/ui/FormError';
import { useApiForm } from '@/lib/api-form';
import { cn } from '@/lib/cn';
import { useCreateAddressMutation, useUpdateAddressMutation } from '../api/addresses.api';
import type { Address } from '../types';

type FormInput = z.input<typeof AddressBody>;

const labels = [
  { value: 'home', text: 'Home' },
  { value: 'work', text: 'Work' },
  { value: 'other', text: 'Other' },
] as const;

interface AddressFormProps {
  address?: Address;
  defaults?: Partial<FormInput>;
  onSaved: (address: Address) => void;
  onCancel?: () => void;
}

/** Add or edit an address; validated with the same Zod schema the API uses. */
export function AddressForm({ address, defaults, onSaved, onCancel }: AddressFormProps) {
  const [create, { isLoading: creating }] = useCreateAddressMutation();
  const [update, { isLoading: updating }] = useUpdateAddressMutation();
  const {
    register,
    onSubmit,
    control,
    setValue,
    formState: { errors },
  } = useApiForm(
    AddressBody,
    async (values) => {
      const body = { ...values, line2: values.line2 || null, landmark: values.landmark || null };
      onSaved(address ? await update({ id: address.id, ...body }).unwrap() : await create(body).unwrap());
    },
    'Could not save this address.',
    {
      defaultValues: address
        ? {
            label: address.label,
            name: address.name,
            phone: address.phone,
            line1: address.line1,
            line2: address.line2 ?? '',
            landmark: address.landmark ?? '',
            city: address.city,
            state: address.state,
            pincode: address.pincode,
          }
        : { label: 'home', city: 'Gurugram', state: 'Haryana', ...defaults },
    },
  );
  const label = useWatch({ control, name: 'label' });

  return (
    <form
      onSubmit={onSubmit}
      className="flex flex-col gap-3.5"
      noValidate
      aria-label={address ? 'Edit address' : 'Add address'}
    >
      <fieldset>
        <legend className="mb-1.5 text-[13px] font-semibold">Save address as</legend>
        <div className="flex gap-2">
          {labels.map((option) => (
            <button
              key={option.value}
              type="button"
              aria-pressed={label === option.value}
              onClick={() => setValue('label', option.value)}
              className={cn(
                'h-9 rounded-full border px-4 text-[13px] font-semibold',
                label === option.value
                  ? 'border-action bg-action-soft text-action-dark'
                  : 'border-line hover:bg-surface',
              )}
            >
              {option.text}
            </button>
          ))}
        </div>
      </fieldset>
      <TextField
        label="House / flat / floor"
        autoComplete="address-line1"
        error={errors.line1?.message && `House / flat ${errors.line1.message}`}
        {...register('line1')}
      />
      <TextField
        label="Area / sector / locality"
        autoComplete="address-line2"
        error={errors.line2?.message}
        {...register('line2')}
      />
      <TextField label="Landmark (optional)" error={errors.landmark?.message} {...register('landmark')} />
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label="City"
          autoComplete="address-level2"
          error={errors.city?.message && `City ${errors.city.message}`}
          {...register('city')}
        />
        <TextField
          label="State"
          autoComplete="address-level1"
          error={errors.state?.message && `State ${errors.state.message}`}
          {...register('state')}
        />
      </div>
      <TextField
        label="Pincode"
        inputMode="numeric"
        maxLength={6}
        autoComplete="postal-code"
        error={errors.pincode?.message ? `Pincode ${errors.pincode.message}` : undefined}
        {...register('pincode')}
      />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <TextField
          label="Receiver's name"
          autoComplete="name"
          error={errors.name?.message ? `Name ${errors.name.message}` : undefined}
          {...register('name')}
        />
        <TextField
          label="Receiver's phone"
          type="tel"
          inputMode="numeric"
          prefix="+91"
          autoComplete="tel-national"
          error={errors.phone?.message ? `Phone ${errors.phone.message}` : undefined}
          {...register('phone')}
        />
      </div>
      <FormError message={errors.root?.message} />
      <div className="flex gap-2 pt-1">
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button type="submit" loading={creating || updating} className="flex-1">
          Save address
        </Button>
      </div>
    </form>
  );
}
