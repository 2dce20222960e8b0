import { useLayoutEffect, type RefObject } from 'react';
import { frenchSpacing } from './errors';

/**
 * French typography on everything drawn inside `ref`, as the portal server applies it to its
 * pages' text (main/http/portal/render.ts): the staff previews draw the portal's own
 * components, written with plain spaces, so without this step a « : » could start a line.
 * Runs after every render; React rewrites a text node only when its text changes, and the
 * next run spaces it again.
 */
export function useFrenchSpacing(ref: RefObject<HTMLElement | null>) {
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue ?? '';
      const spaced = frenchSpacing(text);
      if (spaced !== text) node.nodeValue = spaced;
    }
  });
}
