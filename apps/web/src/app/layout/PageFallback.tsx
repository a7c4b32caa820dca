import { Skeleton } from '@/components/ui/Skeleton';

/** Shown while a route's code chunk loads: the rough shape of a page, not a spinner. */
export function PageFallback() {
  return (
    <div className="mx-auto max-w-[1280px] px-4 py-6" aria-busy="true" aria-label="Loading">
      <Skeleton className="h-7 w-48" />
      <div className="mt-5 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {Array.from({ length: 10 }, (_, i) => (
          <Skeleton key={i} className="aspect-[3/4] w-full" />
        ))}
      </div>
    </div>
  );
}
