import { afterEach, describe, expect, it } from 'vitest';
import { GroupMemberships1764790000000 } from '../../main/db/migrations/1764790000000-GroupMemberships';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import { servicePupils } from '../../main/services/grades/servicePupils';
import { groupChangeSentences, previewSummary } from '../../renderer/staff/importLabels';
import type {
  GroupSummary,
  StudentDetail,
  StudentSearchResult,
  TeachingServiceSummary,
} from '../../shared/api/staff';
import { value } from '../helpers/pupitre';
import { emptySchoolHarness, exportsOf, type ImportHarness } from '../helpers/siecleImport';

// Issue 16 §1 « Groups are real »: a pupil's STRUCTURE of TYPE_STRUCTURE G (LAT5, an option,
// a half class) is a membership the grades, the lists and the pupil's record read, and the
// import preview says who enters and who leaves each group.
const seed = generateDemoSchool({ seed: 47, studentCount: 60 });
const present = seed.students.filter((s) => s.divisionCode !== null && s.leftOn === null);
const divisionsOf = (keys: readonly string[]) =>
  new Set(keys.map((k) => seed.students.find((s) => s.key === k)!.divisionCode));
// Twelve pupils taken across the divisions (every fourth), and one in a group whose code
// starts the same.
const latin = present.filter((_, i) => i % 4 === 0).slice(0, 12);
const latin10 = present.find((s) => !latin.includes(s))!;
const groups: Record<string, string[]> = Object.fromEntries([
  ...latin.map((s) => [s.key, ['4LAT1']]),
  [latin10.key, ['4LAT10']],
]);

let h: ImportHarness | null = null;
afterEach(async () => {
  await h?.p.cleanup();
  h = null;
});

async function memberships(): Promise<{ id: number; key: string; code: string }[]> {
  return h!.p.db.manager.query(
    `SELECT gm.id, s.siecle_id AS key, gm.group_code AS code
       FROM group_membership gm JOIN student s ON s.id = gm.student_id ORDER BY gm.id`,
  );
}

describe('the SIECLE import writes group memberships', () => {
  it('« 12 élèves entrent dans le groupe 4LAT1 », then a second import of the same files writes nothing', async () => {
    expect(divisionsOf(latin.map((s) => s.key)).size).toBeGreaterThan(1);
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const files = exportsOf(seed, '2026-09-20', undefined, groups);
    const first = await h.importFiles(files);
    expect(first.groups).toEqual([
      { code: '4LAT1', entering: 12, leaving: 0 },
      { code: '4LAT10', entering: 1, leaving: 0 },
    ]);
    expect(first.groups.flatMap(groupChangeSentences)).toEqual([
      '12\u00a0élèves entrent dans le groupe 4LAT1',
      '1\u00a0élève entre dans le groupe 4LAT10',
    ]);
    expect(previewSummary(first)).toContain('2\u00a0groupes dont les élèves changent');
    const rows = await memberships();
    expect(rows.filter((r) => r.code === '4LAT1').map((r) => r.key)).toEqual(
      latin.map((s) => s.key),
    );
    expect(rows.filter((r) => r.code === '4LAT10').map((r) => r.key)).toEqual([latin10.key]);

    const again = await h.preview(files);
    expect(again.unchanged).toBe(true);
    expect(again.groups).toEqual([]);
    expect(previewSummary(again).join(' ')).not.toContain('groupe');
    expect(await memberships()).toEqual(rows);
  });

  it('a pupil leaving a group: « 3 élèves quittent le groupe 4LAT1 », one of them entering 4LAT10', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    await h.importFiles(exportsOf(seed, '2026-09-20', undefined, groups));
    const [a, b, c] = latin;
    const later = { ...groups, [a!.key]: [], [b!.key]: [], [c!.key]: ['4LAT10'] };
    const pre = await h.importFiles(exportsOf(seed, '2026-10-05', undefined, later));
    expect(pre.groups).toEqual([
      { code: '4LAT1', entering: 0, leaving: 3 },
      { code: '4LAT10', entering: 1, leaving: 0 },
    ]);
    expect(pre.groups.flatMap(groupChangeSentences)).toEqual([
      '3\u00a0élèves quittent le groupe 4LAT1',
      '1\u00a0élève entre dans le groupe 4LAT10',
    ]);
    // The pupil's own line still says the move, as for a division.
    expect(pre.students.moved.find((l) => l.key === c!.key)?.detail).toBe('groupes 4LAT1 → 4LAT10');
    const rows = await memberships();
    expect(rows.filter((r) => r.code === '4LAT1').map((r) => r.key)).toEqual(
      latin.slice(3).map((s) => s.key),
    );
    expect(
      rows
        .filter((r) => r.code === '4LAT10')
        .map((r) => r.key)
        .sort(),
    ).toEqual([latin10.key, c!.key].sort());
    expect(rows.filter((r) => r.key === a!.key)).toEqual([]);
    // The text column, kept for display, follows.
    const [row] = await h.p.db.manager.query('SELECT groups FROM student WHERE siecle_id = ?', [
      c!.key,
    ]);
    expect(row).toEqual({ groups: '4LAT10' });
  });
});

