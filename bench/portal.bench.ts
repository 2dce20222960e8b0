// The family portal under load, on loopback: a 2,000-student school, the portal in its own
// process (as `npm run portal` runs it), autocannon here with 50 connections. Home page and
// login, p50/p95/p99 and requests/s; the home page against a bare Fastify + better-sqlite3
// server writing the same page (bench/bareHome.ts), both loaded in turns in the same run so
// that the machine's noise falls on both; the login rate next to the hash-bound limit (cores
// ÷ the cost of one argon2id check, measured in the same run). Prints figures and its targets
// (met or missed); never fails on timing.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { createArgon2Hasher } from '../main/services/secrets';
import { p95FloorLine } from './portalLatencyFloor';
import { browserState, PASSWORD, portalSchool, spawnBare, spawnPortal } from './portalSchool';
import { percentile } from './stats';

const STUDENTS = 2000;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** The home page is loaded in turns with the baseline, this many times each (SECONDS in all). */
const ROUNDS = 4;

const dir = mkdtempSync(join(tmpdir(), 'pupitre-bench-portal-'));
const argon = createArgon2Hasher();

// The school, and 50 families that have chosen their password (argon2id, OWASP's level).
const accounts = await portalSchool(dir, STUDENTS, CONNECTIONS, argon);
const hash = await argon.hash(PASSWORD);

// The hash-bound limit: one argon2id check, measured here.
await argon.verify(PASSWORD, hash);
const checks = 30;
const t0 = performance.now();
for (let i = 0; i < checks; i++) await argon.verify(PASSWORD, hash);
const msPerCheck = (performance.now() - t0) / checks;
const cores = availableParallelism();
const hashBound = (cores * 1000) / msPerCheck;

const portal = await spawnPortal(dir);
const base = portal.base;

/** The baseline in its own process, over the same database file. */
const bare = await spawnBare(dir);
const bareBase = bare.base;

interface Run {
  latencies: number[];
  requests: number;
  seconds: number;
  statuses: Record<string, number>;
  errors: number;
}

async function load(options: autocannon.Options, seconds = SECONDS): Promise<Run> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { ...options, connections: CONNECTIONS, duration: seconds },
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

/** Runs of the same load as one. */
function merged(runs: Run[]): Run {
  const statuses: Record<string, number> = {};
  for (const run of runs) {
    for (const [code, n] of Object.entries(run.statuses))
      statuses[code] = (statuses[code] ?? 0) + n;
  }
  return {
    latencies: runs.flatMap((r) => r.latencies),
    requests: runs.reduce((n, r) => n + r.requests, 0),
    seconds: runs.reduce((n, r) => n + r.seconds, 0),
    statuses,
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

// Home page: 50 families on their home page at once, on the portal and on the baseline.
const sessions = await Promise.all(accounts.map((a) => browserState(base, a.login)));
const homeOn = (server: string, seconds: number) => {
  let next = 0;
  return load(
    {
      url: `${server}accueil`,
      setupClient: (client) =>
        client.setHeaders({ cookie: sessions[next++ % sessions.length]!.cookie }),
    },
    seconds,
  );
};
// Both write the same page (the form token aside): checked here, before the load.
const withoutToken = (page: string) => page.replace(/name="_csrf" value="[^"]*"/, '');
const pageOf = async (server: string) =>
  withoutToken(
    await (await fetch(`${server}accueil`, { headers: { cookie: sessions[2]!.cookie } })).text(),
  );
const samePage = (await pageOf(base)) === (await pageOf(bareBase));
// Both warmed up first (not counted), then in short turns: a change in the machine's load
// falls on both alike.
await homeOn(bareBase, 2);
await homeOn(base, 2);
const homeRuns: Run[] = [];
const bareRuns: Run[] = [];
for (let round = 0; round < ROUNDS; round++) {
  bareRuns.push(await homeOn(bareBase, SECONDS / ROUNDS));
  homeRuns.push(await homeOn(base, SECONDS / ROUNDS));
}
const home = merged(homeRuns);
const baseline = merged(bareRuns);

// Login: 50 families logging in at once, each its own identifiant, again and again, from
// a browser they have used before (it holds the portal's « appareil connu » cookie).
const forms = await Promise.all(
  accounts.map(async (a) => {
    const state = await browserState(base, a.login);
    const device = state.cookie.split('; ').find((c) => c.startsWith('pupitre_appareil='));
    const fresh = await browserState(base);
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
await Promise.all([portal.stop(), bare.stop()]);
rmSync(dir, { recursive: true, force: true });

const line = (name: string, run: Run, ok: number) => {
  const bad = run.requests - (run.statuses[ok] ?? 0) + run.errors;
  console.log(
    `${name}: ${(run.requests / run.seconds).toFixed(1)} req/s, p50 ${percentile(run.latencies, 50).toFixed(1)} ms, p95 ${percentile(run.latencies, 95).toFixed(1)} ms, p99 ${percentile(run.latencies, 99).toFixed(1)} ms — ${run.requests} answers ${JSON.stringify(run.statuses)}, ${bad} not ${ok}${run.errors ? ` (${run.errors} connection errors)` : ''}`,
  );
};
console.log(
  `portal on loopback, ${STUDENTS} students, ${CONNECTIONS} connections, ${SECONDS} s each (the home pages in ${ROUNDS} turns):`,
);
line('home page (GET /accueil)', home, 200);
line('baseline home page (bench/bareHome.ts)', baseline, 200);
line('login (POST /connexion, argon2id)', login, 303);
console.log(
  `hash-bound limit: ${cores} cores ÷ ${msPerCheck.toFixed(1)} ms a check = ${hashBound.toFixed(1)} logins/s → login at ${Math.round((100 * login.requests) / login.seconds / hashBound)} % of it (target ≥ 80 %)`,
);

const target = (name: string, measured: string, goal: string, met: boolean) =>
  console.log(`target ${name}: ${measured} (goal ${goal}) → ${met ? 'met' : 'missed'}`);
const rate = (run: Run) => run.requests / run.seconds;
const share = (100 * rate(home)) / rate(baseline);
const homeErrors = home.requests - (home.statuses[200] ?? 0) + home.errors;
const p95 = percentile(home.latencies, 95);
console.log(`same page as the baseline (form token aside): ${samePage ? 'yes' : 'NO'}`);
target(
  'home page requests/s against the baseline',
  `${share.toFixed(0)} % (${rate(home).toFixed(0)} ÷ ${rate(baseline).toFixed(0)})`,
  '≥ 60 %',
  samePage && share >= 60,
);
target('home page errors', String(homeErrors), '0', homeErrors === 0);
target('home page p95', `${p95.toFixed(1)} ms`, '< 25 ms', p95 < 25);
// Where that goal stands: the bare server's own p95, and the floor Little's law sets on both
// at their measured rates (bench/portalLatencyFloor.ts).
console.log(
  p95FloorLine(CONNECTIONS, 25, [
    { name: 'portal', p95, requestsPerSecond: rate(home) },
    {
      name: 'baseline',
      p95: percentile(baseline.latencies, 95),
      requestsPerSecond: rate(baseline),
    },
  ]),
);
