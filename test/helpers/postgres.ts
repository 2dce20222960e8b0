import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startPupitre, type Pupitre } from '../../main/bootstrap';
import { fixedClock } from '../../main/services/clock';
import { ADMIN_PASSWORD, TEST_NOW, testHasher, value } from './pupitre';

/** The PostgreSQL database the twin tests may wipe, or undefined: they are skipped. */
export const TEST_POSTGRES_URL = process.env.PUPITRE_TEST_POSTGRES_URL;

/** Empties the test PostgreSQL database: the tests that may wipe it start from nothing. */
export async function emptyPostgres(url: string): Promise<void> {
  const wipe = new DataSource({ type: 'postgres', url });
  await wipe.initialize();
  await wipe.query('DROP SCHEMA public CASCADE');
  await wipe.query('CREATE SCHEMA public');
  await wipe.destroy();
}

export type PostgresTestPupitre = Pupitre & { dir: string; cleanup(): Promise<void> };

/**
 * A Pupitre on the test PostgreSQL database, emptied first, with the demo school created as
 * on a first start: the twin of startTestPupitre for the tests that check the same rules on
 * PostgreSQL (named prepared statements, booleans as booleans, one connection a transaction).
 */
export async function startPostgresPupitre(
  url: string,
  options: { students?: number; clock?: ReturnType<typeof fixedClock>; manualMail?: boolean } = {},
): Promise<PostgresTestPupitre> {
  await emptyPostgres(url);
  const dir = mkdtempSync(join(tmpdir(), 'pupitre-pg-'));
  const p = await startPupitre({
    dataDir: dir,
    postgresUrl: url,
    secretKey: Buffer.alloc(32, 7),
    clock: options.clock ?? fixedClock(TEST_NOW),
    hasher: testHasher,
    adminPassword: ADMIN_PASSWORD,
    demoStudentCount: options.students ?? 30,
    ...(options.manualMail ? { manualMail: true } : {}),
  });
  value(await p.dispatch('setup.createSchool', { kind: 'demo' }, null));
  return Object.assign(p, {
    dir,
    cleanup: async () => {
      await p.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
