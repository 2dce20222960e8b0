import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { AccountSearchWithoutCivility1763970000000 } from '../../main/db/migrations/1763970000000-AccountSearchWithoutCivility';
import { syncAccounts } from '../../main/services/accounts/provisioning';
import { expireAccounts } from '../../main/services/accounts/expiry';
import { parisToday } from '../../main/services/calendar';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import { writeNewSchool } from '../../main/services/school/schoolWriter';
import type {
  AccountDetail,
  AccountSearchResult,
  AccountSummary,
  CampaignSummary,
} from '../../shared/api/staff/accounts';
import { IDENTIFIANT_PATTERN } from '../../shared/domain/identifiant';
import { foldForSearch } from '../../shared/domain/normalize';
import {
  ADMIN_PASSWORD,
  createStaffUser,
  loginToken,
  startTestPupitre,
  type TestPupitre,
  value,
} from '../helpers/pupitre';

let p: TestPupitre;
let direction: string;

beforeEach(async () => {
  p = await startTestPupitre({ students: 120 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
});
afterEach(async () => p.cleanup());

const q = <T>(sql: string, params: unknown[] = []) =>
  p.db.manager.query(sql, params) as Promise<T[]>;
const schoolId = async () => (await q<{ id: number }>('SELECT id FROM school'))[0]!.id;

describe('accounts follow the school’s records (SPEC §4.1)', () => {
  it('one account per legal guardian person covering all their children, one per pupil', async () => {
    // Still at school: no DATE_SORTIE, or one after today (« part le … »).
    const today = parisToday(p.clock);
    const guardians = await q<{ guardian_id: number; n: number }>(
      `SELECT sg.guardian_id, COUNT(*) AS n FROM student_guardian sg JOIN student s ON s.id = sg.student_id
        WHERE sg.responsibility_level = 1 AND (s.left_on IS NULL OR s.left_on > ?) GROUP BY sg.guardian_id`,
      [today],
    );
    const students = await q<{ id: number }>(
      'SELECT id FROM student WHERE left_on IS NULL OR left_on > ?',
      [today],
    );
    const accounts = await q<{
      kind: string;
      login: string;
      guardian_id: number | null;
      state: string;
    }>('SELECT kind, login, guardian_id, state FROM family_account');
    expect(accounts.filter((a) => a.kind === 'guardian')).toHaveLength(guardians.length);
    expect(accounts.filter((a) => a.kind === 'student')).toHaveLength(students.length);
    expect(new Set(accounts.map((a) => a.login)).size).toBe(accounts.length);
    for (const a of accounts) {
      expect(a.login).toMatch(IDENTIFIANT_PATTERN);
      expect(a.state).toBe('not_notified');
    }
    // A guardian of siblings: one account naming every child.
    const sibling = guardians.find((g) => g.n >= 2)!;
    const [row] = await q<{ id: number }>('SELECT id FROM family_account WHERE guardian_id = ?', [
      sibling.guardian_id,
    ]);
    const detail = value<AccountDetail>(
      await p.dispatch('accounts.get', { id: row!.id }, direction),
    );
    expect(detail.children).toHaveLength(sibling.n);
  });

  it('a re-sync changes nothing and identifiants never change', async () => {
    const before = await q<{ id: number; login: string }>(
      'SELECT id, login FROM family_account ORDER BY id',
    );
    const id = await schoolId();
    const counts = await p.db.transaction((m) => syncAccounts(m, id, p.clock.now().toISOString()));
    expect(counts).toEqual({ created: 0, childrenAdded: 0, childrenRemoved: 0 });
    expect(await q('SELECT id, login FROM family_account ORDER BY id')).toEqual(before);
  });

  it('identifiants are unique in the whole database: a second school’s namesake gets a suffix', async () => {
    const seed = generateDemoSchool({ studentCount: 30, seed: 7 });
    const first = await q<{ first_name: string; last_name: string }>(
      `SELECT s.first_name, s.last_name FROM student s JOIN family_account a ON a.student_id = s.id LIMIT 1`,
    );
    seed.school.uai = '0251711Z';
    seed.students[0]!.firstName = first[0]!.first_name;
    seed.students[0]!.lastName = first[0]!.last_name;
    const otherId = await p.db.transaction(async (m) => {
      const id = await writeNewSchool(m, seed, p.clock.now().toISOString());
      await syncAccounts(m, id, p.clock.now().toISOString());
      return id;
    });
    const logins = await q<{ login: string }>('SELECT login FROM family_account');
    expect(new Set(logins.map((l) => l.login)).size).toBe(logins.length);
    const [namesake] = await q<{ login: string }>(
      `SELECT a.login FROM family_account a JOIN student s ON s.id = a.student_id
        WHERE s.school_id = ? AND s.first_name = ? AND s.last_name = ?`,
      [otherId, first[0]!.first_name, first[0]!.last_name],
    );
    expect(namesake!.login).toMatch(/\d$/);
  });

  it('a guardian whose link to a child disappears loses that child at once; the account stays', async () => {
    const [link] = await q<{ guardian_id: number; student_id: number; id: number }>(
      `SELECT sg.id, sg.guardian_id, sg.student_id FROM student_guardian sg
        WHERE sg.responsibility_level = 1
          AND (SELECT COUNT(*) FROM student_guardian o WHERE o.guardian_id = sg.guardian_id AND o.responsibility_level = 1) >= 2
        LIMIT 1`,
    );
    const [account] = await q<{ id: number }>(
      'SELECT id FROM family_account WHERE guardian_id = ?',
      [link!.guardian_id],
    );
    await q('DELETE FROM student_guardian WHERE id = ?', [link!.id]);
    const counts = await p.db.transaction(async (m) =>
      syncAccounts(m, await schoolIdOf(m), p.clock.now().toISOString()),
    );
    expect(counts.childrenRemoved).toBe(1);
    const detail = value<AccountDetail>(
      await p.dispatch('accounts.get', { id: account!.id }, direction),
    );
    expect(detail.children.map((c) => c.studentId)).not.toContain(link!.student_id);
    expect(detail.children.length).toBeGreaterThanOrEqual(1);
  });
});

async function schoolIdOf(m: { query(sql: string): Promise<{ id: number }[]> }) {
  return (await m.query('SELECT id FROM school'))[0]!.id;
}

describe('staff actions on an account (SPEC §4.5), each written to the journal', () => {
  async function aGuardianAccount(): Promise<AccountSummary> {
    const result = value<AccountSearchResult>(
      await p.dispatch('accounts.search', { query: '', kind: 'guardian', limit: 1 }, direction),
    );
    return result.items[0]!;
  }

  it('finds accounts by name, identifiant and e-mail', async () => {
    const account = await aGuardianAccount();
    const byLogin = value<AccountSearchResult>(
      await p.dispatch('accounts.search', { query: account.login }, direction),
    );
    expect(byLogin.items.map((a) => a.id)).toContain(account.id);
    const [lastName] = account.displayName.split(' ').slice(1);
    const byName = value<AccountSearchResult>(
      await p.dispatch('accounts.search', { query: lastName! }, direction),
    );
    expect(byName.items.map((a) => a.id)).toContain(account.id);
  });

  /** « Mme DUPONT Claire » → « dupont claire »: the name as it is sorted, without the civility. */
  const sortName = (displayName: string) =>
    foldForSearch(displayName.replace(/^(M\.|Mme|MME) /, ''));
  const sorted = (names: string[]) => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  it('« Comptes des familles » is sorted by name, not by civility first (issue 13 §3), A to Z or Z to A', async () => {
    const search = async (descending: boolean) =>
      value<AccountSearchResult>(
        await p.dispatch(
          'accounts.search',
          { query: '', kind: 'guardian', descending, limit: 1000 },
          direction,
        ),
      ).items.map((a) => a.displayName);
    const ascending = await search(false);
    expect(ascending.some((n) => n.startsWith('M. '))).toBe(true);
    expect(ascending.some((n) => n.startsWith('Mme '))).toBe(true);
    expect(ascending.map(sortName)).toEqual(sorted(ascending.map(sortName)));
    expect(await search(true)).toEqual([...ascending].reverse());
  });

  it('a search by name does not match the civility: « m » finds the Martin, not every father', async () => {
    const found = value<AccountSearchResult>(
      await p.dispatch('accounts.search', { query: 'm', kind: 'guardian', limit: 1000 }, direction),
    ).items;
    expect(found.length).toBeGreaterThan(0);
    for (const account of found) {
      const words = `${sortName(account.displayName)} ${foldForSearch(account.login)}`.split(' ');
      expect(words.some((w) => w.startsWith('m'))).toBe(true);
    }
    const fathers = await q<{ n: number }>(
      "SELECT COUNT(*) AS n FROM family_account WHERE display_name LIKE 'M. %'",
    );
    expect(found.length).toBeLessThan(Number(fathers[0]!.n));
  });

  it('the migration takes the civility out of the search names written before it', async () => {
    await q(
      "UPDATE family_account SET search_name = 'mme ' || search_name WHERE display_name LIKE 'Mme %'",
    );
    const runner = p.db.manager.dataSource.createQueryRunner();
    await new AccountSearchWithoutCivility1763970000000().up(runner);
    await runner.release();
    const rows = await q<{ display_name: string; login: string; search_name: string }>(
      "SELECT display_name, login, search_name FROM family_account WHERE kind = 'guardian'",
    );
    for (const row of rows) {
      expect(row.search_name).toBe(foldForSearch(`${sortName(row.display_name)} ${row.login}`));
    }
  });

  it('« sans courriel », refusal coupon, reactivation and closure', async () => {
    const account = await aGuardianAccount();
    const noEmail = value<AccountDetail>(
      await p.dispatch('accounts.setNoEmail', { id: account.id, noEmail: true }, direction),
    );
    expect(noEmail.noEmail).toBe(true);
    const full = value<AccountDetail>(
      await p.dispatch('accounts.get', { id: account.id }, direction),
    );
    const child = full.children.find((c) => c.studentAccountId !== null)!;
    value(
      await p.dispatch(
        'accounts.recordRefusal',
        { guardianAccountId: account.id, studentAccountIds: [child.studentAccountId!] },
        direction,
      ),
    );
    const refused = value<AccountDetail>(
      await p.dispatch('accounts.get', { id: account.id }, direction),
    );
    expect(refused.state).toBe('closed');
    expect(refused.closedReason).toBe('refused');
    const pupil = value<AccountDetail>(
      await p.dispatch('accounts.get', { id: child.studentAccountId! }, direction),
    );
    expect(pupil.closedReason).toBe('refused');
    const summary = value<CampaignSummary>(await p.dispatch('campaign.summary', {}, direction));
    expect(summary.totals.refused).toBe(2);
    // Divisions in school order: 6e first, the pupils without a division last.
    const codes = summary.divisions.map((d) => d.divisionCode);
    expect(codes[0]).toMatch(/^6/);
    expect(codes.indexOf(codes.find((c) => c.startsWith('3'))!)).toBeGreaterThan(
      codes.indexOf(codes.find((c) => c.startsWith('5'))!),
    );
    if (codes.includes('Sans division')) expect(codes.at(-1)).toBe('Sans division');

    const back = value<AccountDetail>(
      await p.dispatch('accounts.reactivate', { id: account.id }, direction),
    );
    expect(back.state).toBe('not_notified');
    const closed = value<AccountDetail>(
      await p.dispatch('accounts.close', { id: account.id }, direction),
    );
    expect(closed.closedReason).toBe('staff');
    expect(closed.history.map((h) => h.action)).toEqual([
      'account.closed',
      'account.reactivated',
      'account.refused',
      'account.no_email',
    ]);
  });

  it('a secretary may act on accounts; a CPE or a teacher may not', async () => {
    const account = await aGuardianAccount();
    const secretary = await createStaffUser(p, direction, 'mme.secretariat', 'secretariat');
    expect((await p.dispatch('accounts.get', { id: account.id }, secretary.token)).ok).toBe(true);
    for (const role of ['cpe', 'teacher'] as const) {
      const user = await createStaffUser(p, direction, `m.${role}`, role);
      const refused = await p.dispatch('accounts.close', { id: account.id }, user.token);
      expect(!refused.ok && refused.error.code).toBe('forbidden');
    }
  });

  it('another school’s account is not found', async () => {
    const seed = generateDemoSchool({ studentCount: 10, seed: 3 });
    seed.school.uai = '0251711Z';
    const otherAccount = await p.db.transaction(async (m) => {
      const id = await writeNewSchool(m, seed, p.clock.now().toISOString());
      await syncAccounts(m, id, p.clock.now().toISOString());
      return (await m.getRepository(FamilyAccountEntity).findOneByOrFail({ schoolId: id })).id;
    });
    const result = await p.dispatch('accounts.get', { id: otherAccount }, direction);
    expect(!result.ok && result.error.code).toBe('not_found');
    const refusal = await p.dispatch(
      'accounts.recordRefusal',
      { studentAccountIds: [otherAccount] },
      direction,
    );
    expect(!refusal.ok && refusal.error.code).toBe('not_found');
  });

  it('the campaign CSV opens in a French spreadsheet and runs no formula', async () => {
    await q(
      `UPDATE student SET first_name = '=HYPERLINK("x")' WHERE id = (SELECT MIN(id) FROM student)`,
    );
    const csv = value<string>(
      await p.dispatch('campaign.csv', { group: 'not_notified' }, direction),
    );
    expect(csv.startsWith('\uFEFFDivision;Type;Nom;Identifiant;État')).toBe(true);
    expect(csv).toContain('\r\n');
    expect(csv).not.toMatch(/[;\n]=HYPERLINK/);
    const lines = csv.trim().split('\r\n');
    const list = value<AccountSummary[]>(
      await p.dispatch('campaign.list', { group: 'not_notified' }, direction),
    );
    expect(lines).toHaveLength(list.length + 1);
  });
});

describe('« un délai de 3 mois pour activer votre compte » (seed 004)', () => {
  it('expires accounts past their deadline, Paris time, and catches up after days closed', async () => {
    const id = await schoolId();
    await q(
      `UPDATE family_account SET state = 'provisional', password_hash = 'x', letter_date = '2026-08-20', expires_on = '2026-11-20'
        WHERE id IN (SELECT id FROM family_account WHERE school_id = ? ORDER BY id LIMIT 3)`,
      [id],
    );
    await q(
      `UPDATE family_account SET state = 'provisional', password_hash = 'x', letter_date = '2026-09-23', expires_on = '2026-12-23'
        WHERE id = (SELECT MAX(id) FROM family_account)`,
    );
    // 23:30 UTC on 20 November is already the 21st in Paris: the three are one day late.
    p.clock.set('2026-11-20T22:30:00.000Z');
    expect(await expireAccounts(p.db, p.clock)).toBe(0);
    p.clock.set('2026-11-20T23:30:00.000Z');
    expect(await expireAccounts(p.db, p.clock)).toBe(3);
    const expired = await q<{ password_hash: string | null }>(
      `SELECT password_hash FROM family_account WHERE state = 'expired'`,
    );
    expect(expired).toHaveLength(3);
    expect(expired.every((r) => r.password_hash === null)).toBe(true);
    expect(await expireAccounts(p.db, p.clock)).toBe(0);
    const journal = await q<{ n: number }>(
      `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'account.expired'`,
    );
    expect(journal[0]!.n).toBe(3);
  });
});
