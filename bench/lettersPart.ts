// One part of the letters bench, in its own process so that its peak RSS is its own.
// Prints one JSON line of figures. Run by letters.bench.ts.
import { cpSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startPupitre } from '../main/bootstrap';
import { syncAccounts } from '../main/services/accounts/provisioning';
import { createArgon2Hasher, limitHasher, type PasswordHasher } from '../main/services/secrets';
import type { StaffActor } from '../main/services/context';
import { writeBareLetters } from './bareLetters';

const part = process.argv[2];
const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 2550);
const peak = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** What the process holds before any work (Node, tsx's compiler, the modules). */
const atStart = Math.round(process.memoryUsage().rss / 1048576);

/**
 * A school made by a « prepare » part (in its own process, so that generating it counts in
 * nobody's memory), copied for each run: about 6,000 accounts never notified
 * (BENCH_SCHOOL_DIR), or the same with about 1,000 never notified (BENCH_SMALL_SCHOOL_DIR).
 */
async function school(dir: string, hasher: PasswordHasher, source: string) {
  cpSync(source, dir, { recursive: true });
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

/** What the process holds once the school is open and before any letter: its own idle. */
async function idleRss(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 200));
  return Math.round(process.memoryUsage().rss / 1048576);
}

/** Provisioning: every account of the school created again from its records. */
async function provision() {
  const dir = mkdtempSync(join(tmpdir(), 'pupitre-provision-'));
  try {
    const { pupitre } = await school(dir, instant, process.env.BENCH_SCHOOL_DIR!);
    await pupitre.db.manager.query('DELETE FROM family_account');
    const t0 = performance.now();
    const created = await pupitre.db.transaction((m) =>
      syncAccounts(m, 1, new Date().toISOString()),
    );
    const seconds = (performance.now() - t0) / 1000;
    await pupitre.close();
    return { accounts: created.created, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first letter of every account never notified (the « campaign »), as one batch. */
async function campaign(
  hasher: PasswordHasher,
  source: string,
  split: 'none' | 'division' = 'none',
) {
  const dir = mkdtempSync(join(tmpdir(), 'pupitre-letters-'));
  try {
    const { pupitre, actor } = await school(dir, hasher, source);
    const idleRssMb = await idleRss();
    const t1 = performance.now();
    let job = await pupitre.services.letters.start(actor, {
      scope: { kind: 'school' },
      kinds: ['guardian', 'student'],
      order: 'division',
      reset: false,
      neverNotifiedOnly: true,
      split,
    });
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = pupitre.services.letters.job(actor, job.jobId);
    }
    if (job.state !== 'done') throw new Error(job.message);
    const seconds = (performance.now() - t1) / 1000;
    await pupitre.close();
    return {
      letters: job.total,
      seconds,
      peakRssMb: peak(),
      startRssMb: atStart,
      idleRssMb,
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

/**
 * One argon2id hash, alone; and how many of the machine's cores hashes get when as many run
 * at once as it has cores (a machine shared with other work gives fewer than it has).
 */
async function hashCost() {
  const hasher = createArgon2Hasher();
  await hasher.hash('échauffement');
  const n = 30;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await hasher.hash(`MotDePasse${i}`);
  const msPerHash = (performance.now() - t0) / n;
  const cores = availableParallelism();
  const t1 = performance.now();
  const together = limitHasher(hasher, cores);
  await Promise.all(Array.from({ length: n * cores }, (_, i) => together.hash(`Ensemble${i}`)));
  const msPerHashTogether = (performance.now() - t1) / (n * cores);
  return {
    msPerHash,
    cores,
    usableCores: Math.min(cores, msPerHash / msPerHashTogether),
    limitPerSecond: (cores * 1000) / msPerHash,
  };
}

const instant: PasswordHasher = {
  hash: async (p) => `plain$${p}`,
  verify: async (p, stored) => stored === `plain$${p}`,
};
/** The demo school of `STUDENTS` pupils, whose accounts were never notified. */
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
  await pupitre.db.manager.query('DELETE FROM family_account');
  const created = await pupitre.db.transaction((m) => syncAccounts(m, 1, new Date().toISOString()));
  await pupitre.close();
  return { dir, accounts: created.created };
}

/**
 * The same school where five accounts in six have had their letter: the batch « seulement
 * les comptes jamais notifiés » then prints about 1,000 letters, from the same database as
 * the 6,000 (what differs between the two runs is the batch, not the school).
 */
async function prepareFewer() {
  const dir = process.env.BENCH_SMALL_SCHOOL_DIR!;
  cpSync(process.env.BENCH_SCHOOL_DIR!, dir, { recursive: true });
  const pupitre = await startPupitre({
    dataDir: dir,
    adminPassword: 'Bench2026x',
    hasher: instant,
    manualMail: true,
  });
  await pupitre.db.manager.query(
    `UPDATE family_account SET state = 'provisional', letter_date = '2026-11-02',
       expires_on = '2027-02-02', password_hash = 'plain$Bench', password_version = 1
     WHERE id % 6 <> 0`,
  );
  await pupitre.close();
  return { dir };
}

const results: Record<string, () => Promise<unknown>> = {
  prepare,
  prepareFewer,
  provision,
  hash: hashCost,
  bare: () => bare(Number(process.env.BENCH_LETTERS ?? 6000)),
  pdfPart: () => campaign(instant, process.env.BENCH_SCHOOL_DIR!),
  campaign: () => campaign(createArgon2Hasher(), process.env.BENCH_SCHOOL_DIR!),
  smallCampaign: () => campaign(createArgon2Hasher(), process.env.BENCH_SMALL_SCHOOL_DIR!),
  // The same batches as one PDF a division in a zip (issue 15 §1).
  campaignParts: () => campaign(createArgon2Hasher(), process.env.BENCH_SCHOOL_DIR!, 'division'),
  smallCampaignParts: () =>
    campaign(createArgon2Hasher(), process.env.BENCH_SMALL_SCHOOL_DIR!, 'division'),
};
const run = results[part ?? ''];
if (!run) throw new Error(`part inconnue : ${part}`);
console.log(JSON.stringify(await run()));
