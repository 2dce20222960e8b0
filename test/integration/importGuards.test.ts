import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import type { SchoolSeed } from '../../main/services/school/schoolSeed';
import type {
  DashboardSummary,
  DivisionSummary,
  GuardianDetail,
  SchoolSettings,
  StudentDetail,
  StudentSearchResult,
} from '../../shared/api/staff';
import { ADMIN_PASSWORD, loginToken, value } from '../helpers/pupitre';
import { emptySchoolHarness, exportsOf, type ImportHarness } from '../helpers/siecleImport';

// Issue 12 §1: wrong files given to the import, as a new secretariat would, must not
// rewrite a school. Each case runs on SIECLE-shaped files written by siecleWriter.
let h: ImportHarness;
afterEach(async () => h?.p.cleanup());

const seed = generateDemoSchool({ seed: 31, studentCount: 60 });
const OTHER_UAI = '0251711Z';

describe('the school’s identity (UAI)', () => {
  it('refuses a UAI change once pupils exist unless the new UAI is typed again, and audits it', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    await h.importFiles(exportsOf(seed));
    const settings = value<SchoolSettings>(await h.p.dispatch('school.get', {}, h.token));

    const silent = await h.p.dispatch('settings.update', { ...settings, uai: OTHER_UAI }, h.token);
    expect(silent).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: `L’UAI ${seed.school.uai} est celui des ${seed.students.length} élèves déjà importés : pour le remplacer par ${OTHER_UAI}, retapez le nouvel UAI.`,
        fields: { uaiConfirmation: 'Retapez le nouvel UAI, à l’identique.' },
      },
    });
    const mistyped = await h.p.dispatch(
      'settings.update',
      { ...settings, uai: OTHER_UAI, uaiConfirmation: '0251711A' },
      h.token,
    );
    expect(mistyped).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(value<SchoolSettings>(await h.p.dispatch('school.get', {}, h.token)).uai).toBe(
      seed.school.uai,
    );

    // Another school's export is refused as long as the UAI stays.
    const other = await h.preview(
      exportsOf({ ...seed, school: { ...seed.school, uai: OTHER_UAI } }),
    );
    expect(other.canApply).toBe(false);
    expect(other.problems.filter((x) => x.blocking).map((x) => x.message)).toContain(
      `Le fichier ExportXML_ElevesAvecAdresses.xml est l’export de l’établissement ${OTHER_UAI}, pas de Collège d’essai (${seed.school.uai}).`,
    );

    const confirmed = value<SchoolSettings>(
      await h.p.dispatch(
        'settings.update',
        { ...settings, uai: OTHER_UAI, uaiConfirmation: ` ${OTHER_UAI.toLowerCase()}` },
        h.token,
      ),
    );
    expect(confirmed.uai).toBe(OTHER_UAI);
    const [entry] = value<{ entries: { action: string; details: Record<string, unknown> }[] }>(
      await h.p.dispatch('audit.list', { action: 'settings.uai' }, h.token),
    ).entries;
    expect(entry).toMatchObject({
      action: 'settings.uai',
      details: { avant: seed.school.uai, après: OTHER_UAI },
    });
  });

  it('blocks an export that knows none of the pupils present, even under the school’s UAI', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    await h.importFiles(exportsOf(seed));
    const stranger = generateDemoSchool({ seed: 77, studentCount: 40 });
    for (const s of stranger.students) s.key = `X${s.key}`;
    for (const l of stranger.links) l.studentKey = `X${l.studentKey}`;
    const pre = await h.preview(
      exportsOf(
        { ...stranger, school: { ...stranger.school, uai: seed.school.uai } },
        '2026-10-10',
      ),
    );
    const present = seed.students.filter((s) => !s.leftOn || s.leftOn > '2026-10-15').length;
    expect(pre.canApply).toBe(false);
    expect(pre.problems.filter((x) => x.blocking).map((x) => x.message)).toContain(
      `Aucun des ${present} élèves présents dans Pupitre n’est dans le fichier ExportXML_ElevesAvecAdresses.xml : ce n’est pas l’export de cet établissement. L’appliquer les ferait tous sortir.`,
    );
  });

  it('lets an empty school correct its UAI without typing it twice', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const settings = value<SchoolSettings>(await h.p.dispatch('school.get', {}, h.token));
    const saved = value<SchoolSettings>(
      await h.p.dispatch('settings.update', { ...settings, uai: OTHER_UAI }, h.token),
    );
    expect(saved.uai).toBe(OTHER_UAI);
  });
});

