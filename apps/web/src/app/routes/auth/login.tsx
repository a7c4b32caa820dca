import { useDocumentTitle } from '@/hooks/use-document-title';
import { AuthPanel } from '@/features/auth/components/AuthPanel';
import { AuthCard } from './auth-card';
import { useAfterLogin } from './use-after-login';

export function Component() {
  useDocumentTitle('Log in');
  const afterLogin = useAfterLogin();
  return (
    <AuthCard title="Log in or sign up" subtitle="Groceries in minutes, saved addresses and order tracking.">
      <AuthPanel onSuccess={afterLogin} />
    </AuthCard>
  );
}
