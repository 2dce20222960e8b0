import { ApiFailure } from '../../shared/api/result';

const FALLBACK =
  'Une erreur inattendue est survenue. Réessayez ; si elle persiste, prévenez la direction.';

/** The French message to show for any thrown value: the API's own message, never a stack. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiFailure && error.message) return error.message;
  return FALLBACK;
}

export function isApiFailure(error: unknown, code?: ApiFailure['code']): error is ApiFailure {
  return error instanceof ApiFailure && (code === undefined || error.code === code);
}
