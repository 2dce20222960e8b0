import type { teachingCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import type { StsImportService } from './stsImport';
import type { TeachingServices } from './teachingServices';

type Names = keyof typeof teachingCalls;

export function teachingHandlers({
  stsImport,
  teaching,
}: {
  stsImport: StsImportService;
  teaching: TeachingServices;
}): StaffHandlersFor<Names> {
  return {
    'sts.upload': (input, ctx) => stsImport.upload(actor(ctx), input.fileName, input.bytes),
    'sts.apply': (input, ctx) => stsImport.apply(actor(ctx), input.previewId, input.answers),
    'sts.cancel': (input, ctx) => stsImport.cancel(actor(ctx), input.previewId),
    'services.list': (_input, ctx) => teaching.list(actor(ctx)),
    'services.options': (_input, ctx) => teaching.options(actor(ctx)),
    'services.save': (input, ctx) => teaching.save(actor(ctx), input),
    'services.remove': (input, ctx) => teaching.remove(actor(ctx), input.id),
  };
}
