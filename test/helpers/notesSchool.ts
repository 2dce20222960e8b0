import type {
  AssessmentSummary,
  MarkColumnResult,
  PeriodsOverview,
  TeachingServiceSummary,
} from '../../shared/api/staff';
import { defaultPeriods } from '../../shared/domain/periods';
import type { Pupitre } from '../../main/bootstrap';
import { ADMIN_PASSWORD, createStaffUser, loginToken, TEST_NOW, value } from './pupitre';

/**
 * A class with marks, entered through the staff calls a teacher's grid uses (so the marks
 * are what the grid stores): a family with a child in a division, four subjects with their
 * teachers, the school's trimestres, and the devoirs of `DEVOIRS` marked for the child and
 * some classmates. The portal's « Notes » is opened.
 */
export const SUBJECTS = [
  { code: '061300', label: 'MATHEMATIQUES', teacher: 'Claire DUBOIS' },
  { code: '020700', label: 'FRANCAIS', teacher: 'Marc LEROY' },
  { code: '030201', label: 'ANGLAIS LV1', teacher: 'Emma WILSON' },
  { code: '040300', label: 'HISTOIRE-GEOGRAPHIE', teacher: 'Paul MARTIN' },
] as const;

export interface Devoir {
  subject: (typeof SUBJECTS)[number]['code'];
  label: string;
  day: string;
  scale?: string;
  coefficient?: string;
  optional?: boolean;
  publishesOn?: string | null;
  /** The child's mark, then the classmates' (as typed in the grid). */
  child: string;
  classmates: string[];
}

/** Marks of the first trimestre (the test clock is at 22/11/2026). */
export const DEVOIRS: Devoir[] = [
  {
    subject: '061300',
    label: 'DS 1 — fractions',
    day: '2026-09-25',
    child: '14',
    classmates: ['9', '12,5', '18', 'Abs'],
  },
  {
    subject: '061300',
    label: 'Interrogation',
    day: '2026-10-09',
    scale: '10',
    coefficient: '0,5',
    child: '7',
    classmates: ['5', '9,5', '3'],
  },
  {
    subject: '061300',
    label: 'Devoir maison',
    day: '2026-11-06',
    optional: true,
    child: '11',
    classmates: ['15', '17'],
  },
  {
    subject: '020700',
    label: 'Article de presse',
    day: '2026-10-09',
    scale: '16',
    child: '8',
    classmates: ['10', '4', '0'],
  },
  { subject: '020700', label: 'Dictée', day: '2026-11-13', child: 'Disp', classmates: ['12', '6'] },
  {
    subject: '030201',
    label: 'Oral',
    day: '2026-10-02',
    coefficient: '2',
    child: '16,5',
    classmates: ['11', '13'],
  },
  {
    subject: '030201',
    label: 'Vocabulaire',
    day: '2026-11-20',
    child: '12',
    classmates: ['14', '8'],
  },
];

export interface NotesSchool {
  direction: string;
  guardian: { id: number; login: string };
  studentAccount: { id: number; login: string } | null;
  childId: number;
  divisionCode: string;
  classmates: number[];
  services: Map<string, TeachingServiceSummary>;
  periods: PeriodsOverview['periods'];
  t1: number;
  /** Devoir label → its id. */
  assessments: Map<string, AssessmentSummary>;
  addDevoir(devoir: Devoir): Promise<AssessmentSummary>;
  /** Types one cell again over the version the grid holds. */
  retype(assessmentId: number, studentId: number, text: string): Promise<void>;
}

/** `?` placeholders, rewritten to `$1`, `$2`… on PostgreSQL (the académie-wide database). */
function sqlOf(p: Pupitre) {
  const pg = p.db.dataSource.options.type === 'postgres';
  return (sql: string, params: unknown[] = []): Promise<unknown> => {
    let n = 0;
    return p.db.manager.query(pg ? sql.replace(/\?/g, () => `$${++n}`) : sql, params);
  };
}

/**
 * `clock`: the test's fixed clock, set to the evening of each devoir while its marks are
 * typed (as a teacher would, the day of the test), then back to `TEST_NOW`.
 */
