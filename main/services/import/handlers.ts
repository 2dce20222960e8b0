import type { importCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import type { ImportService } from './importService';

type Names = keyof typeof importCalls;

export function importHandlers({ imports }: { imports: ImportService }): StaffHandlersFor<Names> {
  return {
    'import.upload': (input, ctx) => imports.uploadBytes(actor(ctx), input.fileName, input.bytes),
    'import.preview': (input, ctx) => imports.preview(actor(ctx), input.uploadIds),
    'import.apply': (input, ctx) => imports.apply(actor(ctx), input.previewId),
    'import.cancel': async (input, ctx) => imports.cancel(actor(ctx), input.previewId),
  };
}