describe('the readers use the memberships', () => {
  it('a group’s pupils across divisions; a pupil in 4LAT1 is not in 4LAT10; the record lists the groups', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    await h.importFiles(exportsOf(seed, '2026-09-20', undefined, groups));
    const { p, token } = h;
    const ids: { id: number; key: string }[] = await p.db.manager.query(
      'SELECT id, siecle_id AS key FROM student',
    );
    const idOf = new Map(ids.map((r) => [r.key, Number(r.id)]));
    const latinIds = latin.map((s) => idOf.get(s.key)!).sort((x, y) => x - y);

    const listed = value<StudentSearchResult>(
      await p.dispatch('students.search', { query: '', group: '4LAT1' }, token),
    ).items;
    expect(listed.map((s) => s.id).sort((x, y) => x - y)).toEqual(latinIds);
    expect(value<GroupSummary[]>(await p.dispatch('groups.list', {}, token))).toEqual([
      { code: '4LAT1', studentCount: 12 },
      { code: '4LAT10', studentCount: 1 },
    ]);
    const csv = value<string>(await p.dispatch('rosters.csv', { group: '4LAT10' }, token));
    expect(csv.trimEnd().split('\r\n')).toHaveLength(2);
    expect(csv).toContain(latin10.lastName);

    // A group teaching service reads its pupils from the memberships, whatever their division.
    const [school] = await p.db.manager.query('SELECT id FROM school');
    const service = { structureKind: 'group', structureCode: '4LAT1' } as TeachingServiceSummary;
    const pupils = await servicePupils(p.db.manager, Number(school.id), service, []);
    expect(pupils.map((x) => x.id).sort((x, y) => x - y)).toEqual(latinIds);
    expect(new Set(pupils.map((x) => x.divisionCode))).toEqual(
      divisionsOf(latin.map((s) => s.key)),
    );
    expect(pupils.map((x) => x.id)).not.toContain(idOf.get(latin10.key));

    const record = value<StudentDetail>(
      await p.dispatch('students.get', { id: idOf.get(latin10.key)! }, token),
    );
    expect(record.groups).toEqual(['4LAT10']);
  });
});

describe('the migration fills the memberships from student.groups', () => {
  it('one row per pupil and code, spaces and repeats dropped, 4LAT1 and 4LAT10 apart', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    await h.importFiles(exportsOf(seed, '2026-09-20'));
    const { p } = h;
    const [x, y] = (await p.db.manager.query('SELECT id FROM student ORDER BY id LIMIT 2')) as {
      id: number;
    }[];
    await p.db.manager.query(`UPDATE student SET groups = ' 4LAT1,4LAT1,,AGL2' WHERE id = ?`, [
      x!.id,
    ]);
    await p.db.manager.query(`UPDATE student SET groups = '4LAT10' WHERE id = ?`, [y!.id]);
    const runner = p.db.dataSource.createQueryRunner();
    try {
      await runner.dropTable('group_membership');
      await new GroupMemberships1764790000000().up(runner);
    } finally {
      await runner.release();
    }
    const rows = await p.db.manager.query(
      'SELECT student_id AS id, group_code AS code FROM group_membership ORDER BY id',
    );
    expect(rows).toEqual([
      { id: x!.id, code: '4LAT1' },
      { id: x!.id, code: 'AGL2' },
      { id: y!.id, code: '4LAT10' },
    ]);
  });
});
