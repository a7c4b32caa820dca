import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link } from 'react-router';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { FormError } from '@/components/ui/FormError';
import { errorMessage } from '@/lib/api';
import { useLoginMutation } from '../api/account.api';
import { LoginSchema, type LoginValues } from '../schemas';
import type { User } from '../types';

export function LoginForm({ onSuccess }: { onSuccess: (user: User) => void }) {
  const [login, { isLoading }] = useLoginMutation();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<LoginValues>({ resolver: zodResolver(LoginSchema) });

  const onSubmit = handleSubmit(async (values) => {
    try {
      onSuccess(await login(values).unwrap());
    } catch (error) {
      setError('root', { message: errorMessage(error, 'Could not log you in.') });
    }
  });

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate aria-label="Log in with email">
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
        autoComplete="current-password"
        error={errors.password?.message}
        {...register('password')}
      />
      <FormError message={errors.root?.message} />
      <Button type="submit" loading={isLoading} block size="lg">
        Log in
      </Button>
      <Link to="/forgot-password" className="self-center text-sm font-semibold text-action hover:underline">
        Forgot password?
      </Link>
    </form>
  );
}
