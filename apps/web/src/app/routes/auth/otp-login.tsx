import { useDocumentTitle } from '@/hooks/use-document-title';
import { AuthPanel } from '@/features/auth/components/AuthPanel';
import { AuthCard } from './auth-card';
import { useAfterLogin } from './use-after-login';

export function Component() {
  useDocumentTitle('Log in with OTP');
  const afterLogin = useAfterLogin();
  return (
    <AuthCard title="Log in with your mobile" subtitle="We'll text you a one-time code.">
      <AuthPanel initial="otp" onSuccess={afterLogin} />
    </AuthCard>
  );
}
