import { useImperativeHandle, useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import { FiSearch, FiArrowUpLeft } from 'react-icons/fi';
import { useAppSelector } from '@/app/hooks';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { formatMoney } from '@/lib/format';
import { cn } from '@/lib/cn';
import { selectStoreId } from '@/features/location/location.slice';
import { useSuggestQuery } from '../api/search.api';

interface Option {
  key: string;
  label: string;
  meta?: string;
  imageUrl?: string | null;
  to: string;
}

/** What the search box asks of its suggestions: handle a key press (true when handled). */
export interface SuggestionsHandle {
  onKeyDown(event: KeyboardEvent<HTMLInputElement>): boolean;
}

interface SuggestionsProps {
  ref: Ref<SuggestionsHandle>;
  text: string;
  open: boolean;
  listId: string;
  onChoose: (to: string) => void;
  /** The highlighted option's element id, for the input's aria-activedescendant. */
  onActiveChange: (id: string | undefined) => void;
}

/**
 * The search box's typeahead: debounced suggestions, the listbox and arrow-key navigation. Its own chunk,
 * loaded once someone focuses the search box, so the home page's first download carries only the input.
 */
export default function SearchSuggestions({
  ref,
  text,
  open,
  listId,
  onChoose,
  onActiveChange,
}: SuggestionsProps) {
  const store = useAppSelector(selectStoreId);
  const trimmed = text.trim();
  const q = useDebouncedValue(trimmed, 200);
  const { data, isFetching } = useSuggestQuery({ q, store }, { skip: q.length < 2 });
  // The highlight belongs to the text it was made for: typing clears it without an effect.
  const [highlight, setHighlight] = useState({ text, index: -1 });
  const active = highlight.text === text ? highlight.index : -1;

  const options = useMemo<Option[]>(() => {
    if (!data || q.length < 2) return [];
    const categories = data.categories.slice(0, 4).map<Option>((c) => ({
      key: `c-${c.id}`,
      label: c.name,
      meta: c.kind === 'subcategory' ? 'In category' : 'Category',
      imageUrl: null,
      to: c.kind === 'subcategory' ? `/c/${c.categorySlug}/${c.slug}` : `/c/${c.slug}`,
    }));
    const products = data.products.slice(0, 8).map<Option>((p) => ({
      key: `p-${p.id}`,
      label: p.name,
      meta: [p.brand, formatMoney(p.price)].filter(Boolean).join(' · '),
      imageUrl: p.imageUrl,
      to: `/p/${p.slug}`,
    }));
    return [...products, ...categories];
  }, [data, q]);

  const setActive = (next: (index: number) => number) => {
    const index = next(active);
    setHighlight({ text, index });
    onActiveChange(index >= 0 && options[index] ? `${listId}-${index}` : undefined);
  };

  useImperativeHandle(ref, () => ({
    onKeyDown(event) {
      if (event.key === 'ArrowDown') {
        setActive((i) => (options.length ? (i + 1) % options.length : -1));
        return true;
      }
      if (event.key === 'ArrowUp') {
        setActive((i) => (options.length ? (i <= 0 ? options.length - 1 : i - 1) : -1));
        return true;
      }
      if (event.key === 'Enter') {
        const option = active >= 0 ? options[active] : undefined;
        if (!option) return false;
        onChoose(option.to);
        return true;
      }
      if (event.key === 'Escape') setActive(() => -1);
      return false;
    },
  }));

  if (!open || trimmed.length < 2) return null;
  return (
    <ul
      id={listId}
      role="listbox"
      aria-label="Suggestions"
      className="absolute inset-x-0 top-[calc(100%+6px)] z-50 max-h-[70vh] overflow-y-auto rounded-[var(--radius-card)] border border-line bg-white py-1.5 shadow-[var(--shadow-float)]"
    >
      {options.length === 0 ? (
        <li className="px-4 py-3 text-sm text-muted" role="presentation">
          {isFetching || q !== trimmed ? 'Searching…' : `Press Enter to search for "${trimmed}"`}
        </li>
      ) : (
        options.map((option, index) => (
          <li
            key={option.key}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onChoose(option.to)}
            onMouseEnter={() => setActive(() => index)}
            className={cn(
              'flex cursor-pointer items-center gap-3 px-3 py-2',
              index === active ? 'bg-action-soft' : 'hover:bg-surface',
            )}
          >
            <span className="grid size-10 shrink-0 place-items-center overflow-hidden rounded-lg bg-surface">
              {option.imageUrl ? (
                <img
                  src={option.imageUrl}
                  alt=""
                  width={40}
                  height={40}
                  loading="lazy"
                  className="size-10 object-contain"
                />
              ) : (
                <FiSearch className="text-muted" aria-hidden="true" />
              )}
            </span>
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-semibold">{option.label}</span>
              {option.meta && <span className="block truncate text-xs text-muted">{option.meta}</span>}
            </span>
            <FiArrowUpLeft className="shrink-0 text-muted" aria-hidden="true" />
          </li>
        ))
      )}
    </ul>
  );
}
