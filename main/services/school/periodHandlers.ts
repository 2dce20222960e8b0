import type { periodCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import type { CoefficientService } from './coefficients';
import type { PeriodService } from './periods';
import type { PublicationService } from './publication';

export function periodHandlers({
  periods,
  publication,
  coefficients,
}: {
  periods: PeriodService;
  publication: PublicationService;
  coefficients: CoefficientService;
}): StaffHandlersFor<keyof typeof periodCalls> {
  return {
    'periods.list': (_input, ctx) => periods.list(actor(ctx)),
    'periods.update': (input, ctx) => periods.update(actor(ctx), input),
    'periods.removeLevel': (input, ctx) => periods.removeLevel(actor(ctx), input.level),
    'periods.reopen': (input, ctx) => periods.reopen(actor(ctx), input),
    'periods.withdrawReopening': (input, ctx) => periods.withdrawReopening(actor(ctx), input.id),
    'publication.get': (_input, ctx) => publication.get(actor(ctx)),
    'publication.update': (input, ctx) => publication.update(actor(ctx), input),
    'coefficients.list': (input, ctx) => coefficients.list(actor(ctx), input.divisionId),
    'coefficients.update': (input, ctx) => coefficients.update(actor(ctx), input),
  };
}
