import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../main/db/migrations';
import { LEGITIMATE_MOTIVES } from '../../shared/domain/vieScolaire/motives';
import { emptyPostgres } from '../helpers/postgres';

// The motifs of a school that existed before vie scolaire come from the migration itself.
const url = process.env.PUPITRE_TEST_POSTGRES_URL;
const before = MIGRATIONS.findIndex((m) => m.name === 'SchoolLife1764600000000');

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

async function migrateAround(base: DataSourceOptions, insertSchool: string) {
  const older = new DataSource({
    ...base,
    migrations: MIGRATIONS.slice(0, before),
  } as DataSourceOptions);
  await older.initialize();
  await older.runMigrations({ transaction: 'all' });
  await older.query(insertSchool);
  await older.destroy();
  const newer = new DataSource({ ...base, migrations: MIGRATIONS } as DataSourceOptions);
  await newer.initialize();
  await newer.runMigrations({ transaction: 'all' });
  const rows = (await newer.query(
    'SELECT label, legitimate, open_to_families AS "open", active FROM motif ORDER BY id',
  )) as {
    label: string;
    legitimate: boolean | number;
    open: boolean | number;
    active: boolean | number;
  }[];
  await newer.destroy();
  return rows.map((r) => ({
    label: r.label,
    legitimate: Boolean(r.legitimate),
    open: Boolean(r.open),
    active: Boolean(r.active),
  }));
}

const SCHOOL = `INSERT INTO school (uai, name, welcome_message) VALUES ('0750001A', 'Collège Ancien', '')`;

function expectSeeded(rows: Awaited<ReturnType<typeof migrateAround>>) {
  expect(rows.filter((r) => r.legitimate).map((r) => r.label)).toEqual(
    Object.values(LEGITIMATE_MOTIVES),
  );
  expect(rows.find((r) => r.label === 'Sans motif')).toEqual({
    label: 'Sans motif',
    legitimate: false,
    open: false,
    active: true,
  });
}

describe('the vie scolaire migration seeds the five legitimate motives of L131-8 for existing schools', () => {
  it('on SQLite', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pupitre-test-'));
    expectSeeded(
      await migrateAround({ type: 'better-sqlite3', database: join(dir, 'p.sqlite') }, SCHOOL),
    );
  });

  it.skipIf(!url)('on PostgreSQL', async () => {
    await emptyPostgres(url!);
    expectSeeded(await migrateAround({ type: 'postgres', url: url! }, SCHOOL));
  });
});
