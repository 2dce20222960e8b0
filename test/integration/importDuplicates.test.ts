import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import { emptySchoolHarness, exportsOf, type ImportHarness } from '../helpers/siecleImport';

let h: ImportHarness;
afterEach(async () => h?.p.cleanup());

describe('the preview names the pupils a duplicate concerns', () => {
  it('an ELEVE_ID given twice blocks, an INE given twice warns, each naming the pupils', async () => {
    const seed = generateDemoSchool({ seed: 11, studentCount: 12 });
    const [first, second, third] = seed.students;
    second!.ine = first!.ine;
    seed.students.push({ ...third!, firstName: 'Doublon' });
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const preview = await h.preview(exportsOf(seed));
    const messages = preview.problems.map((p) => p.message);
    expect(messages).toContain(
      `${third!.lastName.toUpperCase()} Doublon : ELEVE_ID ${third!.key} apparaît deux fois.`,
    );
    expect(messages).toContain(
      `INE ${first!.ine} en double : ${first!.lastName.toUpperCase()} ${first!.firstName} et ${second!.lastName.toUpperCase()} ${second!.firstName}.`,
    );
    expect(preview.canApply).toBe(false);
  });
});
