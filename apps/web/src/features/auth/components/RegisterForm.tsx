import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { FormError } from '@/components/ui/FormError';
import { errorMessage } from '@/lib/api';
import { useRegisterMutation } from '../api/account.api';
import { RegisterSchema, type RegisterValues } from '../schemas';
import type { User } from '../types';

export function RegisterForm({ onSuccess }: { onSuccess: (user: User) => void }) {
  const [registerUser, { isLoading }] = useRegisterMutation();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<RegisterValues>({ resolver: zodResolver(RegisterSchema) });

  const onSubmit = handleSubmit(async (values) => {
    try {
      onSuccess(await registerUser(values).unwrap());
    } catch (error) {
      setError('root', { message: errorMessage(error, 'Could not create your account.') });
    }
  });

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
