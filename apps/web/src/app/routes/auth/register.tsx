import { useDocumentTitle } from '@/hooks/use-document-title';
import { AuthPanel } from '@/features/auth/components/AuthPanel';
import { AuthCard } from './auth-card';
import { useAfterLogin } from './use-after-login';

export function Component() {
  useDocumentTitle('Create an account');
  const afterLogin = useAfterLogin();
  return (
    <AuthCard title="Create your account" subtitle="It takes less than a minute.">
      <AuthPanel initial="register" onSuccess={afterLogin} />
    </AuthCard>
  );
}
