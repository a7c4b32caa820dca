import { useAppDispatch } from '@/app/hooks';
import { env } from '@/config/env';
import { useNoticeStream, type LiveState } from '@/hooks/use-notice-stream';
import { floorEndpoints } from '../api/floor.api';

/**
 * Follows the store's admin event stream (every claim, line answered, pack, pickup and handover is an order
 * notice) and refetches the floor board, the day's figures and the rider cash when one arrives.
 */
export function useFloorEvents(storeId: string | undefined, enabled: boolean): LiveState {
  const dispatch = useAppDispatch();
  const url = enabled ? `${env.apiBase}/admin/events${storeId ? `?storeId=${encodeURIComponent(storeId)}` : ''}` : null;
  return useNoticeStream(url, () => dispatch(floorEndpoints.util.invalidateTags(['FloorBoard', 'FloorStats', 'RiderCash'])));
}
