import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startPostgresPupitre,
  TEST_POSTGRES_URL,
  type PostgresTestPupitre,
} from '../helpers/postgres';
import type { SchoolLifeArchiveCsv, SchoolLifePurgePlan } from '../../shared/api/staff';
import { fixedClock } from '../../main/services/clock';
import { ADMIN_PASSWORD, anotherSchool, loginToken, TEST_NOW, value } from '../helpers/pupitre';

// The end-of-year archive and purge (issue 17 §5) on PostgreSQL: the same plan, the same
// refusals (an event changed after the archive too), one transaction that takes the online
// justifications with their events. Runs where
// PUPITRE_TEST_POSTGRES_URL names a database it may wipe.
const url = TEST_POSTGRES_URL;

describe.skipIf(!url)('the vie scolaire purge on PostgreSQL, one school among two', () => {
  let p: PostgresTestPupitre;
  let direction: string;
  const clock = fixedClock(TEST_NOW);

  beforeAll(async () => {
    p = await startPostgresPupitre(url!, { clock });
    direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await p?.cleanup();
  });

  it('refuses without an archive, then erases last year’s absence, its justification, its journal lines, DSDEN report and e-mailed notice, keeping this year’s', async () => {
    const db = p.db.manager;
    const [pupil] = (await db.query(
      `SELECT id FROM student WHERE division_id IS NOT NULL ORDER BY id LIMIT 1`,
    )) as [{ id: number }];
    const insert = async (startsAt: string, endsAt: string) => {
      const [row] = (await db.query(
        `INSERT INTO school_life_event (school_id, student_id, kind, starts_at, ends_at, recorded_at, version)
         VALUES (1, $1, 'absence', $2, $3, $2, 1) RETURNING id`,
        [pupil.id, startsAt, endsAt],
      )) as [{ id: number }];
      return Number(row.id);
    };
    const old = await insert('2025-10-06T06:00:00.000Z', '2025-10-06T15:00:00.000Z');
    const kept = await insert('2026-11-16T07:00:00.000Z', '2026-11-16T10:00:00.000Z');
    // The journal lines that name the pupil beside each, and last October's DSDEN report.
    const line = async (action: string, details: Record<string, unknown>) =>
      db.query(
        `INSERT INTO audit_log (school_id, at, actor_id, actor_label, action, target_type, target_id, target_label, details)
         VALUES (1, '2025-10-07T08:00:00.000Z', NULL, 'CPE', $1, 'student', $2, 'DUPONT Léa', $3)`,
        [action, String(pupil.id), JSON.stringify(details)],
      );
    await line('schoolLife.record', { évènement: old });
    await line('schoolLife.process', { évènement: old, motif: null });
    await line('schoolLife.record', { évènement: kept });
    await line('schoolLife.reportToDsden', { mois: '2025-10', signaléLe: '2025-10-20' });
    await db.query(
      `INSERT INTO absenteeism_report (school_id, student_id, month, reported_on, recorded_at)
       VALUES (1, $1, '2025-10', '2025-10-20', '2025-10-20T08:00:00.000Z')`,
      [pupil.id],
    );
    await db.query(
      `INSERT INTO absence_justification (school_id, event_id, student_id, status, submitted_at)
       VALUES (1, $1, $2, 'pending', '2025-10-07T08:00:00.000Z')`,
      [old, pupil.id],
    );

    // Each absence's e-mailed notice; the old one's sent late, this month, for last October.
    const notice = (eventId: number, body: string) =>
      db.query(
        `INSERT INTO mail_outbox (school_id, school_life_event_id, template, to_address, subject,
           text_body, html_body, status, attempts, next_attempt_at, last_error, message_id,
           created_at, sent_at)
         VALUES (1, $1, 'absence-notice', 'parent@example.fr', 'Absence', $2, '', 'sent', 1,
           '2026-11-20T08:00:00.000Z', '', '', '2026-11-20T08:00:00.000Z', '2026-11-20T08:00:00.000Z')`,
        [eventId, body],
      );
    await notice(old, 'absent le 06/10/2025');
    await notice(kept, 'absent le 16/11/2026');

    // A second school in the same database (an académie's shared PostgreSQL): last October's
    // absence too, its e-mailed notice, and a notice of last October whose absence is gone
    // (unlinked: the kind the first school's purge forgets by its date). All stay theirs.
    const { schoolId: other } = await anotherSchool(p);
    const [theirs] = (await db.query(
      `SELECT id FROM student WHERE school_id = $1 ORDER BY id LIMIT 1`,
      [other],
    )) as [{ id: number }];
    const [theirOld] = (await db.query(
      `INSERT INTO school_life_event (school_id, student_id, kind, starts_at, ends_at, recorded_at, version)
       VALUES ($1, $2, 'absence', '2025-10-06T06:00:00.000Z', '2025-10-06T15:00:00.000Z',
         '2025-10-06T06:00:00.000Z', 1) RETURNING id`,
      [other, theirs.id],
    )) as [{ id: number }];
    const theirNotice = (eventId: number | null, body: string, createdAt: string) =>
      db.query(
        `INSERT INTO mail_outbox (school_id, school_life_event_id, template, to_address, subject,
           text_body, html_body, status, attempts, next_attempt_at, last_error, message_id,
           created_at, sent_at)
         VALUES ($1, $2, 'absence-notice', 'autre@example.fr', 'Absence', $3, '', 'sent', 1,
           $4, '', '', $4, $4)`,
        [other, eventId, body, createdAt],
      );
    await theirNotice(
      Number(theirOld.id),
      'leur absence du 06/10/2025',
      '2025-10-06T09:00:00.000Z',
    );
    await theirNotice(null, 'leur absence effacée du 07/10/2025', '2025-10-07T09:00:00.000Z');
    const theirRows = async () => ({
      events: (await db.query(`SELECT id FROM school_life_event WHERE school_id = $1 ORDER BY id`, [
        other,
      ])) as unknown[],
      notices: (await db.query(
        `SELECT text_body AS "body" FROM mail_outbox WHERE school_id = $1 ORDER BY id`,
        [other],
      )) as unknown[],
    });
    const theirsBefore = await theirRows();
    expect(theirsBefore.events).toHaveLength(1);
    expect(theirsBefore.notices).toHaveLength(2);

    let plan = value<SchoolLifePurgePlan>(await p.dispatch('schoolLife.purgePlan', {}, direction));
    expect(plan).toMatchObject({ keepsFrom: '2026-09-01', count: 1 });
    expect(plan.refusal).toContain('Faites d’abord l’archive');

    const archive = value<SchoolLifeArchiveCsv>(
      await p.dispatch('schoolLife.archiveCsv', {}, direction),
    );
    expect(archive.eventCount).toBe(2);
    expect(archive.csv).toContain('06/10/2025 8\u00a0h;06/10/2025 17\u00a0h;2;');

    // Last year's absence processed after the archive: refused until the archive is made again.
    clock.set('2026-11-22T09:10:00.000Z');
    direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
    const [{ version }] = (await db.query(`SELECT version FROM school_life_event WHERE id = $1`, [
      old,
    ])) as [{ version: number }];
    value(
      await p.dispatch(
        'schoolLife.process',
        {
          id: old,
          version,
          motifId: null,
          justified: false,
          publishableOnline: true,
          familyNotifiedAt: null,
          familyNotifiedBy: null,
        },
        direction,
      ),
    );
    plan = value<SchoolLifePurgePlan>(await p.dispatch('schoolLife.purgePlan', {}, direction));
    expect(plan.refusal).toContain(
      '1\u00a0évènement à effacer a été modifié après la dernière archive',
    );
    expect(await p.dispatch('schoolLife.purge', { confirmedCount: 1 }, direction)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: plan.refusal },
    });
    expect(
      await db.query(`SELECT id FROM school_life_event WHERE school_id = 1 ORDER BY id`),
    ).toHaveLength(2);
    clock.set('2026-11-22T09:20:00.000Z');
    direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
    value(await p.dispatch('schoolLife.archiveCsv', {}, direction));

    const done = value<{ purged: number; plan: SchoolLifePurgePlan }>(
      await p.dispatch('schoolLife.purge', { confirmedCount: 1 }, direction),
    );
    expect(done.purged).toBe(1);
    plan = done.plan;
    expect(plan.count).toBe(0);
    const left = (await db.query(
      `SELECT starts_at AS "startsAt" FROM school_life_event WHERE school_id = 1`,
    )) as {
      startsAt: string;
    }[];
    expect(left.map((e) => e.startsAt)).toEqual(['2026-11-16T07:00:00.000Z']);
    expect(await db.query(`SELECT id FROM absence_justification`)).toEqual([]);
    const audit = (await db.query(
      `SELECT details FROM audit_log WHERE action = 'schoolLife.purge'`,
    )) as { details: string }[];
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      effacés: 1,
      // The two inserted above, the processing after the archive, the DSDEN report.
      lignesDuJournal: 4,
      signalementsDsden: 1,
      avisParCourriel: 1,
    });
    const naming = (await db.query(
      `SELECT details FROM audit_log WHERE target_label = 'DUPONT Léa'`,
    )) as { details: string }[];
    expect(naming.map((r) => JSON.parse(r.details) as unknown)).toEqual([{ évènement: kept }]);
    expect(await db.query(`SELECT id FROM absenteeism_report`)).toEqual([]);
    expect(
      await db.query(`SELECT text_body AS "body" FROM mail_outbox WHERE school_id = 1`),
    ).toEqual([{ body: 'absent le 16/11/2026' }]);
    // The other school's event and both its notices, linked and not, are untouched.
    expect(await theirRows()).toEqual(theirsBefore);
  });
});
