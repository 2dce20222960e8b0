import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import type { DivisionSummary, ImportPreview } from '../../shared/api/staff';
import {
  ADMIN_PASSWORD,
  loginToken,
  startTestPupitre,
  type TestPupitre,
  value,
} from '../helpers/pupitre';
import { writeSiecleExports } from '../helpers/siecleWriter';

let p: TestPupitre;
afterEach(async () => p?.cleanup());

async function emptySchool(uai: string) {
  p = await startTestPupitre({ empty: true });
  p.clock.set('2026-10-15T08:00:00.000Z');
  value(
    await p.dispatch('setup.createSchool', { kind: 'empty', uai, name: 'Collège d’essai' }, null),
  );
  return loginToken(p, 'direction', ADMIN_PASSWORD);
}

async function importFiles(token: string, files: Record<string, Buffer>, apply = true) {
  const ids: string[] = [];
  for (const [fileName, bytes] of Object.entries(files)) {
    const uploaded = await p.dispatch(
      'import.upload',
      { fileName, bytes: new Uint8Array(bytes) },
      token,
    );
    ids.push(value<{ uploadId: string }>(uploaded).uploadId);
  }
  const preview = value<ImportPreview>(
    await p.dispatch('import.preview', { uploadIds: ids }, token),
  );
  if (apply) value(await p.dispatch('import.apply', { previewId: preview.previewId }, token));
  return preview;
}

/** The 4e MEF code replaced by one no rule knows (as a new or local MEF would be). */
const UNKNOWN_MEF = '99910001110';
const withUnknownMef = (bytes: Buffer) =>
  Buffer.from(bytes.toString('latin1').replaceAll('10210001110', UNKNOWN_MEF), 'latin1');

describe('a secretary’s remarks on the import', () => {
  it('a division whose MEF nobody knows is « Niveau inconnu », never « classée en 6e »', async () => {
    const seed = generateDemoSchool({ seed: 5, studentCount: 120 });
    const token = await emptySchool(seed.school.uai);
    const e = writeSiecleExports(seed);
    const preview = await importFiles(token, {
      'eleves.xml': withUnknownMef(e.eleves),
      'responsables.xml': e.responsables,
    });
    const fourth = seed.divisions.filter((d) => d.level === '4e').map((d) => d.code);
    expect(fourth.length).toBeGreaterThan(0);
    for (const code of fourth) {
      expect(preview.problems.map((x) => x.message)).toContainEqual(
        expect.stringMatching(new RegExp(`^Division ${code} : niveau inconnu`)),
      );
    }
    expect(JSON.stringify(preview.problems)).not.toContain('classée en 6e');
    const divisions = value<DivisionSummary[]>(await p.dispatch('divisions.list', {}, token));
    for (const d of divisions) {
      expect(d.level).toBe(
        fourth.includes(d.code) ? null : seed.divisions.find((x) => x.code === d.code)!.level,
      );
    }

    // The nomenclature, when given, says what the code is: the division finds its level.
    const nomenclature = withUnknownMef(e.nomenclature);
    await importFiles(token, {
      'eleves.xml': withUnknownMef(e.eleves),
      'responsables.xml': e.responsables,
      'nomenclature.xml': nomenclature,
    });
    const placed = value<DivisionSummary[]>(await p.dispatch('divisions.list', {}, token));
    for (const code of fourth) expect(placed.find((d) => d.code === code)!.level).toBe('4e');
  });

  it('two pupils of one name in one division are told apart by their date of birth', async () => {
    const seed = generateDemoSchool({ seed: 9, studentCount: 60 });
    const [a, b] = seed.students.filter((s) => s.divisionCode && !s.leftOn);
    b!.divisionCode = a!.divisionCode;
    b!.lastName = a!.lastName;
    b!.firstName = a!.firstName;
    b!.birthDate = '2013-02-03';
    a!.birthDate = '2012-11-30';
    const token = await emptySchool(seed.school.uai);
    const e = writeSiecleExports(seed);
    const preview = await importFiles(
      token,
      {
        'eleves.xml': e.eleves,
        'responsables.xml': e.responsables,
        'nomenclature.xml': e.nomenclature,
      },
      false,
    );
    const twins = preview.students.added.filter(
      (line) => line.key === a!.key || line.key === b!.key,
    );
    expect(twins.map((t) => t.label).sort()).toEqual(
      [
        `${a!.lastName.toUpperCase()} ${a!.firstName} (${a!.divisionCode}, ${a!.sex === 'F' ? 'née' : 'né'} le 30/11/2012)`,
        `${a!.lastName.toUpperCase()} ${a!.firstName} (${a!.divisionCode}, ${b!.sex === 'F' ? 'née' : 'né'} le 03/02/2013)`,
      ].sort(),
    );
    const others = preview.students.added.filter(
      (line) => line.key !== a!.key && line.key !== b!.key,
    );
    expect(others.every((line) => !/née? le/.test(line.label))).toBe(true);
  });
});
