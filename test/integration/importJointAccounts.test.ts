import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import type { SchoolSeed } from '../../main/services/school/schoolSeed';
import { emptySchoolHarness, exportsOf, type ImportHarness } from '../helpers/siecleImport';

// Issue 14, attack review: a compte joint keeps a child for a guardian SIECLE no longer
// links to it (the account cannot tell its holders apart). The import's preview names such
// an account so that the secretariat can « Séparer le regroupement » (docs/PORTAL.md).
const seed = generateDemoSchool({ seed: 47, studentCount: 60 });
let h: ImportHarness | null = null;
afterEach(async () => {
  await h?.p.cleanup();
  h = null;
});

/** A pupil with two legal guardians of level 1, as the seed links them. */
function pupilWithTwoGuardians(s: SchoolSeed) {
  for (const student of s.students) {
    const links = s.links.filter(
      (l) => l.studentKey === student.key && l.responsibilityLevel === 1,
    );
    if (links.length >= 2) return { student, first: links[0]!, second: links[1]! };
  }
  throw new Error('no pupil with two guardians');
}

/** The seed as SIECLE exports it later, without one guardian's link to the pupil. */
function withoutLink(s: SchoolSeed, studentKey: string, guardianKey: string): SchoolSeed {
  const copy = structuredClone(s);
  copy.links = copy.links.filter(
    (l) => !(l.studentKey === studentKey && l.guardianKey === guardianKey),
  );
  return copy;
}

async function accountOf(guardianSiecleId: string) {
  const rows: { id: number; login: string }[] = await h!.p.db.manager.query(
    `SELECT a.id, a.login FROM family_account a JOIN guardian g ON g.id = a.guardian_id
      WHERE g.siecle_id = ?`,
    [guardianSiecleId],
  );
  return rows[0]!;
}

describe('an import that takes a child from one holder of a compte joint', () => {
  it('says in the preview that the joint account keeps the child, naming the account', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    await h.importFiles(exportsOf(seed, '2026-09-20'));
    const { student, first, second } = pupilWithTwoGuardians(seed);
    const ex = await accountOf(first.guardianKey);
    const other = await accountOf(second.guardianKey);
    // The two parents regrouped their accounts: the other's joined the ex-partner's.
    await h.p.db.manager.query(
      `UPDATE family_account SET state = 'closed', closed_reason = 'merged', merged_into_id = ? WHERE id = ?`,
      [ex.id, other.id],
    );
    const later = exportsOf(withoutLink(seed, student.key, first.guardianKey), '2026-11-15');
    const preview = await h.preview(later);
    const warnings = preview.problems.filter((p) => !p.blocking).map((p) => p.message);
    const joint = warnings.filter((m) => m.startsWith(`Compte joint ${ex.login} à revoir`));
    expect(joint).toHaveLength(1);
    expect(joint[0]).toContain(student.lastName.toUpperCase());
    expect(joint[0]).toContain('séparez le regroupement');
  });

  it('says nothing of the kind when the two accounts are not regrouped', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    await h.importFiles(exportsOf(seed, '2026-09-20'));
    const { student, first } = pupilWithTwoGuardians(seed);
    const preview = await h.preview(
      exportsOf(withoutLink(seed, student.key, first.guardianKey), '2026-11-15'),
    );
    expect(preview.links.removed).toHaveLength(1);
    expect(preview.problems.map((p) => p.message).join('\n')).not.toContain('Compte joint');
  });
});
