import { useEffect } from 'react';

/** Window titles tell screen-reader users (and the task bar) which screen is open. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} — Pupitre` : 'Pupitre';
  }, [title]);
}
