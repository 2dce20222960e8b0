import type { infoSheetCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import type { createInfoSheetReview } from './review';

export function infoSheetHandlers({
  infoSheetReview,
}: {
  infoSheetReview: ReturnType<typeof createInfoSheetReview>;
}): StaffHandlersFor<keyof typeof infoSheetCalls> {
  return {
    'infoSheets.queue': (input, ctx) => infoSheetReview.queue(actor(ctx), input.divisionId),
    'infoSheets.review': (input, ctx) => infoSheetReview.review(actor(ctx), input),
  };
}
