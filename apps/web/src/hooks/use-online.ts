import { useEffect } from 'react';
import { notify } from '@/lib/notify';

/** Tells people when the connection drops and when it is back, so a silent failure is never a mystery. */
export function useOnlineToasts(): void {
  useEffect(() => {
    const offline = () =>
      notify.error('You are offline. We will keep trying when you are back.', {
        id: 'offline',
        duration: Infinity,
      });
    const online = () => {
      notify.dismiss('offline');
      notify.success('Back online', { id: 'online' });
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
    };
  }, []);
}