/** The school a month later: one arrival with a new guardian, one move, a changed phone. */
function laterSnapshot(base: SchoolSeed) {
  const later: SchoolSeed = structuredClone(base);
  const placed = later.students.filter((s) => s.divisionCode && !s.leftOn);
  const mover = placed[0]!;
  mover.divisionCode = later.divisions.find((d) => d.code !== mover.divisionCode)!.code;
  later.students.push({
    ...placed[1]!,
    key: 'NEW0001',
    ine: '9999999999Z',
    firstName: 'Noémie',
    lastName: 'Arrivée',
  });
  later.guardians.push({
    ...later.guardians[0]!,
    key: 'PNEW001',
    lastName: 'Arrivée',
    firstName: 'Loïc',
  });
  later.links.push({
    studentKey: 'NEW0001',
    guardianKey: 'PNEW001',
    relationship: '20',
    legalRank: 1,
    responsibilityLevel: 1,
  });
  later.guardians.find((g) => g.phoneMobile)!.phoneMobile = '07 00 00 00 01';
  return later;
}

describe('an export older than the last one applied', () => {
  it('is blocked in the preview naming both dates, refused on apply, and the same export re-imports as « aucun changement »', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    await h.importFiles(exportsOf(seed, '2026-10-01', '09:12:30'));
    const later = laterSnapshot(seed);
    await h.importFiles(exportsOf(later, '2026-11-15', '17:45:02'));
    const before = await h.dump();

    const old = await h.preview(exportsOf(seed, '2026-10-01', '09:12:30'));
    expect(old.canApply).toBe(false);
    expect(old.problems.filter((x) => x.blocking).map((x) => x.message)).toContain(
      'Le fichier ExportXML_ElevesAvecAdresses.xml est l’export des élèves du 01/10/2026 à 9\u00a0h\u00a012 ; Pupitre a déjà appliqué celui du 15/11/2026 à 17\u00a0h\u00a045. L’appliquer déferait les arrivées, départs et changements reçus depuis : exportez à nouveau depuis SIECLE.',
    );
    expect(old.files.map((f) => f.exportedAt)).toContain('2026-10-01T09:12:30');
    expect(await h.p.dispatch('import.apply', { previewId: old.previewId }, h.token)).toMatchObject(
      { ok: false, error: { code: 'conflict' } },
    );
    // Earlier the same day is older too: HORODATAGE decides.
    const morning = await h.preview(exportsOf(later, '2026-11-15', '07:00:00'));
    expect(morning.canApply).toBe(false);
    expect(await h.dump()).toEqual(before);

    const again = await h.preview(exportsOf(later, '2026-11-15', '17:45:02'));
    expect(again.problems.filter((x) => x.blocking)).toEqual([]);
    expect(again.unchanged).toBe(true);
  });
});

describe('an import that fails halfway', () => {
  it('leaves the database as it was, its export date included', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const pre = await h.preview(exportsOf(seed, '2026-10-01'));
    // The last write of an apply is the export's date: make it fail after every other one.
    await h.p.db.manager.query(
      "CREATE TRIGGER fail_mark BEFORE INSERT ON siecle_export_mark BEGIN SELECT RAISE(ABORT, 'disque plein'); END",
    );
    const before = await h.dump();
    const failed = await h.p.dispatch('import.apply', { previewId: pre.previewId }, h.token);
    expect(failed.ok).toBe(false);
    expect(await h.dump()).toEqual(before);
    expect(await h.p.db.manager.query('SELECT * FROM siecle_export_mark')).toEqual([]);
  });
});

