// The family portal under load, on loopback: a 2,000-student school, the portal in its own
// process (as `npm run portal` runs it), autocannon here with 50 connections. Home page and
// login, p50/p95/p99 and requests/s; the login rate next to the hash-bound limit (cores ÷
// the cost of one argon2id check, measured in the same run). Prints figures, never fails
// on timing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { startPupitre } from '../main/bootstrap';
import { FamilyAccountEntity } from '../main/db/entities/accounts';
import { createArgon2Hasher } from '../main/services/secrets';
import { percentile } from './stats';

const STUDENTS = 2000;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PASSWORD = 'Tigre7Bleu';
const secret = Buffer.alloc(32, 5).toString('base64');

const dir = mkdtempSync(join(tmpdir(), 'pupitre-bench-portal-'));
const argon = createArgon2Hasher();

// The school, and 50 families that have chosen their password (argon2id, OWASP's level).
const setup = await startPupitre({
  dataDir: dir,
  adminPassword: 'Bench2026x',
  demo: true,
  demoStudentCount: STUDENTS,
  secretKey: Buffer.from(secret, 'base64'),
  manualMail: true,
});
const accounts = (await setup.db.manager.query(
  `SELECT id, login FROM family_account WHERE kind = 'guardian' ORDER BY id LIMIT ${CONNECTIONS}`,
)) as { id: number; login: string }[];
const hash = await argon.hash(PASSWORD);
for (const a of accounts) {
  await setup.db.manager.getRepository(FamilyAccountEntity).update(a.id, {
    passwordHash: hash,
    state: 'active',
    email: `${a.login}@example.fr`,
    emailConfirmed: true,
  });
}
await setup.close();

// The hash-bound limit: one argon2id check, measured here.
await argon.verify(PASSWORD, hash);
const checks = 30;
const t0 = performance.now();
for (let i = 0; i < checks; i++) await argon.verify(PASSWORD, hash);
const msPerCheck = (performance.now() - t0) / checks;
const cores = availableParallelism();
const hashBound = (cores * 1000) / msPerCheck;

const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'main/portal.ts', '--port', '0', '--data-dir', dir],
  {
    env: { ...process.env, PUPITRE_SECRET_KEY: secret },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const base = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const url = /Portail des familles : (http:\/\/\S+)/.exec(out)?.[1];
    if (url) resolve(url);
  });
  child.on('exit', (code) => reject(new Error(`portal exited (${code})`)));
});

/** One browser's cookies and form token, as a page would hold them. */
async function browserState(login?: string) {
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

interface Run {
  latencies: number[];
  requests: number;
  seconds: number;
  statuses: Record<string, number>;
  errors: number;
}

async function load(options: autocannon.Options): Promise<Run> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { ...options, connections: CONNECTIONS, duration: SECONDS },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  return {
    latencies,
    requests: latencies.length,
    seconds: (performance.now() - started) / 1000,
    statuses,
    errors: result.errors + result.timeouts,
  };
}

// Home page: 50 families on their home page at once.
const sessions = await Promise.all(accounts.map((a) => browserState(a.login)));
let nextHome = 0;
const home = await load({
  url: `${base}accueil`,
  setupClient: (client) =>
    client.setHeaders({ cookie: sessions[nextHome++ % sessions.length]!.cookie }),
});

// Login: 50 families logging in at once, each its own identifiant, again and again, from
// a browser they have used before (it holds the portal's « appareil connu » cookie).
const forms = await Promise.all(
  accounts.map(async (a) => {
    const state = await browserState(a.login);
    const device = state.cookie.split('; ').find((c) => c.startsWith('pupitre_appareil='));
    const fresh = await browserState();
    return { csrf: fresh.csrf, cookie: [fresh.cookie, device].filter(Boolean).join('; ') };
  }),
);
let nextLogin = 0;
const login = await load({
  url: `${base}connexion`,
  method: 'POST',
  setupClient: (client) => {
    const i = nextLogin++ % accounts.length;
    client.setHeadersAndBody(
      { cookie: forms[i]!.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      new URLSearchParams({
        login: accounts[i]!.login,
        password: PASSWORD,
        _csrf: forms[i]!.csrf,
      }).toString(),
    );
  },
});
const exited = new Promise((resolve) => child.on('exit', resolve));
child.kill('SIGTERM');
await exited;
rmSync(dir, { recursive: true, force: true });

const line = (name: string, run: Run, ok: number) => {
  const bad = run.requests - (run.statuses[ok] ?? 0) + run.errors;
  console.log(
    `${name}: ${(run.requests / run.seconds).toFixed(1)} req/s, p50 ${percentile(run.latencies, 50).toFixed(1)} ms, p95 ${percentile(run.latencies, 95).toFixed(1)} ms, p99 ${percentile(run.latencies, 99).toFixed(1)} ms — ${run.requests} answers ${JSON.stringify(run.statuses)}, ${bad} not ${ok}${run.errors ? ` (${run.errors} connection errors)` : ''}`,
  );
};
console.log(
  `portal on loopback, ${STUDENTS} students, ${CONNECTIONS} connections, ${SECONDS} s each:`,
);
line('home page (GET /accueil, target p95 < 25 ms)', home, 200);
line('login (POST /connexion, argon2id)', login, 303);
console.log(
  `hash-bound limit: ${cores} cores ÷ ${msPerCheck.toFixed(1)} ms a check = ${hashBound.toFixed(1)} logins/s → login at ${Math.round((100 * login.requests) / login.seconds / hashBound)} % of it (target ≥ 80 %)`,
);
