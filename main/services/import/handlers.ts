import type { Handler } from '../../api/dispatcher';
import type { StaffCalls, importCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffActor } from '../context';
import type { StaffServices } from '../staffApi';

type Names = keyof typeof importCalls;

export function importHandlers({ imports }: StaffServices): {
  [K in Names]: Handler<StaffCalls, K, StaffActor>;
} {
  return {
    'import.upload': (input, ctx) => imports.uploadBytes(actor(ctx), input.fileName, input.bytes),
    'import.preview': (input, ctx) => imports.preview(actor(ctx), input.uploadIds),
    'import.apply': (input, ctx) => imports.apply(actor(ctx), input.previewId),
    'import.cancel': async (input, ctx) => imports.cancel(actor(ctx), input.previewId),
  };
}
