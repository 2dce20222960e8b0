import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignSummary } from '../../shared/api/staff/accounts';
import type { LetterJob, LetterPlan } from '../../shared/api/staff/letters';
import {
  ADMIN_PASSWORD,
  createStaffUser,
  loginToken,
  startTestPupitre,
  testHasher,
  type TestPupitre,
  value,
} from '../helpers/pupitre';
import { credentialsOf, pdfPages } from '../helpers/pdfText';
import { finishedJob, printLetters } from '../helpers/letterRuns';

let p: TestPupitre;
let direction: string;

beforeEach(async () => {
  p = await startTestPupitre({ students: 120 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
});
afterEach(async () => p.cleanup());

const q = <T>(sql: string, params: unknown[] = []) =>
  p.db.manager.query(sql, params) as Promise<T[]>;

const finished = (job: LetterJob) => finishedJob(p, direction, job);
const printed = (input: unknown) => printLetters(p, direction, input);

async function aDivision() {
  const [division] = await q<{ id: number; code: string }>(
    `SELECT d.id, d.code FROM division d WHERE EXISTS (SELECT 1 FROM student s WHERE s.division_id = d.id) LIMIT 1`,
  );
  return division!;
}

const hashOf = async (login: string) =>
  (
    await q<{ password_hash: string | null }>(
      'SELECT password_hash FROM family_account WHERE login = ?',
      [login],
    )
  )[0]!.password_hash;

describe('notification letters of one division (SPEC §4.1)', () => {
  it('one page per account; each shows its identifiant, a password that verifies, and every child', async () => {
    const division = await aDivision();
    const scope = { kind: 'division', divisionId: division.id };
    const plan = value<LetterPlan>(await p.dispatch('letters.plan', { scope }, direction));
    const accounts = await q<{ login: string; kind: string }>(
      `SELECT DISTINCT a.login, a.kind FROM family_account a JOIN account_student x ON x.account_id = a.id
         JOIN student s ON s.id = x.student_id WHERE s.division_id = ?`,
      [division.id],
    );
    expect(plan.letters).toBe(accounts.length);
    expect(plan.newPasswords).toBe(accounts.length);
    // By e-mail, only guardians with an address get a letter and a new password.
    const [mailable] = await q<{ n: number }>(
      `SELECT COUNT(DISTINCT a.id) AS n FROM family_account a JOIN account_student x ON x.account_id = a.id
         JOIN student s ON s.id = x.student_id JOIN guardian g ON g.id = a.guardian_id
        WHERE s.division_id = ? AND g.email <> ''`,
      [division.id],
    );
    expect(plan.withEmail).toBe(Number(mailable!.n));
    expect(plan.newPasswordsByEmail).toBe(Number(mailable!.n));
    expect(plan.newPasswordsByEmail).toBeLessThan(plan.newPasswords);
    const { pages } = await printed({ scope });
    expect(pages).toHaveLength(accounts.length);
    for (const page of pages) {
      const { login, password } = credentialsOf(page);
      expect(login).not.toBeNull();
      expect(password, page.slice(0, 400)).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      expect(await testHasher.verify(password!, (await hashOf(login!))!)).toBe(true);
      const children = await q<{ first_name: string; code: string | null }>(
        `SELECT s.first_name, d.code FROM family_account a JOIN account_student x ON x.account_id = a.id
           JOIN student s ON s.id = x.student_id LEFT JOIN division d ON d.id = s.division_id WHERE a.login = ?`,
        [login],
      );
      for (const child of children) {
        expect(page).toContain(child.first_name);
        if (child.code) expect(page).toContain(child.code);
      }
    }
    const states = await q<{ state: string; letter_date: string; expires_on: string }>(
      `SELECT DISTINCT state, letter_date, expires_on FROM family_account WHERE login IN (${accounts.map(() => '?').join(',')})`,
      accounts.map((a) => a.login),
    );
    expect(states).toEqual([
      { state: 'provisional', letter_date: '2026-11-22', expires_on: '2027-02-22' },
    ]);
  });

  it('a reset voids the old password at once and the campaign counts move', async () => {
    const division = await aDivision();
    const first = await printed({
      scope: { kind: 'division', divisionId: division.id },
      kinds: ['guardian'],
    });
    const { login, password } = credentialsOf(first.pages[0]!);
    const [account] = await q<{ id: number }>('SELECT id FROM family_account WHERE login = ?', [
      login,
    ]);
    const before = value<CampaignSummary>(await p.dispatch('campaign.summary', {}, direction));

    const reset = await printed({
      scope: { kind: 'accounts', accountIds: [account!.id] },
      reset: true,
    });
    expect(reset.pages).toHaveLength(1);
    const again = credentialsOf(reset.pages[0]!);
    expect(again.login).toBe(login);
    expect(again.password).not.toBe(password);
    const hash = (await hashOf(login!))!;
    expect(await testHasher.verify(password!, hash)).toBe(false);
    expect(await testHasher.verify(again.password!, hash)).toBe(true);
    const after = value<CampaignSummary>(await p.dispatch('campaign.summary', {}, direction));
    expect(after.totals.notified).toBe(before.totals.notified);
    expect(before.totals.not_notified).toBeGreaterThan(0);

    const fresh = await printed({
      scope: { kind: 'campaign', group: 'not_notified', divisionId: division.id },
    });
    const moved = value<CampaignSummary>(await p.dispatch('campaign.summary', {}, direction));
    expect(moved.totals.notified).toBe(after.totals.notified + fresh.pages.length);
    expect(moved.totals.not_notified).toBe(after.totals.not_notified - fresh.pages.length);
  });

  it('an activated account’s letter recalls the identifiant only; its password stays', async () => {
    const [account] = await q<{ id: number; login: string }>(
      `SELECT id, login FROM family_account WHERE kind = 'guardian' LIMIT 1`,
    );
    const hash = await testHasher.hash('ChoisiParLaFamille1');
    await q(
      `UPDATE family_account SET state = 'active', password_hash = ?, activated_at = ? WHERE id = ?`,
      [hash, '2026-10-01T10:00:00.000Z', account!.id],
    );
    const plan = value<LetterPlan>(
      await p.dispatch(
        'letters.plan',
        { scope: { kind: 'accounts', accountIds: [account!.id] } },
        direction,
      ),
    );
    expect(plan).toMatchObject({ letters: 1, newPasswords: 0, identifiantOnly: 1 });
    const { pages } = await printed({ scope: { kind: 'accounts', accountIds: [account!.id] } });
    expect(credentialsOf(pages[0]!)).toEqual({ login: account!.login, password: null });
    expect(await hashOf(account!.login)).toBe(hash);
  });

  it('a name the font cannot print is reported before the batch, and the batch is refused', async () => {
    const [account] = await q<{ id: number; guardian_id: number }>(
      `SELECT id, guardian_id FROM family_account WHERE kind = 'guardian' LIMIT 1`,
    );
    await q(`UPDATE guardian SET first_name = '王芳' WHERE id = ?`, [account!.guardian_id]);
    const input = { scope: { kind: 'accounts', accountIds: [account!.id] } };
    const plan = value<LetterPlan>(await p.dispatch('letters.plan', input, direction));
    expect(plan.unprintable).toEqual([
      expect.objectContaining({ accountId: account!.id, characters: ['王', '芳'] }),
    ]);
    const refused = await p.dispatch('letters.start', input, direction);
    expect(!refused.ok && refused.error.message).toContain('王');
    expect(
      await q(`SELECT id FROM family_account WHERE id = ? AND password_hash IS NOT NULL`, [
        account!.id,
      ]),
    ).toEqual([]);
  });

  it('Cancel midway leaves every account exactly as it was, and no file behind', async () => {
    const before = await q(
      'SELECT id, password_hash, password_version, state FROM family_account ORDER BY id',
    );
    const job = value<LetterJob>(
      await p.dispatch('letters.start', { scope: { kind: 'school' } }, direction),
    );
    value(await p.dispatch('letters.cancel', { jobId: job.jobId }, direction));
    const ended = await finished(job);
    expect(ended.state).toBe('cancelled');
    expect(
      await q('SELECT id, password_hash, password_version, state FROM family_account ORDER BY id'),
    ).toEqual(before);
    expect(readdirSync(join(p.dir, 'courriers'))).toEqual([]);
  });

  it('at start, a batch that never committed is deleted; one that did is completed', async () => {
    const dir = join(p.dir, 'courriers');
    writeFileSync(join(dir, 'orphan-0000000000.part'), '%PDF-1.3 partial');
    await p.services.letters.tidy();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('e-mails a letter as a PDF attachment through the outbox, the password committed with it', async () => {
    const [account] = await q<{ id: number; login: string }>(
      `SELECT a.id, a.login FROM family_account a JOIN guardian g ON g.id = a.guardian_id WHERE g.email <> '' LIMIT 1`,
    );
    const job = await finished(
      value<LetterJob>(
        await p.dispatch(
          'letters.email',
          { scope: { kind: 'accounts', accountIds: [account!.id] } },
          direction,
        ),
      ),
    );
    expect(job).toMatchObject({ state: 'done', mode: 'email' });
    const [row] = await q<{ template: string; attachments: string | null; status: string }>(
      'SELECT template, attachments, status FROM mail_outbox',
    );
    expect(row).toMatchObject({ template: 'account-letter', status: 'queued' });
    expect(row!.attachments).not.toBeNull();
    await p.mailer.work();
    const files = readdirSync(join(p.dir, 'courriels'));
    const mail = await simpleParser(readFileSync(join(p.dir, 'courriels', files[0]!)));
    const [page] = await pdfPages(new Uint8Array(mail.attachments[0]!.content));
    const { login, password } = credentialsOf(page!);
    expect(login).toBe(account!.login);
    expect(await testHasher.verify(password!, (await hashOf(login!))!)).toBe(true);
  });

  it('without the portal’s address in the settings, no letter is prepared (it would not say where to go)', async () => {
    await q(`UPDATE school SET portal_url = ''`);
    const plan = value<LetterPlan>(
      await p.dispatch('letters.plan', { scope: { kind: 'school' } }, direction),
    );
    expect(plan.portalUrlMissing).toBe(true);
    const refused = await p.dispatch('letters.start', { scope: { kind: 'school' } }, direction);
    expect(!refused.ok && refused.error.message).toContain('adresse du portail');
    expect(await q(`SELECT id FROM family_account WHERE password_hash IS NOT NULL`)).toEqual([]);
  });

  it('a batch holds passwords: after 24 hours it can no longer be listed or downloaded, and is deleted', async () => {
    const { job } = await printed({ scope: { kind: 'accounts', accountIds: [1] } });
    p.clock.advance(24 * 3_600_000 + 60_000);
    direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
    expect(value<unknown[]>(await p.dispatch('letters.batches', {}, direction))).toEqual([]);
    const late = await p.dispatch('letters.download', { id: job.batchId }, direction);
    expect(!late.ok && late.error.code).toBe('not_found');
    await p.services.letters.tidy();
    expect(readdirSync(join(p.dir, 'courriers'))).toEqual([]);
  });

  it('a CPE may not print letters, nor download a batch', async () => {
    const { job } = await printed({ scope: { kind: 'accounts', accountIds: [1] } });
    const cpe = await createStaffUser(p, direction, 'mme.cpe', 'cpe');
    const plan = await p.dispatch('letters.plan', { scope: { kind: 'school' } }, cpe.token);
    expect(!plan.ok && plan.error.code).toBe('forbidden');
    const download = await p.dispatch('letters.download', { id: job.batchId }, cpe.token);
    expect(!download.ok && download.error.code).toBe('forbidden');
  });
});

describe('review: a letter never outlives the password or the account it was made for', () => {
  const guardianWithEmail = async () =>
    (
      await q<{ id: number; login: string }>(
        `SELECT a.id, a.login FROM family_account a JOIN guardian g ON g.id = a.guardian_id WHERE g.email <> '' ORDER BY a.id LIMIT 1`,
      )
    )[0]!;
  const emailLetter = async (accountId: number) =>
    finished(
      value<LetterJob>(
        await p.dispatch(
          'letters.email',
          { scope: { kind: 'accounts', accountIds: [accountId] } },
          direction,
        ),
      ),
    );

  it('a newer letter voids the one still waiting in the outbox, and its PDF is erased', async () => {
    const account = await guardianWithEmail();
    expect((await emailLetter(account.id)).state).toBe('done');
    expect((await emailLetter(account.id)).state).toBe('done');
    const rows = await q<{
      id: number;
      status: string;
      last_error: string;
      attachments: string | null;
    }>('SELECT id, status, last_error, attachments FROM mail_outbox ORDER BY id');
    expect(rows[0]).toMatchObject({
      status: 'failed',
      last_error: 'Remplacé par un courrier plus récent',
      attachments: null,
    });
    expect(rows[1]!.status).toBe('queued');
    const retry = await p.dispatch('mail.retry', { id: rows[0]!.id }, direction);
    expect(retry.ok).toBe(false);
  });

  it('closing an account voids its waiting letter and moves its version (a running batch cannot reopen it)', async () => {
    const account = await guardianWithEmail();
    await emailLetter(account.id);
    const [before] = await q<{ password_version: number }>(
      'SELECT password_version FROM family_account WHERE id = ?',
      [account.id],
    );
    value(await p.dispatch('accounts.close', { id: account.id }, direction));
    const [after] = await q<{ password_version: number; state: string }>(
      'SELECT password_version, state FROM family_account WHERE id = ?',
      [account.id],
    );
    expect(after!.password_version).toBe(before!.password_version + 1);
    const [row] = await q<{ status: string; last_error: string }>(
      'SELECT status, last_error FROM mail_outbox',
    );
    expect(row).toMatchObject({ status: 'failed', last_error: 'Compte fermé par l’établissement' });
  });

  it('e-mails letters to guardians only, and labels a division batch by its code', async () => {
    const division = await aDivision();
    const job = await finished(
      value<LetterJob>(
        await p.dispatch(
          'letters.email',
          { scope: { kind: 'division', divisionId: division.id } },
          direction,
        ),
      ),
    );
    expect(job.state, job.message).toBe('done');
    const kinds = await q<{ kind: string }>(
      'SELECT DISTINCT a.kind FROM mail_outbox o JOIN family_account a ON a.id = o.account_id',
    );
    expect(kinds.map((k) => k.kind)).toEqual(['guardian']);
    const [audit] = await q<{ details: string }>(
      `SELECT details FROM audit_log WHERE action = 'account.letter' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit!.details).toContain(`division ${division.code}`);
  });
});

describe('review: a refusal recorded while a batch is being drawn', () => {
  it('makes the batch stop (no password, no reopening): the refusal stands', async () => {
    const { startPupitre } = await import('../../main/bootstrap');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'pupitre-refusal-'));
    let refuse: (() => Promise<void>) | null = null;
    const other = await startPupitre({
      dataDir: dir,
      hasher: testHasher,
      adminPassword: ADMIN_PASSWORD,
      demoStudentCount: 60,
      demo: true,
      manualMail: true,
      letterPhaseHook: async (phase) => {
        if (phase === 'pdf-written' && refuse) await refuse();
      },
    });
    try {
      await other.db.manager.query(`UPDATE school SET portal_url = 'https://portail.example.fr'`);
      const token = await loginToken(other, 'direction', ADMIN_PASSWORD);
      const [account] = (await other.db.manager.query(
        `SELECT id FROM family_account WHERE kind = 'guardian' ORDER BY id LIMIT 1`,
      )) as { id: number }[];
      refuse = async () => {
        value(
          await other.dispatch(
            'accounts.recordRefusal',
            { guardianAccountId: account!.id, studentAccountIds: [] },
            token,
          ),
        );
      };
      let job = value<LetterJob>(
        await other.dispatch(
          'letters.start',
          { scope: { kind: 'accounts', accountIds: [account!.id] } },
          token,
        ),
      );
      for (let i = 0; i < 200 && job.state === 'running'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        job = value<LetterJob>(await other.dispatch('letters.job', { jobId: job.jobId }, token));
      }
      expect(job.state).toBe('failed');
      expect(job.message).toContain('a changé pendant la préparation');
      const [row] = (await other.db.manager.query(
        'SELECT state, closed_reason, password_hash FROM family_account WHERE id = ?',
        [account!.id],
      )) as { state: string; closed_reason: string; password_hash: string | null }[];
      expect(row).toMatchObject({ state: 'closed', closed_reason: 'refused', password_hash: null });
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
