import { useEffect, useRef, useState } from 'react';

export type LiveState = 'connecting' | 'live' | 'offline';

/**
 * Follows a notice stream (SSE that sends `ready` then `order` notices): calls `onNotice` for each notice,
 * and once after a reconnect for whatever happened while it was down. EventSource reconnects by itself;
 * the state says when the caller should poll instead.
 */
export function useNoticeStream(url: string | null, onNotice: () => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const notice = useRef(onNotice);
  useEffect(() => {
    notice.current = onNotice;
  });
  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    const source = new EventSource(url, { withCredentials: true });
    const refresh = () => notice.current();
    let opened = false;
    source.addEventListener('ready', () => {
      setState('live');
      if (opened) refresh();
      opened = true;
    });
    source.addEventListener('order', refresh);
    source.onerror = () => setState('offline');
    return () => source.close();
  }, [url]);
  return state;
}
