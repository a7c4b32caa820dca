import { useState } from 'react';
import { cn } from '@/lib/cn';

interface ProductImageProps {
  src: string | null | undefined;
  alt: string;
  size?: number;
  className?: string;
  eager?: boolean;
}

/**
 * Lazy image with fixed intrinsic size (no layout shift). If the file fails we show a calm tile with the
 * product's initial instead of a broken-image icon.
 */
export function ProductImage({ src, alt, size = 240, className, eager = false }: ProductImageProps) {
  const [failed, setFailed] = useState(false);
  if (!src || failed) {
    return (
      <div
        role="img"
        aria-label={alt}
        className={cn(
          'grid aspect-square w-full place-items-center bg-brand-soft text-3xl font-extrabold text-ink/40',
          className,
        )}
      >
        {alt.trim().charAt(0).toUpperCase()}
      </div>
    );
  }
  return (
    <img
      src={src}
      alt={alt}
      width={size}
      height={size}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
      fetchPriority={eager ? 'high' : undefined}
      onError={() => setFailed(true)}
      className={cn('aspect-square w-full object-contain', className)}
    />
  );
}
