import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPupitre, type Pupitre } from '../../main/bootstrap';
import { fixedClock } from '../../main/services/clock';
import type { PasswordHasher } from '../../main/services/secrets';
import { SESSION_ABSOLUTE_LIMIT } from '../../main/services/staff/auth';
import type { AuditPage, NewPasswordResult } from '../../shared/api/staff';
import { ADMIN_PASSWORD, TEST_NOW, testHasher, value } from '../helpers/pupitre';

let p: Pupitre;
let dir: string;
let clock: ReturnType<typeof fixedClock>;
let verifications: number;

const countingHasher: PasswordHasher = {
  hash: (password) => testHasher.hash(password),
  verify: (password, stored) => {
    verifications++;
    return testHasher.verify(password, stored);
  },
};

async function start(options: { adminPassword?: string; demo?: boolean } = {}) {
  dir = mkdtempSync(join(tmpdir(), 'pupitre-auth-'));
  clock = fixedClock(TEST_NOW);
  p = await startPupitre({
    dataDir: dir,
    clock,
    hasher: countingHasher,
    adminPassword: options.adminPassword ?? ADMIN_PASSWORD,
    demoStudentCount: 20,
    demo: options.demo ?? true,
  });
}
beforeEach(() => {
  verifications = 0;
});
afterEach(async () => {
  await p.close();
  rmSync(dir, { recursive: true, force: true });
});

const from = (address: string) => ({ address });
const login = (name: string, password: string, address = '10.0.0.1', token: string | null = null) =>
  p.dispatch.handle('session.login', { login: name, password }, token, from(address));

async function directionToken() {
  const { issued } = await login('direction', ADMIN_PASSWORD, '127.0.0.1');
  return issued!;
}

describe('login throttling: a delay that grows, never a lock a stranger controls', () => {
  beforeEach(() => start());

  it('a stranger’s failures slow the stranger, not the direction logging in from elsewhere', async () => {
    const answers = [];
    for (let i = 0; i < 8; i++)
      answers.push((await login('direction', `faux${i}`, '203.0.113.9')).result);
    expect(answers.slice(0, 4).every((a) => !a.ok && a.error.code === 'unauthenticated')).toBe(
      true,
    );
    const slowed = answers.at(-1)!;
    expect(!slowed.ok && slowed.error.code).toBe('too_many_attempts');
    expect(!slowed.ok && slowed.error.message).toMatch(
      /patientez \d+ secondes? avant de réessayer/,
    );
    expect((await login('direction', ADMIN_PASSWORD, '192.0.2.10')).result.ok).toBe(true);
  });

  it('answers an unknown identifiant exactly as a real one, throttled or not', async () => {
    const real = [];
    const unknown = [];
    for (let i = 0; i < 6; i++) {
      real.push((await login('direction', `faux${i}`, '203.0.113.1')).result);
      unknown.push((await login('personne.inconnue', `faux${i}`, '203.0.113.2')).result);
    }
    expect(unknown).toEqual(real);
  });

  it('failures decay: after a few minutes the same person may try again', async () => {
    for (let i = 0; i < 6; i++) await login('direction', `faux${i}`, '198.51.100.7');
    expect((await login('direction', ADMIN_PASSWORD, '198.51.100.7')).result.ok).toBe(false);
    clock.advance(2 * 60_000);
    expect((await login('direction', ADMIN_PASSWORD, '198.51.100.7')).result.ok).toBe(true);
  });

  it('40 parallel guesses on unknown identifiants from one address cost a few hashes, not 40', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(`inconnu${i}`, 'x', '203.0.113.50')),
    );
    expect(
      guesses.filter((g) => !g.result.ok && g.result.error.code === 'too_many_attempts').length,
    ).toBeGreaterThanOrEqual(29);
    expect(verifications).toBeLessThanOrEqual(11);
    const before = verifications;
    expect((await login('direction', ADMIN_PASSWORD, '192.0.2.20')).result.ok).toBe(true);
    expect(verifications - before).toBe(1);
  });

  it('a throttled episode is one journal line, however many attempts it refuses', async () => {
    for (let i = 0; i < 60; i++) await login('direction', `faux${i}`, '203.0.113.77');
    const token = await directionToken();
    const throttled = value<AuditPage>(
      await p.dispatch('audit.list', { action: 'session.login_throttled' }, token),
    );
    expect(throttled.entries.length).toBeGreaterThanOrEqual(1);
    expect(throttled.entries.length).toBeLessThanOrEqual(2);
    const failed = value<AuditPage>(
      await p.dispatch('audit.list', { action: 'session.login_failed' }, token),
    );
    expect(failed.entries.length).toBeLessThan(15);
  });
});

