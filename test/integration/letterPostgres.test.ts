import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPupitre, type Pupitre } from '../../main/bootstrap';
import { fixedClock } from '../../main/services/clock';
import type { LetterPlan } from '../../shared/api/staff/letters';
import { credentialsOf } from '../helpers/pdfText';
import { printLetters } from '../helpers/letterRuns';
import {
  ADMIN_PASSWORD,
  loginToken,
  testHasher,
  value,
  type TestPupitre,
} from '../helpers/pupitre';
import { emptyPostgres } from '../helpers/postgres';

// Issue 15 §1: the letters read their data with raw statements, a slice of accounts at a
// time; the same SQL must run on PostgreSQL (placeholders, booleans, the campaign's order).
// Runs where PUPITRE_TEST_POSTGRES_URL names a database it may wipe.
const url = process.env.PUPITRE_TEST_POSTGRES_URL;

describe.skipIf(!url)('letters on PostgreSQL', () => {
  let p: Pupitre;
  let dir: string;
  let token: string;

  beforeAll(async () => {
    await emptyPostgres(url!);
    dir = mkdtempSync(join(tmpdir(), 'pupitre-pg-letters-'));
    p = await startPupitre({
      dataDir: dir,
      postgresUrl: url!,
      secretKey: Buffer.alloc(32, 7),
      clock: fixedClock('2026-11-22T09:00:00.000Z'),
      hasher: testHasher,
      adminPassword: ADMIN_PASSWORD,
      demo: true,
      demoStudentCount: 130,
      manualMail: true,
    });
    token = await loginToken(p, 'direction', ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await p?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('plans and prints a whole school’s letters (more than one slice), each password verifying', async () => {
    const accounts = (await p.db.manager.query(
      `SELECT login, password_version FROM family_account WHERE state <> 'closed'`,
    )) as { login: string; password_version: number }[];
    expect(accounts.length).toBeGreaterThan(250);
    const input = { scope: { kind: 'school' } };
    const plan = value<LetterPlan>(await p.dispatch('letters.plan', input, token));
    expect(plan.letters).toBe(accounts.length);
    expect(plan.unprintable).toEqual([]);

    const { job, pages } = await printLetters(p as TestPupitre, token, input);
    expect(job.total).toBe(accounts.length);
    expect(pages).toHaveLength(accounts.length);
    const hashes = new Map(
      (
        (await p.db.manager.query(
          'SELECT login, password_hash, password_version FROM family_account',
        )) as { login: string; password_hash: string | null; password_version: number }[]
      ).map((a) => [a.login, a]),
    );
    for (const page of pages.slice(0, 20)) {
      const { login, password } = credentialsOf(page);
      const account = hashes.get(login!)!;
      if (password === null) continue; // an active account's letter: the identifiant only
      expect(await testHasher.verify(password, account.password_hash!)).toBe(true);
    }
  }, 300_000);

  it('the campaign’s group of one division, as its table files the accounts', async () => {
    const [division] = (await p.db.manager.query(
      `SELECT d.id FROM division d WHERE EXISTS (SELECT 1 FROM student s WHERE s.division_id = d.id) LIMIT 1`,
    )) as { id: number }[];
    const plan = value<LetterPlan>(
      await p.dispatch(
        'letters.plan',
        { scope: { kind: 'campaign', group: 'notified', divisionId: division!.id } },
        token,
      ),
    );
    expect(plan.letters).toBeGreaterThan(0);
    expect(plan.replacedLetters).toBe(plan.letters);
  }, 120_000);
});
