import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { FiChevronDown, FiUser, FiPackage, FiMapPin, FiLock, FiLogOut } from 'react-icons/fi';
import { notify } from '@/lib/notify';
import { cn } from '@/lib/cn';
import { useLogoutMutation } from '../api/account.api';
import type { User } from '../types';

/**
 * A customer's "Account ▾" menu: orders, addresses, profile and logout. Its own chunk (with the logout
 * request), loaded only when someone is logged in; guests get the plain Login link from AccountMenu.
 */
export default function CustomerMenu({ user, compact }: { user: User; compact: boolean }) {
  const [logout] = useLogoutMutation();
  const { pathname } = useLocation();
  // The menu remembers the page it was opened on, so navigating anywhere closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: boolean | ((was: boolean) => boolean)) =>
    setOpenOn((current) => {
      const was = current === pathname;
      return (typeof next === 'function' ? next(was) : next) ? pathname : null;
    });
  const ref = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();

  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpenOn(null);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpenOn(null);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const items = [
    { to: '/account/orders', label: 'My orders', icon: FiPackage },
    { to: '/account/addresses', label: 'Saved addresses', icon: FiMapPin },
    { to: '/account/profile', label: 'Profile', icon: FiUser },
    { to: '/account/password', label: 'Change password', icon: FiLock },
  ];

  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        data-testid="account-button"
        className="inline-flex h-10 items-center gap-1.5 rounded-[var(--radius-control)] px-2 text-[15px] font-semibold hover:bg-surface md:px-3"
      >
        {compact ? (
          <span className="grid size-8 place-items-center rounded-full bg-surface" aria-label="Account">
            <FiUser className="size-[18px]" aria-hidden="true" />
          </span>
        ) : (
          <>
            Account{' '}
            <FiChevronDown aria-hidden="true" className={cn('transition-transform', open && 'rotate-180')} />
          </>
        )}
      </button>
      {open && (
        <div
          role="menu"
          className="absolute right-0 z-50 mt-2 w-64 animate-fade-in rounded-[var(--radius-card)] border border-line bg-white p-2 shadow-[var(--shadow-float)]"
        >
          <div className="border-b border-line px-3 pt-1 pb-3">
            <p className="font-bold">My Account</p>
            <p className="truncate text-[13px] text-muted">{user.email ?? user.mobile}</p>
          </div>
          <ul className="py-1">
            {items.map(({ to, label, icon: Icon }) => (
              <li key={to}>
                <Link
                  role="menuitem"
                  to={to}
                  className="flex items-center gap-3 rounded-lg px-3 py-2.5 text-sm font-medium hover:bg-surface"
                >
                  <Icon className="size-4 text-muted" aria-hidden="true" /> {label}
                </Link>
              </li>
            ))}
            <li>
              <button
                role="menuitem"
                type="button"
                data-testid="logout"
                onClick={async () => {
                  setOpen(false);
                  await logout()
                    .unwrap()
                    .catch(() => undefined);
                  notify.success('You are logged out');
                  navigate('/');
                }}
                className="flex w-full items-center gap-3 rounded-lg px-3 py-2.5 text-sm font-medium text-danger hover:bg-danger-soft"
              >
                <FiLogOut className="size-4" aria-hidden="true" /> Log out
              </button>
            </li>
          </ul>
        </div>
      )}
    </div>
  );
}
