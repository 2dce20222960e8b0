import type { Handler } from '../../api/dispatcher';
import type { StaffCalls, mailCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffActor } from '../context';
import type { StaffServices } from '../staffApi';

type Names = keyof typeof mailCalls;

export function mailHandlers({ mail }: StaffServices): {
  [K in Names]: Handler<StaffCalls, K, StaffActor>;
} {
  return {
    'mail.list': (input, ctx) => mail.list(actor(ctx), input),
    'mail.retry': (input, ctx) => mail.retry(actor(ctx), input.id),
    'mail.settings': (_input, ctx) => mail.settings(actor(ctx)),
    'mail.updateSettings': (input, ctx) => mail.updateSettings(actor(ctx), input),
    'mail.sendTest': (input, ctx) => mail.sendTest(actor(ctx), input.to),
  };
}
