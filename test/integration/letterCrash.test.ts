import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { startPupitre } from '../../main/bootstrap';
import { fixedClock } from '../../main/services/clock';
import { ADMIN_PASSWORD, TEST_NOW, testHasher } from '../helpers/pupitre';
import { credentialsOf, pdfPages } from '../helpers/pdfText';

// « Atomic: a batch's new passwords are committed only once its PDF is completely written;
// a crash or Cancel midway leaves every account exactly as it was. » A real process, killed
// with SIGKILL, over a batch of about 2,000 letters.
const root = join(__dirname, '..', '..');
// A 2,000-page PDF read back and 2,000 hashes checked: about a minute alone, twice that on a
// machine shared with other work.
const KILL_TEST_TIMEOUT_MS = 240_000;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const open = (dataDir: string) =>
  startPupitre({
    dataDir,
    clock: fixedClock(TEST_NOW),
    hasher: testHasher,
    adminPassword: ADMIN_PASSWORD,
  });

/** A demo school on a fresh SQLite file, closed again: its data directory and its accounts. */
async function demoSchool(students: number): Promise<{ dataDir: string; accounts: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pupitre-crash-'));
  dirs.push(dataDir);
  const p = await startPupitre({
    dataDir,
    clock: fixedClock(TEST_NOW),
    hasher: testHasher,
    adminPassword: ADMIN_PASSWORD,
    demo: true,
    demoStudentCount: students,
  });
  const rows = (await p.db.manager.query('SELECT COUNT(*) AS n FROM family_account')) as {
    n: number;
  }[];
  await p.close();
  return { dataDir, accounts: rows[0]!.n };
}

async function schoolOf2000Letters(): Promise<string> {
  const { dataDir, accounts } = await demoSchool(850);
  expect(accounts).toBeGreaterThanOrEqual(2000);
  return dataDir;
}

/** Runs the batch in a child process and kills it when `when` says so. */
function runAndKill(
  dataDir: string,
  pauseAt: string,
  when: (event: { done?: number; total?: number; phase?: string }) => boolean,
  split: 'split' | 'one-pdf' = 'one-pdf',
): Promise<{ killedAt: unknown }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'test', 'helpers', 'letterBatchChild.ts'),
        dataDir,
        pauseAt,
        split,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let buffer = '';
    let killedAt: unknown = null;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const event = JSON.parse(buffer.slice(0, newline)) as { done?: number; total?: number };
        buffer = buffer.slice(newline + 1);
        if (killedAt === null && when(event)) {
          killedAt = event;
          child.kill('SIGKILL');
        }
      }
    });
    child.on('exit', () =>
      killedAt === null
        ? reject(new Error(`not killed; stderr: ${stderr.slice(-2000)}`))
        : resolve({ killedAt }),
    );
  });
}

/** No account whose password changed without its letter, complete, on disk. */
async function checkNoPasswordWithoutLetter(dataDir: string) {
  const p = await open(dataDir);
  try {
    await p.services.letters.tidy();
    const changed = (await p.db.manager.query(
      'SELECT login, password_hash FROM family_account WHERE password_version > 0',
    )) as { login: string; password_hash: string }[];
    const batches = (await p.db.manager.query(
      'SELECT file_name, account_count, page_count FROM letter_batch',
    )) as {
      file_name: string;
      account_count: number;
      page_count: number;
    }[];
    const printed = new Map<string, string>();
    for (const batch of batches) {
      const bytes = new Uint8Array(readFileSync(join(dataDir, 'courriers', batch.file_name)));
      // A split batch: one PDF a division inside a zip.
      const pdfs = batch.file_name.endsWith('.zip') ? Object.values(unzipSync(bytes)) : [bytes];
      const pages = (await Promise.all(pdfs.map((pdf) => pdfPages(pdf)))).flat();
      expect(pages).toHaveLength(batch.page_count);
      expect(batch.page_count).toBe(batch.account_count);
      for (const page of pages) {
        const { login, password } = credentialsOf(page);
        if (login && password) printed.set(login, password);
      }
    }
    for (const account of changed) {
      const password = printed.get(account.login);
      expect(password, `${account.login} changed without a letter`).toBeDefined();
      expect(await testHasher.verify(password!, account.password_hash)).toBe(true);
    }
    return { changed: changed.length, files: readdirSync(join(dataDir, 'courriers')) };
  } finally {
    await p.close();
  }
}

describe('a batch of letters killed midway', () => {
  it(
    'killed while writing the PDF: no password changed, no file left',
    async () => {
      const dataDir = await schoolOf2000Letters();
      const { killedAt } = await runAndKill(
        dataDir,
        'none',
        (e) => e.done !== undefined && e.total !== undefined && e.done >= e.total * 0.4,
      );
      expect(killedAt).toMatchObject({ state: 'running' });
      expect(existsSync(join(dataDir, 'courriers'))).toBe(true);
      const { changed, files } = await checkNoPasswordWithoutLetter(dataDir);
      expect(changed).toBe(0);
      expect(files).toEqual([]);
    },
    KILL_TEST_TIMEOUT_MS,
  );

  it(
    'killed once the PDF is written, before the commit: nothing changed',
    async () => {
      const dataDir = await schoolOf2000Letters();
      await runAndKill(dataDir, 'pdf-written', (e) => e.phase === 'pdf-written');
      const { changed, files } = await checkNoPasswordWithoutLetter(dataDir);
      expect(changed).toBe(0);
      expect(files).toEqual([]);
    },
    KILL_TEST_TIMEOUT_MS,
  );

  it(
    'killed right after the commit: every new password has its letter in the PDF',
    async () => {
      const dataDir = await schoolOf2000Letters();
      await runAndKill(dataDir, 'committed', (e) => e.phase === 'committed');
      const { changed, files } = await checkNoPasswordWithoutLetter(dataDir);
      expect(changed).toBeGreaterThanOrEqual(2000);
      expect(files).toHaveLength(1);
    },
    KILL_TEST_TIMEOUT_MS,
  );

  // One PDF a division in a zip: the same promise, killed between two divisions and just
  // after the commit (a smaller school: what is tested is the zip, not the volume).
  it(
    'one PDF a division, killed between two divisions’ PDFs: no password changed, no file left',
    async () => {
      const { dataDir } = await demoSchool(150);
      await runAndKill(dataDir, 'part-written', (e) => e.phase === 'part-written', 'split');
      const { changed, files } = await checkNoPasswordWithoutLetter(dataDir);
      expect(changed).toBe(0);
      expect(files).toEqual([]);
    },
    KILL_TEST_TIMEOUT_MS,
  );

  it(
    'one PDF a division, killed right after the commit: every new password has its letter in the zip',
    async () => {
      const { dataDir } = await demoSchool(150);
      await runAndKill(dataDir, 'committed', (e) => e.phase === 'committed', 'split');
      const { changed, files } = await checkNoPasswordWithoutLetter(dataDir);
      expect(changed).toBeGreaterThan(300);
      expect(files).toEqual([expect.stringMatching(/\.zip$/)]);
    },
    KILL_TEST_TIMEOUT_MS,
  );
});
