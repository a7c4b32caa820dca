import { Link } from 'react-router';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { FormError } from '@/components/ui/FormError';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useApiForm } from '@/lib/api-form';
import { useForgotPasswordMutation } from '@/features/auth/api/account.api';
import { ForgotSchema } from '@/features/auth/schemas';
import { AuthCard } from './auth-card';

export function Component() {
  useDocumentTitle('Forgot password');
  const [forgot, { isLoading, isSuccess }] = useForgotPasswordMutation();
  const {
    register,
    onSubmit,
    formState: { errors },
  } = useApiForm(
    ForgotSchema,
    (values) => forgot(values).unwrap(),
    'Something went wrong. Please try again.',
  );

  return (
    <AuthCard title="Reset your password" subtitle="We'll email you a link to choose a new one.">
      {isSuccess ? (
        <p role="status" className="rounded-lg bg-action-soft px-4 py-3 text-sm">
          If an account exists for that email, a reset link is on its way. It expires in an hour.
        </p>
      ) : (
        <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
          <TextField
            label="Email"
            type="email"
            autoComplete="email"
            error={errors.email?.message}
            {...register('email')}
          />
          <FormError message={errors.root?.message} />
          <Button type="submit" loading={isLoading} block size="lg">
            Send reset link
          </Button>
        </form>
      )}
      <Link to="/login" className="mt-5 block text-center text-sm font-semibold text-action hover:underline">
        Back to log in
      </Link>
    </AuthCard>
  );
}
