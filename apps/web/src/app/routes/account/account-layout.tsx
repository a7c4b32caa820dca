import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { FiCreditCard, FiLock, FiMapPin, FiPackage, FiUser } from 'react-icons/fi';
import { Skeleton } from '@/components/ui/Skeleton';
import { cn } from '@/lib/cn';
import { useCurrentUser } from '@/features/auth/api/auth.api';

const links = [
  { to: '/account/orders', label: 'My orders', icon: FiPackage },
  { to: '/account/wallet', label: 'Fatafat Cash', icon: FiCreditCard },
  { to: '/account/addresses', label: 'Addresses', icon: FiMapPin },
  { to: '/account/profile', label: 'Profile', icon: FiUser },
  { to: '/account/password', label: 'Password', icon: FiLock },
];

/** Account pages need a session: guests are sent to log in and brought back here after. */
export function Component() {
  const { user, isLoading } = useCurrentUser();
  const { pathname } = useLocation();
  if (isLoading) return <Skeleton className="mx-auto mt-6 h-80 max-w-[1000px]" />;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(pathname)}`} replace />;

  return (
    <div className="mx-auto grid max-w-[1000px] gap-4 px-4 py-4 md:grid-cols-[220px_1fr] md:gap-8 md:py-8">
      <nav
        aria-label="Account"
        className="min-w-0 md:sticky md:top-[calc(var(--header-h,81px)+24px)] md:self-start"
      >
        <div className="mb-3 hidden md:block">
          <p className="text-lg font-extrabold">{user.name}</p>
          <p className="truncate text-[13px] text-muted">{user.email ?? user.mobile}</p>
        </div>
        <ul className="scrollbar-none -mx-4 flex gap-2 overflow-x-auto px-4 md:mx-0 md:flex-col md:gap-0.5 md:px-0">
          {links.map(({ to, label, icon: Icon }) => (
            <li key={to} className="shrink-0">
              <NavLink
                to={to}
                className={({ isActive }) =>
                  cn(
                    'flex h-9 items-center gap-2.5 rounded-full border px-3.5 text-[13px] font-semibold md:h-11 md:rounded-lg md:border-0 md:text-sm',
                    isActive || (to === '/account/orders' && pathname === '/account')
                      ? 'border-action bg-action-soft text-action-dark'
                      : 'border-line hover:bg-surface',
                  )
                }
              >
                <Icon className="size-4" aria-hidden="true" /> {label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0">
        <Outlet />
      </div>
    </div>
  );
}
