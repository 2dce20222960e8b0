import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiFailure } from '../../shared/api/result';
import { frenchSpacing } from './errors';

/**
 * Copies the server's per-field messages (ApiFailure.fields, keyed by zod path such as
 * "address.postalCode") onto the form, so they appear under the right input.
 * Returns how many were placed; unknown paths are left to the general message.
 */
export function applyServerFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  knownFields: readonly string[],
): number {
  if (!(error instanceof ApiFailure) || !error.fields) return 0;
  let placed = 0;
  for (const [path, message] of Object.entries(error.fields)) {
    if (!knownFields.includes(path)) continue;
    setError(
      path as Path<T>,
      { type: 'server', message: frenchSpacing(message) },
      { shouldFocus: placed === 0 },
    );
    placed += 1;
  }
  return placed;
}
