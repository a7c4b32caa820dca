import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link } from 'react-router';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { FormError } from '@/components/ui/FormError';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api';
import { useForgotPasswordMutation } from '@/features/auth/api/account.api';
import { ForgotSchema, type ForgotValues } from '@/features/auth/schemas';
import { AuthCard } from './auth-card';

export function Component() {
  useDocumentTitle('Forgot password');
  const [forgot, { isLoading, isSuccess }] = useForgotPasswordMutation();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ForgotValues>({ resolver: zodResolver(ForgotSchema) });

  const onSubmit = handleSubmit(async (values) => {
    try {
      await forgot(values).unwrap();
    } catch (error) {
      setError('root', { message: errorMessage(error) });
    }
  });

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
