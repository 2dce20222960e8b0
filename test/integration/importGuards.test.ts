import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import type { SchoolSeed } from '../../main/services/school/schoolSeed';
import type { SchoolSettings } from '../../shared/api/staff';
import { value } from '../helpers/pupitre';
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
      'Le fichier ExportXML_ElevesAvecAdresses.xml est l’export des élèves du 01/10/2026 à 09:12 ; Pupitre a déjà appliqué celui du 15/11/2026 à 17:45. L’appliquer déferait les arrivées, départs et changements reçus depuis : exportez à nouveau depuis SIECLE.',
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
    expect(mixed.problems.map((x) => x.message)).toContain(
      'ARRIVÉE Noémie : absent du fichier des responsables ; ses responsables sont gardés tels quels.',
    );
    expect(
      await h.p.dispatch('import.apply', { previewId: mixed.previewId }, h.token),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await h.dump()).toEqual(before);
  });
});
