import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import type { ImportResult } from '../../shared/api/staff';
import { value } from '../helpers/pupitre';
import { emptySchoolHarness, exportsOf, type ImportHarness } from '../helpers/siecleImport';

// Issue 15 §4: the apply writes the plan the preview showed without planning it again when
// nothing it was planned on has moved; when something has, it plans again and writes only
// if the plan is the same.
let h: ImportHarness;
afterEach(async () => h?.p.cleanup());

const seed = generateDemoSchool({ seed: 43, studentCount: 40 });

describe('applying a previewed import', () => {
  it('is refused, writing nothing, when a pupil was changed in Pupitre after the preview', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    await h.importFiles(exportsOf(seed, '2026-10-01', '09:00:00'));
    const later = structuredClone(seed);
    const pupil = later.students.find((s) => !s.leftOn)!;
    pupil.phoneMobile = '0611223344';
    const pre = await h.preview(exportsOf(later, '2026-10-02', '09:00:00'));
    expect(pre.students.changed.map((line) => line.key)).toEqual([pupil.key]);

    await h.p.db.manager.query(
      `UPDATE student SET phone_mobile = '0611223344' WHERE siecle_id = ?`,
      [pupil.key],
    );
    const before = await h.dump();
    expect(await h.p.dispatch('import.apply', { previewId: pre.previewId }, h.token)).toMatchObject(
      {
        ok: false,
        error: {
          code: 'conflict',
          message: 'Les données ont changé depuis l’aperçu : relancez l’aperçu avant d’appliquer.',
        },
      },
    );
    expect(await h.dump()).toEqual(before);
  });

  it('still applies when what changed meanwhile (the school’s name) leaves the plan as it was', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const pre = await h.preview(exportsOf(seed));
    await h.p.db.manager.query(`UPDATE school SET name = 'Collège renommé'`);
    const applied = value<ImportResult>(
      await h.p.dispatch('import.apply', { previewId: pre.previewId }, h.token),
    );
    expect(applied.counts.élèvesAjoutés).toBe(seed.students.length);
    const rows = (await h.p.db.manager.query('SELECT COUNT(*) AS n FROM student')) as {
      n: number;
    }[];
    expect(Number(rows[0]?.n)).toBe(seed.students.length);
  });
});

describe('identifiants given by an import (SPEC §4.1 « prenom.nom », suffix for a namesake)', () => {
  it('go to pupils in the order they were registered, whatever their INE', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const twins = structuredClone(seed);
    const present = twins.students.filter((s) => !s.leftOn);
    const [first, second] = [present[0]!, present[1]!];
    for (const s of [first, second]) Object.assign(s, { firstName: 'Zoé', lastName: 'Durand' });
    // The first pupil of the file has the INE that sorts last.
    first.ine = '999999999ZZ';
    second.ine = '000000001AA';
    await h.importFiles(exportsOf(twins));
    const logins = (await h.p.db.manager.query(
      `SELECT s.siecle_id AS siecle_id, a.login AS login FROM family_account a
         JOIN student s ON s.id = a.student_id WHERE a.login LIKE 'zoe.durand%' ORDER BY a.login`,
    )) as { siecle_id: string; login: string }[];
    expect(logins).toEqual([
      { siecle_id: first.key, login: 'zoe.durand' },
      { siecle_id: second.key, login: 'zoe.durand1' },
    ]);
  });
});
