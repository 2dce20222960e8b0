import type { schoolLifeArchiveCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import type { createSchoolLifeArchiveService } from './archive';
import type { createSchoolLifePurgeService } from './purge';

export function schoolLifeArchiveHandlers({
  schoolLifeArchive,
  schoolLifePurge,
}: {
  schoolLifeArchive: ReturnType<typeof createSchoolLifeArchiveService>;
  schoolLifePurge: ReturnType<typeof createSchoolLifePurgeService>;
}): StaffHandlersFor<keyof typeof schoolLifeArchiveCalls> {
  return {
    'schoolLife.archiveCsv': (_input, ctx) => schoolLifeArchive.csv(actor(ctx)),
    'schoolLife.archivePdf': (input, ctx) =>
      schoolLifeArchive.divisionPdf(actor(ctx), input.divisionId),
    'schoolLife.purgePlan': (_input, ctx) => schoolLifePurge.plan(actor(ctx)),
    'schoolLife.setRetention': (input, ctx) => schoolLifePurge.setRetention(actor(ctx), input),
    'schoolLife.purge': (input, ctx) => schoolLifePurge.purge(actor(ctx), input),
  };
}
