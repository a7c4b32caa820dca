import { Link, useSearchParams } from 'react-router';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { FormError } from '@/components/ui/FormError';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useApiForm } from '@/lib/api-form';
import { useResetPasswordMutation } from '@/features/auth/api/account.api';
import { ResetSchema } from '@/features/auth/schemas';
import { AuthCard } from './auth-card';

export function Component() {
  useDocumentTitle('Choose a new password');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [reset, { isLoading, isSuccess }] = useResetPasswordMutation();
  const {
    register,
    onSubmit,
    formState: { errors },
  } = useApiForm(
    ResetSchema,
    ({ password }) => reset({ token, password }).unwrap(),
    'This link is invalid or has expired.',
  );

  return (
    <AuthCard title="Choose a new password">
      {isSuccess ? (
        <div role="status" className="flex flex-col gap-4 text-center">
          <p className="text-sm">Your password has been changed. You can log in with it now.</p>
          <Link to="/login" className="font-semibold text-action hover:underline">
            Log in
          </Link>
        </div>
      ) : (
        <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            error={errors.password?.message}
            {...register('password')}
          />
          <TextField
            label="Confirm password"
            type="password"
            autoComplete="new-password"
            error={errors.confirm?.message}
            {...register('confirm')}
          />
          <FormError message={errors.root?.message} />
          <Button type="submit" loading={isLoading} disabled={!token} block size="lg">
            Save password
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
