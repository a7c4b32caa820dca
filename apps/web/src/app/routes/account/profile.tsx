import { useRef, useState, type FormEvent } from 'react';
import { notify } from '@/lib/notify';
import { FiCamera, FiCheckCircle } from 'react-icons/fi';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { FormError } from '@/components/ui/FormError';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api';
import { useCurrentUser } from '@/features/auth/api/auth.api';
import {
  useResendVerificationMutation,
  useUpdateProfileMutation,
  useUploadAvatarMutation,
} from '@/features/auth/api/account.api';
import { WHEN_SHORT } from '@fatafat/contracts/floor-rules';
import { MobileNumberForm } from '@/features/auth/components/MobileNumberForm';
import type { User } from '@/features/auth/types';

function ProfileForm({ user }: { user: User }) {
  const [name, setName] = useState(user.name);
  const [errors, setErrors] = useState<{ name?: string; root?: string }>({});
  const [update, { isLoading }] = useUpdateProfileMutation();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (name.trim().length < 1) next.name = 'Enter your name';
    setErrors(next);
    if (Object.keys(next).length) return;
    try {
      await update({ name: name.trim() }).unwrap();
      notify.success('Profile updated');
    } catch (error) {
      setErrors({ root: errorMessage(error, 'Could not save your profile.') });
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <TextField
        label="Full name"
        autoComplete="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errors.name}
      />
      <TextField label="Email" value={user.email ?? ''} disabled readOnly hint="Email cannot be changed" />
      <FormError message={errors.root} />
      <Button type="submit" loading={isLoading} className="self-start">
        Save changes
      </Button>
    </form>
  );
}

/** The default for every new cart line's "if it is out of stock" choice. */
function WhenShortDefault({ user }: { user: User }) {
  const [update, { isLoading }] = useUpdateProfileMutation();
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-[14px] font-bold">If an item is out of stock</legend>
      <p className="text-[13px] text-muted">What the store should do when it cannot find something you ordered. You can change it per item in the cart.</p>
      {WHEN_SHORT.map((w) => (
        <label key={w} className="flex items-center gap-2 text-[14px]">
          <input
            type="radio"
            name="when-short"
            value={w}
            checked={user.whenShort === w}
            disabled={isLoading}
            onChange={async () => {
              try {
                await update({ whenShort: w }).unwrap();
                notify.success('Saved');
              } catch (error) {
                notify.error(errorMessage(error, 'Could not save your choice.'));
              }
            }}
            className="size-4 accent-[var(--color-action)]"
          />
          {WHEN_SHORT_HINTS[w]}
        </label>
      ))}
    </fieldset>
  );
}

const WHEN_SHORT_HINTS = {
  substitute: 'Replace it with something similar (you approve it in the app)',
  call: 'Call me to decide',
  refund: 'Refund it',
} as const;

export function Component() {
  useDocumentTitle('Profile');
  const { user } = useCurrentUser();
  const [upload, { isLoading: uploading }] = useUploadAvatarMutation();
  const [resend, { isLoading: resending, isSuccess: resent }] = useResendVerificationMutation();
  const fileRef = useRef<HTMLInputElement>(null);
  if (!user) return null;

  async function onAvatar(file: File | undefined) {
    if (!file) return;
    if (file.size > 2 * 1024 * 1024) {
      notify.error('Choose an image under 2 MB.');
      return;
    }
    try {
      await upload(file).unwrap();
      notify.success('Photo updated');
    } catch (error) {
      notify.error(errorMessage(error, 'Could not upload this image.'));
    }
  }

  return (
    <section aria-labelledby="profile-title" className="flex flex-col gap-6">
      <h1 id="profile-title" className="text-xl font-extrabold tracking-tight">
        Profile
      </h1>
      <div className="flex items-center gap-4">
        <div className="relative">
          <span className="grid size-20 place-items-center overflow-hidden rounded-full bg-brand text-2xl font-extrabold">
            {user.avatarUrl ? (
              <img src={user.avatarUrl} alt="" width={80} height={80} className="size-full object-cover" />
            ) : (
              user.name.charAt(0).toUpperCase()
            )}
          </span>
          <button
            type="button"
            onClick={() => fileRef.current?.click()}
            disabled={uploading}
            aria-label="Change profile photo"
            className="absolute -right-1 -bottom-1 grid size-8 place-items-center rounded-full border-2 border-white bg-ink text-white"
          >
            <FiCamera className="size-4" aria-hidden="true" />
          </button>
          <input
            ref={fileRef}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/avif"
            className="sr-only"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => void onAvatar(e.target.files?.[0])}
          />
        </div>
        <div>
          <p className="text-lg font-bold">{user.name}</p>
          {user.email && (
            <p className="flex items-center gap-1.5 text-[13px] text-muted">
              {user.email}
              {user.emailVerified ? (
                <FiCheckCircle className="text-action" aria-label="verified" />
              ) : (
                <button
                  type="button"
                  disabled={resending || resent}
                  onClick={() => resend()}
                  className="font-semibold text-action hover:underline disabled:text-muted"
                >
                  {resent ? 'Link sent' : 'Verify email'}
                </button>
              )}
            </p>
          )}
        </div>
      </div>
      <div className="flex max-w-md flex-col gap-6">
        <ProfileForm user={user} />
        <MobileNumberForm user={user} />
        <WhenShortDefault user={user} />
      </div>
    </section>
  );
}
