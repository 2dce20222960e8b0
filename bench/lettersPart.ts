// One part of the letters bench, in its own process so that its peak RSS is its own.
// Prints one JSON line of figures. Run by letters.bench.ts.
import { cpSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startPupitre } from '../main/bootstrap';
import { syncAccounts } from '../main/services/accounts/provisioning';
import { createArgon2Hasher, type PasswordHasher } from '../main/services/secrets';
import type { StaffActor } from '../main/services/context';
import { writeBareLetters } from './bareLetters';

const part = process.argv[2];
const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 2550);
const peak = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** What the process holds before any work (Node, tsx's compiler, the modules). */
const atStart = Math.round(process.memoryUsage().rss / 1048576);

/**
 * The school of about 6,000 accounts, made once by the « prepare » part (in its own process,
 * so that generating it counts in nobody's memory) and copied for each run.
 */
async function school(dir: string, hasher: PasswordHasher) {
  cpSync(process.env.BENCH_SCHOOL_DIR!, dir, { recursive: true });
  const pupitre = await startPupitre({
    dataDir: dir,
    adminPassword: 'Bench2026x',
    hasher,
    manualMail: true,
  });
  const actor: StaffActor = {
    sessionId: 0,
    userId: 1,
    schoolId: 1,
    role: 'direction',
    login: 'direction',
    displayName: 'Banc d’essai',
    mustChangePassword: false,
  };
  return { pupitre, actor };
}

async function campaign(hasher: PasswordHasher) {
  const dir = mkdtempSync(join(tmpdir(), 'pupitre-letters-'));
  try {
    const { pupitre, actor } = await school(dir, hasher);
    // Provisioning: every account of the school created again from its records.
    await pupitre.db.manager.query('DELETE FROM family_account');
    const t0 = performance.now();
    const created = await pupitre.db.transaction((m) =>
      syncAccounts(m, 1, new Date().toISOString()),
    );
    const provisioning = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    let job = await pupitre.services.letters.start(actor, {
      scope: { kind: 'school' },
      kinds: ['guardian', 'student'],
      order: 'division',
      reset: false,
    });
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = pupitre.services.letters.job(actor, job.jobId);
    }
    if (job.state !== 'done') throw new Error(job.message);
    const seconds = (performance.now() - t1) / 1000;
    await pupitre.close();
    return {
      accounts: created.created,
      provisioning,
      letters: job.total,
      seconds,
      peakRssMb: peak(),
      startRssMb: atStart,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bare(count: number) {
  const dir = mkdtempSync(join(tmpdir(), 'pupitre-bare-'));
  try {
    const t0 = performance.now();
    await writeBareLetters(count, createWriteStream(join(dir, 'bare.pdf')));
    return {
      letters: count,
      seconds: (performance.now() - t0) / 1000,
      peakRssMb: peak(),
      startRssMb: atStart,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function hashCost() {
  const hasher = createArgon2Hasher();
  await hasher.hash('échauffement');
  const n = 30;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await hasher.hash(`MotDePasse${i}`);
  const msPerHash = (performance.now() - t0) / n;
  const cores = availableParallelism();
  return { msPerHash, cores, limitPerSecond: (cores * 1000) / msPerHash };
}

const instant: PasswordHasher = {
  hash: async (p) => `plain$${p}`,
  verify: async (p, stored) => stored === `plain$${p}`,
};
async function prepare() {
  const dir = process.env.BENCH_SCHOOL_DIR!;
  const pupitre = await startPupitre({
    dataDir: dir,
    adminPassword: 'Bench2026x',
    hasher: instant,
    demo: true,
    demoStudentCount: STUDENTS,
    manualMail: true,
  });
  await pupitre.close();
  return { dir };
}

const results: Record<string, () => Promise<unknown>> = {
  prepare,
  hash: hashCost,
  bare: () => bare(Number(process.env.BENCH_LETTERS ?? 6000)),
  pdfPart: () => campaign(instant),
  campaign: () => campaign(createArgon2Hasher()),
};
const run = results[part ?? ''];
if (!run) throw new Error(`part inconnue : ${part}`);
console.log(JSON.stringify(await run()));
