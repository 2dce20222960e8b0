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

it('a reset plan counts as « replaced » only the passwords an account already had', async () => {
  const guardians = await q<{ id: number; password_hash: string | null }>(
    "SELECT id, password_hash FROM family_account WHERE kind = 'guardian' ORDER BY id LIMIT 3",
  );
  expect(guardians.every((g) => g.password_hash === null)).toBe(true);
  const never = await resetPlan([guardians[0]!.id]);
  expect(never.newPasswords).toBe(1);
  expect(never.replacedPasswords).toBe(0);

  // One of three was notified before: it has a password, which the reset replaces.
  await q("UPDATE family_account SET password_hash = ?, state = 'provisional' WHERE id = ?", [
    await testHasher.hash('ANCIENMDP'),
    guardians[1]!.id,
  ]);
  const mixed = await resetPlan(guardians.map((g) => g.id));
  expect(mixed.newPasswords).toBe(3);
  expect(mixed.replacedPasswords).toBe(1);
  expect(mixed.replacedPasswordsByEmail).toBeLessThanOrEqual(mixed.replacedPasswords);
});
