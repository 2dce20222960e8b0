import type { mailCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import type { MailService } from './mailService';

type Names = keyof typeof mailCalls;

export function mailHandlers({ mail }: { mail: MailService }): StaffHandlersFor<Names> {
  return {
    'mail.list': (input, ctx) => mail.list(actor(ctx), input),
    'mail.retry': (input, ctx) => mail.retry(actor(ctx), input.id),
    'mail.settings': (_input, ctx) => mail.settings(actor(ctx)),
    'mail.updateSettings': (input, ctx) => mail.updateSettings(actor(ctx), input),
    'mail.sendTest': (input, ctx) => mail.sendTest(actor(ctx), input.to),
  };
}
