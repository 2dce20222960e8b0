import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPupitre, type Pupitre } from '../../main/bootstrap';
import { AccountTokenEntity, FamilyAccountEntity } from '../../main/db/entities/accounts';
import { preparedReads, readQuery } from '../../main/db/preparedReads';
import { fixedClock } from '../../main/services/clock';
import type { FamilyView } from '../../shared/api/portal';
import {
  activateAccount,
  guardianWithChildren,
  startPortalWorld,
  type PortalWorld,
} from '../helpers/portal';
import { ADMIN_PASSWORD, testHasher, TEST_NOW } from '../helpers/pupitre';

// Issue 15 §2: the family read path on prepared statements, on both databases.

describe('a family home page over HTTP', () => {
  let w: PortalWorld;
  beforeAll(async () => {
    w = await startPortalWorld();
  });
  afterAll(async () => w?.cleanup());

  it('asks TypeORM nothing: the session and the page’s read model run on prepared statements', async () => {
    const { account, children } = await guardianWithChildren(w.p);
    await activateAccount(w.p, account.id, 'Tigre7Bleu', 'famille@example.fr');
    const browser = w.client();
    expect(
      (await browser.submit('/', '/connexion', { login: account.login, password: 'Tigre7Bleu' }))
        .location,
    ).toBe('/accueil');
    await w.p.portal.services.auth.settled();
    const queries = vi.spyOn(w.p.db.dataSource.logger, 'logQuery');
    try {
      const home = await browser.get(`/accueil?enfant=${children[0]!.id}`);
      expect(home.status).toBe(200);
      expect(home.body).toContain('Cet enfant n’est pas le mien');
      expect(queries.mock.calls.map(([sql]) => sql)).toEqual([]);
    } finally {
      queries.mockRestore();
    }
  });
});

/** The same family on a database: two children, a confirmed address and a new one waiting, a joined account. */
async function familyOn(p: Pupitre) {
  const [row] = (await p.db.manager.query(
    `SELECT a.id, a.login FROM family_account a
      WHERE a.kind = 'guardian'
        AND (SELECT COUNT(*) FROM account_student x WHERE x.account_id = a.id) >= 2
      ORDER BY a.id LIMIT 1`,
  )) as { id: number; login: string }[];
  // The other parent of the same children, as a compte joint joins them (the school's own
  // account sync gives a joined account's children to the one it joined).
  const [other] = (await p.db.manager.query(
    `SELECT a.id, a.login FROM family_account a
      WHERE a.kind = 'guardian' AND a.id <> ${Number(row!.id)}
        AND EXISTS (SELECT 1 FROM account_student x WHERE x.account_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM account_student x WHERE x.account_id = a.id
          AND x.student_id NOT IN (SELECT y.student_id FROM account_student y WHERE y.account_id = ${Number(row!.id)}))
      ORDER BY a.id LIMIT 1`,
  )) as { id: number; login: string }[];
  const accounts = p.db.manager.getRepository(FamilyAccountEntity);
  await accounts.update(row!.id, {
    state: 'active',
    email: 'famille@example.fr',
    emailConfirmed: true,
  });
  await accounts.update(other!.id, { mergedIntoId: row!.id, state: 'closed' });
  await p.db.manager.getRepository(AccountTokenEntity).insert({
    accountId: row!.id,
    purpose: 'confirm_email',
    tokenHash: 'a'.repeat(64),
    email: 'nouvelle@example.fr',
    createdAt: '2026-11-22T08:00:00.000Z',
    expiresAt: '2026-11-29T08:00:00.000Z',
    usedAt: null,
    reference: '',
  });
  await p.db.manager.query(
    `UPDATE school SET families_may_email = ${p.db.dataSource.options.type === 'postgres' ? 'true' : '1'}, email = 'ce.0251234x@ac-besancon.fr', opened_services = 'vie_scolaire,notes'`,
  );
  const students = (await p.db.manager.query(
    `SELECT s.id FROM account_student x JOIN student s ON s.id = x.student_id WHERE x.account_id = ${Number(row!.id)} ORDER BY s.id`,
  )) as { id: number }[];
  const [stranger] = (await p.db.manager.query(
    `SELECT s.id FROM student s WHERE NOT EXISTS (SELECT 1 FROM account_student x WHERE x.student_id = s.id AND x.account_id = ${Number(row!.id)}) ORDER BY s.id LIMIT 1`,
  )) as { id: number }[];
  return {
    id: row!.id,
    joined: other!.login,
    childIds: students.map((s) => s.id),
    strangerId: stranger!.id,
  };
}

