import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** Updates some query parameters, keeping the rest; `undefined` removes one. Replaces the history entry. */
export function useUpdateSearchParams(): (changes: Record<string, string | undefined>) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (changes) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );
}
