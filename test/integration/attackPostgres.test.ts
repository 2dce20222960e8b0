import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../main/db/database';
import { LoginThrottleEntity } from '../../main/db/entities';
import { fixedClock } from '../../main/services/clock';
import { PORTAL_RULES } from '../../main/services/portal/portalAuth';
import { createLoginThrottle, keyHash } from '../../main/services/staff/loginThrottle';

// Two portal processes on one PostgreSQL database (docs/PORTAL.md: « counted per account,
// in the database (so every portal process sees them), before the password is checked
// (parallel guesses cannot slip through) »). Each process has its own transaction queue.
const url = process.env.PUPITRE_TEST_POSTGRES_URL;
let a: Database;
let b: Database;
beforeAll(async () => {
  if (!url) return;
  // Its own database: postgres.test.ts wipes the one PUPITRE_TEST_POSTGRES_URL names.
  const admin = new DataSource({ type: 'postgres', url });
  await admin.initialize();
  await admin.query('DROP DATABASE IF EXISTS pupitre_attack_throttle WITH (FORCE)');
  await admin.query('CREATE DATABASE pupitre_attack_throttle');
  await admin.destroy();
  const own = new URL(url);
  own.pathname = '/pupitre_attack_throttle';
  const dbUrl = own.toString();
  a = await openDatabase({ postgresUrl: dbUrl });
  b = await openDatabase({ postgresUrl: dbUrl });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe.skipIf(!url)('FINDING: the account lock across two portal processes', () => {
  it(
    'parallel guesses from both processes: no more than the 10 free tries pass, and each is counted',
    async () => {
      const clock = fixedClock('2026-11-22T09:00:00.000Z');
      const t1 = createLoginThrottle({ db: a, clock, rules: PORTAL_RULES, namespace: 'portal' });
      const t2 = createLoginThrottle({ db: b, clock, rules: PORTAL_RULES, namespace: 'portal' });
      const login = 'cible.course';
      // The account's row exists (a first guess): parallel ones then update it.
      await t1.reserve(login, '198.51.9.9');
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          (i % 2 ? t1 : t2)
            .reserve(login, `198.51.${Math.floor(i / 200)}.${i % 200}`)
            .catch(() => ({ waitMs: -1 })),
        ),
      );
      const passed = 1 + results.filter((r) => r.waitMs === 0).length;
      const errors = results.filter((r) => r.waitMs === -1).length;
      expect(errors).toBe(0);
      const row = await a.manager
        .getRepository(LoginThrottleEntity)
        .findOneBy({ keyHash: keyHash('account', login, '', 'portal') });
      // Sequentially, 11 pass (10 free, the 11th starts the wait) and each is counted.
      expect(passed).toBeLessThanOrEqual(11);
      expect(row?.failures).toBe(passed);
    },
  );

  it(
    'the first guesses of an identifiant, sent at once to both processes, are all answered (no duplicate-key error)',
    async () => {
      const clock = fixedClock('2026-11-22T09:00:00.000Z');
      const t1 = createLoginThrottle({ db: a, clock, rules: PORTAL_RULES, namespace: 'portal' });
      const t2 = createLoginThrottle({ db: b, clock, rules: PORTAL_RULES, namespace: 'portal' });
      const settled = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? t1 : t2).reserve('premier.essai', `198.51.100.${i}`),
        ),
      );
      // A rejected reservation is « Une erreur inattendue est survenue » on the login page.
      expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(0);
    },
  );
});
