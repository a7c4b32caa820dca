import { useState } from 'react';
import { ProductImage } from '@/components/ui/ProductImage';
import { cn } from '@/lib/cn';
import type { ProductImage as Img } from '../types';

export function ProductGallery({
  images,
  fallback,
  name,
}: {
  images: Img[];
  fallback: string | null;
  name: string;
}) {
  const all = images.length > 0 ? images : fallback ? [{ url: fallback, width: 600, height: 600 }] : [];
  const [index, setIndex] = useState(0);
  const current = all[index] ?? all[0];
  return (
    <div className="flex flex-col gap-3">
      <div className="overflow-hidden rounded-2xl border border-line bg-white p-2 md:p-6">
        <ProductImage
          src={current?.url}
          alt={name}
          size={current?.width ?? 600}
          eager
          className="mx-auto max-h-[420px] rounded-xl"
        />
      </div>
      {all.length > 1 && (
        <ul className="scrollbar-none flex gap-2 overflow-x-auto" aria-label="Product images">
          {all.map((image, i) => (
            <li key={image.url}>
              <button
                type="button"
                aria-label={`Show image ${i + 1} of ${all.length}`}
                aria-pressed={i === index}
                onClick={() => setIndex(i)}
                className={cn(
                  'size-16 overflow-hidden rounded-lg border-2 bg-surface/60 p-1',
                  i === index ? 'border-action' : 'border-line',
                )}
              >
                <ProductImage src={image.url} alt="" size={64} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