async function open(postgresUrl?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'pupitre-read-path-'));
  const p = await startPupitre({
    dataDir: dir,
    clock: fixedClock(TEST_NOW),
    hasher: testHasher,
    adminPassword: ADMIN_PASSWORD,
    demo: true,
    demoStudentCount: 40,
    manualMail: true,
    ...(postgresUrl ? { postgresUrl, secretKey: Buffer.alloc(32, 7) } : {}),
  });
  return {
    p,
    close: async () => {
      await p.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What both databases must give alike, checked on each. */
async function homeOf(p: Pupitre) {
  const f = await familyOn(p);
  const view = (child?: number) => p.portal.services.view(f.id, '2026-11-22', child);
  const first = await view();
  const second = await view(f.childIds.find((id) => id !== first.child!.studentId));
  expect(first.account).toMatchObject({
    email: 'famille@example.fr',
    emailConfirmed: true,
    pendingEmail: 'nouvelle@example.fr',
    joinedLogins: [f.joined],
  });
  expect(first.children.map((c) => c.studentId).sort()).toEqual([...f.childIds].sort());
  // Oldest first, as the guides list a family's children.
  const births = first.children.map((c) => c.birthDate ?? '');
  expect(births).toEqual([...births].sort());
  expect(first.school?.contactEmail).toBe('ce.0251234x@ac-besancon.fr');
  expect(first.services.map((s) => s.key)).toEqual(['notes', 'vie_scolaire']);
  expect(second.child!.studentId).not.toBe(first.child!.studentId);
  // A child of another family is refused, whatever is asked.
  await expect(view(f.strangerId)).rejects.toMatchObject({ code: 'not_found' });
  // The same read, reused: `$2` before `$1` and twice.
  const reads = preparedReads(p.db.dataSource);
  const order = readQuery(
    'test.order',
    'SELECT CAST($2 AS VARCHAR(9)) AS "b", CAST($1 AS VARCHAR(9)) AS "a", CAST($2 AS VARCHAR(9)) AS "c"',
  );
  expect(await reads.one(order, ['1', '2'])).toEqual({ b: '2', a: '1', c: '2' });
  expect(await reads.one(order, ['3', '4'])).toEqual({ b: '4', a: '3', c: '4' });
  return { first, second } satisfies Record<string, FamilyView>;
}

describe('the home read model', () => {
  it('gives the account, its children oldest first, the chosen child’s school, and refuses another family’s child (SQLite)', async () => {
    const { p, close } = await open();
    try {
      await homeOf(p);
      // Two reads may not share a name: on PostgreSQL the name is the prepared statement.
      await expect(
        preparedReads(p.db.dataSource).one(readQuery('test.order', 'SELECT 1 AS "x"'), []),
      ).rejects.toThrow('Two reads are named test.order');
    } finally {
      await close();
    }
  });

  const pgUrl = process.env.PUPITRE_TEST_POSTGRES_URL;
  it.skipIf(!pgUrl)(
    'gives the same on PostgreSQL, on named prepared statements',
    async () => {
      const admin = new DataSource({ type: 'postgres', url: pgUrl! });
      await admin.initialize();
      await admin.query('DROP DATABASE IF EXISTS pupitre_read_path_test WITH (FORCE)');
      await admin.query('CREATE DATABASE pupitre_read_path_test');
      await admin.destroy();
      const url = new URL(pgUrl!);
      url.pathname = '/pupitre_read_path_test';
      const pg = await open(url.toString());
      try {
        const { first } = await homeOf(pg.p);
        // Booleans as booleans, numbers as numbers (pg gives `true` where SQLite gives 1).
        expect(typeof first.account.emailConfirmed).toBe('boolean');
        expect(typeof first.children[0]!.studentId).toBe('number');
      } finally {
        await pg.close();
      }
    },
    60_000,
  );
});