describe('the journal of failed logins stores no more than needed', () => {
  beforeEach(() => start());

  it('an unknown identifiant is shown to direction, without what was typed', async () => {
    const typed = 'MonMotDePasse2026!';
    await login(typed, 'autre-chose', '203.0.113.33');
    const token = await directionToken();
    const [entry] = value<AuditPage>(
      await p.dispatch('audit.list', { action: 'session.login_failed' }, token),
    ).entries;
    expect(entry).toMatchObject({
      targetLabel: 'identifiant inconnu',
      details: { adresse: '203.0.113.33' },
    });
    await p.close();
    const file = readFileSync(join(dir, 'pupitre.sqlite'));
    const wal = (() => {
      try {
        return readFileSync(join(dir, 'pupitre.sqlite-wal'));
      } catch {
        return Buffer.alloc(0);
      }
    })();
    expect(file.includes(typed.toLowerCase())).toBe(false);
    expect(wal.includes(typed.toLowerCase())).toBe(false);
    await start({ demo: false });
  });
});

describe('sessions', () => {
  beforeEach(() => start());

  it('a new login in the same browser ends the session it replaces', async () => {
    const first = await directionToken();
    const second = await login('direction', ADMIN_PASSWORD, '127.0.0.1', first);
    expect(second.result.ok).toBe(true);
    expect((await p.dispatch('session.me', {}, first)).ok).toBe(false);
    expect((await p.dispatch('session.me', {}, second.issued)).ok).toBe(true);
  });

  it('ends after a week however active, and expired rows are deleted', async () => {
    const token = await directionToken();
    // Used every 11 hours (within the 12-hour idle limit), for 165 hours.
    for (let step = 0; step < 15; step++) {
      clock.advance(11 * 3_600_000);
      expect((await p.dispatch('session.me', {}, token)).ok).toBe(true);
    }
    clock.advance(SESSION_ABSOLUTE_LIMIT - 15 * 11 * 3_600_000);
    expect((await p.dispatch('session.me', {}, token)).ok).toBe(false);
    await directionToken();
    const rows = (await p.db.manager.query('SELECT COUNT(*) AS n FROM staff_session')) as {
      n: number;
    }[];
    expect(rows[0]!.n).toBe(1);
  });
});

describe('first start', () => {
  it('creates the school once; a second createSchool is refused and changes nothing', async () => {
    await start({ demo: false });
    expect(
      (
        await p.dispatch(
          'setup.createSchool',
          { kind: 'empty', uai: '0251711Z', name: 'Lycée A' },
          null,
        )
      ).ok,
    ).toBe(true);
    const again = await p.dispatch(
      'setup.createSchool',
      { kind: 'empty', uai: '0660864F', name: 'Lycée B' },
      null,
    );
    expect(!again.ok && again.error.code).toBe('conflict');
    expect(await p.db.manager.query('SELECT uai FROM school')).toEqual([{ uai: '0251711Z' }]);
  });

  it('PUPITRE_ADMIN_PASSWORD must meet the rules and is never echoed back', async () => {
    await start({ demo: false, adminPassword: 'court' });
    const weak = await p.dispatch(
      'setup.createSchool',
      { kind: 'empty', uai: '0251711Z', name: 'Lycée A' },
      null,
    );
    expect(!weak.ok && weak.error.message).toContain('PUPITRE_ADMIN_PASSWORD');
    expect(await p.db.manager.query('SELECT id FROM school')).toEqual([]);
    await p.close();
    await start({ demo: false });
    const created = await p.dispatch(
      'setup.createSchool',
      { kind: 'empty', uai: '0251711Z', name: 'Lycée A' },
      null,
    );
    expect(value<{ directionPassword: string }>(created).directionPassword).toBe('');
    expect(JSON.stringify(created)).not.toContain(ADMIN_PASSWORD);
  });
});

describe('staff users', () => {
  beforeEach(() => start());

  it('three parallel creations of one login: one succeeds, two get a clear French conflict', async () => {
    const token = await directionToken();
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        p.dispatch(
          'users.create',
          { login: 'mme.martin', displayName: 'Mme Martin', role: 'secretariat' },
          token,
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const conflicts = results.filter((r) => !r.ok);
    expect(conflicts.map((r) => !r.ok && r.error.code)).toEqual(['conflict', 'conflict']);
    expect(
      conflicts.every(
        (r) => !r.ok && r.error.message === 'L’identifiant « mme.martin » est déjà pris.',
      ),
    ).toBe(true);
  });

  it('refuses control, zero-width and bidi-override characters in display names', async () => {
    const token = await directionToken();
    for (const displayName of ['\u202Enimda', 'Mme\u200BMartin', 'Mme\nMartin', '\u2066Martin']) {
      const result = await p.dispatch(
        'users.create',
        { login: 'x.y', displayName, role: 'teacher' },
        token,
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(!result.ok && result.error.message).toContain(
        'caractères invisibles ou de contrôle refusés',
      );
    }
    const ok = value<NewPasswordResult>(
      await p.dispatch(
        'users.create',
        { login: 'x.y', displayName: 'Mme Zoé N’Diaye-Lefèvre', role: 'teacher' },
        token,
      ),
    );
    expect(ok.user.displayName).toBe('Mme Zoé N’Diaye-Lefèvre');
    expect(await p.db.manager.query(`SELECT COUNT(*) AS n FROM staff_user`)).toEqual([{ n: 2 }]);
  });
});
