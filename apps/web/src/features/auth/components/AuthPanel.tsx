import { useState } from 'react';
import { cn } from '@/lib/cn';
import type { User } from '../types';
import { LoginForm } from './LoginForm';
import { OtpLoginForm } from './OtpLoginForm';
import { RegisterForm } from './RegisterForm';

type Mode = 'login' | 'register' | 'otp';

const tabs: Array<{ mode: Mode; label: string }> = [
  { mode: 'login', label: 'Log in' },
  { mode: 'register', label: 'Sign up' },
  { mode: 'otp', label: 'Mobile OTP' },
];

/** Login, sign-up and OTP in one card: used on the auth pages and inline at checkout. */
export function AuthPanel({
  initial = 'login',
  onSuccess,
}: {
  initial?: Mode;
  onSuccess: (user: User) => void;
}) {
  const [mode, setMode] = useState<Mode>(initial);
  return (
    <div>
      <div
        role="tablist"
        aria-label="How would you like to continue?"
        className="mb-5 grid grid-cols-3 rounded-[10px] bg-surface p-1"
      >
        {tabs.map((tab) => (
          <button
            key={tab.mode}
            type="button"
            role="tab"
            id={`auth-tab-${tab.mode}`}
            aria-selected={mode === tab.mode}
            aria-controls={`auth-panel-${tab.mode}`}
            onClick={() => setMode(tab.mode)}
            className={cn(
              'h-9 rounded-lg text-[13px] font-bold transition-colors',
              mode === tab.mode ? 'bg-white text-ink shadow-sm' : 'text-muted hover:text-ink',
            )}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`auth-panel-${mode}`} aria-labelledby={`auth-tab-${mode}`}>
        {mode === 'login' && <LoginForm onSuccess={onSuccess} />}
        {mode === 'register' && <RegisterForm onSuccess={onSuccess} />}
        {mode === 'otp' && <OtpLoginForm onSuccess={onSuccess} />}
      </div>
    </div>
  );
}
