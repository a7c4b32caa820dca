import { notify } from '@/lib/notify';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { FormError } from '@/components/ui/FormError';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useApiForm } from '@/lib/api-form';
import { useChangePasswordMutation } from '@/features/auth/api/account.api';
import { ChangePasswordSchema } from '@/features/auth/schemas';

export function Component() {
  useDocumentTitle('Change password');
  const [change, { isLoading }] = useChangePasswordMutation();
  const {
    register,
    onSubmit,
    formState: { errors },
  } = useApiForm(
    ChangePasswordSchema,
    async ({ currentPassword, newPassword }, form) => {
      await change({ currentPassword, newPassword }).unwrap();
      form.reset();
      notify.success('Password changed');
    },
    'Could not change your password.',
  );

  return (
    <section aria-labelledby="password-title" className="max-w-md">
      <h1 id="password-title" className="mb-4 text-xl font-extrabold tracking-tight">
        Change password
      </h1>
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={errors.currentPassword?.message}
          {...register('currentPassword')}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters"
          error={errors.newPassword?.message}
          {...register('newPassword')}
        />
        <TextField
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          error={errors.confirm?.message}
          {...register('confirm')}
        />
        <FormError message={errors.root?.message} />
        <Button type="submit" loading={isLoading} className="self-start">
          Update password
        </Button>
      </form>
    </section>
  );
}
