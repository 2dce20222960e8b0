import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { startPupitre } from '../../main/bootstrap';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { ADMIN_PASSWORD, testHasher } from '../helpers/pupitre';

// `npm run portal` serves the portal on its own (SQLite), and two portal processes serve
// one PostgreSQL database: a session opened on one is good on the other, a logout on one
// ends it on both, and failed logins count across both (sessions and throttling live in
// the database).
const SECRET = Buffer.alloc(32, 9).toString('base64');
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGTERM');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function startPortalProcess(env: Record<string, string>, dataDir: string): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/portal.ts', '--port', '0', '--data-dir', dataDir],
    {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`portal did not start: ${out} ${err}`)),
      45_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Portail des familles : (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`portal exited (${code}): ${err}`)));
  });
}

/** A browser without script over real HTTP: cookies kept, the form token sent back. */
class Browser {
  cookies = new Map<string, string>();
  csrf = '';
  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      this.cookies.set(name!, rest.join('='));
    }
  }
  private header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(url: string) {
    const res = await fetch(url, { headers: { cookie: this.header() }, redirect: 'manual' });
    this.keep(res);
    const body = await res.text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? this.csrf;
    return { status: res.status, body, location: res.headers.get('location') };
  }
  async post(url: string, form: Record<string, string>) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form, _csrf: this.csrf }).toString(),
      redirect: 'manual',
    });
    this.keep(res);
    return { status: res.status, body: await res.text(), location: res.headers.get('location') };
  }
}

async function schoolWithFamily(options: { postgresUrl?: string }) {
  const dir = mkdtempSync(join(tmpdir(), 'pupitre-portal-proc-'));
  dirs.push(dir);
  const p = await startPupitre({
    dataDir: dir,
    hasher: testHasher,
    adminPassword: ADMIN_PASSWORD,
    demo: true,
    demoStudentCount: 40,
    manualMail: true,
    ...(options.postgresUrl
      ? { postgresUrl: options.postgresUrl, secretKey: Buffer.from(SECRET, 'base64') }
      : {}),
  });
  const [row] = (await p.db.manager.query(
    `SELECT a.id, a.login FROM family_account a WHERE a.kind = 'guardian' AND EXISTS (SELECT 1 FROM account_student x WHERE x.account_id = a.id) ORDER BY a.id LIMIT 1`,
  )) as { id: number; login: string }[];
  await p.db.manager.getRepository(FamilyAccountEntity).update(row!.id, {
    passwordHash: await testHasher.hash('Tigre7Bleu'),
    state: 'active',
    email: 'famille@example.fr',
    emailConfirmed: true,
  });
  await p.close();
  return { dir, login: row!.login };
}

describe('npm run portal', () => {
  it('serves the portal on its own, from the data folder’s SQLite base', async () => {
    const { dir, login } = await schoolWithFamily({});
    const url = await startPortalProcess({ PUPITRE_SECRET_KEY: SECRET }, dir);
    const browser = new Browser();
    const home = await browser.get(url);
    expect(home.status).toBe(200);
    expect(home.body).toContain('Connexion aux services en ligne');
    const login1 = await browser.post(`${url}connexion`, { login, password: 'Tigre7Bleu' });
    expect(login1.location).toBe('/accueil');
    expect((await browser.get(`${url}accueil`)).status).toBe(200);
    // The staff API is not on this listener.
    expect((await fetch(`${url}api/session.me`, { method: 'POST' })).status).toBe(404);
  }, 90_000);
});

const pgUrl = process.env.PUPITRE_TEST_POSTGRES_URL;
describe.skipIf(!pgUrl)('two portal processes on one PostgreSQL database', () => {
  it('share sessions and throttling', async () => {
    const admin = new DataSource({ type: 'postgres', url: pgUrl! });
    await admin.initialize();
    await admin.query('DROP DATABASE IF EXISTS pupitre_portal_test WITH (FORCE)');
    await admin.query('CREATE DATABASE pupitre_portal_test');
    await admin.destroy();
    const url = new URL(pgUrl!);
    url.pathname = '/pupitre_portal_test';
    const { dir, login } = await schoolWithFamily({ postgresUrl: url.toString() });
    const env = { PUPITRE_POSTGRES_URL: url.toString(), PUPITRE_SECRET_KEY: SECRET };
    const [one, two] = await Promise.all([
      startPortalProcess(env, dir),
      startPortalProcess(env, dir),
    ]);
    expect(one).not.toBe(two);

    const browser = new Browser();
    await browser.get(one);
    expect(
      (await browser.post(`${one}connexion`, { login, password: 'Tigre7Bleu' })).location,
    ).toBe('/accueil');
    const there = await browser.get(`${two}accueil`);
    expect(there.status).toBe(200);
    expect(there.body).toContain('Accueil');
    // A form read on one process posts to the other (the CSRF secret is the installation's).
    expect((await browser.post(`${two}deconnexion`, {})).location).toBe('/?info=deconnexion');
    expect((await browser.get(`${one}accueil`)).location).toBe('/?info=session');

    // Failed logins count across both processes: past five for one identifiant (counts fade
    // a little with every second), the next tries must wait.
    const guesser = new Browser();
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) {
      const target = i % 2 ? two : one;
      await guesser.get(target);
      statuses.push(
        (await guesser.post(`${target}connexion`, { login, password: `Faux${i}x99` })).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toContain(429);
  }, 120_000);
});
