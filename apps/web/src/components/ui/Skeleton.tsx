import { cn } from '@/lib/cn';

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded-lg bg-surface', className)} />;
}

/** Same footprint as a ProductCard so nothing jumps when the real cards arrive. */
export function ProductCardSkeleton() {
  return (
    <div
      aria-hidden="true"
      className="flex flex-col gap-2 rounded-[var(--radius-card)] border border-line p-2.5"
    >
      <Skeleton className="aspect-square w-full" />
      <Skeleton className="h-4 w-16" />
      <Skeleton className="h-4 w-full" />
      <Skeleton className="h-3 w-12" />
      <div className="mt-2 flex items-center justify-between">
        <Skeleton className="h-5 w-14" />
        <Skeleton className="h-8 w-[66px]" />
      </div>
    </div>
  );
}
