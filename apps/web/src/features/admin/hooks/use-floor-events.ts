import { useEffect, useRef } from 'react';
import { useAppDispatch } from '@/app/hooks';
import { env } from '@/config/env';
import { useNoticeStream, type LiveState } from '@/hooks/use-notice-stream';
import { floorEndpoints } from '../api/floor.api';

/** The day's figures and the cash read a whole day: refetched at most this often however busy the floor is. */
const DAY_REFRESH_MS = 10_000;

/**
 * Follows the store's admin event stream (every claim, line answered, pack, pickup and handover is an order
 * notice): the floor board is refetched on each notice, the day's figures and the rider cash at most every
 * 10 s (the last notice of a burst is never lost).
 */
export function useFloorEvents(storeId: string | undefined, enabled: boolean): LiveState {
  const dispatch = useAppDispatch();
  const last = useRef(0);
  const pending = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(pending.current), []);
  const url = enabled ? `${env.apiBase}/admin/events${storeId ? `?storeId=${encodeURIComponent(storeId)}` : ''}` : null;
  return useNoticeStream(url, () => {
    dispatch(floorEndpoints.util.invalidateTags(['FloorBoard']));
    if (pending.current !== undefined) return;
    const refreshDay = () => {
      pending.current = undefined;
      last.current = Date.now();
      dispatch(floorEndpoints.util.invalidateTags(['FloorStats', 'RiderCash']));
    };
    const wait = last.current + DAY_REFRESH_MS - Date.now();
    if (wait <= 0) refreshDay();
    else pending.current = window.setTimeout(refreshDay, wait);
  });
}
