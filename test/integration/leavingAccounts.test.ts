import { afterEach, describe, expect, it } from 'vitest';
import { syncLeavers } from '../../main/services/accounts/leaversJob';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import { selectLetters } from '../../main/services/letters/letterSelection';
import { familyView } from '../../main/services/portal/familyView';
import type { AccountDetail } from '../../shared/api/staff/accounts';
import type { DashboardSummary, StudentSearchResult } from '../../shared/api/staff';
import { ADMIN_PASSWORD, loginToken, value } from '../helpers/pupitre';
import { emptySchoolHarness, exportsOf, type ImportHarness } from '../helpers/siecleImport';

let h: ImportHarness;
afterEach(async () => h?.p.cleanup());

describe('« part le … »: a pupil leaving next month keeps their accounts until that day', () => {
  it('the guardian sees the child until the leaving day, then loses them without an import', async () => {
    const seed = generateDemoSchool({ seed: 23, studentCount: 60 });
    for (const s of seed.students) s.leftOn = null;
    // A pupil whose legal guardians have no other child here: before, a DATE_SORTIE next
    // month gave them no account at all.
    const legal = seed.links.filter((l) => l.responsibilityLevel === 1);
    const pupil = seed.students.find(
      (s) =>
        s.divisionCode &&
        legal.some((l) => l.studentKey === s.key) &&
        legal
          .filter((l) => l.studentKey === s.key)
          .every((l) => legal.filter((o) => o.guardianKey === l.guardianKey).length === 1),
    )!;
    pupil.leftOn = '2026-11-16';
    h = await emptySchoolHarness(seed.school.uai, 2026); // Clock: 15/10/2026.
    const { p } = h;
    let token = h.token;
    await h.importFiles(exportsOf(seed, '2026-10-14'));

    const q = <T>(sql: string, params: unknown[] = []) =>
      p.db.manager.query(sql, params) as Promise<T[]>;
    const [student] = await q<{ id: number; division_id: number; school_id: number }>(
      'SELECT id, division_id, school_id FROM student WHERE siecle_id = ?',
      [pupil.key],
    );
    const guardianKey = legal.find((l) => l.studentKey === pupil.key)!.guardianKey;
    const [guardianAccount] = await q<{ id: number }>(
      `SELECT a.id FROM family_account a JOIN guardian g ON g.id = a.guardian_id WHERE g.siecle_id = ?`,
      [guardianKey],
    );
    expect(guardianAccount).toBeDefined();
    const pupilAccount = () =>
      q('SELECT * FROM family_account WHERE student_id = ?', [student!.id]);
    const ownAccount = await pupilAccount();
    expect(ownAccount).toHaveLength(1);

    const portalChildren = async () =>
      (
        await familyView(p.db.manager, guardianAccount!.id, '2026-10-15', p.clock.now())
      ).children.map((c) => c.studentId);
    const staffChildren = async () =>
      value<AccountDetail>(
        await p.dispatch('accounts.get', { id: guardianAccount!.id }, token),
      ).children.map((c) => c.studentId);
    const lettersOfDivision = async () =>
      (
        await selectLetters(
          p.db.manager,
          student!.school_id,
          {
            scope: { kind: 'division', divisionId: student!.division_id },
            kinds: ['guardian'],
            order: 'division',
            reset: false,
          },
          '2026-10-15',
        )
      ).letters.map((l) => l.account.id);
    const studentCount = async () =>
      value<DashboardSummary>(await p.dispatch('dashboard.summary', {}, token)).studentCount;
    const found = async () =>
      value<StudentSearchResult>(await p.dispatch('students.search', { query: pupil.ine }, token))
        .items.length;

    expect(await portalChildren()).toEqual([student!.id]);
    expect(await staffChildren()).toEqual([student!.id]);
    expect(await lettersOfDivision()).toContain(guardianAccount!.id);
    const countBefore = await studentCount();
    expect(await found()).toBe(1);

    // 23:30 in Paris on the 15th: still there, and the daily job changes nothing.
    p.clock.set('2026-11-15T22:30:00.000Z');
    token = await loginToken(p, 'direction', ADMIN_PASSWORD); // A month later: a new session.
    expect(await syncLeavers(p.db, p.clock)).toBe(0);
    expect(await portalChildren()).toEqual([student!.id]);
    expect(await pupilAccount()).toEqual(ownAccount);

    // 00:30 in Paris on the 16th: the day itself, no import.
    p.clock.set('2026-11-15T23:30:00.000Z');
    expect(await syncLeavers(p.db, p.clock)).toBe(1);
    expect(await portalChildren()).toEqual([]);
    expect(await staffChildren()).toEqual([]);
    expect(await lettersOfDivision()).not.toContain(guardianAccount!.id);
    expect(await studentCount()).toBe(countBefore - 1);
    expect(await found()).toBe(0);
    // The pupil's own account stays as it was until the school closes it.
    expect(await pupilAccount()).toEqual(ownAccount);
    // The journal says how many, never who.
    const [line] = await q<{ details: string; target_label: string }>(
      `SELECT details, target_label FROM audit_log WHERE action = 'accounts.leavers'`,
    );
    expect(JSON.parse(line!.details)).toEqual({
      'enfants retirés des comptes': 1,
      'comptes créés': 0,
    });
    expect(line!.details + line!.target_label).not.toContain(pupil.lastName);
    // A later run (the app restarted the same day) finds nothing left to do.
    expect(await syncLeavers(p.db, p.clock)).toBe(0);
  });
});
