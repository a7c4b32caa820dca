import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { FiSearch, FiX, FiArrowUpLeft } from 'react-icons/fi';
import { useAppSelector } from '@/app/hooks';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { useReducedMotion } from '@/hooks/use-reduced-motion';
import { formatMoney } from '@/lib/format';
import { cn } from '@/lib/cn';
import { selectStoreId } from '@/features/location/location.slice';
import { useSuggestQuery } from '../api/search.api';

// The typing animation is decoration: it loads after the page is interactive, never before.
const TypeAnimation = lazy(() => import('react-type-animation').then((m) => ({ default: m.TypeAnimation })));

/** Becomes true once the browser is idle after load, so decoration never competes with content. */
function useIdle(): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    const start = () => setIdle(true);
    if ('requestIdleCallback' in window) {
      const handle = window.requestIdleCallback(start, { timeout: 3000 });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = setTimeout(start, 1500);
    return () => clearTimeout(timer);
  }, []);
  return idle;
}

const placeholders = ['milk', 'bread', 'chips', 'paneer', 'eggs', 'atta', 'chocolate', 'coffee'];
// TypeAnimation sequence: type 'Search "milk"', hold 1.8 s, next word…
const sequence = placeholders.flatMap((word) => [`Search "${word}"`, 1800]);

interface Option {
  key: string;
  label: string;
  meta?: string;
  imageUrl?: string | null;
  to: string;
}

/** Header search: rotating placeholder, debounced suggestions, arrow-key navigation (ARIA combobox). */
export function SearchBar({ className }: { className?: string }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [text, setText] = useState(() => params.get('q') ?? '');
  const [open, setOpen] = useState(false);
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const reducedMotion = useReducedMotion();
  const idle = useIdle();
  const store = useAppSelector(selectStoreId);

  const q = useDebouncedValue(text.trim(), 200);
  const { data, isFetching } = useSuggestQuery({ q, store }, { skip: q.length < 2 });

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

  const showList = open && text.trim().length >= 2;

  function go(to: string) {
    setOpen(false);
    setActive(-1);
    // Drop the phone keyboard once a choice is made.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    navigate(to);
  }

  function submit() {
    const query = text.trim();
    if (!query) return;
    go(`/s?q=${encodeURIComponent(query)}`);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (options.length ? (i + 1) % options.length : -1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => (options.length ? (i <= 0 ? options.length - 1 : i - 1) : -1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const option = active >= 0 ? options[active] : undefined;
      if (option) go(option.to);
      else submit();
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  }

  return (
    <form
      role="search"
      className={cn('relative', className)}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div
        className={cn(
          'flex h-11 items-center gap-2 rounded-[10px] border bg-surface px-3 transition-colors',
          focused ? 'border-action bg-white' : 'border-line',
        )}
      >
        <FiSearch className="size-[18px] shrink-0 text-ink" aria-hidden="true" />
        <div className="relative min-w-0 flex-1">
          <input
            ref={inputRef}
            type="search"
            name="q"
            role="combobox"
            aria-label="Search for products"
            aria-autocomplete="list"
            aria-expanded={showList}
            aria-controls={listId}
            aria-activedescendant={active >= 0 && options[active] ? `${listId}-${active}` : undefined}
            autoComplete="off"
            enterKeyHint="search"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setOpen(true);
              setActive(-1);
            }}
            onFocus={() => {
              setFocused(true);
              setOpen(true);
            }}
            onBlur={() => {
              setFocused(false);
              // Let a click on a suggestion land before the list disappears.
              window.setTimeout(() => setOpen(false), 150);
            }}
            onKeyDown={onKeyDown}
            className="h-10 w-full bg-transparent text-[15px] outline-none [&::-webkit-search-cancel-button]:hidden"
          />
          {!text && (
            <span
              aria-hidden="true"
              className="pointer-events-none absolute inset-y-0 left-0 flex items-center text-[15px] text-muted"
            >
              {reducedMotion || focused || !idle ? (
                'Search "milk"'
              ) : (
                <Suspense fallback='Search "milk"'>
                  <TypeAnimation
                    sequence={sequence}
                    speed={70}
                    deletionSpeed={90}
                    repeat={Infinity}
                    cursor={false}
                  />
                </Suspense>
              )}
            </span>
          )}
        </div>
        {text && (
          <button
            type="button"
            aria-label="Clear search"
            className="grid size-7 place-items-center rounded-full text-muted hover:bg-line"
            onClick={() => {
              setText('');
              inputRef.current?.focus();
            }}
          >
            <FiX aria-hidden="true" />
          </button>
        )}
      </div>
      {showList && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          className="absolute inset-x-0 top-[calc(100%+6px)] z-50 max-h-[70vh] overflow-y-auto rounded-[var(--radius-card)] border border-line bg-white py-1.5 shadow-[var(--shadow-float)]"
        >
          {options.length === 0 ? (
            <li className="px-4 py-3 text-sm text-muted" role="presentation">
              {isFetching || q !== text.trim() ? 'Searching…' : `Press Enter to search for "${text.trim()}"`}
            </li>
          ) : (
            options.map((option, index) => (
              <li
                key={option.key}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => go(option.to)}
                onMouseEnter={() => setActive(index)}
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
      )}
    </form>
  );
}
