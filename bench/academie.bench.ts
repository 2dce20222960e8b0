// Issue 15 §3, « an académie on one PostgreSQL »: 50 schools of 600 pupils (30,000 pupils,
// 50,000 guardians and their family accounts) in one database, against one school alone in
// a sibling database of the same server. One school's SIECLE import, the staff student
// search and the portal home page are each timed on both, interleaved so that a shared
// machine's noise falls on both alike; the target is ×1.5 at most. Then two portal
// processes share the académie's database under the portal bench's load, with no error.
// Runs on PUPITRE_TEST_POSTGRES_URL (.ci/run sets it), which it wipes; skips without it.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startPupitre, type Pupitre } from '../main/bootstrap';
import { syncLeavers } from '../main/services/accounts/leaversJob';
import { systemClock } from '../main/services/clock';
import { createScryptHasher } from '../main/services/secrets';
import { foldForSearch } from '../shared/domain/normalize';
import {
  activeFamilies,
  loadHome,
  loggedIn,
  startPortalProcess,
  type Load,
} from './academie/portalLoad';
import {
  explainAnalyze,
  mostExtraTime,
  recordStatements,
  siblingDatabase,
  slowest,
  wipe,
  type Statement,
} from './academie/postgres';
import { academieScans, type Scan } from './academie/scans';
import {
  addSchool,
  confirmedEmails,
  emptyOf,
  GUARDIANS,
  importSiecle,
  PUPILS,
  schoolOfSize,
  secretariat,
  uaiOf,
  writeSiecleFiles,
} from './academie/schools';
import { fmt, percentile } from './stats';

const url = process.env.PUPITRE_TEST_POSTGRES_URL;
if (!url) {
  console.log('skipped: no PostgreSQL (set PUPITRE_TEST_POSTGRES_URL)');
  process.exit(0);
}

const SCHOOLS = 50;
const IMPORT_ROUNDS = 3;
const SEARCH_ROUNDS = 600;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const GOAL = 1.5;
const secret = Buffer.alloc(32, 5).toString('base64');
const benchStarted = performance.now();

const dir = mkdtempSync(join(tmpdir(), 'pupitre-bench-academie-'));
const start = (postgresUrl: string, name: string): Promise<Pupitre> => {
  mkdirSync(join(dir, name), { recursive: true });
  return startPupitre({
    dataDir: join(dir, name),
    postgresUrl,
    secretKey: Buffer.from(secret, 'base64'),
    adminPassword: 'Bench2026x',
    hasher: createScryptHasher({ N: 1024, r: 8, p: 1 }),
  });
};
const createFirstSchool = async (p: Pupitre, uai: string) =>
  (await p.services.setup.createSchool({ kind: 'empty', uai, name: `Collège ${uai}` })).school.id;
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

interface Target {
  name: string;
  ratio: number;
  statements: Statement[];
  /** The same work's statements on the school alone. */
  aloneStatements: Statement[];
  explainOn: string;
}
const targets: Target[] = [];
const scans: { where: string; scan: Scan }[] = [];

console.log(
  `An académie on one PostgreSQL (${new URL(url).pathname.slice(1)}): ${SCHOOLS} schools × ${PUPILS} pupils, ${GUARDIANS} guardians each, against one school alone`,
);

// The académie: a first school made as a school is made, then 45 written as an import
// leaves them; the last four come through the timed imports below.
const aloneUrl = await siblingDatabase(url, 'alone');
await wipe(url);
const t = performance.now();
const academie = await start(url, 'academie');
const first = await createFirstSchool(academie, uaiOf(0));
writeSiecleFiles(dir, schoolOfSize(1, uaiOf(0)));
await importSiecle(academie, secretariat(first), dir);
const seeded = SCHOOLS - 2 - IMPORT_ROUNDS;
for (let n = 1; n <= seeded; n++) await addSchool(academie, schoolOfSize(100 + n, uaiOf(n)));
await academie.db.manager.query('ANALYZE');
console.log(`  seeding: ${1 + seeded} schools in ${seconds(t)} s`);
const recorder = recordStatements(academie.db.dataSource);

