import { afterEach, beforeEach, expect, it } from 'vitest';
import { bulkInsert } from '../../main/db/bulkInsert';
import type { Database } from '../../main/db/database';
import { SchoolEntity, StaffUserEntity } from '../../main/db/entities';
import { openTempDatabase, schoolRow } from '../helpers/tempDb';

let db: Database;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ db, cleanup } = await openTempDatabase());
  await db.manager.getRepository(SchoolEntity).insert(schoolRow('0251711Z'));
});
afterEach(async () => cleanup());

const user = (i: number) => ({
  schoolId: 1,
  login: `u${i}`,
  displayName: `Utilisateur n°${i} — Zoé`,
  role: 'teacher',
  passwordHash: 'x',
  mustChangePassword: i % 2 === 0,
  active: true,
  failedAttempts: 0,
  lockedUntil: null,
  lastLoginAt: null,
  createdAt: '2026-11-22T00:00:00.000Z',
});

it('inserts rows across several statements, with booleans, nulls and accents as TypeORM reads them back', async () => {
  await db.transaction((m) =>
    bulkInsert(
      m,
      StaffUserEntity.options.name,
      Array.from({ length: 250 }, (_, i) => user(i)),
      100,
    ),
  );
  const rows = await db.manager.getRepository(StaffUserEntity).find({ order: { id: 'ASC' } });
  expect(rows).toHaveLength(250);
  expect(rows[3]).toMatchObject({
    login: 'u3',
    displayName: 'Utilisateur n°3 — Zoé',
    mustChangePassword: false,
    active: true,
    lockedUntil: null,
  });
  expect(rows[4]!.mustChangePassword).toBe(true);
});

it('refuses a row that lacks a required column, and the transaction leaves nothing behind', async () => {
  const { displayName: _dropped, ...incomplete } = user(2);
  await expect(
    db.transaction((m) => bulkInsert(m, StaffUserEntity.options.name, [user(1), incomplete])),
  ).rejects.toThrow('StaffUser.displayName manque');
  expect(await db.manager.getRepository(StaffUserEntity).count()).toBe(0);
});
