import { writeFileSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AssessmentSummary,
  DivisionSummary,
  GradeGrid,
  PeriodsOverview,
  TeachingServiceSummary,
} from '../../shared/api/staff';
import type { ApiResult } from '../../shared/api/result';
import { defaultPeriods } from '../../shared/domain/periods';
import { loadLetterFonts } from '../../main/pdf/fonts';
import { renderReportCardPdf } from '../../main/pdf/reportCard';
import { pdfPages } from '../helpers/pdfText';
import {
  ADMIN_PASSWORD,
  createStaffUser,
  loginToken,
  startTestPupitre,
  value,
  type TestPupitre,
} from '../helpers/pupitre';
import { setGroups } from '../helpers/groups';

// Issue 16 §6: « A printable relevé de notes (PDF, one pupil or a whole division, one period)
// for families who do not use the portal, made like the letters. »

let p: TestPupitre;
let direction: string;
let secretariat: string;
let cpe: string;
let mainTeacher: string;
let mathsTeacher: string;
let division: DivisionSummary;
let t1: number;
let maths: TeachingServiceSummary;
let history: TeachingServiceSummary;
let pupils: { id: number; last_name: string; first_name: string }[];

/** French typography's no-break spaces read as plain ones, and lines joined. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
const LONG_SUBJECT =
  'HISTOIRE-GÉOGRAPHIE, ENSEIGNEMENT MORAL ET CIVIQUE — SECTION EUROPÉENNE ET INTERNATIONALE';

async function pdf(input: Record<string, unknown>, token = direction) {
  const bytes = value<Uint8Array>(
    await p.dispatch('grades.reportCard', { periodId: t1, ...input }, token),
  );
  if (process.env.PUPITRE_SHOTS) {
    mkdirSync(process.env.PUPITRE_SHOTS, { recursive: true });
    writeFileSync(`${process.env.PUPITRE_SHOTS}/releve-${Object.keys(input)[0]}.pdf`, bytes);
  }
  return { bytes, pages: (await pdfPages(bytes)).map(plain) };
}

async function assessment(service: TeachingServiceSummary, input: Record<string, unknown>) {
  return value<AssessmentSummary>(
    await p.dispatch(
      'assessments.create',
      { serviceId: service.id, periodId: t1, day: '2026-11-20', ...input },
      direction,
    ),
  );
}

async function mark(a: AssessmentSummary, studentId: number, text: string) {
  value(
    await p.dispatch('marks.save', { assessmentId: a.id, studentId, text, version: 0 }, direction),
  );
}

function failure(result: ApiResult<unknown>) {
  if (result.ok) throw new Error('expected a refusal');
  return { code: result.error.code, message: plain(result.error.message) };
}

beforeAll(async () => {
  p = await startTestPupitre({ students: 40 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
  secretariat = (await createStaffUser(p, direction, 'secretariat', 'secretariat')).token;
  cpe = (await createStaffUser(p, direction, 'cpe', 'cpe')).token;
  const main = await createStaffUser(p, direction, 'prof-principal', 'teacher');
  mainTeacher = main.token;
  const mathsUser = await createStaffUser(p, direction, 'prof-maths', 'teacher');
  mathsTeacher = mathsUser.token;
  const divisions = value<DivisionSummary[]>(await p.dispatch('divisions.list', {}, direction));
  division = [...divisions].sort((a, b) => b.studentCount - a.studentCount)[0]!;
  pupils = (await p.db.manager.query(
    `SELECT id, last_name, first_name FROM student WHERE division_id = ? AND left_on IS NULL
      ORDER BY search_last, search_first`,
    [division.id],
  )) as typeof pupils;
  // Accents, an apostrophe and a name long enough to wrap.
  await p.db.manager.query('UPDATE student SET last_name = ?, first_name = ? WHERE id = ?', [
    'LÉVÊQUE-D’ARTAGNAN DE LA ROCHEFOUCAULD-MONTMORENCY',
    'Éloïse-Bérénice',
    pupils[0]!.id,
  ]);
  await p.db.manager.query(
    `INSERT INTO subject (school_id, code, management_code, short_label, long_label) VALUES
       (1, '061300', 'MATHS', 'MATHEMATIQUES', 'MATHÉMATIQUES'),
       (1, '040600', 'HIGEO', 'HIST-GEO', ?)`,
    [LONG_SUBJECT],
  );
  await p.db.manager.query(
    'INSERT INTO main_teacher (school_id, staff_user_id, division_code) VALUES (1, ?, ?)',
    [main.id, division.code],
  );
  const save = async (subjectCode: string, teacherId: number) =>
    value<TeachingServiceSummary>(
      await p.dispatch(
        'services.save',
        { subjectCode, structureKind: 'division', structureCode: division.code, teacherId },
        direction,
      ),
    );
  maths = await save('061300', mathsUser.id);
  history = await save('040600', main.id);
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
  t1 = periods.periods.find((x) => x.level === '' && x.code === 'T1')!.id;

  const ds1 = await assessment(maths, { label: 'DS 1' });
  const quiz = await assessment(maths, { label: 'Interro', scale: '10', coefficient: '2' });
  // Published to families only on the 28th: today (22 November) a parent does not see it.
  const later = await assessment(maths, { label: 'DS 2', publishesOn: '2026-11-28' });
  const essay = await assessment(history, { label: 'Composition' });
  const [first, second, third] = pupils;
  await mark(ds1, first!.id, '12,5');
  await mark(quiz, first!.id, '8');
  await mark(later, first!.id, '2');
  await mark(essay, first!.id, 'abs');
  await mark(ds1, second!.id, '18');
  await mark(essay, second!.id, '9,25');
  await mark(ds1, third!.id, '6');
});
afterAll(async () => p?.cleanup());

describe('the relevé de notes of one pupil', () => {
  it('prints the school, the pupil, the division, the period, each subject with its teachers, marks /barème and coefficient, averages and the method', async () => {
    const { pages } = await pdf({ studentId: pupils[0]!.id });
    expect(pages).toHaveLength(1);
    const page = pages[0]!;
    const school = (await p.db.manager.query('SELECT name FROM school WHERE id = 1')) as {
      name: string;
    }[];
    expect(page).toContain(plain(school[0]!.name));
    expect(page).toContain('Relevé de notes');
    expect(page).toContain('LÉVÊQUE-D’ARTAGNAN DE LA ROCHEFOUCAULD-MONTMORENCY Éloïse-Bérénice');
    expect(page).toContain(`Division ${division.code}`);
    expect(page).toContain('Trimestre 1');
    expect(page).toContain('MATHÉMATIQUES');
    expect(page).toContain('Test prof-maths');
    expect(page).toContain('12,50');
    expect(page).toContain('8,00/10 (coef. 2)');
    // (12,5 + 16 × 2) / 3 = 14,833… — and the class: pupils at 14,83, 18 and 6 in maths.
    expect(page).toMatch(/14,83 12,94 6,00 18,00/);
    // History: Abs is shown and counts nowhere: no average, never 0.
    expect(page).toContain('Abs');
    expect(page).toMatch(/Abs — 9,25 9,25 9,25/);
    expect(page).toContain('Moyenne générale : 14,83');
    expect(page).toContain('Comment sont calculées ces moyennes : chaque note est ramenée sur 20');
  });

  it('holds only the marks a parent may see on the portal today: a relevé sent home must not publish a mark before its day', async () => {
    // The staff grid counts DS 2 (2/20, published to families on 28 November)…
    const grid = value<GradeGrid>(
      await p.dispatch('grades.grid', { serviceId: maths.id, periodId: t1 }, direction),
    );
    expect(grid.pupils.find((x) => x.id === pupils[0]!.id)!.average).toBe('11,63');
    // …the family's relevé, printed on 22 November, neither shows it nor counts it.
    const { pages } = await pdf({ studentId: pupils[0]!.id });
    expect(pages[0]).not.toContain('2,00');
    expect(pages[0]).not.toContain('DS 2');
    expect(pages[0]).toMatch(/14,83 12,94/);
  });

  it('prints each subject’s coefficient (« coef. 3 »), so a family can redo the general average by hand', async () => {
    // SPEC §5: « general average = Σ(subject average × subject coefficient) / Σ(subject coefficients) ».
    value(
      await p.dispatch(
        'coefficients.update',
        { divisionId: division.id, subjectCode: '040600', coefficient: 3 },
        direction,
      ),
    );
    try {
      // The second pupil: maths 18, history 9,25 ×3 → (18 + 27,75) / 4 = 11,4375.
      const { pages } = await pdf({ studentId: pupils[1]!.id });
      const page = pages[0]!;
      expect(page).toContain(
        `${LONG_SUBJECT} Test prof-principal coef. 3 dans la moyenne générale`,
      );
      expect(page).toContain('MATHÉMATIQUES Test prof-maths coef. 1 dans la moyenne générale');
      expect(page).toContain('Moyenne générale : 11,44');
    } finally {
      value(
        await p.dispatch(
          'coefficients.update',
          { divisionId: division.id, subjectCode: '040600', coefficient: 1 },
          direction,
        ),
      );
    }
  });

  it('goes to the journal (which pupil, which period), as grades leave the system on paper', async () => {
    await pdf({ studentId: pupils[1]!.id }, secretariat);
    const [row] = (await p.db.manager.query(
      `SELECT actor_label, target_type, target_label, details FROM audit_log
        WHERE action = 'grades.reportCard' ORDER BY id DESC LIMIT 1`,
    )) as { actor_label: string; target_type: string; target_label: string; details: string }[];
    expect(row).toMatchObject({
      actor_label: 'Test secretariat (secretariat)',
      target_type: 'student',
    });
    expect(row!.target_label).toContain(division.code);
    expect(JSON.parse(row!.details)).toEqual({ période: 'Trimestre 1', élèves: 1 });
  });
});

describe('the relevé of a whole division', () => {
  it('gives every present pupil their own page(s), in alphabetical order', async () => {
    const { pages } = await pdf({ divisionId: division.id });
    expect(pages.length).toBeGreaterThanOrEqual(pupils.length);
    const firstPages = pages.filter((page) => !page.includes('(suite)'));
    expect(firstPages).toHaveLength(pupils.length);
    expect(firstPages.every((page) => page.includes('Relevé de notes'))).toBe(true);
    const names = (
      (await p.db.manager.query(
        'SELECT last_name, first_name FROM student WHERE division_id = ? AND left_on IS NULL',
        [division.id],
      )) as { last_name: string; first_name: string }[]
    )
      .sort(
        (a, b) =>
          a.last_name.localeCompare(b.last_name, 'fr') ||
          a.first_name.localeCompare(b.first_name, 'fr'),
      )
      .map((s) => `${s.last_name.toUpperCase()} ${s.first_name}`);
    firstPages.forEach((page, i) => expect(page).toContain(names[i]));
    // A pupil without marks: rows with « Aucune note » and « — », never 0.
    expect(firstPages.at(-1)).toContain('Aucune note');
    expect(firstPages.at(-1)).toContain('Moyenne générale : —');
  });

  it('is printed by direction, the secrétariat and the division’s professeur principal; not by another teacher nor the CPE', async () => {
    await pdf({ divisionId: division.id }, secretariat);
    await pdf({ divisionId: division.id }, mainTeacher);
    expect(
      failure(
        await p.dispatch(
          'grades.reportCard',
          { periodId: t1, divisionId: division.id },
          mathsTeacher,
        ),
      ),
    ).toEqual({
      code: 'forbidden',
      message: `Seul le professeur principal de la ${division.code}, la direction ou le secrétariat imprime ce relevé.`,
    });
    expect(
      failure(
        await p.dispatch(
          'grades.reportCard',
          { periodId: t1, studentId: pupils[0]!.id },
          mathsTeacher,
        ),
      ).code,
    ).toBe('forbidden');
    expect(
      failure(await p.dispatch('grades.reportCard', { periodId: t1, divisionId: division.id }, cpe))
        .code,
    ).toBe('forbidden');
  });

  it('refuses in French a period the division does not follow, and a call naming both or neither', async () => {
    expect(
      failure(
        await p.dispatch(
          'grades.reportCard',
          { periodId: 999_999, divisionId: division.id },
          direction,
        ),
      ),
    ).toEqual({ code: 'not_found', message: 'Période introuvable pour cette division.' });
    expect(
      failure(await p.dispatch('grades.reportCard', { periodId: t1 }, direction)).message,
    ).toContain('Choisissez une division ou un élève.');
  });
});

describe('a SIECLE group in the relevé', () => {
  it('shows a group’s subject (« LAT5 » drawn from the division) to its members only, with the group’s class figures', async () => {
    const [member, other] = [pupils[2]!, pupils[3]!];
    await setGroups(p.db, [member.id], ['LAT5']);
    await p.db.manager.query(
      `INSERT INTO subject (school_id, code, management_code, short_label, long_label)
       VALUES (1, '020700', 'LCALA', 'LATIN', 'LANGUES ET CULTURES DE L’ANTIQUITÉ LATIN')`,
    );
    const latin = value<TeachingServiceSummary>(
      await p.dispatch(
        'services.save',
        {
          subjectCode: '020700',
          structureKind: 'group',
          structureCode: 'LAT5',
          teacherId: (
            (await p.db.manager.query(`SELECT id FROM staff_user WHERE login = 'prof-maths'`)) as {
              id: number;
            }[]
          )[0]!.id,
        },
        direction,
      ),
    );
    const version = await assessment(latin, { label: 'Version latine' });
    await mark(version, member.id, '15,75');
    const memberPage = (await pdf({ studentId: member.id })).pages.join(' ');
    expect(memberPage).toContain('LANGUES ET CULTURES DE L’ANTIQUITÉ LATIN');
    expect(memberPage).toMatch(/15,75 15,75 15,75 15,75 15,75/);
    const otherPage = (await pdf({ studentId: other.id })).pages.join(' ');
    expect(otherPage).not.toContain('LATIN');
  });
});

describe('the relevé reads the pupils’ groups from their memberships (issue 16 §1)', () => {
  it('follows group_membership, not the student.groups text, when the two disagree', async () => {
    const [member, stale] = [pupils[4]!, pupils[5]!];
    await setGroups(p.db, [member.id], ['GRC3']);
    // The import's text copy gone stale both ways: the member's says another group, and a
    // pupil no longer in GRC3 still has it in the text.
    await p.db.manager.query(`UPDATE student SET groups = 'GRC9' WHERE id = ?`, [member.id]);
    await p.db.manager.query(`UPDATE student SET groups = 'GRC3' WHERE id = ?`, [stale.id]);
    await p.db.manager.query(
      `INSERT INTO subject (school_id, code, management_code, short_label, long_label)
       VALUES (1, '020800', 'LCAGR', 'GREC', 'LANGUES ET CULTURES DE L’ANTIQUITÉ GREC')`,
    );
    const teacherId = (
      (await p.db.manager.query(`SELECT id FROM staff_user WHERE login = 'prof-maths'`)) as {
        id: number;
      }[]
    )[0]!.id;
    value(
      await p.dispatch(
        'services.save',
        { subjectCode: '020800', structureKind: 'group', structureCode: 'GRC3', teacherId },
        direction,
      ),
    );
    const memberPage = (await pdf({ studentId: member.id })).pages.join(' ');
    expect(memberPage).toContain('LANGUES ET CULTURES DE L’ANTIQUITÉ GREC');
    const stalePage = (await pdf({ studentId: stale.id })).pages.join(' ');
    expect(stalePage).not.toContain('GREC');
    const divisionPages = (await pdf({ divisionId: division.id })).pages.join(' ');
    expect(divisionPages.split('LANGUES ET CULTURES DE L’ANTIQUITÉ GREC')).toHaveLength(2);
  });
});

describe('the relevé’s layout', () => {
  it('carries a long school year over pages (« suite », page n / N) and wraps long names and labels inside their columns', async () => {
    const subject = (i: number) => ({
      label: `${i === 0 ? 'ENSEIGNEMENTSCIENTIFIQUEETTECHNOLOGIQUESANSESPACEDUTOUT ' : ''}MATIÈRE N° ${i} AU LIBELLÉ PARTICULIÈREMENT LONG POUR UNE SEULE LIGNE`,
      teachers: 'Mme DE LA TOUR D’AUVERGNE-LAURAGUAIS, M. VAN DER MEERSCH-ÉTIENNE',
      marks: Array.from({ length: 14 }, (_, k) => (k % 3 === 0 ? '12,50' : '8,00/10 (coef. 2)')),
      average: '12,34',
      classAverage: '11,00',
      lowest: '3,50',
      highest: '19,75',
      coefficient: i % 2 === 0 ? '1' : '2,5',
    });
    const bytes = await renderReportCardPdf(
      {
        schoolName: 'Lycée polyvalent régional Marguerite-Yourcenar-et-Saint-Exupéry',
        divisionCode: '2NDE-EURO',
        periodLabel: 'Semestre 1',
        periodStartsOn: '2026-09-01',
        periodEndsOn: '2027-01-31',
        printedOn: '2026-11-22',
        pupils: [
          {
            lastName: 'ÉPÉE-DE-LA-BÂTIE-MONTGASCON-SAINT-JULIEN-DU-SAULT-ET-DE-CHÂTEAUNEUF',
            firstName: 'Anne-Sophie-Bénédicte-Marie-Joséphine',
            generalAverage: '12,34',
            subjects: Array.from({ length: 16 }, (_, i) => subject(i)),
          },
          { lastName: 'Zoé 李', firstName: 'Ünal', generalAverage: '—', subjects: [] },
        ],
      },
      loadLetterFonts(),
    );
    if (process.env.PUPITRE_SHOTS)
      writeFileSync(`${process.env.PUPITRE_SHOTS}/releve-long.pdf`, bytes);
    const pages = (await pdfPages(bytes)).map(plain);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages[1]).toContain('Relevé de notes (suite)');
    const first = pages.filter((page) => page.includes('ÉPÉE-DE-LA-BÂTIE'));
    const count = first.length;
    expect(first.at(-1)).toContain(`page ${count} / ${count}`);
    expect(first.at(-1)).toContain('Moyenne générale : 12,34');
    expect(pages.at(-1)).toContain('page 1 / 1');
    expect(pages.at(-1)).toContain('Aucune matière pour cette période.');
    // pdfkit would drop 李 silently: it prints « ? » and the heading says so.
    expect(pages.at(-1)).toContain('ZOÉ ? Ünal');
    expect(pages.at(-1)).toContain('Certains caractères ne s’impriment pas avec cette police');
  });
});
