import { useNavigate, useSearchParams } from 'react-router';
import { notify } from '@/lib/notify';
import type { User } from '@/features/auth/types';

/** Where to go after logging in: the `next` page when it is a local path, home otherwise. */
export function useAfterLogin(): (user: User) => void {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (user) => {
    const next = params.get('next');
    notify.success(`Welcome, ${user.name.split(' ')[0] ?? 'back'}!`);
    // Only same-site paths, so a crafted link cannot bounce people to another site.
    navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  };
}
