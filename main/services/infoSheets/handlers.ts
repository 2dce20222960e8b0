import type { infoSheetCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import type { createInfoSheetExport } from '../siecleExport/exportService';
import type { createInfoSheetReview } from './review';

export function infoSheetHandlers({
  infoSheetReview,
  infoSheetExport,
}: {
  infoSheetReview: ReturnType<typeof createInfoSheetReview>;
  infoSheetExport: ReturnType<typeof createInfoSheetExport>;
}): StaffHandlersFor<keyof typeof infoSheetCalls> {
  return {
    'infoSheets.queue': (input, ctx) => infoSheetReview.queue(actor(ctx), input.divisionId),
    'infoSheets.review': (input, ctx) => infoSheetReview.review(actor(ctx), input),
    'infoSheets.export': (_input, ctx) => infoSheetExport.create(actor(ctx)),
    'infoSheets.exports': (_input, ctx) => infoSheetExport.list(actor(ctx)),
    'infoSheets.exportWaiting': (_input, ctx) => infoSheetExport.waiting(actor(ctx)),
    'infoSheets.exportFile': (input, ctx) => infoSheetExport.file(actor(ctx), input.id),
  };
}
