import { useEffect, useState } from 'react';
import { useAppDispatch } from '@/app/hooks';
import { env } from '@/config/env';
import { adminEndpoints } from '../api/admin.api';

export type LiveState = 'connecting' | 'live' | 'offline';

/**
 * Follows the API's admin event stream (SSE) and refetches orders and the dashboard whenever an order in
 * view is created or changes. EventSource reconnects by itself; while it is down the caller polls.
 */
export function useAdminEvents(storeId: string | undefined): LiveState {
  const dispatch = useAppDispatch();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const url = `${env.apiBase}/admin/events${storeId ? `?storeId=${encodeURIComponent(storeId)}` : ''}`;
    const source = new EventSource(url, { withCredentials: true });
    const refresh = () => dispatch(adminEndpoints.util.invalidateTags(['AdminOrder', 'AdminDashboard']));
    let opened = false;
    source.addEventListener('ready', () => {
      setState('live');
      // Anything that happened while we were reconnecting is fetched once.
      if (opened) refresh();
      opened = true;
    });
    source.addEventListener('order', refresh);
    source.onerror = () => setState('offline');
    return () => source.close();
  }, [storeId, dispatch]);
  return state;
}
