import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { FormError } from '@/components/ui/FormError';
import { useApiForm } from '@/lib/api-form';
import { useRegisterMutation } from '../api/account.api';
import { RegisterSchema } from '../schemas';
import type { User } from '../types';

export function RegisterForm({ onSuccess }: { onSuccess: (user: User) => void }) {
  const [registerUser, { isLoading }] = useRegisterMutation();
  const {
    register,
    onSubmit,
    formState: { errors },
  } = useApiForm(
    RegisterSchema,
    async (values) => onSuccess(await registerUser(values).unwrap()),
    'Could not create your account.',
  );

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate aria-label="Create an account">
      <TextField label="Full name" autoComplete="name" error={errors.name?.message} {...register('name')} />
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        error={errors.email?.message}
        {...register('email')}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters"
        error={errors.password?.message}
        {...register('password')}
      />
      <FormError message={errors.root?.message} />
      <Button type="submit" loading={isLoading} block size="lg">
        Create account
      </Button>
    </form>
  );
}