describe('files of different dates in one import', () => {
  it('are a blocking problem naming both dates, and a guardian whose child is in the students file is never said to have no child left', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    await h.importFiles(exportsOf(seed, '2026-09-20'));
    const later = laterSnapshot(seed);
    await h.importFiles(exportsOf(later, '2026-11-15'));
    const november = exportsOf(later, '2026-11-30');
    const september = exportsOf(seed, '2026-09-20');
    const before = await h.dump();

    const mixed = await h.preview({
      'ExportXML_ElevesAvecAdresses.xml': november['ExportXML_ElevesAvecAdresses.xml'],
      'ResponsablesAvecAdresses.xml': september['ResponsablesAvecAdresses.xml'],
    });
    expect(mixed.canApply).toBe(false);
    expect(mixed.problems.filter((x) => x.blocking).map((x) => x.message)).toContain(
      'Les fichiers ne sont pas du même jour : ExportXML_ElevesAvecAdresses.xml est exporté le 30/11/2026, ResponsablesAvecAdresses.xml le 20/09/2026. Exportez les élèves et les responsables ensemble depuis SIECLE.',
    );
    expect(mixed.guardians.removed.map((g) => g.key)).not.toContain('PNEW001');
    expect(mixed.links.removed.map((l) => l.key)).not.toContain('NEW0001|PNEW001');
    expect(
      mixed.problems.map((x) => x.message).filter((m) => m.includes('absent du fichier des')),
    ).toEqual([
      expect.stringMatching(
        /^ARRIVÉE Noémie \(\w+\) : absent du fichier des responsables ; ses responsables sont gardés tels quels\.$/,
      ),
    ]);
    expect(
      await h.p.dispatch('import.apply', { previewId: mixed.previewId }, h.token),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await h.dump()).toEqual(before);
  });
});

describe('a DATE_SORTIE after today (Europe/Paris)', () => {
  const present = (list: StudentSearchResult) => list.items.map((s) => s.id);

  it('means « part le … »: the pupil stays in their division, search and counts until that day, and leaves on the day itself', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const withDate: SchoolSeed = structuredClone(seed);
    const pupil = withDate.students.find((s) => s.divisionCode && !s.leftOn)!;
    // Only this pupil leaves, so that the counts move for them alone.
    for (const s of withDate.students) s.leftOn = null;
    pupil.leftOn = '2026-12-18';
    const pre = await h.preview(exportsOf(withDate));
    expect(pre.students.left.map((l) => l.key)).not.toContain(pupil.key);
    expect(pre.students.added.find((l) => l.key === pupil.key)!.detail).toBe(
      `${pupil.divisionCode} ; part le 18/12/2026`,
    );
    value(await h.p.dispatch('import.apply', { previewId: pre.previewId }, h.token));

    const look = async (token: string) => {
      const found = value<StudentSearchResult>(
        await h.p.dispatch('students.search', { query: pupil.ine }, token),
      );
      const divisions = value<DivisionSummary[]>(await h.p.dispatch('divisions.list', {}, token));
      const summary = value<DashboardSummary>(await h.p.dispatch('dashboard.summary', {}, token));
      return {
        found,
        inDivision: divisions.find((d) => d.code === pupil.divisionCode)!.studentCount,
        count: summary.studentCount,
      };
    };
    const before = await look(h.token);
    expect(before.found.items).toEqual([
      expect.objectContaining({ leftOn: null, leavesOn: '2026-12-18' }),
    ]);
    const id = present(before.found)[0]!;
    expect(value<StudentDetail>(await h.p.dispatch('students.get', { id }, h.token))).toMatchObject(
      { leftOn: null, leavesOn: '2026-12-18', divisionCode: pupil.divisionCode },
    );

    const [link] = await h.p.db.manager.query(
      'SELECT guardian_id AS id FROM student_guardian WHERE student_id = ?',
      [id],
    );
    const childOf = async (token: string) =>
      value<GuardianDetail>(
        await h.p.dispatch('guardians.get', { id: Number(link.id) }, token),
      ).children.find((c) => c.studentId === id)!;
    expect((await childOf(h.token)).leftOn).toBeNull();

    // 23:30 in Paris on the 17th is still the 17th; 00:30 on the 18th is the day itself.
    h.p.clock.set('2026-12-17T22:30:00.000Z');
    const eve = await look(await loginToken(h.p, 'direction', ADMIN_PASSWORD));
    expect([eve.found.items.length, eve.inDivision, eve.count]).toEqual([
      1,
      before.inDivision,
      before.count,
    ]);
    h.p.clock.set('2026-12-17T23:30:00.000Z');
    const token = await loginToken(h.p, 'direction', ADMIN_PASSWORD);
    const day = await look(token);
    expect([day.found.items.length, day.inDivision, day.count]).toEqual([
      0,
      before.inDivision - 1,
      before.count - 1,
    ]);
    expect((await childOf(token)).leftOn).toBe('2026-12-18');
    const withLeft = value<StudentSearchResult>(
      await h.p.dispatch('students.search', { query: pupil.ine, includeLeft: true }, token),
    );
    expect(withLeft.items).toEqual([
      expect.objectContaining({ leftOn: '2026-12-18', leavesOn: null }),
    ]);
  });
});

