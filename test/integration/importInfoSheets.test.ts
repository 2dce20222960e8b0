import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import {
  InfoSheetChangeEntity,
  InfoSheetExportEntity,
  InfoSheetRequestEntity,
} from '../../main/db/entities/infoSheets';
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
    // Neither family's number is accepted yet: both are SIECLE's changes to the record, and
    // only the first contradicts the family.
    const changed = preview.students.changed.map((c) => c.key);
    expect(changed).toEqual(expect.arrayContaining([one!.key, two!.key]));
    const fiches = preview.problems.filter((p) => p.message.startsWith('Fiche de renseignements'));
    expect(fiches).toHaveLength(1);
    expect(fiches[0]).toMatchObject({ blocking: false });
    expect(fiches[0]!.message).toBe(
      `Fiche de renseignements de ${one!.lastName.toUpperCase()} ${one!.firstName} : SIECLE apporte une autre valeur (Tél. mobile) que la modification de la famille qui attend votre décision. Revoyez-la après l’import.`,
    );
  });
});

/**
 * A change the secretariat accepted: the request reviewed, the record holding the new value,
 * and, when `exported`, sent to SIECLE in an export already taken.
 */
async function acceptedChange(
  table: 'student' | 'guardian',
  siecleId: string,
  field: 'phoneMobile' | 'phoneWork',
  newValue: string,
  exported = false,
) {
  const column = field === 'phoneMobile' ? 'phone_mobile' : 'phone_work';
  const [row] = (await h!.p.db.manager.query(
    `SELECT id, school_id AS "schoolId", ${column} AS old FROM ${table} WHERE siecle_id = ?`,
    [siecleId],
  )) as { id: number; schoolId: number; old: string }[];
  const [link] = (await h!.p.db.manager.query(
    'SELECT student_id AS "studentId" FROM student_guardian WHERE guardian_id = ? LIMIT 1',
    [row!.id],
  )) as { studentId: number }[];
  const at = h!.p.clock.now().toISOString();
  const m = h!.p.db.manager;
  const { identifiers } = await m.getRepository(InfoSheetRequestEntity).insert({
    schoolId: row!.schoolId,
    studentId: table === 'student' ? row!.id : link!.studentId,
    guardianId: table === 'student' ? null : row!.id,
    accountId: null,
    status: 'reviewed',
    openKey: null,
    version: 2,
    submittedAt: at,
    updatedAt: at,
    reviewedBy: null,
    reviewedAt: at,
    comment: '',
  });
  let exportId: number | null = null;
  if (exported) {
    const made = await m.getRepository(InfoSheetExportEntity).insert({
      schoolId: row!.schoolId,
      number: 1,
      fileName: 'X.zip',
      changeCount: 1,
      content: '',
      staffUserId: null,
      createdAt: at,
    });
    exportId = Number(made.identifiers[0]!.id);
  }
  await m.getRepository(InfoSheetChangeEntity).insert({
    requestId: Number(identifiers[0]!.id),
    field,
    oldValue: row!.old,
    newValue,
    status: 'accepted',
    comment: '',
    exportId,
  });
  await m.query(`UPDATE ${table} SET ${column} = ? WHERE id = ?`, [newValue, row!.id]);
}

describe('an import taken before BEE read the export of accepted changes (issue 18 §3)', () => {
  it('warns, per pupil and field, that it would overwrite an accepted change not yet exported', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const first = structuredClone(seed);
    first.students[0]!.phoneMobile = '0699999998';
    first.students[1]!.phoneMobile = '0699999997';
    first.students[2]!.phoneMobile = '0699999996';
    first.guardians[0]!.phoneWork = '0381000000';
    await h.importFiles(exportsOf(first, '2026-09-20'));
    const [one, two, three] = seed.students;
    const parent = seed.guardians[0]!;
    await acceptedChange('student', one!.key, 'phoneMobile', '06 55 44 33 22');
    await acceptedChange('guardian', parent.key, 'phoneWork', '03 81 22 33 44');
    // Already exported: SIECLE's value is then SIECLE's own later word, no warning.
    await acceptedChange('student', two!.key, 'phoneMobile', '06 11 22 33 44', true);
    // BEE already holds the accepted value (as SIECLE writes it): no warning either.
    await acceptedChange('student', three!.key, 'phoneMobile', '06 77 88 99 00');
    const later = structuredClone(first);
    later.students[2]!.phoneMobile = '0677889900';
    const preview = await h.preview(exportsOf(later, '2026-11-15'));
    // « A later import that brings a value the school already accepted is not a change »,
    // however SIECLE writes the number: the record keeps the accepted value as it is.
    expect(preview.students.changed.map((c) => c.key)).not.toContain(three!.key);
    const fiches = preview.problems
      .filter((p) => p.message.startsWith('Fiche de renseignements'))
      .map((p) => {
        expect(p.blocking).toBe(false);
        return p.message;
      });
    const [linked] = (await h.p.db.manager.query(
      `SELECT s.last_name AS "lastName", s.first_name AS "firstName"
         FROM student s JOIN student_guardian l ON l.student_id = s.id
         JOIN guardian g ON g.id = l.guardian_id WHERE g.siecle_id = ? ORDER BY s.id LIMIT 1`,
      [parent.key],
    )) as { lastName: string; firstName: string }[];
    const tail =
      'acceptée mais pas encore envoyée à SIECLE. Préparez l’export vers SIECLE et faites-le lire par BEE avant cet import, ou corrigez la valeur après.';
    expect(fiches.sort()).toEqual(
      [
        `Fiche de renseignements de ${one!.lastName.toUpperCase()} ${one!.firstName}, Tél. mobile : SIECLE apporte « 06 99 99 99 98 » et remplacerait « 06 55 44 33 22 », ${tail}`,
        `Fiche de renseignements de ${parent.civility} ${parent.lastName.toUpperCase()} ${parent.firstName} (responsable de ${linked!.lastName.toUpperCase()} ${linked!.firstName}), Tél. travail : SIECLE apporte « 03 81 00 00 00 » et remplacerait « 03 81 22 33 44 », ${tail}`,
      ].sort(),
    );
  });
});
