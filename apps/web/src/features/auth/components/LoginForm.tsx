import { Link } from 'react-router';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { FormError } from '@/components/ui/FormError';
import { useApiForm } from '@/lib/api-form';
import { useLoginMutation } from '../api/account.api';
import { LoginSchema } from '../schemas';
import type { User } from '../types';

export function LoginForm({ onSuccess }: { onSuccess: (user: User) => void }) {
  const [login, { isLoading }] = useLoginMutation();
  const {
    register,
    onSubmit,
    formState: { errors },
  } = useApiForm(
    LoginSchema,
    async (values) => onSuccess(await login(values).unwrap()),
    'Could not log you in.',
  );

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
