import { ApiFailure } from '../../shared/api/result';
import { SERVER_UNREACHABLE } from '../api/client';
import { frenchSpacing } from '../../shared/domain/frenchTypography';

const FALLBACK =
  'Une erreur inattendue est survenue. Réessayez ; si elle persiste, prévenez la direction.';

const INTERRUPTED = 'La demande a été interrompue avant la réponse du serveur. Réessayez.';

/**
 * A request that never reached an answer. Browsers reject fetch with a TypeError whose text
 * differs (Chromium « Failed to fetch », Firefox « NetworkError… », Safari « Load failed »);
 * the same text for a lazily loaded screen the server no longer serves.
 */
function isNetworkFailure(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /failed to fetch|networkerror|load failed|network request failed|dynamically imported module/i.test(
      error.message,
    )
  );
}

function isAbort(error: unknown): boolean {
  return (
    typeof DOMException !== 'undefined' &&
    error instanceof DOMException &&
    (error.name === 'AbortError' || error.name === 'TimeoutError')
  );
}

// Messages from the server (and the shared schemas) are written with plain spaces: the
// no-break ones go in where they are shown, as the portal's pages get them at render time.
export { frenchSpacing };

/**
 * The French message to show for any thrown value: the API's own message; for a request that
 * got no answer, what to check; anything else (a bug, whose text is English and internal:
 * « Cannot read properties of undefined ») the generic sentence, never its text or a stack.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiFailure && error.message) return frenchSpacing(error.message);
  if (isNetworkFailure(error)) return frenchSpacing(SERVER_UNREACHABLE);
  if (isAbort(error)) return INTERRUPTED;
  return FALLBACK;
}

export function isApiFailure(error: unknown, code?: ApiFailure['code']): error is ApiFailure {
  return error instanceof ApiFailure && (code === undefined || error.code === code);
}
