import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AssessmentSummary,
  GradeGrid,
  MarkColumnResult,
  MarkSaveResult,
  PeriodsOverview,
  StudentSubjectAverage,
  TeachingServiceSummary,
} from '../../shared/api/staff';
import type { ApiResult } from '../../shared/api/result';
import { defaultPeriods } from '../../shared/domain/periods';
import {
  ADMIN_PASSWORD,
  TEST_NOW,
  createStaffUser,
  loginToken,
  startTestPupitre,
  value,
  type TestPupitre,
} from '../helpers/pupitre';
import { setGroups } from '../helpers/groups';

// Issue 16 §3 « La grille »: devoirs, marks typed or pasted, each write over the version the
// window saw, the period's lock, and what families are told of a change after publication.

let p: TestPupitre;
let direction: string;
let teacher: { id: number; token: string; password: string };
let mainTeacher: { id: number; token: string };
let stranger: { id: number; token: string };
let service: TeachingServiceSummary;
let t1: { id: number; closesOn: string | null };
let divisionCode: string;

/** French typography's no-break spaces read as plain ones, for comparing messages. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

function failure(result: ApiResult<unknown>) {
  if (result.ok) throw new Error('expected a refusal');
  return {
    code: result.error.code,
    message: plain(result.error.message),
    fields: Object.fromEntries(
      Object.entries(result.error.fields ?? {}).map(([k, v]) => [k, plain(v)]),
    ),
  };
}

const grid = async (token = teacher.token) =>
  value<GradeGrid>(
    await p.dispatch('grades.grid', { serviceId: service.id, periodId: t1.id }, token),
  );

async function createAssessment(input: Record<string, unknown>, token = teacher.token) {
  return value<AssessmentSummary>(
    await p.dispatch(
      'assessments.create',
      { serviceId: service.id, periodId: t1.id, label: 'DS', day: '2026-11-20', ...input },
      token,
    ),
  );
}

const audit = async (action: string) =>
  (
    (await p.db.manager.query(
      'SELECT actor_label, target_label, details FROM audit_log WHERE action = ? ORDER BY id',
      [action],
    )) as { actor_label: string; target_label: string; details: string }[]
  ).map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));

beforeAll(async () => {
  p = await startTestPupitre({ students: 40 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
  teacher = await createStaffUser(p, direction, 'prof-maths', 'teacher');
  mainTeacher = await createStaffUser(p, direction, 'prof-principal', 'teacher');
  stranger = await createStaffUser(p, direction, 'prof-autre', 'teacher');
  const [biggest] = (await p.db.manager.query(
    `SELECT d.code AS code FROM division d JOIN student s ON s.division_id = d.id
     GROUP BY d.code ORDER BY COUNT(*) DESC, d.code LIMIT 1`,
  )) as { code: string }[];
  divisionCode = biggest!.code;
  await p.db.manager.query(
    `INSERT INTO subject (school_id, code, management_code, short_label, long_label)
     VALUES (1, '061300', 'MATHS', 'MATHEMATIQUES', 'MATHEMATIQUES')`,
  );
  await p.db.manager.query(
    'INSERT INTO main_teacher (school_id, staff_user_id, division_code) VALUES (1, ?, ?)',
    [mainTeacher.id, divisionCode],
  );
  service = value<TeachingServiceSummary>(
    await p.dispatch(
      'services.save',
      {
        subjectCode: '061300',
        structureKind: 'division',
        structureCode: divisionCode,
        teacherId: teacher.id,
      },
      direction,
    ),
  );
  // The school's trimestres with their default closing days (a week after each ends).
  const { year } = value<PeriodsOverview>(await p.dispatch('periods.list', {}, direction));
  const periods = value<PeriodsOverview>(
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
  t1 = periods.periods.find((x) => x.level === '' && x.code === 'T1')!;
});
afterAll(async () => p?.cleanup());

describe('devoirs of a teaching service', () => {
  it('creates one /20, coefficient 1 by default, and refuses bad fields in French, field by field', async () => {
    const ds = await createAssessment({ label: 'DS 1' });
    expect(ds).toMatchObject({
      label: 'DS 1',
      scaleHundredths: 2000,
      coefficientHundredths: 100,
      optional: false,
      publishesOn: null,
      version: 1,
    });
    const bad = failure(
      await p.dispatch(
        'assessments.create',
        {
          serviceId: service.id,
          periodId: t1.id,
          label: '',
          day: '2026-02-30',
          scale: '0',
          coefficient: '120',
        },
        teacher.token,
      ),
    );
    expect(bad.code).toBe('invalid_input');
    expect(bad.fields).toMatchObject({
      label: 'Intitulé : champ obligatoire.',
      day: 'Date du devoir : une date réelle, JJ/MM/AAAA.',
      scale: expect.stringContaining('n’est pas un barème'),
      coefficient: expect.stringContaining('n’est pas un coefficient'),
    });
    const outside = failure(
      await p.dispatch(
        'assessments.create',
        { serviceId: service.id, periodId: t1.id, label: 'DS', day: '2027-01-10' },
        teacher.token,
      ),
    );
    expect(outside.fields.day).toMatch(
      /^Date du devoir : entre le 01\/09\/2026 et le 30\/11\/2026/,
    );
    // Any positive barème (« /19 »), a coefficient of 0,5, « facultatif ».
    const odd = await createAssessment({ scale: '19', coefficient: '0,5', optional: true });
    expect(odd).toMatchObject({ scaleHundredths: 1900, coefficientHundredths: 50, optional: true });
    value(await p.dispatch('assessments.delete', { id: odd.id }, teacher.token));
  });

  it('changes a devoir only over the version the window saw', async () => {
    const ds = await createAssessment({ label: 'Interro' });
    const changed = value<AssessmentSummary>(
      await p.dispatch(
        'assessments.update',
        {
          id: ds.id,
          version: 1,
          periodId: t1.id,
          label: 'Interro 1',
          day: '2026-11-21',
          scale: '10',
        },
        teacher.token,
      ),
    );
    expect(changed).toMatchObject({ label: 'Interro 1', scaleHundredths: 1000, version: 2 });
    const stale = failure(
      await p.dispatch(
        'assessments.update',
        { id: ds.id, version: 1, periodId: t1.id, label: 'Autre', day: '2026-11-21' },
        direction,
      ),
    );
    expect(stale).toMatchObject({
      code: 'conflict',
      message: 'Devoir modifié entre-temps par Test prof-maths : rechargez-le avant de le changer.',
    });
    value(await p.dispatch('assessments.delete', { id: ds.id }, teacher.token));
  });
});

describe('who reaches the grid (teachingAccess)', () => {
  it('lets the teacher and direction in, the professeur principal read only, others not at all', async () => {
    expect((await grid()).canEdit).toBe(true);
    expect((await grid(direction)).canEdit).toBe(true);
    const principal = await grid(mainTeacher.token);
    expect(principal.canEdit).toBe(false);
    expect(principal.pupils.length).toBeGreaterThan(2);
    const [ds] = principal.assessments;
    const refused = failure(
      await p.dispatch(
        'marks.save',
        { assessmentId: ds!.id, studentId: principal.pupils[0]!.id, text: '10', version: 0 },
        mainTeacher.token,
      ),
    );
    expect(refused).toMatchObject({
      code: 'forbidden',
      message: 'Seul Test prof-maths saisit les notes de ce service : vous le consultez.',
    });
    for (const call of [
      p.dispatch('grades.grid', { serviceId: service.id, periodId: t1.id }, stranger.token),
      p.dispatch(
        'marks.save',
        { assessmentId: ds!.id, studentId: principal.pupils[0]!.id, text: '10', version: 0 },
        stranger.token,
      ),
      p.dispatch('assessments.delete', { id: ds!.id }, stranger.token),
    ]) {
      expect(failure(await call)).toMatchObject({ code: 'not_found' });
    }
  });
});

describe('marks in the grid', () => {
  let ds: AssessmentSummary;
  let pupils: GradeGrid['pupils'];

  beforeAll(async () => {
    ds = await createAssessment({ label: 'DS 2', day: '2026-11-10' });
    pupils = (await grid()).pupils;
  });

  const save = (studentId: number, text: string, version: number, token = teacher.token) =>
    p.dispatch('marks.save', { assessmentId: ds.id, studentId, text, version }, token);

  it('keeps 12,5 as 12,5 (integer hundredths) and shows the class figures', async () => {
    const saved = value<MarkSaveResult>(await save(pupils[0]!.id, '12,5', 0));
    expect(saved).toMatchObject({
      status: 'saved',
      cell: { text: '12,5', value: { kind: 'points', points: 1250 }, version: 1 },
    });
    value(await save(pupils[1]!.id, '8', 0));
    value(await save(pupils[2]!.id, 'a', 0));
    const rows = (await p.db.manager.query(
      'SELECT points, special FROM mark WHERE assessment_id = ? ORDER BY id',
      [ds.id],
    )) as { points: number | null; special: string | null }[];
    expect(rows).toEqual([
      { points: 1250, special: null },
      { points: 800, special: null },
      { points: null, special: 'abs' },
    ]);
    const after = await grid();
    const column = after.assessments.find((a) => a.id === ds.id)!;
    // « Abs » is not a mark: (12,5 + 8) / 2.
    expect(column.figures).toEqual({
      count: 2,
      average: '10,25',
      lowest: '8,00',
      highest: '12,50',
    });
    expect(after.pupils[2]!.cells[String(ds.id)]).toMatchObject({ text: 'Abs', version: 1 });
    const bad = failure(await save(pupils[3]!.id, '21', 0));
    expect(bad).toMatchObject({
      code: 'invalid_input',
      fields: { text: '21 dépasse le barème : la note est sur 20.' },
    });
  });

  it('answers « modifiée entre-temps par … » to the slower of two windows, and changes nothing for it', async () => {
    const [a, b] = await Promise.all([
      save(pupils[0]!.id, '14', 1),
      save(pupils[0]!.id, '9', 1, direction),
    ]);
    const results = [value<MarkSaveResult>(a), value<MarkSaveResult>(b)];
    const saved = results.find((r) => r.status === 'saved')!;
    const stale = results.find((r) => r.status === 'stale')!;
    expect(saved).toBeDefined();
    expect(stale).toBeDefined();
    expect(stale.cell).toEqual(saved.cell);
    expect(plain(stale.status === 'stale' ? stale.message : '')).toBe(
      `Note modifiée entre-temps par ${saved.cell.updatedBy} : « ${saved.cell.text} ». Votre saisie n’est pas enregistrée.`,
    );
    const [row] = (await p.db.manager.query(
      'SELECT points, version FROM mark WHERE assessment_id = ? AND student_id = ?',
      [ds.id, pupils[0]!.id],
    )) as { points: number; version: number }[];
    expect(row).toEqual({
      points: saved.cell.value?.kind === 'points' ? saved.cell.value.points : -1,
      version: 2,
    });
    // Put back 12,5 over the version now known.
    value(await save(pupils[0]!.id, '12,5', 2));
  });

  it('saves a pasted column whole, or names the pupil and the line and saves nothing', async () => {
    const before = await grid();
    const cells = before.pupils.slice(3, 7).map((pupil, index) => ({
      studentId: pupil.id,
      text: ['15', '7,25', '25', 'disp'][index]!,
      version: pupil.cells[String(ds.id)]!.version,
    }));
    const refused = failure(
      await p.dispatch('marks.saveColumn', { assessmentId: ds.id, cells }, teacher.token),
    );
    const third = before.pupils[5]!;
    const name = `${third.lastName.toUpperCase()} ${third.firstName}`;
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toBe(
      `Ligne 3 (${name}) : 25 dépasse le barème : la note est sur 20. Rien n’est enregistré.`,
    );
    expect(refused.fields).toEqual({
      'cells.2.text': `Ligne 3 (${name}) : 25 dépasse le barème : la note est sur 20.`,
    });
    expect(await grid()).toEqual(before);
    cells[2]!.text = '19,75';
    const saved = value<MarkColumnResult>(
      await p.dispatch('marks.saveColumn', { assessmentId: ds.id, cells }, teacher.token),
    );
    expect(saved.cells.map((c) => c.text)).toEqual(['15', '7,25', '19,75', 'Disp']);
    // The same column again, over the versions it was read at: every line is stale now.
    const again = failure(
      await p.dispatch('marks.saveColumn', { assessmentId: ds.id, cells }, teacher.token),
    );
    expect(again.code).toBe('conflict');
    expect(again.message).toMatch(
      /^4 lignes à corriger, rien n’est enregistré\. Ligne 1 \(.+\) : Note modifiée entre-temps par Test prof-maths : « 15 »/,
    );
  });

  it('explains a pupil’s subject average with the one engine', async () => {
    const coef2 = await createAssessment({
      label: 'DM',
      day: '2026-11-12',
      scale: '10',
      coefficient: '2',
    });
    value(await save(pupils[0]!.id, '12,5', 2));
    value(
      await p.dispatch(
        'marks.save',
        { assessmentId: coef2.id, studentId: pupils[0]!.id, text: '4', version: 0 },
        teacher.token,
      ),
    );
    const answer = value<StudentSubjectAverage>(
      await p.dispatch(
        'grades.subjectAverage',
        { serviceId: service.id, periodId: t1.id, studentId: pupils[0]!.id },
        direction,
      ),
    );
    // (12,5 × 1 + 8 × 2) / 3 = 9,50: 4/10 is 8/20.
    expect(answer.average.display).toBe('9,50');
    expect(answer.average.counted.map((c) => [c.label, c.markLabel, c.coefficient])).toEqual([
      ['DS 2', '12,50', '1'],
      ['DM', '4,00/10', '2'],
    ]);
    expect(answer.average.explanation.join('\n')).toContain('= 9,50');
    expect((await grid()).pupils[0]!.average).toBe('9,50');
  });
});

describe('a group’s pupils (SIECLE groups are real memberships)', () => {
  it('lists the group’s members still at school, and a leaver who already has a mark', async () => {
    const ids = (
      (await p.db.manager.query(
        'SELECT id FROM student WHERE left_on IS NULL ORDER BY id LIMIT 4',
      )) as { id: number }[]
    ).map((r) => r.id);
    await setGroups(p.db, ids, ['LATG']);
    // A group whose code starts the same is another group.
    const [last] = (await p.db.manager.query('SELECT MAX(id) AS id FROM student')) as {
      id: number;
    }[];
    await setGroups(p.db, [last!.id], ['LATG2']);
    await p.db.manager.query(`UPDATE student SET left_on = '2026-11-01' WHERE id = ?`, [ids[3]]);
    const latin = value<TeachingServiceSummary>(
      await p.dispatch(
        'services.save',
        {
          subjectCode: '061300',
          structureKind: 'group',
          structureCode: 'LATG',
          teacherId: teacher.id,
        },
        direction,
      ),
    );
    const gridOf = async () =>
      value<GradeGrid>(
        await p.dispatch('grades.grid', { serviceId: latin.id, periodId: t1.id }, teacher.token),
      );
    expect((await gridOf()).pupils.map((x) => x.id).sort((a, b) => a - b)).toEqual(ids.slice(0, 3));
    const ds = value<AssessmentSummary>(
      await p.dispatch(
        'assessments.create',
        { serviceId: latin.id, periodId: t1.id, label: 'Version', day: '2026-11-19' },
        teacher.token,
      ),
    );
    value(
      await p.dispatch(
        'marks.save',
        { assessmentId: ds.id, studentId: ids[2]!, text: '16', version: 0 },
        teacher.token,
      ),
    );
    await p.db.manager.query(`UPDATE student SET left_on = '2026-11-21' WHERE id = ?`, [ids[2]]);
    const after = await gridOf();
    expect(after.pupils.map((x) => x.id).sort((a, b) => a - b)).toEqual(ids.slice(0, 3));
    expect(after.pupils.find((x) => x.id === ids[2])?.cells[String(ds.id)]?.text).toBe('16');
    const outsider = failure(
      await p.dispatch(
        'marks.save',
        { assessmentId: ds.id, studentId: ids[3]!, text: '12', version: 0 },
        teacher.token,
      ),
    );
    expect(outsider).toMatchObject({
      code: 'not_found',
      fields: { studentId: 'Élève introuvable dans ce service.' },
    });
    // The leaver's mark is still theirs to correct, cell by cell and in a pasted column; a
    // pupil of LATG2 (another group, however alike its code) is no more reachable by a paste.
    const corrected = value<MarkSaveResult>(
      await p.dispatch(
        'marks.save',
        { assessmentId: ds.id, studentId: ids[2]!, text: '15', version: 1 },
        teacher.token,
      ),
    );
    expect(corrected).toMatchObject({ status: 'saved', cell: { text: '15', version: 2 } });
    const pasted = value<MarkColumnResult>(
      await p.dispatch(
        'marks.saveColumn',
        {
          assessmentId: ds.id,
          cells: [
            { studentId: ids[0]!, text: '11', version: 0 },
            { studentId: ids[2]!, text: '14', version: 2 },
          ],
        },
        teacher.token,
      ),
    );
    expect(pasted.cells.map((c) => [c.studentId, c.text, c.version])).toEqual([
      [ids[0], '11', 1],
      [ids[2], '14', 3],
    ]);
    const otherGroup = failure(
      await p.dispatch(
        'marks.saveColumn',
        {
          assessmentId: ds.id,
          cells: [
            { studentId: ids[1]!, text: '9', version: 0 },
            { studentId: last!.id, text: '9', version: 0 },
          ],
        },
        teacher.token,
      ),
    );
    expect(otherGroup).toMatchObject({
      code: 'invalid_input',
      fields: { 'cells.1.text': 'Ligne 2 : élève introuvable dans ce service.' },
    });
    expect(
      (await gridOf()).pupils.find((x) => x.id === ids[1])?.cells[String(ds.id)]?.text ?? '',
    ).toBe('');
  });
});

describe('marks never leave with their service or their period', () => {
  it('refuses to remove a service that has devoirs, in French', async () => {
    const refused = failure(await p.dispatch('services.remove', { id: service.id }, direction));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(
      /^Ce service a \d+ devoirs et leurs notes : changez plutôt son enseignant/,
    );
    expect((await grid()).service.id).toBe(service.id);
  });

  it('refuses to turn trimestres into semestres while T1 holds devoirs', async () => {
    const { year } = value<PeriodsOverview>(await p.dispatch('periods.list', {}, direction));
    const refused = failure(
      await p.dispatch(
        'periods.update',
        {
          level: '',
          kind: 'semestres',
          periods: defaultPeriods('semestres', year!).map(
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
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(
      /^Trimestre 1 \(Tous niveaux\) a \d+ devoirs : elle ne peut être retirée\.$/,
    );
    expect((await grid()).period.id).toBe(t1.id);
  });
});

describe('the period’s lock, and changes after publication', () => {
  it('remembers a change after publication for families, and not one before it', async () => {
    const published = await createAssessment({ label: 'DS 4', day: '2026-11-16' });
    const later = await createAssessment({
      label: 'DS 5',
      day: '2026-11-16',
      publishesOn: '2026-11-28',
    });
    const pupil = (await grid()).pupils[1]!;
    const put = (assessmentId: number, text: string, version: number) =>
      p.dispatch('marks.save', { assessmentId, studentId: pupil.id, text, version }, teacher.token);
    for (const id of [published.id, later.id]) value(await put(id, '10', 0));
    const before = (await audit('marks.save')).length;
    const changed = value<MarkSaveResult>(await put(published.id, '11', 1));
    expect(changed.cell.modifiedAfterPublicationAt).toBe(TEST_NOW);
    const cleared = value<MarkSaveResult>(await put(published.id, '', 2));
    expect(cleared.cell).toMatchObject({
      text: '',
      value: null,
      modifiedAfterPublicationAt: TEST_NOW,
    });
    const hidden = value<MarkSaveResult>(await put(later.id, '11', 1));
    expect(hidden.cell.modifiedAfterPublicationAt).toBeNull();
    const journal = (await audit('marks.save')).slice(before);
    expect(journal.map((j) => j.details)).toEqual([
      { élève: pupil.id, avant: '10', après: '11', aprèsPublication: true },
      { élève: pupil.id, avant: '11', après: '', aprèsPublication: true },
    ]);
    const grid1 = await grid();
    expect(grid1.assessments.find((a) => a.id === published.id)?.published).toBe(true);
    expect(grid1.assessments.find((a) => a.id === later.id)?.published).toBe(false);
    value(await p.dispatch('assessments.delete', { id: later.id }, teacher.token));
    value(await put(published.id, '9', 3));
    // Issue 16 §3: « deletions after publication are shown to families ». A deleted devoir
    // would vanish from their page without a word: refused, for the teacher as for direction,
    // even once its one mark is cleared (the family reads « — », « modifiée le … »).
    // (`failure` reads the message with plain spaces.)
    const refusal = {
      code: 'conflict',
      message:
        'Ce devoir est publié et ses notes sont visibles des familles : il ne peut plus être supprimé. Effacez ou corrigez ses notes ; la famille verra « modifiée le … ».',
    };
    expect(
      failure(await p.dispatch('assessments.delete', { id: published.id }, teacher.token)),
    ).toMatchObject(refusal);
    value(await put(published.id, '', 4));
    expect(
      failure(await p.dispatch('assessments.delete', { id: published.id }, direction)),
    ).toMatchObject(refusal);
    expect(
      await p.db.manager.query('SELECT COUNT(*) AS n FROM mark WHERE assessment_id = ?', [
        published.id,
      ]),
    ).toEqual([{ n: 1 }]);
    // A published devoir whose marks no family read (none typed yet) still goes.
    const empty = await createAssessment({ label: 'DS 6', day: '2026-11-16' });
    value(await p.dispatch('assessments.delete', { id: empty.id }, teacher.token));
    expect(await audit('assessment.delete')).toEqual([]);
  });

  it('locks the teacher out after the closing day; direction still edits, in the journal', async () => {
    const ds = await createAssessment({ label: 'DS 3', day: '2026-11-18' });
    const pupil = (await grid()).pupils[0]!;
    value(
      await p.dispatch(
        'marks.save',
        { assessmentId: ds.id, studentId: pupil.id, text: '11', version: 0 },
        teacher.token,
      ),
    );
    expect(t1.closesOn).toBe('2026-12-07');
    p.clock.set('2026-12-07T09:00:00Z');
    try {
      // Two weeks on, the sessions have expired: log in again.
      const late = await loginToken(p, 'prof-maths', teacher.password);
      const head = await loginToken(p, 'direction', ADMIN_PASSWORD);
      const locked = failure(
        await p.dispatch(
          'marks.save',
          { assessmentId: ds.id, studentId: pupil.id, text: '13', version: 1 },
          late,
        ),
      );
      expect(locked.code).toBe('conflict');
      expect(locked.message).toMatch(/^Saisie fermée depuis le .* pour Trimestre 1/);
      expect((await grid(late)).canEdit).toBe(false);
      const byDirection = value<MarkSaveResult>(
        await p.dispatch(
          'marks.save',
          { assessmentId: ds.id, studentId: pupil.id, text: '13', version: 1 },
          head,
        ),
      );
      expect(byDirection.status).toBe('saved');
      const journal = await audit('marks.save');
      expect(journal.at(-1)).toMatchObject({
        actor_label: expect.stringContaining('(direction)'),
        target_label: `${divisionCode} — ${service.subject.label} — DS 3`,
        details: { élève: pupil.id, avant: '11', après: '13', aprèsPublication: true },
      });
      // Reopened for this teacher: the entry is theirs again.
      value(
        await p.dispatch(
          'periods.reopen',
          { periodId: t1.id, teacherId: teacher.id, untilOn: '2026-12-10' },
          head,
        ),
      );
      const reopened = value<MarkSaveResult>(
        await p.dispatch(
          'marks.save',
          { assessmentId: ds.id, studentId: pupil.id, text: '14', version: 2 },
          late,
        ),
      );
      expect(reopened.cell).toMatchObject({ text: '14', updatedBy: 'Test prof-maths', version: 3 });
    } finally {
      // Last test of the file: the sessions and login throttle now live two weeks on.
      p.clock.set(TEST_NOW);
    }
  });
});
