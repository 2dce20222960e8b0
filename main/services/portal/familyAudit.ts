import type { EntityManager } from 'typeorm';
import { AuditLogEntity } from '../../db/entities';
import type { FamilyAccountRow } from '../../db/entities/accounts';
import type { Clock } from '../clock';

/**
 * A family's own action, in the school's journal and the account's history: who (the
 * account's identifiant, or `by` when another account acted on this one), what, never a
 * password, a token or an address typed.
 */
export async function familyAudit(
  m: EntityManager,
  clock: Clock,
  account: Pick<FamilyAccountRow, 'id' | 'schoolId' | 'login'>,
  action: string,
  details: Record<string, unknown>,
  by: Pick<FamilyAccountRow, 'login'> = account,
): Promise<void> {
  await m.getRepository(AuditLogEntity).insert({
    schoolId: account.schoolId,
    at: clock.now().toISOString(),
    actorId: null,
    actorLabel: `Famille (${by.login})`,
    action,
    targetType: 'family_account',
    targetId: String(account.id),
    targetLabel: account.login,
    details: JSON.stringify(details),
  });
}
