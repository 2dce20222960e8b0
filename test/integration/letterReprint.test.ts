import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LetterPlan } from '../../shared/api/staff/letters';
import { printLetters } from '../helpers/letterRuns';
import { credentialsOf } from '../helpers/pdfText';
import {
  ADMIN_PASSWORD,
  loginToken,
  startTestPupitre,
  testHasher,
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
const plan = async (input: unknown) =>
  value<LetterPlan>(await p.dispatch('letters.plan', input, direction));
const accountRow = async (id: number) =>
  (
    await q<{ state: string; password_hash: string; letter_date: string | null }>(
      'SELECT state, password_hash, letter_date FROM family_account WHERE id = ?',
      [id],
    )
  )[0]!;

/** A guardian of the school who has chosen a password, in the given state. */
async function familyChose(state: 'awaiting_confirmation' | 'active', skip = 0) {
  const [account] = await q<{ id: number; login: string }>(
    `SELECT id, login FROM family_account WHERE kind = 'guardian' ORDER BY id LIMIT 1 OFFSET ?`,
    [skip],
  );
  const hash = await testHasher.hash('ChoisiParLaFamille1');
  await q(
    `UPDATE family_account SET state = ?, password_hash = ?, letter_date = '2026-10-01', expires_on = '2027-01-01' WHERE id = ?`,
    [state, hash, account!.id],
  );
  return { ...account!, hash };
}

describe('a re-print never replaces a password the family chose (issue 13)', () => {
  it('a school-wide print: the parent awaiting her confirmation link and the active one keep theirs', async () => {
    const awaiting = await familyChose('awaiting_confirmation', 0);
    const active = await familyChose('active', 1);
    const { pages } = await printLetters(p, direction, { scope: { kind: 'school' } });
    for (const family of [awaiting, active]) {
      const page = pages.find((text) => credentialsOf(text).login === family.login);
      expect(credentialsOf(page!)).toEqual({ login: family.login, password: null });
      const row = await accountRow(family.id);
      expect(row.password_hash).toBe(family.hash);
    }
    expect((await accountRow(awaiting.id)).state).toBe('awaiting_confirmation');
    expect((await accountRow(active.id)).state).toBe('active');
  });

  it('a reset is for one account: over the school it is refused and changes nothing', async () => {
    const awaiting = await familyChose('awaiting_confirmation');
    const refused = await p.dispatch(
      'letters.start',
      { scope: { kind: 'school' }, reset: true },
      direction,
    );
    expect(!refused.ok && refused.error.message).toContain('compte par compte');
    expect((await accountRow(awaiting.id)).password_hash).toBe(awaiting.hash);
  });

  it('staff reset that one account: a new provisional password that leads to the first connection', async () => {
    const awaiting = await familyChose('awaiting_confirmation');
    const scope = { kind: 'accounts', accountIds: [awaiting.id] };
    expect(await plan({ scope, reset: true })).toMatchObject({ letters: 1, resets: 1 });
    const { pages } = await printLetters(p, direction, { scope, reset: true });
    const { password } = credentialsOf(pages[0]!);
    // One account's letter may be posted: it names no pupil to hand it to.
    expect(pages[0]).not.toContain('Remis à l’élève');
    const row = await accountRow(awaiting.id);
    expect(await testHasher.verify(password!, row.password_hash)).toBe(true);
    expect(row.state).toBe('provisional');
  });

  it('a reset ends the sessions opened with the chosen password: none of them reaches the first connection', async () => {
    const awaiting = await familyChose('awaiting_confirmation');
    const other = await familyChose('active', 1);
    for (const id of [awaiting.id, other.id]) {
      await q(
        `INSERT INTO portal_session (token_hash, account_id, created_at, last_seen_at) VALUES (?, ?, '2026-11-22T08:59:00.000Z', '2026-11-22T08:59:00.000Z')`,
        [`jeton-${id}`, id],
      );
    }
    const sessionsOf = async (id: number) =>
      (await q<{ id: number }>('SELECT id FROM portal_session WHERE account_id = ?', [id])).length;
    await printLetters(p, direction, {
      scope: { kind: 'accounts', accountIds: [awaiting.id] },
      reset: true,
    });
    expect(await sessionsOf(awaiting.id)).toBe(0);
    // A print that recalls the identifiant only leaves the family's sessions alone.
    await printLetters(p, direction, { scope: { kind: 'accounts', accountIds: [other.id] } });
    expect(await sessionsOf(other.id)).toBe(1);
  });

  it('a reset voids the links sent before it: a confirmation link and a « mot de passe oublié » link', async () => {
    const active = await familyChose('active');
    for (const purpose of ['confirm_email', 'reset_password']) {
      await q(
        `INSERT INTO account_token (account_id, purpose, token_hash, email, created_at, expires_at, reference)
         VALUES (?, ?, ?, 'ancienne@exemple.fr', '2026-11-22T08:00:00.000Z', '2026-11-29T23:00:00.000Z', 'R1')`,
        [active.id, purpose, `empreinte-${purpose}`],
      );
    }
    await printLetters(p, direction, {
      scope: { kind: 'accounts', accountIds: [active.id] },
      reset: true,
    });
    const live = await q<{ purpose: string }>(
      'SELECT purpose FROM account_token WHERE account_id = ? AND used_at IS NULL',
      [active.id],
    );
    expect(live).toEqual([]);
  });

  it('« seulement les comptes jamais notifiés », and a re-print says how many letters it replaces', async () => {
    const [division] = await q<{ id: number }>(
      `SELECT d.id FROM division d WHERE EXISTS (SELECT 1 FROM student s WHERE s.division_id = d.id) ORDER BY d.id LIMIT 1`,
    );
    const scope = { kind: 'division', divisionId: division!.id };
    const first = await plan({ scope, neverNotifiedOnly: true });
    expect(first).toMatchObject({ firstLetters: first.letters, replacedLetters: 0 });
    const { pages } = await printLetters(p, direction, { scope, neverNotifiedOnly: true });
    expect(pages).toHaveLength(first.letters);

    expect(await plan({ scope, neverNotifiedOnly: true })).toMatchObject({
      letters: 0,
      alreadyNotified: first.letters,
    });
    expect(await plan({ scope })).toMatchObject({
      letters: first.letters,
      firstLetters: 0,
      replacedLetters: first.letters,
      newPasswords: first.letters,
    });
  });
});

describe('a batch says whom it is for (issue 13)', () => {
  it('« Réinitialisation — M. Laurent MULLER », in the list of batches and the downloaded file’s name', async () => {
    const [account] = await q<{ id: number; guardian_id: number }>(
      `SELECT id, guardian_id FROM family_account WHERE kind = 'guardian' ORDER BY id LIMIT 1`,
    );
    await q(
      `UPDATE guardian SET civility = 'M.', first_name = 'Laurent', last_name = 'Muller' WHERE id = ?`,
      [account!.guardian_id],
    );
    const { job } = await printLetters(p, direction, {
      scope: { kind: 'accounts', accountIds: [account!.id] },
      reset: true,
    });
    expect(job.label).toBe('Réinitialisation — M. Laurent MULLER');
    expect(job.fileName).toMatch(/^courriers-2026-11-22-reinitialisation-m-laurent-muller\.pdf$/);
    const batches = value<{ label: string }[]>(await p.dispatch('letters.batches', {}, direction));
    expect(batches[0]!.label).toBe('Réinitialisation — M. Laurent MULLER');

    const others = await q<{ id: number }>(
      `SELECT id FROM family_account WHERE kind = 'guardian' ORDER BY id LIMIT 4`,
    );
    const several = await printLetters(p, direction, {
      scope: { kind: 'accounts', accountIds: others.map((o) => o.id) },
    });
    expect(several.job.label).toMatch(/^4 courriers — .+, .+ et 2 autres$/);
    expect(several.job.label).toContain('M. Laurent MULLER');
  });
});
