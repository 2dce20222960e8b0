import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../main/db/database';
import { GuardianEntity, SchoolEntity } from '../../main/db/entities';
import { insertKept } from '../../main/db/keptInserts';
import { openTempDatabase, schoolRow } from '../helpers/tempDb';
import { emptyPostgres } from '../helpers/postgres';

// A school's import writes its thousands of rows on statements kept inside its transaction
// (main/db/keptInserts.ts): every row written once, whatever the count (full chunks, then
// halves), booleans as each engine keeps them, the ids given back, and nothing left behind
// when the transaction fails.

function guardianRow(schoolId: number, i: number) {
  return {
    schoolId,
    siecleId: `P${i}`,
    civility: i % 2 ? 'M.' : 'Mme',
    lastName: `NOM${i}`,
    firstName: `Prénom ${i}`,
    profession: '',
    professionCode: '',
    addressLine1: '',
    addressLine2: '',
    postalCode: '',
    city: '',
    country: '',
    addressCountryCode: '',
    sharesAddress: i % 3 === 0,
    phoneHome: '',
    phoneWork: '',
    phoneMobile: '',
    acceptsSms: i % 2 === 0,
    email: '',
    searchLast: `nom${i}`,
    searchFirst: `prenom ${i}`,
    createdAt: '2026-09-01T08:00:00.000Z',
    updatedAt: '2026-09-01T08:00:00.000Z',
  };
}

function writesRows(open: () => Promise<{ db: Database; done: () => Promise<void> }>) {
  let db: Database;
  let done: () => Promise<void>;
  let schoolId: number;
  const stored = () => db.manager.getRepository(GuardianEntity).findBy({ schoolId });

  beforeAll(async () => {
    ({ db, done } = await open());
    const { identifiers } = await db.manager
      .getRepository(SchoolEntity)
      .insert(schoolRow('0754322Y'));
    schoolId = Number(identifiers[0]!.id);
  });
  afterAll(async () => done?.());

  it('writes 301 rows (two full chunks, then 32 + 8 + 4 + 1) and gives back each id', async () => {
    const rows = Array.from({ length: 301 }, (_, i) => guardianRow(schoolId, i));
    const returned = await db.transaction((m) =>
      insertKept<{ id: number | string; siecle_id: string }>(m, GuardianEntity.options.name, rows, [
        'id',
        'siecle_id',
      ]),
    );
    const all = await stored();
    expect(all).toHaveLength(301);
    expect(new Set(returned.map((r) => r.siecle_id))).toEqual(new Set(rows.map((r) => r.siecleId)));
    const idOf = new Map(all.map((g) => [g.siecleId, g.id]));
    for (const r of returned) expect(Number(r.id)).toBe(idOf.get(r.siecle_id));
    const third = all.find((g) => g.siecleId === 'P3')!;
    expect(third).toMatchObject({ sharesAddress: true, acceptsSms: false, firstName: 'Prénom 3' });
  });

  it('writes the same shapes again (statements kept) and rolls back with the transaction', async () => {
    await expect(
      db.transaction(async (m) => {
        await insertKept(
          m,
          GuardianEntity.options.name,
          Array.from({ length: 7 }, (_, i) => guardianRow(schoolId, 1000 + i)),
        );
        throw new Error('refused half-way');
      }),
    ).rejects.toThrow('refused half-way');
    expect(await stored()).toHaveLength(301);
    await db.transaction((m) =>
      insertKept(m, GuardianEntity.options.name, [guardianRow(schoolId, 2000)]),
    );
    expect(await stored()).toHaveLength(302);
  });

  it('refuses a row that lacks a required value, naming it, and writes nothing of the list', async () => {
    const { lastName: _left, ...noName } = guardianRow(schoolId, 3001);
    await expect(
      db.transaction((m) =>
        insertKept(m, GuardianEntity.options.name, [
          guardianRow(schoolId, 3000),
          noName as Record<string, unknown>,
        ]),
      ),
    ).rejects.toThrow(`${GuardianEntity.options.name}.lastName manque`);
    expect(await stored()).toHaveLength(302);
  });
}

describe('rows inserted on kept statements, on SQLite', () => {
  writesRows(async () => {
    const temp = await openTempDatabase();
    return { db: temp.db, done: temp.cleanup };
  });
});

// Where PUPITRE_TEST_POSTGRES_URL names a database it may wipe.
const url = process.env.PUPITRE_TEST_POSTGRES_URL;
describe.skipIf(!url)('rows inserted on kept statements, on PostgreSQL', () => {
  writesRows(async () => {
    await emptyPostgres(url!);
    const db = await openDatabase({ postgresUrl: url! });
    return { db, done: () => db.close() };
  });
});
