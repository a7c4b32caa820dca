import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from './Button';
import { Spinner } from './Spinner';

interface LoadMoreProps {
  /** Another page exists. */
  hasMore: boolean;
  /** A page is being fetched (or is still being drawn) right now. */
  loading: boolean;
  onLoadMore: () => void;
  /** What the button and the spinner say, e.g. "products". */
  what: string;
  /** How far below the viewport (px) the end of the list starts the next page. */
  margin?: number;
}

/**
 * The end of an endless list: the next page starts loading once the end of the list is within `margin`
 * of the viewport's bottom edge — or above it — and a "Load more" button stays as the fallback.
 *
 * It measures on scroll instead of waiting for an IntersectionObserver: an observer reports only
 * crossings, and on a small phone a fling to the footer (taller than the screen) carries the end of the
 * list from below the viewport to above it without ever intersecting, so the list stopped at a page.
 */
export function LoadMore({ hasMore, loading, onLoadMore, what, margin = 600 }: LoadMoreProps) {
  const [node, setNode] = useState<HTMLDivElement | null>(null);
  const next = useRef(onLoadMore);
  useEffect(() => {
    next.current = onLoadMore;
  });

  useEffect(() => {
    if (!node || !hasMore || loading) return;
    let asked = false;
    let frame = 0;
    const check = () => {
      frame = 0;
      if (asked || node.getBoundingClientRect().top > window.innerHeight + margin) return;
      asked = true;
      next.current();
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(check);
    };
    check();
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
    };
  }, [node, hasMore, loading, margin]);

  const ref = useCallback((element: HTMLDivElement | null) => setNode(element), []);
  return (
    <>
      <div ref={ref} aria-hidden="true" />
      {loading ? (
        <div className="flex justify-center py-6 text-action">
          <Spinner className="size-6" label={`Loading more ${what}`} />
        </div>
      ) : (
        hasMore && (
          <div className="flex justify-center py-6">
            <Button variant="outline" onClick={onLoadMore} data-testid="load-more">
              Load more {what}
            </Button>
          </div>
        )
      )}
    </>
  );
}
