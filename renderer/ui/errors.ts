import { ApiFailure } from '../../shared/api/result';
import { frenchSpacing } from '../../shared/domain/frenchTypography';

const FALLBACK =
  'Une erreur inattendue est survenue. Réessayez ; si elle persiste, prévenez la direction.';

// Messages from the server (and the shared schemas) are written with plain spaces: the
// no-break ones go in where they are shown, as the portal's pages get them at render time.
export { frenchSpacing };

/** The French message to show for any thrown value: the API's own message, never a stack. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiFailure && error.message) return frenchSpacing(error.message);
  return FALLBACK;
}

export function isApiFailure(error: unknown, code?: ApiFailure['code']): error is ApiFailure {
  return error instanceof ApiFailure && (code === undefined || error.code === code);
}
