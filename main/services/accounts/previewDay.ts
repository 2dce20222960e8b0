import { ApiFailure } from '../../../shared/api/result';
import { FUTURE_PREVIEW } from '../../../shared/api/staff/familyPortal';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';

/**
 * The « Aperçu du portail » shows what a family read on a day that has come. A day still to
 * come would show marks and events whose publication date the school set later (a devoir
 * published on 15/12 read on 22/11), to staff the grid does not open them to: refused.
 */
export function assertPreviewDayPast(asOf: string, clock: Clock): void {
  if (asOf > parisToday(clock))
    throw new ApiFailure('invalid_input', FUTURE_PREVIEW, { asOf: FUTURE_PREVIEW });
}
