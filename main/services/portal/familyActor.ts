import type { AccountKind } from '../../../shared/domain/accounts';
import type { FamilyStage } from '../../../shared/domain/familyAccess';
import type { CallContext } from '../../api/dispatcher';

/** Who calls the portal: a family account, as its session cookie resolves it. */
export interface FamilyActor {
  role: AccountKind;
  sessionId: number;
  accountId: number;
  schoolId: number;
  login: string;
  stage: FamilyStage;
}

export type FamilyContext = CallContext<FamilyActor>;

export function requireFamily(ctx: FamilyContext): FamilyActor {
  if (!ctx.actor) throw new Error('Portal handler called without a family actor');
  return ctx.actor;
}
