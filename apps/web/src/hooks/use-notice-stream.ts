import { useEffect, useRef, useState } from 'react';
import { renewSession } from '@/lib/api';

export type LiveState = 'connecting' | 'live' | 'offline';

/**
 * Follows a notice stream (SSE that sends `ready` then `order` notices): calls `onNotice` for each notice,
 * and once after a reconnect for whatever happened while it was down. EventSource reconnects by itself;
 * the state says when the caller should poll instead. The server ends a stream when the access cookie that
 * opened it expires and then refuses the reconnect: the session is renewed once and the stream opened again.
 */
export function useNoticeStream(url: string | null, onNotice: () => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const notice = useRef(onNotice);
  const [generation, setGeneration] = useState(0);
  const renewed = useRef(false);
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
      if (opened || renewed.current) refresh();
      opened = true;
      renewed.current = false;
    });
    source.addEventListener('order', refresh);
    source.onerror = () => {
      setState('offline');
      if (source.readyState !== EventSource.CLOSED || renewed.current) return;
      renewed.current = true;
      void renewSession().then((ok) => ok && setGeneration((g) => g + 1));
    };
    return () => source.close();
  }, [url, generation]);
  return state;
}
