import { Link } from 'react-router';
import { Skeleton } from '@/components/ui/Skeleton';
import type { Category } from '../types';

export function CategoryGrid({
  categories,
  isLoading,
}: {
  categories: Category[] | undefined;
  isLoading: boolean;
}) {
  return (
    <section aria-labelledby="shop-by-category" className="mt-7">
      <h2 id="shop-by-category" className="mb-3 text-lg font-extrabold tracking-tight md:text-xl">
        Shop by category
      </h2>
      <ul className="grid grid-cols-4 gap-x-2.5 gap-y-4 sm:grid-cols-6 lg:grid-cols-10">
        {isLoading || !categories
          ? Array.from({ length: 10 }, (_, i) => (
              <li key={i} className="flex flex-col gap-2">
                <Skeleton className="aspect-square w-full rounded-xl" />
                <Skeleton className="mx-auto h-3 w-3/4" />
              </li>
            ))
          : categories.map((category, index) => (
              <li key={category.id}>
                <Link
                  to={`/c/${category.slug}`}
                  className="group flex flex-col items-center gap-1.5 text-center"
                >
                  {/* The seed draws each category on its own pastel tile, so no extra background here. */}
                  <span className="block aspect-square w-full overflow-hidden rounded-xl bg-surface transition-transform duration-150 group-hover:scale-[1.03]">
                    {category.imageUrl ? (
                      <img
                        src={category.imageUrl}
                        alt=""
                        width={120}
                        height={120}
                        loading={index < 8 ? 'eager' : 'lazy'}
                        decoding="async"
                        className="size-full object-contain"
                      />
                    ) : null}
                  </span>
                  <span className="line-clamp-2 text-[12px] leading-tight font-semibold text-ink md:text-[13px]">
                    {category.name}
                  </span>
                </Link>
              </li>
            ))}
      </ul>
    </section>
  );
}
