import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { FormError } from '@/components/ui/FormError';
import { TextField } from '@/components/ui/TextField';
import { errorMessage } from '@/lib/api';
import { notify } from '@/lib/notify';
import {
  useRequestMobileChangeMutation,
  useUpdateProfileMutation,
  useVerifyMobileChangeMutation,
} from '../api/account.api';
import { MobileSchema, OtpCodeSchema } from '../schemas';
import type { User } from '../types';

/**
 * The account's mobile number. A number signs in by OTP, so a new one is attached only once the code sent
 * to it comes back: number → code → saved. Removing needs no code.
 */
export function MobileNumberForm({ user }: { user: User }) {
  const [editing, setEditing] = useState(false);
  const [mobile, setMobile] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [requestCode, { isLoading: sending }] = useRequestMobileChangeMutation();
  const [verifyCode, { isLoading: verifying }] = useVerifyMobileChangeMutation();
  const [update, { isLoading: removing }] = useUpdateProfileMutation();

  function reset() {
    setEditing(false);
    setSentTo(null);
    setMobile('');
    setCode('');
    setError(undefined);
  }

  async function send(event?: FormEvent) {
    event?.preventDefault();
    setError(undefined);
    const parsed = MobileSchema.safeParse(sentTo ?? mobile);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    try {
      await requestCode({ mobile: parsed.data }).unwrap();
      setSentTo(parsed.data);
    } catch (err) {
      setError(errorMessage(err, 'Could not send the code.'));
    }
  }

  async function verify(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    const parsed = OtpCodeSchema.safeParse(code);
    if (!parsed.success || !sentTo) {
      setError(parsed.error?.issues[0]?.message ?? 'Enter the code');
      return;
    }
    try {
      await verifyCode({ mobile: sentTo, code: parsed.data }).unwrap();
      notify.success('Mobile number saved');
      reset();
    } catch (err) {
      setError(errorMessage(err, 'That code did not work.'));
    }
  }

  async function remove() {
    try {
      await update({ mobile: null }).unwrap();
      notify.success('Mobile number removed');
    } catch (err) {
      setError(errorMessage(err, 'Could not remove the number.'));
    }
  }

  if (!editing) {
    return (
      <div className="flex flex-col gap-2" data-testid="mobile-number">
        <span className="text-sm font-semibold">Mobile number</span>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span>{user.mobile ? `+91 ${user.mobile}` : 'No number yet'}</span>
          {user.mobile && !user.mobileVerified && (
            <span className="text-[13px] text-muted">Not verified: add it again to sign in with it</span>
          )}
          <button type="button" className="font-semibold text-action hover:underline" onClick={() => setEditing(true)}>
            {user.mobile ? 'Change' : 'Add number'}
          </button>
          {user.mobile && user.email && (
            <button
              type="button"
              className="font-semibold text-muted hover:underline"
              disabled={removing}
              onClick={() => void remove()}
            >
              Remove
            </button>
          )}
        </div>
        <FormError message={error} />
      </div>
    );
  }

  if (!sentTo) {
    return (
      <form onSubmit={send} className="flex flex-col gap-3" noValidate aria-label="New mobile number">
        <TextField
          label="New mobile number"
          type="tel"
          prefix="+91"
          inputMode="numeric"
          maxLength={10}
          autoComplete="tel-national"
          value={mobile}
          autoFocus
          onChange={(e) => setMobile(e.target.value.replace(/\D/g, ''))}
          error={error}
          hint="We send a code to this number to check it is yours."
        />
        <div className="flex gap-2">
          <Button type="submit" loading={sending}>
            Send code
          </Button>
          <Button type="button" variant="ghost" onClick={reset}>
            Cancel
          </Button>
        </div>
      </form>
    );
  }

  return (
    <form onSubmit={verify} className="flex flex-col gap-3" noValidate aria-label="Confirm mobile number">
      <p className="text-sm text-muted">
        We sent a code to <span className="font-semibold text-ink">+91 {sentTo}</span>.
      </p>
      <TextField
        label="Code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        value={code}
        autoFocus
        onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
        error={error}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" loading={verifying}>
          Verify and save
        </Button>
        <Button type="button" variant="ghost" onClick={() => void send()} disabled={sending}>
          Resend code
        </Button>
        <Button type="button" variant="ghost" onClick={reset}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
