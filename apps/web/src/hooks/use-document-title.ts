import { useEffect } from 'react';

/** Sets the tab title per page; screen readers and history entries then name the page. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} | Fatafat` : 'Fatafat — groceries in minutes';
  }, [title]);
}
