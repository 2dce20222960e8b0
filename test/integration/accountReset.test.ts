import { afterEach, beforeEach, expect, it } from 'vitest';
import type { LetterPlan } from '../../shared/api/staff/letters';
import {
  ADMIN_PASSWORD,
  loginToken,
  startTestPupitre,
  testHasher,
  type TestPupitre,
  value,
} from '../helpers/pupitre';

// Issue 13 §3: « no warning about a previous password to accounts that never had one ».
let p: TestPupitre;
let direction: string;

beforeEach(async () => {
  p = await startTestPupitre({ students: 40 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
});
afterEach(async () => p.cleanup());

const q = <T>(sql: string, params: unknown[] = []) =>
  p.db.manager.query(sql, params) as Promise<T[]>;

async function resetPlan(accountIds: number[]): Promise<LetterPlan> {
  return value<LetterPlan>(
    await p.dispatch(
      'letters.plan',
      { scope: { kind: 'accounts', accountIds }, kinds: ['guardian'], reset: true },
      direction,
    ),
  );
}

it('a reset plan warns of a replaced password only for an account that had one', async () => {
  const guardians = await q<{ id: number; password_hash: string | null }>(
    "SELECT id, password_hash FROM family_account WHERE kind = 'guardian' ORDER BY id LIMIT 3",
  );
  expect(guardians.every((g) => g.password_hash === null)).toBe(true);
  // Never notified: a first letter, nothing replaced.
  const never = await resetPlan([guardians[0]!.id]);
  expect(never).toMatchObject({ newPasswords: 1, firstLetters: 1, replacedLetters: 0, resets: 0 });

  // Notified before: the letter handed out is replaced.
  await q("UPDATE family_account SET password_hash = ?, state = 'provisional' WHERE id = ?", [
    await testHasher.hash('ANCIENMDP'),
    guardians[1]!.id,
  ]);
  const reprint = await resetPlan([guardians[1]!.id]);
  expect(reprint).toMatchObject({
    newPasswords: 1,
    firstLetters: 0,
    replacedLetters: 1,
    resets: 0,
  });

  // A password the family chose: only a reset of that one account replaces it.
  await q("UPDATE family_account SET state = 'active' WHERE id = ?", [guardians[2]!.id]);
  const reset = await resetPlan([guardians[2]!.id]);
  expect(reset).toMatchObject({ newPasswords: 1, firstLetters: 0, replacedLetters: 0, resets: 1 });
});