// 1. One school's SIECLE import: the same files into a database holding that school alone
// (the previous round's school deleted first) and into the académie, as its 47th to 50th
// school. The first round warms both processes and both databases and is not counted.
await wipe(aloneUrl);
const alone = await start(aloneUrl, 'alone');
const aloneRecorder = recordStatements(alone.db.dataSource);
let aloneImportLog: Statement[] = [];
const aloneImports: number[] = [];
const academieImports: number[] = [];
let importLog: Statement[] = [];
let aloneSchool = 0;
let academieSchool = 0;
for (let round = 0; round <= IMPORT_ROUNDS; round++) {
  const seed = schoolOfSize(10 + round, uaiOf(900 + round));
  writeSiecleFiles(dir, seed);
  if (round === 0) aloneSchool = await createFirstSchool(alone, seed.school.uai);
  else {
    await alone.db.manager.query('DELETE FROM school WHERE id = $1', [aloneSchool]);
    aloneSchool = await addSchool(alone, emptyOf(seed));
  }
  aloneRecorder.start();
  const aloneSeconds = await importSiecle(alone, secretariat(aloneSchool), dir);
  aloneImportLog = aloneRecorder.stop();
  academieSchool = await addSchool(academie, emptyOf(seed));
  recorder.start();
  const academieSeconds = await importSiecle(academie, secretariat(academieSchool), dir);
  importLog = recorder.stop();
  if (round > 0) {
    aloneImports.push(aloneSeconds);
    academieImports.push(academieSeconds);
  }
}
await confirmedEmails(academie);
await confirmedEmails(alone);
await academie.db.manager.query('ANALYZE');
await alone.db.manager.query('ANALYZE');
const [{ schools }] = (await academie.db.manager.query(
  'SELECT (SELECT count(*) FROM school) AS schools, (SELECT count(*) FROM student) AS pupils',
)) as [{ schools: string }];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const importRatio = median(academieImports) / median(aloneImports);
console.log(
  `\nSIECLE import of one school (${PUPILS} pupils, ${GUARDIANS} guardians), median of ${IMPORT_ROUNDS}:`,
);
console.log(
  `  alone in its database : ${median(aloneImports).toFixed(2)} s  (${aloneImports.map((s) => s.toFixed(2)).join(', ')})`,
);
console.log(
  `  in the académie       : ${median(academieImports).toFixed(2)} s  (${academieImports.map((s) => s.toFixed(2)).join(', ')}; ${schools} schools after)`,
);
targets.push({
  name: 'academie-import',
  ratio: importRatio,
  statements: importLog,
  aloneStatements: aloneImportLog,
  explainOn: url,
});
for (const scan of await academieScans(url, importLog)) scans.push({ where: 'import', scan });

// 2. The staff student search, the same prefixes on the same school in both databases,
// interleaved; the results must be the same (nothing of another school).
const names: { last_name: string }[] = await alone.db.manager.query(
  'SELECT last_name FROM student WHERE school_id = $1',
  [aloneSchool],
);
const prefixes = [...new Set(names.map((n) => foldForSearch(n.last_name).slice(0, 3)))].filter(
  (p) => /^[a-z]{3}$/.test(p),
);
const aloneTimes: number[] = [];
const academieTimes: number[] = [];
let rows = 0;
recorder.start();
aloneRecorder.start();
for (let i = 0; i < SEARCH_ROUNDS + 60; i++) {
  const query = {
    query: prefixes[i % prefixes.length]!,
    withoutDivision: false,
    includeLeft: false,
    limit: 500,
  };
  const t0 = performance.now();
  const a = await alone.services.students.search(secretariat(aloneSchool), query);
  const t1 = performance.now();
  const b = await academie.services.students.search(secretariat(academieSchool), query);
  const t2 = performance.now();
  if (a.items.length !== b.items.length) {
    throw new Error(
      `Résultats différents pour « ${query.query} » : ${a.items.length} seul, ${b.items.length} dans l’académie`,
    );
  }
  if (i >= 60) {
    // The first rounds warm the JIT, the pool and PostgreSQL's caches.
    aloneTimes.push(t1 - t0);
    academieTimes.push(t2 - t1);
    rows += a.items.length;
  }
}
const searchLog = recorder.stop();
const aloneSearchLog = aloneRecorder.stop();
const searchRatio = percentile(academieTimes, 50) / percentile(aloneTimes, 50);
console.log(
  `\nstaff student search by name prefix, ${prefixes.length} prefixes, ${SEARCH_ROUNDS} rounds (${(rows / SEARCH_ROUNDS).toFixed(1)} rows a query):`,
);
console.log(
  `  alone in its database : p50 ${fmt(percentile(aloneTimes, 50))}  p95 ${fmt(percentile(aloneTimes, 95))}`,
);
console.log(
  `  in the académie       : p50 ${fmt(percentile(academieTimes, 50))}  p95 ${fmt(percentile(academieTimes, 95))}`,
);
targets.push({
  name: 'academie-search',
  ratio: searchRatio,
  statements: searchLog,
  aloneStatements: aloneSearchLog,
  explainOn: url,
});
for (const scan of await academieScans(url, searchLog)) scans.push({ where: 'search', scan });

