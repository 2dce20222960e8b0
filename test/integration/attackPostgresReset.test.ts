import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPupitre, type Pupitre } from '../../main/bootstrap';
import { fixedClock } from '../../main/services/clock';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { MailOutboxEntity } from '../../main/db/entities/mail';
import { PortalDeviceEntity } from '../../main/db/entities/portal';
import { ADMIN_PASSWORD, testHasher } from '../helpers/pupitre';

// Two portal processes on one PostgreSQL database (a supported install: docs/PORTAL.md,
// portalProcesses.test.ts): « a link works once » must hold across processes too.
const url = process.env.PUPITRE_TEST_POSTGRES_URL;
let p1: Pupitre;
let p2: Pupitre;
const dirs: string[] = [];
beforeAll(async () => {
  if (!url) return;
  // Its own database: postgres.test.ts wipes the one PUPITRE_TEST_POSTGRES_URL names.
  const admin = new DataSource({ type: 'postgres', url });
  await admin.initialize();
  await admin.query('DROP DATABASE IF EXISTS pupitre_attack_reset WITH (FORCE)');
  await admin.query('CREATE DATABASE pupitre_attack_reset');
  await admin.destroy();
  const own = new URL(url);
  own.pathname = '/pupitre_attack_reset';
  const dbUrl = own.toString();
  const start = () => {
    const dir = mkdtempSync(join(tmpdir(), 'pupitre-pg2-'));
    dirs.push(dir);
    return startPupitre({
      dataDir: dir,
      postgresUrl: dbUrl,
      secretKey: Buffer.alloc(32, 7),
      clock: fixedClock('2026-11-22T09:00:00.000Z'),
      hasher: testHasher,
      adminPassword: ADMIN_PASSWORD,
      demoStudentCount: 30,
      manualMail: true,
    });
  };
  p1 = await start();
  await p1.services.setup.createSchool({ kind: 'demo' });
  p2 = await start();
});
afterAll(async () => {
  await p1?.close();
  await p2?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(!url)('FINDING: a reset link used twice through two portal processes', () => {
  it(
    'one reset link posted at once to both processes sets one password and makes one browser known',
    async () => {
      const [row] = (await p1.db.manager.query(
        `SELECT id, login FROM family_account WHERE kind = 'guardian' ORDER BY id LIMIT 1`,
      )) as { id: number; login: string }[];
      await p1.db.manager.getRepository(FamilyAccountEntity).update(row!.id, {
        passwordHash: await testHasher.hash('Tigre7Bleu'),
        state: 'active',
        email: 'course@example.fr',
        emailConfirmed: true,
      });
      await p1.portal.dispatch('portal.forgotPassword', { login: row!.login }, null, {
        address: '192.0.2.1',
      });
      await p1.portal.services.auth.settled();
      const mail = await p1.db.manager
        .getRepository(MailOutboxEntity)
        .findOneByOrFail({ toAddress: 'course@example.fr' });
      const token = /jeton=([A-Za-z0-9_-]+)/.exec(p1.mailer.openBody(mail.textBody))![1]!;
      // liveToken reads the link without a lock (READ COMMITTED): each process sees it unused.
      const results = await Promise.all(
        [p1, p2, p1, p2].map((p, i) =>
          p.portal.dispatch(
            'portal.resetPassword',
            { token, password: `Cerf9Violon${i}`, passwordAgain: `Cerf9Violon${i}` },
            null,
            { address: `192.0.2.${10 + i}` },
          ),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(
        await p1.db.manager.getRepository(PortalDeviceEntity).countBy({ accountId: row!.id }),
      ).toBe(1);
    },
  );
});
