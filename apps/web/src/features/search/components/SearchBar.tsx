import { lazy, Suspense, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { FiSearch, FiX } from 'react-icons/fi';
import { useReducedMotion } from '@/hooks/use-reduced-motion';
import { cn } from '@/lib/cn';
import type { SuggestionsHandle } from './SearchSuggestions';

// The typing animation is decoration: it loads once the page has settled, never while it is loading.
const TypeAnimation = lazy(() => import('react-type-animation').then((m) => ({ default: m.TypeAnimation })));
// Suggestions (their query, list and keyboard handling) load when someone first focuses the box.
const SearchSuggestions = lazy(() => import('./SearchSuggestions'));

/** How long after the load event (and an idle moment) decoration waits: images and rails come first. */
const SETTLE_MS = 4000;

/**
 * Becomes true a few seconds after the page has loaded, when the browser is idle, so decoration never
 * competes with content or with the first taps.
 */
function useSettled(): boolean {
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    let timer: number | undefined;
    let idle: number | undefined;
    const afterLoad = () => {
      timer = window.setTimeout(() => {
        if ('requestIdleCallback' in window)
          idle = window.requestIdleCallback(() => setSettled(true), { timeout: 2000 });
        else setSettled(true);
      }, SETTLE_MS);
    };
    if (document.readyState === 'complete') afterLoad();
    else window.addEventListener('load', afterLoad, { once: true });
    return () => {
      window.removeEventListener('load', afterLoad);
      window.clearTimeout(timer);
      if (idle !== undefined) window.cancelIdleCallback(idle);
    };
  }, []);
  return settled;
}

const placeholders = ['milk', 'bread', 'chips', 'paneer', 'eggs', 'atta', 'chocolate', 'coffee'];
// TypeAnimation sequence: type 'Search "milk"', hold 1.8 s, next word…
const sequence = placeholders.flatMap((word) => [`Search "${word}"`, 1800]);

/** Header search: rotating placeholder, debounced suggestions, arrow-key navigation (ARIA combobox). */
export function SearchBar({ className }: { className?: string }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [text, setText] = useState(() => params.get('q') ?? '');
  const [open, setOpen] = useState(false);
  const [focused, setFocused] = useState(false);
  // Set once the box is first focused: from then on the suggestions chunk is mounted.
  const [engaged, setEngaged] = useState(false);
  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const suggestions = useRef<SuggestionsHandle>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const reducedMotion = useReducedMotion();
  const settled = useSettled();

  const showList = open && text.trim().length >= 2;

  function go(to: string) {
    setOpen(false);
    setActiveId(undefined);
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
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp' || event.key === 'Enter') event.preventDefault();
    if (event.key === 'ArrowDown') setOpen(true);
    // Until the suggestions have loaded, Enter searches and the arrows do nothing.
    if (suggestions.current?.onKeyDown(event)) return;
    if (event.key === 'Enter') submit();
    else if (event.key === 'Escape') {
      setOpen(false);
      setActiveId(undefined);
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
            aria-activedescendant={showList ? activeId : undefined}
            autoComplete="off"
            enterKeyHint="search"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setOpen(true);
              setActiveId(undefined);
            }}
            onFocus={() => {
              setFocused(true);
              setOpen(true);
              setEngaged(true);
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
              {reducedMotion || focused || !settled ? (
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
      {engaged && (
        <Suspense fallback={null}>
          <SearchSuggestions
            ref={suggestions}
            text={text}
            open={showList}
            listId={listId}
            onChoose={go}
            onActiveChange={setActiveId}
          />
        </Suspense>
      )}
    </form>
  );
}