// 3. The portal home page: one portal process on each database, 50 families of the same
// school logged in, autocannon with 50 connections, alternated twice.
const aloneFamilies = await activeFamilies(alone, aloneSchool, CONNECTIONS);
const academieFamilies = await activeFamilies(academie, academieSchool, CONNECTIONS);
const portalAlone = await startPortalProcess(aloneUrl, secret);
const portalOne = await startPortalProcess(url, secret);
const [settledAlone, settledAcademie] = [await portalAlone.settled(), await portalOne.settled()];
console.log(
  `\nportal home page (GET /accueil), ${CONNECTIONS} connections, ${SECONDS} s a run, 2 alternated runs each:`,
);
console.log(
  `  portal process start, listening / done with its start's daily jobs: alone ${(portalAlone.startMs / 1000).toFixed(1)} s / ${(settledAlone / 1000).toFixed(1)} s, académie ${(portalOne.startMs / 1000).toFixed(1)} s / ${(settledAcademie / 1000).toFixed(1)} s`,
);
const aloneCookies = await Promise.all(
  aloneFamilies.map((f) => loggedIn(portalAlone.base, f.login)),
);
const academieCookies = await Promise.all(
  academieFamilies.map((f) => loggedIn(portalOne.base, f.login)),
);
const merge = (runs: Load[]): Load => ({
  latencies: runs.flatMap((r) => r.latencies),
  seconds: runs.reduce((s, r) => s + r.seconds, 0),
  statuses: {},
  errors: runs.reduce((s, r) => s + r.errors, 0),
});
const aloneRuns: Load[] = [];
const academieRuns: Load[] = [];
for (let round = 0; round < 2; round++) {
  aloneRuns.push(await loadHome(portalAlone.base, aloneCookies, CONNECTIONS, SECONDS));
  academieRuns.push(await loadHome(portalOne.base, academieCookies, CONNECTIONS, SECONDS));
}
const homeAlone = merge(aloneRuns);
const homeAcademie = merge(academieRuns);
const homeLine = (name: string, l: Load) =>
  console.log(
    `  ${name}: p50 ${percentile(l.latencies, 50).toFixed(1)} ms  p95 ${percentile(l.latencies, 95).toFixed(1)} ms  ${(l.latencies.length / l.seconds).toFixed(1)} req/s  ${l.errors} errors`,
  );
homeLine('alone in its database', homeAlone);
homeLine('in the académie      ', homeAcademie);
await portalAlone.stop();
// The home page's statements, replayed in this process for both sides' families.
recorder.start();
for (const f of academieFamilies)
  await academie.portal.services.view(f.id, academie.portal.services.today());
const homeLog = recorder.stop();
aloneRecorder.start();
for (const f of aloneFamilies)
  await alone.portal.services.view(f.id, alone.portal.services.today());
