import { Link } from 'react-router';
import { cn } from '@/lib/cn';
import type { Category } from '../types';

/** Left rail of subcategories with round thumbnails; the chosen one gets a green edge and tint. */
export function SubcategoryRail({ category, active }: { category: Category; active: string | undefined }) {
  const entries = [
    { slug: undefined, name: `All`, imageUrl: category.imageUrl, to: `/c/${category.slug}` },
    ...category.subcategories.map((sub) => ({
      slug: sub.slug,
      name: sub.name,
      imageUrl: sub.imageUrl,
      to: `/c/${category.slug}/${sub.slug}`,
    })),
  ];
  return (
    <nav aria-label={`${category.name} subcategories`} className="h-full">
      <ul className="flex flex-col">
        {entries.map((entry) => {
          const selected = entry.slug === active;
          return (
            <li key={entry.slug ?? 'all'}>
              <Link
                to={entry.to}
                replace
                aria-current={selected ? 'page' : undefined}
                className={cn(
                  'flex flex-col items-center gap-1 border-l-4 px-1 py-2.5 text-center md:flex-row md:gap-3 md:px-3 md:text-left',
                  selected ? 'border-action bg-action-soft' : 'border-transparent hover:bg-surface',
                )}
              >
                <span
                  className={cn(
                    'size-12 shrink-0 overflow-hidden rounded-full p-1 md:size-11',
                    selected ? 'bg-white' : 'bg-surface',
                  )}
                >
                  {entry.imageUrl && (
                    <img
                      src={entry.imageUrl}
                      alt=""
                      width={48}
                      height={48}
                      loading="lazy"
                      className="size-full rounded-full object-contain"
                    />
                  )}
                </span>
                <span
                  className={cn(
                    'line-clamp-2 text-[11px] leading-tight md:text-[13px]',
                    selected ? 'font-bold' : 'font-medium text-ink/85',
                  )}
                >
                  {entry.name}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
