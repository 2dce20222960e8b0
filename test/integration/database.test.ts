import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, schoolRow as school } from '../helpers/tempDb';
import type { Database } from '../../main/db/database';
import { SchoolEntity } from '../../main/db/entities';

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ db, cleanup } = await openTempDatabase());
});
afterEach(async () => cleanup());

describe('database', () => {
  it('opens SQLite in WAL mode with foreign keys on', async () => {
    const [journal] = await db.manager.query('PRAGMA journal_mode');
    const [fk] = await db.manager.query('PRAGMA foreign_keys');
    expect(journal.journal_mode).toBe('wal');
    expect(fk.foreign_keys).toBe(1);
  });

  it('runs two transactions started at once, both committed, none failing', async () => {
    const slow = db.transaction(async (m) => {
      await m.getRepository(SchoolEntity).insert(school('0000001A'));
      await new Promise((r) => setTimeout(r, 30));
      await m.getRepository(SchoolEntity).insert(school('0000002B'));
      return 'first';
    });
    const fast = db.transaction(async (m) => {
      await m.getRepository(SchoolEntity).insert(school('0000003C'));
      return 'second';
    });
    await expect(Promise.all([slow, fast])).resolves.toEqual(['first', 'second']);
    const uais = (await db.manager.getRepository(SchoolEntity).find()).map((s) => s.uai).sort();
    expect(uais).toEqual(['0000001A', '0000002B', '0000003C']);
  });

  it('rolls back a failing transaction whole while a concurrent one commits', async () => {
    const failing = db.transaction(async (m) => {
      await m.getRepository(SchoolEntity).insert(school('0000001A'));
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('échec au milieu du lot');
    });
    const ok = db.transaction(async (m) =>
      m.getRepository(SchoolEntity).insert(school('0000004D')),
    );
    await expect(failing).rejects.toThrow('échec au milieu du lot');
    await expect(ok).resolves.toBeDefined();
    const uais = (await db.manager.getRepository(SchoolEntity).find()).map((s) => s.uai);
    expect(uais).toEqual(['0000004D']);
  });

  it('refuses a row that points to a school that does not exist', async () => {
    await expect(
      db.manager.query(
        "INSERT INTO school_year (school_id, label, starts_on, ends_on, is_current) VALUES (999, '2026-2027', '2026-09-01', '2027-07-04', 1)",
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
  });
});
