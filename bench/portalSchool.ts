// The portal bench's school and portal process, shared by the bench and its profile
// (bench/portalProfile.ts): a demo school with its notes and vie scolaire open and a term's
// data in them, families that have chosen their password, and the portal in its own process
// as `npm run portal` runs it.
import { spawn } from 'node:child_process';
import { startPupitre } from '../main/bootstrap';
import { FamilyAccountEntity } from '../main/db/entities/accounts';
import type { PasswordHasher } from '../main/services/secrets';
import { openServicesWithData } from './portalSchoolServices';

export const PASSWORD = 'Tigre7Bleu';
export const SECRET = Buffer.alloc(32, 5).toString('base64');

/** The demo school in `dir`, and `families` guardian accounts made active with PASSWORD. */
export async function portalSchool(
  dir: string,
  students: number,
  families: number,
  hasher: PasswordHasher,
): Promise<{ id: number; login: string }[]> {
  const setup = await startPupitre({
    dataDir: dir,
    adminPassword: 'Bench2026x',
    demo: true,
    demoStudentCount: students,
    secretKey: Buffer.from(SECRET, 'base64'),
    manualMail: true,
  });
  const accounts = (await setup.db.manager.query(
    `SELECT id, login FROM family_account WHERE kind = 'guardian' ORDER BY id LIMIT ${Math.trunc(families)}`,
  )) as { id: number; login: string }[];
  const hash = await hasher.hash(PASSWORD);
  for (const a of accounts) {
    await setup.db.manager.getRepository(FamilyAccountEntity).update(a.id, {
      passwordHash: hash,
      state: 'active',
      email: `${a.login}@example.fr`,
      emailConfirmed: true,
    });
  }
  await setup.close();
  // The home page families get: the notes and vie scolaire tiles, on a term's data.
  openServicesWithData(
    dir,
    accounts.map((a) => a.id),
  );
  return accounts;
}

export interface PortalProcess {
  base: string;
  stop(): Promise<void>;
}

/** `main/portal.ts` on a free port over `dir`; `nodeArgs` go to node (e.g. --cpu-prof). */
export const spawnPortal = (dir: string, nodeArgs: string[] = []) =>
  spawnServer(
    ['main/portal.ts', '--port', '0'],
    dir,
    nodeArgs,
    /Portail des familles : (http:\/\/\S+)/,
  );

/** The baseline, bench/bareHome.ts, over the same `dir`. */
export const spawnBare = (dir: string, nodeArgs: string[] = []) =>
  spawnServer(['bench/bareHome.ts'], dir, nodeArgs, /Portail nu : (http:\/\/\S+)/);

async function spawnServer(
  script: string[],
  dir: string,
  nodeArgs: string[],
  announce: RegExp,
): Promise<PortalProcess> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', ...script, '--data-dir', dir],
    {
      env: { ...process.env, PUPITRE_SECRET_KEY: SECRET },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = announce.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`portal exited (${code})`)));
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    base,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One browser's cookies and form token, as a page would hold them; logged in as `login`. */
export async function browserState(base: string, login?: string) {
  const first = await fetch(base, { redirect: 'manual' });
  const cookies = first.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await first.text())![1]!;
  if (!login) return { cookie: cookies.join('; '), csrf };
  const res = await fetch(`${base}connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookies.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login, password: PASSWORD, _csrf: csrf }).toString(),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  return { cookie: [...cookies, ...session].join('; '), csrf };
}
