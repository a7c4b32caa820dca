import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Renders children only once the placeholder is near the viewport. The home page has a rail per
 * category; this keeps it to a handful of requests until someone actually scrolls.
 */
export function LazyMount({
  children,
  minHeight,
  rootMargin = '400px',
}: {
  children: ReactNode;
  minHeight: number;
  rootMargin?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const node = ref.current;
    if (!node || visible) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setVisible(true);
      },
      { rootMargin },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [visible, rootMargin]);
  return visible ? <>{children}</> : <div ref={ref} style={{ minHeight }} aria-hidden="true" />;
}
