import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPupitre, type Pupitre } from '../../main/bootstrap';
import { fixedClock } from '../../main/services/clock';
import type {
  AssessmentSummary,
  GradeGrid,
  MarkColumnResult,
  MarkSaveResult,
  PeriodsOverview,
  TeachingServiceSummary,
} from '../../shared/api/staff';
import {
  ADMIN_PASSWORD,
  TEST_NOW,
  createStaffUser,
  loginToken,
  testHasher,
  value,
} from '../helpers/pupitre';
import { emptyPostgres } from '../helpers/postgres';

// The marks grid on PostgreSQL (académie-wide installs): 12,5 stays 12,5 and the conditional
// write holds. Runs where PUPITRE_TEST_POSTGRES_URL names a database it may wipe.
const url = process.env.PUPITRE_TEST_POSTGRES_URL;

describe.skipIf(!url)('marks on PostgreSQL', () => {
  let p: Pupitre;
  let dir: string;
  let direction: string;
  let teacher: { id: number; token: string };
  let grid: () => Promise<GradeGrid>;
  let assessment: AssessmentSummary;

  beforeAll(async () => {
    await emptyPostgres(url!);
    dir = mkdtempSync(join(tmpdir(), 'pupitre-pg-grades-'));
    p = await startPupitre({
      dataDir: dir,
      postgresUrl: url!,
      secretKey: Buffer.alloc(32, 7),
      clock: fixedClock(TEST_NOW),
      hasher: testHasher,
      adminPassword: ADMIN_PASSWORD,
      demoStudentCount: 40,
    });
    value(await p.dispatch('setup.createSchool', { kind: 'demo' }, null));
    direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
    teacher = await createStaffUser(p, direction, 'prof-pg', 'teacher');
    const [division] = (await p.db.manager.query(
      `SELECT d.code AS code FROM division d JOIN student s ON s.division_id = d.id
       GROUP BY d.code ORDER BY COUNT(*) DESC, d.code LIMIT 1`,
    )) as { code: string }[];
    await p.db.manager.query(
      `INSERT INTO subject (school_id, code, management_code, short_label, long_label)
       VALUES (1, '061300', 'MATHS', 'MATHEMATIQUES', 'MATHEMATIQUES')`,
    );
    const service = value<TeachingServiceSummary>(
      await p.dispatch(
        'services.save',
        {
          subjectCode: '061300',
          structureKind: 'division',
          structureCode: division!.code,
          teacherId: teacher.id,
        },
        direction,
      ),
    );
    const t1 = value<PeriodsOverview>(await p.dispatch('periods.list', {}, direction)).periods.find(
      (x) => x.level === '' && x.code === 'T1',
    )!;
    assessment = value<AssessmentSummary>(
      await p.dispatch(
        'assessments.create',
        {
          serviceId: service.id,
          periodId: t1.id,
          label: 'DS 1',
          day: '2026-11-20',
          scale: '19,5',
          coefficient: '0,25',
        },
        teacher.token,
      ),
    );
    grid = async () =>
      value<GradeGrid>(
        await p.dispatch('grades.grid', { serviceId: service.id, periodId: t1.id }, teacher.token),
      );
  });
  afterAll(async () => {
    await (p as Pupitre | undefined)?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps 12,5, 19,5 and 0,25 exact, and the class figures', async () => {
    expect(assessment).toMatchObject({ scaleHundredths: 1950, coefficientHundredths: 25 });
    const { pupils } = await grid();
    value(
      await p.dispatch(
        'marks.save',
        { assessmentId: assessment.id, studentId: pupils[0]!.id, text: '12,5', version: 0 },
        teacher.token,
      ),
    );
    value<MarkColumnResult>(
      await p.dispatch(
        'marks.saveColumn',
        {
          assessmentId: assessment.id,
          cells: [
            { studentId: pupils[1]!.id, text: '7,25', version: 0 },
            { studentId: pupils[2]!.id, text: 'NN', version: 0 },
          ],
        },
        teacher.token,
      ),
    );
    const rows = (await p.db.manager.query(
      'SELECT points, special FROM mark WHERE assessment_id = $1 ORDER BY id',
      [assessment.id],
    )) as { points: number | null; special: string | null }[];
    expect(rows).toEqual([
      { points: 1250, special: null },
      { points: 725, special: null },
      { points: null, special: 'nn' },
    ]);
    const after = await grid();
    expect(after.pupils[0]!.cells[String(assessment.id)]!.text).toBe('12,5');
    expect(after.assessments[0]!.figures).toEqual({
      count: 2,
      average: '9,88',
      lowest: '7,25',
      highest: '12,50',
    });
  });

  it('answers the slower of two windows « modifiée entre-temps » and keeps the other’s mark', async () => {
    const pupil = (await grid()).pupils[0]!;
    const results = await Promise.all(
      ['15', '16'].map(async (text, index) =>
        value<MarkSaveResult>(
          await p.dispatch(
            'marks.save',
            { assessmentId: assessment.id, studentId: pupil.id, text, version: 1 },
            index === 0 ? teacher.token : direction,
          ),
        ),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['saved', 'stale']);
    const saved = results.find((r) => r.status === 'saved')!;
    const [row] = (await p.db.manager.query(
      'SELECT points, version FROM mark WHERE assessment_id = $1 AND student_id = $2',
      [assessment.id, pupil.id],
    )) as { points: number; version: number }[];
    expect(row).toEqual({
      points: saved.cell.value?.kind === 'points' ? saved.cell.value.points : null,
      version: 2,
    });
  });
});
