import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchoolLifeEvent, SchoolLifePurgePlan } from '../../shared/api/staff';
import {
  ADMIN_PASSWORD,
  createStaffUser,
  loginToken,
  startTestPupitre,
  value,
  type TestPupitre,
} from '../helpers/pupitre';

// Issue 17 §5: « the purge of vie scolaire data past the retention the school sets ». Purged
// means purged everywhere: the journal lines that named the pupil beside a purged event and
// the « signalé à la DSDEN » of the months purged go in the same transaction; the purge's own
// line gives counts, no name. On a real SQLite file, through the staff calls.
let p: TestPupitre;
let direction: string;
let cpe: string;
let pupil: { id: number; lastName: string };

beforeAll(async () => {
  p = await startTestPupitre({ students: 30 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
  cpe = (await createStaffUser(p, direction, 'cpe-purge', 'cpe')).token;
  [pupil] = (await p.db.manager.query(
    `SELECT id, last_name AS "lastName" FROM student WHERE division_id IS NOT NULL ORDER BY id LIMIT 1`,
  )) as [typeof pupil];
});
afterAll(async () => p?.cleanup());

async function absence(startsAt: string, endsAt: string, notifiedAt: string) {
  const event = value<SchoolLifeEvent>(
    await p.dispatch(
      'schoolLife.record',
      { studentId: pupil.id, kind: 'absence', startsAt, endsAt },
      cpe,
    ),
  );
  value(
    await p.dispatch(
      'schoolLife.process',
      {
        id: event.id,
        version: event.version,
        motifId: null,
        justified: false,
        publishableOnline: true,
        familyNotifiedAt: notifiedAt,
        familyNotifiedBy: 'courrier',
      },
      cpe,
    ),
  );
  return event.id;
}

const journal = async () =>
  (
    (await p.db.manager.query(
      `SELECT action, target_label AS "targetLabel", details FROM audit_log ORDER BY id`,
    )) as { action: string; targetLabel: string; details: string }[]
  ).map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));

describe('the end-of-year purge and what it leaves', () => {
  it('erases the journal lines, the DSDEN reports and the e-mailed notices of what it purges, in one transaction, counted without names', async () => {
    // Last year: Monday 13 and Tuesday 14 October 2025, all day, reported to the DSDEN.
    const old = await absence(
      '2025-10-13T06:00:00.000Z',
      '2025-10-14T15:00:00.000Z',
      '2025-10-15T08:00:00.000Z',
    );
    value(
      await p.dispatch(
        'schoolLife.reportToDsden',
        { month: '2025-10', studentId: pupil.id, reportedOn: '2025-10-20' },
        cpe,
      ),
    );
    // This year: kept, with its lines.
    const kept = await absence(
      '2026-11-16T07:00:00.000Z',
      '2026-11-16T10:00:00.000Z',
      '2026-11-16T14:00:00.000Z',
    );
    const about = (id: number) => (line: { details: Record<string, unknown> }) =>
      line.details['évènement'] === id;
    expect((await journal()).filter(about(old)).map((l) => l.action)).toEqual([
      'schoolLife.record',
      'schoolLife.process',
    ]);

    // The e-mailed notices of both, as the outbox keeps them once sent.
    const mail = (createdAt: string, body: string) =>
      p.db.manager.query(
        `INSERT INTO mail_outbox (school_id, template, to_address, subject, text_body, html_body,
           status, attempts, next_attempt_at, last_error, message_id, created_at, sent_at)
         VALUES (1, 'absence-notice', 'parent@example.fr', 'Absence de votre enfant', ?, '', 'sent',
           1, ?, '', '', ?, ?)`,
        [body, createdAt, createdAt, createdAt],
      );
    await mail('2025-10-15T08:00:00.000Z', `${pupil.lastName} absent le 13/10/2025`);
    await mail('2026-11-16T14:00:00.000Z', `${pupil.lastName} absent le 16/11/2026`);
    value(await p.dispatch('schoolLife.archiveCsv', {}, direction));
    const plan = value<SchoolLifePurgePlan>(
      await p.dispatch('schoolLife.purgePlan', {}, direction),
    );
    expect(plan).toMatchObject({ keepsFrom: '2026-09-01', count: 1, refusal: null });
    const done = value<{ purged: number }>(
      await p.dispatch('schoolLife.purge', { confirmedCount: 1 }, direction),
    );
    expect(done.purged).toBe(1);

    const after = await journal();
    expect(after.filter(about(old))).toEqual([]);
    expect(after.filter((l) => l.action === 'schoolLife.reportToDsden')).toEqual([]);
    expect(await p.db.manager.query('SELECT id FROM absenteeism_report')).toEqual([]);
    expect(await p.db.manager.query('SELECT text_body AS "body" FROM mail_outbox')).toEqual([
      { body: `${pupil.lastName} absent le 16/11/2026` },
    ]);
    // This year's absence keeps its lines: the journal still says who recorded what.
    expect(after.filter(about(kept)).map((l) => l.action)).toEqual([
      'schoolLife.record',
      'schoolLife.process',
    ]);
    // The purge's own line: counts, the day and the archive; no pupil.
    const purge = after.filter((l) => l.action === 'schoolLife.purge');
    expect(purge).toHaveLength(1);
    expect(purge[0]!.details).toMatchObject({
      effacés: 1,
      lignesDuJournal: 3,
      signalementsDsden: 1,
      avisParCourriel: 1,
      avant: '2026-09-01',
    });
    expect(JSON.stringify(purge)).not.toContain(pupil.lastName);
    // Of the whole journal, only this year's lines name the pupil.
    const naming = after.filter((l) => JSON.stringify(l).includes(pupil.lastName));
    expect(naming).toHaveLength(2);
    expect(naming.every(about(kept))).toBe(true);
  });
});
