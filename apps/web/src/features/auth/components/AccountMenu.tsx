import { lazy, Suspense } from 'react';
import { Link, useLocation } from 'react-router';
import { FiUser } from 'react-icons/fi';
import { cn } from '@/lib/cn';
import { useCurrentUser } from '../api/auth.api';

const CustomerMenu = lazy(() => import('./CustomerMenu'));

/** "Login" for guests; "Account ▾" with orders, addresses, profile and logout for customers. */
export function AccountMenu({ compact = false }: { compact?: boolean }) {
  const { user, isLoading } = useCurrentUser();
  const { pathname, search } = useLocation();
  const placeholder = <span className="h-10 w-16" aria-hidden="true" />;

  if (isLoading) return placeholder;

  if (user) {
    return (
      <Suspense fallback={placeholder}>
        <CustomerMenu user={user} compact={compact} />
      </Suspense>
    );
  }

  const next = encodeURIComponent(pathname + search);
  return (
    <Link
      to={`/login?next=${next}`}
      className={cn(
        'inline-flex h-10 items-center gap-2 rounded-[var(--radius-control)] px-3 text-[15px] font-semibold hover:bg-surface',
        compact && 'px-2',
      )}
      data-testid="login-link"
    >
      {compact ? <FiUser className="size-5" aria-label="Login" /> : 'Login'}
    </Link>
  );
}
