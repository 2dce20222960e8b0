// Notification letters for a large lycée (~6,000 accounts): provisioning, hashing and the
// PDF, through the real services (the « campaign »), next to two references measured in the
// same run: (a) bare pdfkit drawing the same pages in a tight loop (no database, no
// hashing, no yielding), and (b) the CPU ceiling, cores ÷ (one argon2id hash at OWASP's
// level + one bare page). The PDF part alone is the campaign with an instant hasher. The
// same school with ~1,000 accounts never notified tells whether memory follows the batch.
// Each part runs in its own process so that its peak RSS is its own; every target line is
// computed from what this run measured.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

interface Campaign {
  letters: number;
  seconds: number;
  peakRssMb: number;
  startRssMb: number;
  idleRssMb: number;
}

function part<T>(name: string, env: Record<string, string> = {}): T {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'lettersPart.ts'), name], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 10 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`${name}: ${run.stderr.slice(-2000)}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as T;
}

const schoolDir = mkdtempSync(join(tmpdir(), 'pupitre-bench-school-'));
const smallSchoolDir = mkdtempSync(join(tmpdir(), 'pupitre-bench-small-school-'));
process.env.BENCH_SCHOOL_DIR = schoolDir;
process.env.BENCH_SMALL_SCHOOL_DIR = smallSchoolDir;
part('prepare');
part('prepareFewer');
const provisioning = part<{ accounts: number; seconds: number }>('provision');
// Each reference is measured on both sides of what it bounds, and the two averaged: on a
// shared machine the cores a process gets drift within a minute.
type Bare = { letters: number; seconds: number; peakRssMb: number; startRssMb: number };
type Hash = { msPerHash: number; cores: number; usableCores: number; limitPerSecond: number };
const bareBefore = part<Bare>('bare', { BENCH_LETTERS: '6000' });
const pdfPart = part<Campaign>('pdfPart');
const bareAfter = part<Bare>('bare', { BENCH_LETTERS: String(pdfPart.letters) });
const bare: Bare = {
  letters: bareBefore.letters + bareAfter.letters,
  seconds: bareBefore.seconds + bareAfter.seconds,
  peakRssMb: Math.max(bareBefore.peakRssMb, bareAfter.peakRssMb),
  startRssMb: bareAfter.startRssMb,
};
const hashBefore = part<Hash>('hash');
const campaign = part<Campaign>('campaign');
const hashAfter = part<Hash>('hash');
const hash: Hash = {
  msPerHash: (hashBefore.msPerHash + hashAfter.msPerHash) / 2,
  cores: hashBefore.cores,
  usableCores: (hashBefore.usableCores + hashAfter.usableCores) / 2,
  limitPerSecond: (hashBefore.limitPerSecond + hashAfter.limitPerSecond) / 2,
};
const small = part<Campaign>('smallCampaign');
const campaignParts = part<Campaign>('campaignParts');
const smallParts = part<Campaign>('smallCampaignParts');
rmSync(schoolDir, { recursive: true, force: true });
rmSync(smallSchoolDir, { recursive: true, force: true });

const rate = (n: number, s: number) => n / s;
const pct = (a: number, b: number) => Math.round((100 * a) / b);
const memory = (c: Campaign) =>
  `peak RSS ${c.peakRssMb} MB (${c.idleRssMb} MB idle with the school open, ${c.startRssMb} MB before any work)`;
const target = (name: string, measured: string, goal: string, met: boolean) =>
  console.log(`target ${name}: ${measured} (goal ${goal}) → ${met ? 'met' : 'missed'}`);

console.log(
  `accounts provisioned: ${provisioning.accounts} in ${provisioning.seconds.toFixed(2)} s`,
);
console.log(
  `hash cost (argon2id m=19 MiB t=2 p=1): ${hash.msPerHash.toFixed(1)} ms (${hashBefore.msPerHash.toFixed(1)} before the campaign, ${hashAfter.msPerHash.toFixed(1)} after); ${hash.cores} cores → hash-bound limit ${hash.limitPerSecond.toFixed(1)} letters/s`,
);
const bareRate = rate(bare.letters, bare.seconds);
console.log(
  `bare pdfkit (same pages, before and after the PDF part): ${bare.letters} letters in ${bare.seconds.toFixed(2)} s = ${bareRate.toFixed(1)} letters/s, peak RSS ${bare.peakRssMb} MB (${bare.startRssMb} MB before any work)`,
);
const pdfRate = rate(pdfPart.letters, pdfPart.seconds);
console.log(
  `PDF part (campaign, instant hasher): ${pdfPart.letters} letters in ${pdfPart.seconds.toFixed(2)} s = ${pdfRate.toFixed(1)} letters/s, ${memory(pdfPart)}`,
);
// Pages are drawn on the same cores as the hashes: the campaign can at best reach
// cores ÷ (one hash + one page). On a shared machine, the cores are those hashes actually
// got when two ran at once, measured just before (the nominal figure is printed too).
const pageMs = 1000 / bareRate;
const nominalCeiling = (hash.cores * 1000) / (hash.msPerHash + pageMs);
const ceiling = (hash.usableCores * 1000) / (hash.msPerHash + pageMs);
const campaignRate = rate(campaign.letters, campaign.seconds);
console.log(
  `CPU ceiling (hash ${hash.msPerHash.toFixed(1)} ms + page ${pageMs.toFixed(1)} ms): ${ceiling.toFixed(1)} letters/s on the ${hash.usableCores.toFixed(2)} cores ${hash.cores} hashes at once got; ${nominalCeiling.toFixed(1)} letters/s on ${hash.cores} whole cores (campaign at ${pct(campaignRate, nominalCeiling)} % of that)`,
);
console.log(
  `whole campaign (argon2id): ${campaign.letters} letters in ${campaign.seconds.toFixed(2)} s = ${campaignRate.toFixed(1)} letters/s, ${memory(campaign)}`,
);
console.log(
  `small campaign (argon2id): ${small.letters} letters in ${small.seconds.toFixed(2)} s = ${rate(small.letters, small.seconds).toFixed(1)} letters/s, ${memory(small)}`,
);

console.log(
  `whole campaign, one PDF a division in a zip: ${campaignParts.letters} letters in ${campaignParts.seconds.toFixed(2)} s = ${rate(campaignParts.letters, campaignParts.seconds).toFixed(1)} letters/s, ${memory(campaignParts)}`,
);
console.log(
  `small campaign, one PDF a division in a zip: ${smallParts.letters} letters in ${smallParts.seconds.toFixed(2)} s, ${memory(smallParts)}`,
);

/** The two memory targets, for a batch as one PDF and as one PDF a division. */
function memoryTargets(what: string, large: Campaign, few: Campaign) {
  const aboveIdle = large.peakRssMb - large.idleRssMb;
  target(
    `peak RSS above idle, ${large.letters}-letter campaign, ${what}`,
    `${aboveIdle} MB`,
    '≤ 150 MB',
    aboveIdle <= 150,
  );
  const growth = large.peakRssMb / few.peakRssMb;
  target(
    `peak RSS, ${large.letters} letters vs ${few.letters} letters, ${what}`,
    `${large.peakRssMb} MB vs ${few.peakRssMb} MB = ${growth.toFixed(2)}×, above idle ${aboveIdle} MB vs ${few.peakRssMb - few.idleRssMb} MB`,
    '≤ 1.2×',
    growth <= 1.2,
  );
}
memoryTargets('one PDF', campaign, small);
memoryTargets('one PDF a division', campaignParts, smallParts);
target(
  'PDF part vs bare pdfkit',
  `${pct(pdfRate, bareRate)} %, ${pdfRate.toFixed(1)} vs ${bareRate.toFixed(1)} letters/s`,
  '≥ 80 %',
  pct(pdfRate, bareRate) >= 80,
);
target(
  'whole campaign vs the real CPU ceiling',
  `${pct(campaignRate, ceiling)} %, ${campaignRate.toFixed(1)} vs ${ceiling.toFixed(1)} letters/s`,
  '≥ 85 %',
  pct(campaignRate, ceiling) >= 85,
);
