import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startPostgresPupitre,
  TEST_POSTGRES_URL,
  type PostgresTestPupitre,
} from '../helpers/postgres';
import type {
  AssessmentSummary,
  PeriodsOverview,
  TeachingServiceSummary,
} from '../../shared/api/staff';
import { pdfPages } from '../helpers/pdfText';
import { ADMIN_PASSWORD, loginToken, value } from '../helpers/pupitre';
import { setGroups } from '../helpers/groups';

// The relevé de notes on PostgreSQL (académie-wide installs): its plain-row reads (a
// division's services with their groups, the marks) give the same relevé as on SQLite. Runs
// where PUPITRE_TEST_POSTGRES_URL names a database it may wipe.
const url = TEST_POSTGRES_URL;

describe.skipIf(!url)('the relevé de notes on PostgreSQL', () => {
  let p: PostgresTestPupitre;

  beforeAll(async () => {
    p = await startPostgresPupitre(url!, { students: 40 });
  }, 60_000);
  afterAll(async () => {
    await (p as PostgresTestPupitre | undefined)?.cleanup();
  });

  it('prints 12,50 in a division’s subject and a group’s subject to its member', async () => {
    const direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
    const [division] = (await p.db.manager.query(
      `SELECT d.id, d.code FROM division d JOIN student s ON s.division_id = d.id
       GROUP BY d.id, d.code ORDER BY COUNT(*) DESC, d.code LIMIT 1`,
    )) as { id: number; code: string }[];
    const [pupil] = (await p.db.manager.query(
      `SELECT id FROM student WHERE division_id = $1 AND left_on IS NULL ORDER BY id LIMIT 1`,
      [division!.id],
    )) as { id: number }[];
    await setGroups(p.db, [Number(pupil!.id)], ['LAT5']);
    await p.db.manager.query(
      `INSERT INTO subject (school_id, code, management_code, short_label, long_label) VALUES
         (1, '061300', 'MATHS', 'MATHEMATIQUES', 'MATHÉMATIQUES'),
         (1, '020700', 'LCALA', 'LATIN', 'LATIN')`,
    );
    const t1 = value<PeriodsOverview>(await p.dispatch('periods.list', {}, direction)).periods.find(
      (x) => x.level === '' && x.code === 'T1',
    )!;
    for (const [subjectCode, structureKind, structureCode, text] of [
      ['061300', 'division', division!.code, '12,5'],
      ['020700', 'group', 'LAT5', '16'],
    ] as const) {
      const service = value<TeachingServiceSummary>(
        await p.dispatch(
          'services.save',
          { subjectCode, structureKind, structureCode, teacherId: 1 },
          direction,
        ),
      );
      const a = value<AssessmentSummary>(
        await p.dispatch(
          'assessments.create',
          { serviceId: service.id, periodId: t1.id, label: 'DS 1', day: '2026-11-20' },
          direction,
        ),
      );
      value(
        await p.dispatch(
          'marks.save',
          { assessmentId: a.id, studentId: pupil!.id, text, version: 0 },
          direction,
        ),
      );
    }
    const bytes = value<Uint8Array>(
      await p.dispatch('grades.reportCard', { periodId: t1.id, studentId: pupil!.id }, direction),
    );
    const page = (await pdfPages(bytes))[0]!.replace(/\s+/g, ' ');
    expect(page).toMatch(/LATIN .*16,00 16,00 16,00 16,00 16,00/);
    expect(page).toMatch(/MATHÉMATIQUES .*12,50 12,50 12,50 12,50 12,50/);
    expect(page).toMatch(/Moyenne générale\s*:\s*14,25/);
  });
});
