import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDebouncedValue } from '@/hooks/use-debounced-value';

/**
 * An admin table's filters, sort and page live in the URL (shareable, kept on reload). The search box is
 * typed into freely and queried 300 ms after the last key; a new search starts again at page 1.
 */
export function useTableParams() {
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebouncedValue(search.trim(), 300);
  const page = Number(params.get('page') ?? '1') || 1;
  /** Sets (or, with undefined or '', removes) URL parameters. */
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const onSearch = (value: string) => {
    setSearch(value);
    set({ q: value || undefined, page: undefined });
  };
  return { params, set, page, search, q, onSearch };
}
