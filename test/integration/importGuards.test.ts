import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
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
