import type { justificationCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import type { createSchoolLifePreview } from './familyPreview';
import type { createJustificationService } from './justifications';

export function justificationHandlers({
  justifications,
  schoolLifePreview,
}: {
  justifications: ReturnType<typeof createJustificationService>;
  schoolLifePreview: ReturnType<typeof createSchoolLifePreview>;
}): StaffHandlersFor<keyof typeof justificationCalls> {
  return {
    'justifications.list': (input, ctx) => justifications.list(actor(ctx), input.status),
    'justifications.decide': (input, ctx) => justifications.decide(actor(ctx), input),
    'accounts.previewSchoolLife': (input, ctx) => schoolLifePreview(actor(ctx), input),
  };
}