export async function seedNotesSchool(
  p: Pupitre,
  clock: { set(at: string): void },
  devoirs: Devoir[] = DEVOIRS,
): Promise<NotesSchool> {
  const query = sqlOf(p);
  const direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
  const [family] = (await query(
    `SELECT a.id AS id, a.login AS login, s.id AS "childId", d.code AS "divisionCode"
       FROM family_account a JOIN account_student x ON x.account_id = a.id
       JOIN student s ON s.id = x.student_id JOIN division d ON d.id = s.division_id
      WHERE a.kind = 'guardian' ORDER BY a.id LIMIT 1`,
  )) as { id: number; login: string; childId: number; divisionCode: string }[];
  const { id, login, childId, divisionCode } = family!;
  const [studentAccount] = (await query(
    `SELECT id, login FROM family_account WHERE kind = 'student' AND student_id = ?`,
    [childId],
  )) as { id: number; login: string }[];
  const classmates = (
    (await query(
      `SELECT s.id FROM student s JOIN division d ON d.id = s.division_id
        WHERE d.code = ? AND s.id <> ? ORDER BY s.id LIMIT 6`,
      [divisionCode, childId],
    )) as { id: number }[]
  ).map((r) => r.id);

  const services = new Map<string, TeachingServiceSummary>();
  for (const [i, subject] of SUBJECTS.entries()) {
    await query(
      `INSERT INTO subject (school_id, code, management_code, short_label, long_label)
       VALUES (1, ?, ?, ?, ?)`,
      [subject.code, subject.label.slice(0, 10), subject.label, subject.label],
    );
    const teacher = await createStaffUser(p, direction, `prof-notes-${i}`, 'teacher');
    await query('UPDATE staff_user SET display_name = ? WHERE id = ?', [
      subject.teacher,
      teacher.id,
    ]);
    services.set(
      subject.code,
      value<TeachingServiceSummary>(
        await p.dispatch(
          'services.save',
          {
            subjectCode: subject.code,
            structureKind: 'division',
            structureCode: divisionCode,
            teacherId: teacher.id,
          },
          direction,
        ),
      ),
    );
  }
  const { year } = value<PeriodsOverview>(await p.dispatch('periods.list', {}, direction));
  const { periods } = value<PeriodsOverview>(
    await p.dispatch(
      'periods.update',
      {
        level: '',
        kind: 'trimestres',
        periods: defaultPeriods('trimestres', year!).map(
          ({ startsOn, endsOn, closesOn, publishesOn }) => ({
            startsOn,
            endsOn,
            closesOn,
            publishesOn,
          }),
        ),
      },
      direction,
    ),
  );
  const t1 = periods.find((x) => x.level === '' && x.code === 'T1')!.id;
  await query(
    `UPDATE school SET opened_services = 'notes', grade_publication_mode = 'continuous',
       student_delay_days = 0, parent_delay_days = 0`,
  );

  const assessments = new Map<string, AssessmentSummary>();
  async function addDevoir(devoir: Devoir) {
    clock.set(`${devoir.day}T16:00:00.000Z`);
    try {
      return await typeDevoir(devoir);
    } finally {
      clock.set(TEST_NOW);
    }
  }
  async function typeDevoir(devoir: Devoir) {
    const created = value<AssessmentSummary>(
      await p.dispatch(
        'assessments.create',
        {
          serviceId: services.get(devoir.subject)!.id,
          periodId: t1,
          label: devoir.label,
          day: devoir.day,
          ...(devoir.scale ? { scale: devoir.scale } : {}),
          ...(devoir.coefficient ? { coefficient: devoir.coefficient } : {}),
          optional: devoir.optional ?? false,
          publishesOn: devoir.publishesOn ?? null,
        },
        direction,
      ),
    );
    assessments.set(devoir.label, created);
    const texts = [devoir.child, ...devoir.classmates];
    const students = [childId, ...classmates].slice(0, texts.length);
    value<MarkColumnResult>(
      await p.dispatch(
        'marks.saveColumn',
        {
          assessmentId: created.id,
          cells: students.map((studentId, i) => ({ studentId, text: texts[i]!, version: 0 })),
        },
        direction,
      ),
    );
    return created;
  }
  for (const devoir of devoirs) await addDevoir(devoir);

  async function retype(assessmentId: number, studentId: number, text: string) {
    const [row] = (await query(
      'SELECT version FROM mark WHERE assessment_id = ? AND student_id = ?',
      [assessmentId, studentId],
    )) as { version: number }[];
    value(
      await p.dispatch(
        'marks.save',
        { assessmentId, studentId, text, version: row?.version ?? 0 },
        direction,
      ),
    );
  }

  return {
    direction,
    guardian: { id, login },
    studentAccount: studentAccount ?? null,
    childId,
    divisionCode,
    classmates,
    services,
    periods,
    t1,
    assessments,
    addDevoir,
    retype,
  };
}