describe('a leaver’s date', () => {
  it('is the file’s own DATE_SORTIE when it has one, else the export date of the first file that lacks the pupil', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const placed = seed.students.filter((s) => s.divisionCode && !s.leftOn);
    const [withSortie, vanished, leavingLater] = placed;
    const first: SchoolSeed = structuredClone(seed);
    first.students.find((s) => s.key === leavingLater!.key)!.leftOn = '2026-12-18';
    await h.importFiles(exportsOf(first, '2026-10-01'));

    const second: SchoolSeed = structuredClone(first);
    second.students.find((s) => s.key === withSortie!.key)!.leftOn = '2026-10-05';
    second.students = second.students.filter((s) => s.key !== vanished!.key);
    const pre = await h.importFiles(exportsOf(second, '2026-10-10'));
    const sex = (s: { sex: string }, word: string) => (s.sex === 'F' ? `${word}e` : word);
    expect(pre.students.left.find((l) => l.key === withSortie!.key)!.detail).toBe(
      `${sex(withSortie!, 'Sorti')} le 05/10/2026`,
    );
    expect(pre.students.left.find((l) => l.key === vanished!.key)!.detail).toBe(
      `Absent de l’export : ${sex(vanished!, 'sorti')} le 10/10/2026`,
    );

    // A later file that also lacks them changes nothing; one that lacks the pupil leaving
    // in December makes them leave on its own export date.
    const third: SchoolSeed = structuredClone(second);
    third.students = third.students.filter((s) => s.key !== leavingLater!.key);
    const later = await h.importFiles(exportsOf(third, '2026-10-12'));
    expect(later.students.left.map((l) => l.key)).toEqual([leavingLater!.key]);
    const rows: { siecle_id: string; left_on: string }[] = await h.p.db.manager.query(
      'SELECT siecle_id, left_on FROM student WHERE left_on IS NOT NULL',
    );
    const leftOn = new Map(rows.map((r) => [r.siecle_id, r.left_on]));
    expect([withSortie, vanished, leavingLater].map((s) => leftOn.get(s!.key))).toEqual([
      '2026-10-05',
      '2026-10-10',
      '2026-10-12',
    ]);
  });
});

