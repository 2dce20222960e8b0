import { useEffect, useRef } from 'react';

/**
 * Moves focus to the element (a step's heading, with tabIndex -1) when it appears, so that
 * keyboard and screen-reader users start reading the new step rather than the old button.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
