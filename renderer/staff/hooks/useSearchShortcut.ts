import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';

/** The pupil search field's id: the shortcut finds it on whatever page is shown. */
export const STUDENT_SEARCH_ID = 'recherche-eleve';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * "/" and Ctrl+K (⌘K) put the cursor in the pupil search from every page: in the field when
 * the page has it, else by opening the pupils' page (whose field takes the focus). Mantine's
 * useHotkeys is not used: on an AZERTY keyboard "/" is typed with Shift, which its exact
 * matching rejects.
 */
export function useSearchShortcut(): void {
  const navigate = useNavigate();
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey;
      const commandK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
      if (!slash && !commandK) return;
      if (slash && isEditable(event.target)) return;
      event.preventDefault();
      const field = document.getElementById(STUDENT_SEARCH_ID);
      if (field instanceof HTMLInputElement) {
        field.focus();
        field.select();
      } else {
        void navigate('/eleves');
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate]);
}