describe('groups and homonyms in the preview', () => {
  it('shows a new pupil’s groups (TYPE_STRUCTURE G) on the preview line and on the pupil’s record', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const pupil = seed.students.find((s) => s.divisionCode && !s.leftOn)!;
    const pre = await h.preview(
      exportsOf(seed, undefined, undefined, { [pupil.key]: ['LAT5', 'ANG2'] }),
    );
    expect(pre.students.added.find((l) => l.key === pupil.key)!.detail).toBe(
      `${pupil.divisionCode} ; groupes LAT5, ANG2`,
    );
    value(await h.p.dispatch('import.apply', { previewId: pre.previewId }, h.token));
    const [found] = value<StudentSearchResult>(
      await h.p.dispatch('students.search', { query: pupil.ine }, h.token),
    ).items;
    expect(
      value<StudentDetail>(await h.p.dispatch('students.get', { id: found!.id }, h.token)).groups,
    ).toEqual(['LAT5', 'ANG2']);
  });

  it('tells a leaver and an arrival of the same name and division apart by date of birth', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    await h.importFiles(exportsOf(seed, '2026-10-01'));
    const later: SchoolSeed = structuredClone(seed);
    const gone = later.students.find((s) => s.divisionCode && !s.leftOn)!;
    later.students = later.students.filter((s) => s !== gone);
    later.students.push({
      ...gone,
      key: 'NEW0002',
      ine: '9999999998Z',
      sex: 'F',
      birthDate: '2013-04-02',
    });
    const pre = await h.preview(exportsOf(later, '2026-10-10'));
    const name = `${gone.lastName.toUpperCase()} ${gone.firstName}`;
    expect(pre.students.added.find((l) => l.key === 'NEW0002')!.label).toBe(
      `${name} (${gone.divisionCode}, née le 02/04/2013)`,
    );
    expect(pre.students.left.find((l) => l.key === gone.key)!.label).toBe(
      `${name} (${gone.divisionCode}, ${gone.sex === 'F' ? 'née' : 'né'} le ${gone.birthDate.split('-').reverse().join('/')})`,
    );
  });

  it('names twins of one name in the guardians’ link lines by date of birth too', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const twins: SchoolSeed = structuredClone(seed);
    const first = twins.students.find((s) => s.divisionCode && !s.leftOn)!;
    const second = { ...first, key: 'TWIN002', ine: '9999999997Z', birthDate: '2013-01-05' };
    first.birthDate = '2013-01-04';
    twins.students.push(second);
    const parent = twins.links.find((l) => l.studentKey === first.key)!;
    twins.links.push({ ...parent, studentKey: 'TWIN002' });
    const pre = await h.preview(exportsOf(twins));
    const born = first.sex === 'F' ? 'née' : 'né';
    const name = `${first.lastName.toUpperCase()} ${first.firstName} (${first.divisionCode}, ${born} le`;
    const lines = pre.links.added
      .filter((l) => l.key.startsWith(first.key) || l.key.startsWith('TWIN002'))
      .filter((l) => l.key.endsWith(parent.guardianKey))
      .map((l) => l.label.split(' → ')[1]);
    expect(lines.sort()).toEqual([`${name} 04/01/2013)`, `${name} 05/01/2013)`]);
  });
});

describe('a pupil who « part le … » later, missing from the guardians file', () => {
  it('is still here: the preview says their guardians are kept as they are, as for any pupil', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const next: SchoolSeed = structuredClone(seed);
    for (const s of next.students) s.leftOn = null;
    await h.importFiles(exportsOf(next, '2026-10-14'));
    const pupil = next.students.find(
      (s) => s.divisionCode && next.links.some((l) => l.studentKey === s.key),
    )!;
    pupil.leftOn = '2026-12-18';
    // The guardians file of the same day no longer lists this pupil's links.
    const withoutLinks: SchoolSeed = structuredClone(next);
    withoutLinks.links = withoutLinks.links.filter((l) => l.studentKey !== pupil.key);
    const students = exportsOf(next, '2026-10-15');
    const guardians = exportsOf(withoutLinks, '2026-10-15');
    const pre = await h.preview({
      'ExportXML_ElevesAvecAdresses.xml': students['ExportXML_ElevesAvecAdresses.xml'],
      'ResponsablesAvecAdresses.xml': guardians['ResponsablesAvecAdresses.xml'],
    });
    expect(
      pre.problems.map((x) => x.message).filter((m) => m.includes('absent du fichier des')),
    ).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${pupil.lastName.toUpperCase()} ${pupil.firstName} \\(.+\\) : absent du fichier des responsables ; ses responsables sont gardés tels quels\\.$`,
        ),
      ),
    ]);
  });
});
