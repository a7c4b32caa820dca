import { useAppDispatch } from '@/app/hooks';
import { env } from '@/config/env';
import { useNoticeStream, type LiveState } from '@/hooks/use-notice-stream';
import { adminEndpoints } from '../api/admin.api';

export type { LiveState };

/** Follows the admin event stream and refetches orders and the dashboard whenever an order in view changes. */
export function useAdminEvents(storeId: string | undefined): LiveState {
  const dispatch = useAppDispatch();
  return useNoticeStream(`${env.apiBase}/admin/events${storeId ? `?storeId=${encodeURIComponent(storeId)}` : ''}`, () =>
    dispatch(adminEndpoints.util.invalidateTags(['AdminOrder', 'AdminDashboard'])),
  );
}
