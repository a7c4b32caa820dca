import { useAppDispatch } from '@/app/hooks';
import { env } from '@/config/env';
import { useNoticeStream, type LiveState } from '@/hooks/use-notice-stream';
import { opsEndpoints } from '../api/ops.api';

export type { LiveState };

/**
 * Follows the store floor's notice stream: every order created or moved at the store refetches the queue,
 * so orders appear and leave without a reload (the caller polls while the stream is down).
 */
export function useOpsEvents(storeId: string | undefined, enabled: boolean): LiveState {
  const dispatch = useAppDispatch();
  const url = enabled ? `${env.apiBase}/ops/events${storeId ? `?storeId=${encodeURIComponent(storeId)}` : ''}` : null;
  return useNoticeStream(url, () => dispatch(opsEndpoints.util.invalidateTags(['OpsQueue'])));
}
