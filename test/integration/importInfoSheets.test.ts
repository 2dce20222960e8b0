import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import { InfoSheetChangeEntity, InfoSheetRequestEntity } from '../../main/db/entities/infoSheets';
import { emptySchoolHarness, exportsOf, type ImportHarness } from '../helpers/siecleImport';

// Issue 18 §2: « a later SIECLE import that brings a value the school already accepted is not
// a change; one that contradicts a pending family change says so in its preview ».
const seed = generateDemoSchool({ seed: 18, studentCount: 30 });
let h: ImportHarness | null = null;
afterEach(async () => {
  await h?.p.cleanup();
  h = null;
});

async function pendingMobile(siecleId: string, newValue: string) {
  const [s] = (await h!.p.db.manager.query(
    'SELECT id, school_id AS "schoolId", phone_mobile AS "phoneMobile" FROM student WHERE siecle_id = ?',
    [siecleId],
  )) as { id: number; schoolId: number; phoneMobile: string }[];
  const at = h!.p.clock.now().toISOString();
  const { identifiers } = await h!.p.db.manager.getRepository(InfoSheetRequestEntity).insert({
    schoolId: s!.schoolId,
    studentId: s!.id,
    guardianId: null,
    accountId: null,
    status: 'pending',
    openKey: `student:${s!.id}`,
    version: 1,
    submittedAt: at,
    updatedAt: at,
    reviewedBy: null,
    reviewedAt: null,
    comment: '',
  });
  await h!.p.db.manager.getRepository(InfoSheetChangeEntity).insert({
    requestId: Number(identifiers[0]!.id),
    field: 'phoneMobile',
    oldValue: s!.phoneMobile,
    newValue,
    status: 'pending',
    comment: '',
    exportId: null,
  });
}

describe('an import while a family’s change waits', () => {
  it('says so in the preview when SIECLE brings another value, and not when it brings the family’s', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const first = structuredClone(seed);
    first.students[0]!.phoneMobile = '0699999998';
    first.students[1]!.phoneMobile = '0699999999';
    await h.importFiles(exportsOf(first, '2026-09-20'));
    const [one, two] = seed.students;
    await pendingMobile(one!.key, '06 55 44 33 22');
    await pendingMobile(two!.key, '06 11 22 33 44');
    const later = structuredClone(seed);
    later.students[0]!.phoneMobile = '0700000000';
    // BEE already took the second family's value: the same number, as SIECLE writes it.
    later.students[1]!.phoneMobile = '0611223344';
    const preview = await h.preview(exportsOf(later, '2026-11-15'));
    // Both numbers are changes for the import; only the first contradicts the family.
    expect(preview.students.changed.length).toBeGreaterThanOrEqual(2);
    const fiches = preview.problems.filter((p) => p.message.startsWith('Fiche de renseignements'));
    expect(fiches).toHaveLength(1);
    expect(fiches[0]).toMatchObject({ blocking: false });
    expect(fiches[0]!.message).toBe(
      `Fiche de renseignements de ${one!.lastName.toUpperCase()} ${one!.firstName} : SIECLE apporte une autre valeur (Tél. mobile) que la modification de la famille qui attend votre décision. Revoyez-la après l’import.`,
    );
  });
});
