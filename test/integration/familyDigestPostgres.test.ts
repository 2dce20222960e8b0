import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startPostgresPupitre,
  TEST_POSTGRES_URL,
  type PostgresTestPupitre,
} from '../helpers/postgres';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { fixedClock } from '../../main/services/clock';
import { sendDueDigests } from '../../main/services/digest/digestJob';
import type { FamilyActor } from '../../main/services/portal/familyActor';
import { ADMIN_PASSWORD, loginToken, TEST_NOW, value } from '../helpers/pupitre';

// The family digest on PostgreSQL (named prepared statements, booleans as booleans), and two
// portal processes sharing the base: one digest a day, not two. Runs where
// PUPITRE_TEST_POSTGRES_URL names a database it may wipe.
const url = TEST_POSTGRES_URL;

describe.skipIf(!url)('the family digest on PostgreSQL', () => {
  let p: PostgresTestPupitre;
  const clock = fixedClock(TEST_NOW);

  beforeAll(async () => {
    p = await startPostgresPupitre(url!, { clock, manualMail: true });
  }, 60_000);
  afterAll(async () => {
    await p?.cleanup();
  });

  it('sends one digest with the day’s news, once, even when two processes look at the same time', async () => {
    await p.db.manager.query(`UPDATE school SET opened_services = 'notes,vie_scolaire'`);
    const [row] = (await p.db.manager.query(
      `SELECT a.id, a.login, a.school_id AS "schoolId", x.student_id AS "childId"
         FROM family_account a JOIN account_student x ON x.account_id = a.id
        WHERE a.kind = 'guardian' ORDER BY a.id LIMIT 1`,
    )) as { id: number; login: string; schoolId: number; childId: number }[];
    const accountId = Number(row!.id);
    await p.db.manager.getRepository(FamilyAccountEntity).update(accountId, {
      state: 'active',
      email: 'parent.pg@example.fr',
      emailConfirmed: true,
    });
    const actor: FamilyActor = {
      role: 'guardian',
      sessionId: 0,
      accountId,
      schoolId: Number(row!.schoolId),
      login: row!.login,
      stage: 'home',
    };
    clock.set('2026-11-23T06:00:00.000Z');
    expect(await p.portal.services.digest.set(actor, true)).toEqual({
      enabled: true,
      addressConfirmed: true,
    });
    const direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
    value(
      await p.dispatch(
        'schoolLife.record',
        {
          studentId: Number(row!.childId),
          kind: 'absence',
          startsAt: '2026-11-23T07:00:00.000Z',
          endsAt: '2026-11-23T11:00:00.000Z',
          publishableOnline: true,
        },
        direction,
      ),
    );
    clock.set('2026-11-24T16:05:00.000Z'); // 17:05 Paris
    const counts = await Promise.all([
      sendDueDigests(p.db, clock, p.mailer),
      sendDueDigests(p.db, clock, p.mailer),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    const mails = (await p.db.manager.query(
      `SELECT to_address AS "to", subject FROM mail_outbox WHERE template = 'family-digest'`,
    )) as { to: string; subject: string }[];
    expect(mails).toEqual([
      {
        to: 'parent.pg@example.fr',
        subject: 'Message des services en ligne – Du nouveau pour votre suivi',
      },
    ]);
    expect(await sendDueDigests(p.db, clock, p.mailer)).toBe(0);
  });
});
