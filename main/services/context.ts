import type { StaffRole } from '../../shared/domain/roles';
import type { StaffCalls } from '../../shared/api/staff';
import type { CallContext, Handler } from '../api/dispatcher';

/** Who is calling, as resolved by the dispatcher from the transport's token. */
export interface StaffActor {
  sessionId: number;
  userId: number;
  schoolId: number;
  role: StaffRole;
  login: string;
  displayName: string;
  /** A temporary password is in use: only changing it (or leaving) is allowed. */
  mustChangePassword: boolean;
}

export type StaffContext = CallContext<StaffActor>;

export function requireActor(ctx: StaffContext): StaffActor {
  if (!ctx.actor) throw new Error('Handler called without an authenticated actor');
  return ctx.actor;
}

/**
 * The handlers of some calls of the staff contract, typed from the contract alone: a domain's
 * handlers.ts needs nothing from staffApi.ts, which assembles them (no import circle).
 */
export type StaffHandlersFor<Names extends keyof StaffCalls> = {
  [K in Names]: Handler<StaffCalls, K, StaffActor>;
};