const aloneHomeLog = aloneRecorder.stop();
console.log(
  `  home page read model: ${homeLog.length / academieFamilies.length} statements a view (replayed in-process for the académie's families)`,
);
targets.push({
  name: 'academie-portal-home',
  ratio: percentile(homeAcademie.latencies, 50) / percentile(homeAlone.latencies, 50),
  statements: homeLog,
  aloneStatements: aloneHomeLog,
  explainOn: url,
});
for (const scan of await academieScans(url, homeLog)) scans.push({ where: 'portal home', scan });

// 4. Two portal processes on the académie's database, the same 50 connections split
// between them; half the families use a session opened through the other process.
const portalTwo = await startPortalProcess(url, secret);
await portalTwo.settled();
const half = CONNECTIONS / 2;
const [one, two] = await Promise.all([
  loadHome(portalOne.base, academieCookies.slice(0, half), half, SECONDS),
  loadHome(portalTwo.base, academieCookies.slice(half), half, SECONDS),
]);
await portalOne.stop();
await portalTwo.stop();
const both = merge([one!, two!]);
const twoErrors = one!.errors + two!.errors;
console.log(
  `\ntwo portal processes on the académie's database, ${half} + ${half} connections, ${SECONDS} s:`,
);
console.log(
  `  p50 ${percentile(both.latencies, 50).toFixed(1)} ms  p95 ${percentile(both.latencies, 95).toFixed(1)} ms  ${((one!.latencies.length + two!.latencies.length) / SECONDS).toFixed(1)} req/s  answers ${JSON.stringify(one!.statuses)} + ${JSON.stringify(two!.statuses)}`,
);

// 5. Not a target but the same question: the leavers' sync of every school, which each
// process of the database runs at its start and each night (the portal's start above).
await syncLeavers(alone.db, systemClock); // warms it, as the académie's was by its imports
let since = performance.now();
await syncLeavers(alone.db, systemClock);
const leaversAlone = (performance.now() - since) / 1000;
recorder.start();
since = performance.now();
await syncLeavers(academie.db, systemClock);
const leaversAcademie = (performance.now() - since) / 1000;
const leaversLog = recorder.stop();
console.log(
  `\ndaily leavers' sync (every process's start, every night): alone ${leaversAlone.toFixed(2)} s for 1 school; académie ${leaversAcademie.toFixed(2)} s for ${schools} schools, ×${(leaversAcademie / Number(schools) / leaversAlone).toFixed(2)} a school`,
);
for (const scan of await academieScans(url, leaversLog))
  scans.push({ where: 'leavers sync', scan });

// Targets, and the plan of the slowest statement behind each one missed.
console.log('');
for (const target of targets) {
  const met = target.ratio <= GOAL;
  console.log(
    `target ${target.name}: ×${target.ratio.toFixed(2)} (goal ≤ ×${GOAL}) → ${met ? 'met' : 'missed'}`,
  );
  const extra = mostExtraTime(target.statements, target.aloneStatements);
  if (extra) {
    console.log(
      `  most extra time in the académie: ${extra.extraMs} ms over ${extra.runs} runs (${extra.academieMs} vs ${extra.aloneMs} ms alone): ${extra.sql.replace(/\s+/g, ' ').slice(0, 160)}`,
    );
  }
  const worst = met ? null : slowest(target.statements);
  if (worst) {
    console.log(
      `  costliest statement (${worst.runs} runs, ${worst.totalMs} ms in all, slowest ${worst.ms} ms): ${worst.sql.replace(/\s+/g, ' ').slice(0, 400)}`,
    );
    console.log((await explainAnalyze(target.explainOn, worst)).replace(/^/gm, '    '));
  }
}
console.log(
  `target academie-two-portals-errors: ${twoErrors} (goal 0) → ${twoErrors === 0 ? 'met' : 'missed'}`,
);
if (scans.length === 0)
  console.log('no statement of these runs scans a whole académie-sized table');
for (const { where, scan } of scans) {
  console.log(
    `académie scan in ${where}: Seq Scan on ${scan.table} (~${Math.round(scan.rows)} rows): ${scan.sql.slice(0, 300)}`,
  );
}
console.log(`(bench ran in ${seconds(benchStarted)} s)`);

await alone.close();
await academie.close();
rmSync(dir, { recursive: true, force: true });
