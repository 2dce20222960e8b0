import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPupitre } from '../../main/bootstrap';
import { testHasher } from '../helpers/pupitre';

// Issue 14 §3: with the usual umask 022, the data folder and the database (pupils,
// families, password hashes) were readable by every account of the machine.
const root = mkdtempSync(join(tmpdir(), 'pupitre-perm-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

async function startAndWrite(dataDir: string) {
  const previous = process.umask(0o022);
  try {
    const p = await startPupitre({ dataDir, hasher: testHasher, demoStudentCount: 10 });
    // A write, so that SQLite has its -wal and -shm files beside the database.
    await p.services.setup.createSchool({ kind: 'demo' });
    return p;
  } finally {
    process.umask(previous);
  }
}

describe.skipIf(process.platform === 'win32')('the data folder on disk', () => {
  it('is created 0700, and the database and its -wal and -shm files 0600, whatever the umask', async () => {
    const dataDir = join(root, 'neuf', 'pupitre');
    const p = await startAndWrite(dataDir);
    try {
      expect(mode(dataDir).toString(8)).toBe('700');
      for (const file of ['pupitre.sqlite', 'pupitre.sqlite-wal', 'pupitre.sqlite-shm']) {
        expect(mode(join(dataDir, file)).toString(8), file).toBe('600');
      }
    } finally {
      await p.close();
    }
  });

  it('narrows a folder and a database left world-readable by an older version', async () => {
    const dataDir = join(root, 'ancien');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'pupitre.sqlite'), '');
    chmodSync(join(dataDir, 'pupitre.sqlite'), 0o644);
    const p = await startAndWrite(dataDir);
    try {
      expect(mode(dataDir).toString(8)).toBe('700');
      for (const file of ['pupitre.sqlite', 'pupitre.sqlite-wal', 'pupitre.sqlite-shm']) {
        expect(mode(join(dataDir, file)).toString(8), file).toBe('600');
      }
    } finally {
      await p.close();
    }
  });
});
