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

/** A school row with every column set, for tests that write below the services. */
export const schoolRow = (uai: string) => ({
  uai,
  name: `Collège ${uai}`,
  addressLine1: '',
  addressLine2: '',
  postalCode: '',
  city: '',
  country: '',
  phone: '',
  email: '',
  academie: '',
  portalUrl: '',
  welcomeMessage: '',
  familiesMayEmail: false,
  gradePublicationMode: 'continuous',
  openedServices: '',
  letterWindow: 'left',
  createdAt: '2026-11-22T10:00:00.000Z',
});
