import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../main/db/database';

/** A fresh database in a real SQLite file, removed by `cleanup`. */
export async function openTempDatabase(): Promise<{
  db: Database;
  dir: string;
  path: string;
  cleanup: () => Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'pupitre-test-'));
  const path = join(dir, 'pupitre.sqlite');
  const db = await openDatabase({ path });
  return {
    db,
    dir,
    path,
    cleanup: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
