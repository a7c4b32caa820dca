import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/TextField';
import { errorMessage } from '@/lib/api';
import { useRequestOtpMutation, useVerifyOtpMutation } from '../api/account.api';
import { MobileSchema, OtpCodeSchema } from '../schemas';
import type { User } from '../types';

/** Two steps: mobile number → one-time code. */
export function OtpLoginForm({ onSuccess }: { onSuccess: (user: User) => void }) {
  const [mobile, setMobile] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [requestOtp, { isLoading: sending }] = useRequestOtpMutation();
  const [verifyOtp, { isLoading: verifying }] = useVerifyOtpMutation();

  async function send(event?: FormEvent) {
    event?.preventDefault();
    setError(null);
    const parsed = MobileSchema.safeParse(mobile);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Enter a valid mobile number');
      return;
    }
    try {
      await requestOtp({ mobile: parsed.data }).unwrap();
      setSentTo(parsed.data);
    } catch (err) {
      setError(errorMessage(err, 'Could not send the code.'));
    }
  }

  async function verify(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const parsed = OtpCodeSchema.safeParse(code);
    if (!parsed.success || !sentTo) {
      setError(parsed.error?.issues[0]?.message ?? 'Enter the code');
      return;
    }
    try {
      onSuccess(await verifyOtp({ mobile: sentTo, code: parsed.data }).unwrap());
    } catch (err) {
      setError(errorMessage(err, 'That code did not work.'));
    }
  }

  if (!sentTo) {
    return (
      <form onSubmit={send} className="flex flex-col gap-4" noValidate aria-label="Log in with mobile number">
        <TextField
          label="Mobile number"
          type="tel"
          inputMode="numeric"
          autoComplete="tel-national"
          prefix="+91"
          maxLength={10}
          value={mobile}
          onChange={(event) => setMobile(event.target.value.replace(/\D/g, ''))}
          error={error ?? undefined}
        />
        <Button type="submit" loading={sending} block size="lg">
          Get OTP
        </Button>
      </form>
    );
  }

  return (
    <form onSubmit={verify} className="flex flex-col gap-4" noValidate aria-label="Enter one-time code">
      <p className="text-sm text-muted">
        We sent a code to <span className="font-semibold text-ink">+91 {sentTo}</span>.{' '}
        <button
          type="button"
          className="font-semibold text-action hover:underline"
          onClick={() => setSentTo(null)}
        >
          Change
        </button>
      </p>
      <TextField
        label="One-time code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        value={code}
        autoFocus
        onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
        error={error ?? undefined}
      />
      <Button type="submit" loading={verifying} block size="lg">
        Verify and continue
      </Button>
      <button
        type="button"
        onClick={() => send()}
        disabled={sending}
        className="self-center text-sm font-semibold text-action hover:underline"
      >
        Resend code
      </button>
    </form>
  );
}
