import { In, LessThan } from 'typeorm';
import { CLOCKED_STATES } from '../../../shared/domain/accounts';
import type { Database } from '../../db/database';
import { FamilyAccountEntity, ScheduledJobEntity } from '../../db/entities/accounts';
import { writeAudit } from '../audit/audit';
import { endAccountAccess } from './accountService';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';

export const EXPIRY_JOB = 'accounts.expiry';

/**
 * « Au-delà, le compte sera supprimé » (seed 000): an account not activated, or whose
 * e-mail was not confirmed, by its deadline expires; its provisional password stops working
 * and the school must issue a new letter. Looks at every account past its deadline, so a
 * run after days with the app closed catches up on all of them at once.
 */
export async function expireAccounts(db: Database, clock: Clock): Promise<number> {
  const today = parisToday(clock);
  return db.transaction(async (m) => {
    const repo = m.getRepository(FamilyAccountEntity);
    const due = await repo.findBy({
      state: In([...CLOCKED_STATES]),
      expiresOn: LessThan(today),
    });
    const nowIso = clock.now().toISOString();
    for (const row of due) {
      // The version moves too: the sessions' backstop sees every change of state.
      await repo.update(row.id, {
        state: 'expired',
        passwordHash: null,
        passwordVersion: row.passwordVersion + 1,
        updatedAt: nowIso,
      });
      await writeAudit(m, clock, {
        schoolId: row.schoolId,
        actor: null,
        action: 'account.expired',
        targetType: 'family_account',
        targetId: row.id,
        targetLabel: row.login,
        details: { 'à activer avant le': row.expiresOn, 'état avant': row.state },
      });
    }
    // A change of state like the others: no session, known browser or link outlives it.
    await endAccountAccess(
      m,
      due.map((row) => row.id),
      nowIso,
    );
    const jobs = m.getRepository(ScheduledJobEntity);
    const job = await jobs.findOneBy({ name: EXPIRY_JOB });
    if (job) await jobs.update(job.id, { lastRunOn: today, lastRunAt: nowIso });
    else await jobs.insert({ name: EXPIRY_JOB, lastRunOn: today, lastRunAt: nowIso });
    return due.length;
  });
}
