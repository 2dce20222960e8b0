import type { letterCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import type { LetterJobs } from './letterJobs';

type Names = keyof typeof letterCalls;

export function letterHandlers({ letters }: { letters: LetterJobs }): StaffHandlersFor<Names> {
  return {
    'letters.plan': (input, ctx) => letters.plan(actor(ctx), input),
    'letters.start': (input, ctx) => letters.start(actor(ctx), input),
    'letters.email': (input, ctx) => letters.email(actor(ctx), input),
    'letters.job': async (input, ctx) => letters.job(actor(ctx), input.jobId),
    'letters.cancel': async (input, ctx) => letters.cancel(actor(ctx), input.jobId),
    'letters.batches': (_input, ctx) => letters.batches(actor(ctx)),
    'letters.download': async (input, ctx) => {
      const { stream } = await letters.batchFile(actor(ctx), input.id, input.part);
      return Buffer.concat((await stream.toArray()) as Buffer[]);
    },
    'letters.deleteBatch': (input, ctx) => letters.deleteBatch(actor(ctx), input.id),
  };
}
