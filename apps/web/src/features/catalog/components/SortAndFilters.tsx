import { FiX } from 'react-icons/fi';
import { cn } from '@/lib/cn';
import type { ProductSort } from '../types';

export const sortOptions: Array<{ value: ProductSort; label: string }> = [
  { value: 'relevance', label: 'Relevance' },
  { value: 'price_asc', label: 'Price (low to high)' },
  { value: 'price_desc', label: 'Price (high to low)' },
  { value: 'discount', label: 'Discount' },
  { value: 'newest', label: 'Newest' },
];

export const priceRanges: Array<{ key: string; label: string; min?: number; max?: number }> = [
  { key: '0-5000', label: 'Under ₹50', max: 5000 },
  { key: '5000-10000', label: '₹50 – ₹100', min: 5000, max: 10000 },
  { key: '10000-20000', label: '₹100 – ₹200', min: 10000, max: 20000 },
  { key: '20000-', label: 'Above ₹200', min: 20000 },
];

export interface FilterState {
  sort: ProductSort;
  minPrice?: number;
  maxPrice?: number;
  brand?: string;
}

/** Reads sort and filters from the URL, so back/forward and shared links keep them. */
export function readFilters(params: URLSearchParams): FilterState {
  const sort = params.get('sort');
  const num = (key: string) => {
    const value = Number(params.get(key));
    return params.has(key) && Number.isFinite(value) ? value : undefined;
  };
  return {
    sort: sortOptions.some((option) => option.value === sort) ? (sort as ProductSort) : 'relevance',
    minPrice: num('minPrice'),
    maxPrice: num('maxPrice'),
    brand: params.get('brand') ?? undefined,
  };
}

interface SortAndFiltersProps {
  filters: FilterState;
  brands: string[];
  onChange: (next: Partial<Record<'sort' | 'minPrice' | 'maxPrice' | 'brand', string | undefined>>) => void;
}

export function SortAndFilters({ filters, brands, onChange }: SortAndFiltersProps) {
  const activeRange = priceRanges.find(
    (range) => range.min === filters.minPrice && range.max === filters.maxPrice,
  );
  const chip =
    'inline-flex h-8 shrink-0 items-center gap-1 rounded-full border px-3 text-[13px] font-semibold whitespace-nowrap transition-colors';
  const hasFilters = filters.minPrice !== undefined || filters.maxPrice !== undefined || !!filters.brand;

  return (
    <div className="flex flex-col gap-2.5">
      <div className="scrollbar-none -mx-3 flex items-center gap-2 overflow-x-auto px-3 md:mx-0 md:px-0">
        <label className="relative shrink-0">
          <span className="sr-only">Sort by</span>
          <select
            value={filters.sort}
            onChange={(event) =>
              onChange({ sort: event.target.value === 'relevance' ? undefined : event.target.value })
            }
            className={cn(chip, 'appearance-none border-line bg-white pr-7 outline-none hover:bg-surface')}
            data-testid="sort-select"
          >
            {sortOptions.map((option) => (
              <option key={option.value} value={option.value}>
                Sort: {option.label}
              </option>
            ))}
          </select>
          <span
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-[10px]"
          >
            ▼
          </span>
        </label>
        {priceRanges.map((range) => {
          const active = activeRange?.key === range.key;
          return (
            <button
              key={range.key}
              type="button"
              aria-pressed={active}
              onClick={() =>
                onChange(
                  active
                    ? { minPrice: undefined, maxPrice: undefined }
                    : { minPrice: range.min?.toString(), maxPrice: range.max?.toString() },
                )
              }
              className={cn(
                chip,
                active
                  ? 'border-action bg-action-soft text-action-dark'
                  : 'border-line bg-white hover:bg-surface',
              )}
            >
              {range.label}
              {active && <FiX aria-hidden="true" />}
            </button>
          );
        })}
        {brands.length > 0 && (
          <label className="relative shrink-0">
            <span className="sr-only">Brand</span>
            <select
              value={filters.brand ?? ''}
              onChange={(event) => onChange({ brand: event.target.value || undefined })}
              className={cn(
                chip,
                'appearance-none pr-7 outline-none',
                filters.brand
                  ? 'border-action bg-action-soft text-action-dark'
                  : 'border-line bg-white hover:bg-surface',
              )}
            >
              <option value="">All brands</option>
              {brands.map((brand) => (
                <option key={brand} value={brand}>
                  {brand}
                </option>
              ))}
            </select>
            <span
              aria-hidden="true"
              className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-[10px]"
            >
              ▼
            </span>
          </label>
        )}
        {hasFilters && (
          <button
            type="button"
            onClick={() => onChange({ minPrice: undefined, maxPrice: undefined, brand: undefined })}
            className="shrink-0 px-2 text-[13px] font-semibold text-action hover:underline"
          >
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
