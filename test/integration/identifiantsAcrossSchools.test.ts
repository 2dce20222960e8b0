import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncAccounts } from '../../main/services/accounts/provisioning';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import { writeNewSchool } from '../../main/services/school/schoolWriter';
import { startTestPupitre, TEST_NOW, type TestPupitre } from '../helpers/pupitre';

// SPEC §4: an identifiant is unique in the whole database (several schools share one on
// PostgreSQL). The accounts' sync looks up only the identifiants it may give (issue 15 §3),
// so these checks hold it to that promise: across schools, and for a crowded name.
let p: TestPupitre;
beforeAll(async () => {
  p = await startTestPupitre({ empty: true });
});
afterAll(async () => p?.cleanup());

/** A school whose pupils are all « Léa Martin », each with a guardian « Paul Martin ». */
async function schoolOfNamesakes(seed: number, uai: string, pupils: number) {
  const school = generateDemoSchool({ seed, studentCount: pupils });
  school.school.uai = uai;
  school.school.name = `Collège ${uai}`;
  for (const s of school.students) Object.assign(s, { firstName: 'Léa', lastName: 'Martin' });
  for (const g of school.guardians) Object.assign(g, { firstName: 'Paul', lastName: 'Martin' });
  return p.db.transaction(async (m) => {
    const id = await writeNewSchool(m, school, TEST_NOW);
    await syncAccounts(m, id, TEST_NOW);
    return id;
  });
}

describe('identifiants stay unique across the database', () => {
  it('thirty namesakes in one school, then thirty in another: sixty pupils, sixty identifiants', async () => {
    await schoolOfNamesakes(71, '0251071A', 30);
    await schoolOfNamesakes(72, '0251072B', 30);
    const rows: { login: string }[] = await p.db.manager.query(
      "SELECT login FROM family_account WHERE kind = 'student'",
    );
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.login)).size).toBe(60);
    expect(rows.map((r) => r.login)).toContain('lea.martin');
    expect(rows.map((r) => r.login)).toContain('lea.martin59');
    const all: { login: string }[] = await p.db.manager.query('SELECT login FROM family_account');
    expect(new Set(all.map((r) => r.login)).size).toBe(all.length);
  });
  it('a gap among the numbered identifiants (« lea.martin21 » kept, 1 to 20 gone) does not make the next import collide', async () => {
    const before: { login: string }[] = await p.db.manager.query(
      "SELECT login FROM family_account WHERE kind = 'student' AND login LIKE 'lea.martin%'",
    );
    const gone = Array.from({ length: 20 }, (_, i) => `lea.martin${i + 1}`);
    await p.db.manager.query(
      `DELETE FROM family_account WHERE login IN (${gone.map(() => '?').join(', ')})`,
      gone,
    );
    await schoolOfNamesakes(73, '0251073C', 25);
    const rows: { login: string }[] = await p.db.manager.query(
      "SELECT login FROM family_account WHERE kind = 'student'",
    );
    expect(rows).toHaveLength(before.length - 20 + 25);
    expect(new Set(rows.map((r) => r.login)).size).toBe(rows.length);
  });
  it('the sync asks the database only about the identifiants its giving tries, never for every login (issue 15 §4)', async () => {
    const before = new Set(
      ((await p.db.manager.query('SELECT login FROM family_account')) as { login: string }[]).map(
        (r) => r.login,
      ),
    );
    const school = generateDemoSchool({ seed: 74, studentCount: 12 });
    school.school.uai = '0251074D';
    school.school.name = 'Collège 0251074D';
    for (const s of school.students) Object.assign(s, { firstName: 'Léa', lastName: 'Martin' });
    const asked: string[] = [];
    let readEveryLogin = false;
    await p.db.transaction(async (m) => {
      const id = await writeNewSchool(m, school, TEST_NOW);
      const query = m.query.bind(m);
      m.query = (async (sql: string, params?: unknown[]) => {
        if (/^SELECT login FROM family_account\b/.test(sql)) {
          if (/ WHERE /.test(sql)) asked.push(...(params as string[]));
          else readEveryLogin = true;
        }
        return query(sql, params);
      }) as typeof m.query;
      await syncAccounts(m, id, TEST_NOW);
    });
    const given = (
      (await p.db.manager.query('SELECT login FROM family_account')) as { login: string }[]
    )
      .map((r) => r.login)
      .filter((login) => !before.has(login));
    expect(given.length).toBeGreaterThanOrEqual(12);
    expect(readEveryLogin).toBe(false);
    // Each login asked about is one given now, one the database already held (tried, then
    // passed over), or one of a window of variants no larger than what was given.
    const tried = new Set([...given, ...before]);
    const speculative = asked.filter((login) => !tried.has(login));
    expect(speculative.length).toBeLessThanOrEqual(given.length);
    expect(speculative.every((login) => login.startsWith('lea.martin'))).toBe(true);
    expect(given.filter((login) => !asked.includes(login))).toEqual([]);
  });
  it('a name another school holds two hundred times costs a handful of lookups, not one a variant', async () => {
    const taken = Array.from({ length: 200 }, (_, n) => (n === 0 ? 'zoe.petit' : `zoe.petit${n}`));
    const other = await p.db.manager.query('SELECT id FROM school ORDER BY id LIMIT 1');
    const schoolId = (other as { id: number }[])[0]!.id;
    for (const login of taken) {
      await p.db.manager.query(
        `INSERT INTO family_account (school_id, kind, login, password_version, birth_date_misses, state, email, email_confirmed, no_email, display_name, search_name, created_at, updated_at)
         VALUES (?, 'guardian', ?, 0, 0, 'not_notified', '', 0, 0, 'Zoé PETIT', ?, ?, ?)`,
        [
          schoolId,
          login,
          login,
          new Date(TEST_NOW).toISOString(),
          new Date(TEST_NOW).toISOString(),
        ],
      );
    }
    const school = generateDemoSchool({ seed: 75, studentCount: 1 });
    school.school.uai = '0251075E';
    school.school.name = 'Collège 0251075E';
    for (const s of school.students) Object.assign(s, { firstName: 'Zoé', lastName: 'Petit' });
    let lookups = 0;
    await p.db.transaction(async (m) => {
      const id = await writeNewSchool(m, school, TEST_NOW);
      const query = m.query.bind(m);
      m.query = (async (sql: string, params?: unknown[]) => {
        if (/^SELECT login FROM family_account WHERE /.test(sql)) lookups++;
        return query(sql, params);
      }) as typeof m.query;
      await syncAccounts(m, id, TEST_NOW);
    });
    const rows: { login: string }[] = await p.db.manager.query(
      "SELECT login FROM family_account WHERE kind = 'student' AND login LIKE 'zoe.petit%'",
    );
    expect(rows.map((r) => r.login)).toEqual(['zoe.petit200']);
    // One a variant was 201; doubling windows (1, 2, 4 … 128) make it nine.
    expect(lookups).toBeLessThanOrEqual(10);
  });
});
