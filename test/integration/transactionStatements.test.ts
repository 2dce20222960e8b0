import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../main/db/database';
import { SchoolEntity, SubjectEntity } from '../../main/db/entities';
import { readQuery } from '../../main/db/preparedReads';
import { transactionStatements } from '../../main/db/transactionStatements';
import { openTempDatabase, schoolRow } from '../helpers/tempDb';
import { emptyPostgres } from '../helpers/postgres';

// The grid's writes run on prepared statements inside the transaction (one queue, ARCHITECTURE
// §4): they must see the transaction's own writes, commit and roll back with it, whatever the
// engine, and refuse to run outside one.

const INSERT = readQuery(
  'test.txStatements.insert',
  `INSERT INTO subject (school_id, code, management_code, short_label, long_label)
   VALUES ($1, $2, '', $3, $3) RETURNING id AS "id", long_label AS "label"`,
);
const RENAME = readQuery(
  'test.txStatements.rename',
  `UPDATE subject SET long_label = $3 WHERE id = $1 AND long_label = $2 RETURNING id AS "id"`,
);
const COUNT = readQuery(
  'test.txStatements.count',
  `SELECT COUNT(*) AS "n" FROM subject WHERE school_id = $1`,
);

function behavesInTransactions(open: () => Promise<{ db: Database; done: () => Promise<void> }>) {
  let db: Database;
  let done: () => Promise<void>;
  let schoolId: number;
  const count = async () =>
    Number(
      (
        await db.transaction((m) =>
          transactionStatements(m).one<{ n: number | string }>(COUNT, [schoolId]),
        )
      )?.n,
    );

  beforeAll(async () => {
    ({ db, done } = await open());
    const { identifiers } = await db.manager
      .getRepository(SchoolEntity)
      .insert(schoolRow('0754321X'));
    schoolId = Number(identifiers[0]!.id);
  });
  afterAll(async () => done?.());

  it('gives back the row it writes, and sees it in the same transaction', async () => {
    const written = await db.transaction(async (m) => {
      const sql = transactionStatements(m);
      const row = await sql.one<{ id: number; label: string }>(INSERT, [
        schoolId,
        '061300',
        'MATHS',
      ]);
      const seen = await sql.one<{ n: number | string }>(COUNT, [schoolId]);
      return { row, seen: Number(seen?.n) };
    });
    expect(written.row).toEqual({ id: expect.any(Number), label: 'MATHS' });
    expect(written.seen).toBe(1);
    expect(await count()).toBe(1);
  });

  it('rolls back with the transaction, beside TypeORM’s own writes', async () => {
    await expect(
      db.transaction(async (m) => {
        await transactionStatements(m).one(INSERT, [schoolId, '030201', 'ANGLAIS']);
        await m.getRepository(SubjectEntity).insert({
          schoolId,
          code: '020700',
          managementCode: '',
          shortLabel: 'HG',
          longLabel: 'HG',
        });
        throw new Error('refused half-way');
      }),
    ).rejects.toThrow('refused half-way');
    expect(await count()).toBe(1);
  });

  it('gives no row to a conditional write over a value that moved', async () => {
    const [first, second] = await db.transaction(async (m) => {
      const sql = transactionStatements(m);
      const row = await sql.one<{ id: number }>(INSERT, [schoolId, '040100', 'SVT']);
      const id = row!.id;
      return [
        await sql.all(RENAME, [id, 'SVT', 'SCIENCES']),
        await sql.all(RENAME, [id, 'SVT', 'BIOLOGIE']),
      ];
    });
    expect(first).toHaveLength(1);
    expect(second).toEqual([]);
  });

  it('refuses to run outside a transaction', () => {
    expect(() => transactionStatements(db.manager)).toThrow(/only inside db.transaction/);
  });
}

describe('statements inside a transaction, on SQLite', () => {
  behavesInTransactions(async () => {
    const temp = await openTempDatabase();
    return { db: temp.db, done: temp.cleanup };
  });
});

// Where PUPITRE_TEST_POSTGRES_URL names a database it may wipe.
const url = process.env.PUPITRE_TEST_POSTGRES_URL;
describe.skipIf(!url)('statements inside a transaction, on PostgreSQL', () => {
  behavesInTransactions(async () => {
    await emptyPostgres(url!);
    const db = await openDatabase({ postgresUrl: url! });
    return { db, done: () => db.close() };
  });
});
