// Notification letters for a large lycée (~6,000 accounts): provisioning, hashing and the
// PDF, through the real services (the « campaign »), next to two references measured in the
// same run: (a) bare pdfkit drawing the same pages in a tight loop (no database, no
// hashing, no yielding), and (b) the hash-bound limit, cores ÷ the cost of one argon2id
// hash at OWASP's level. The PDF part alone is the campaign with an instant hasher.
// Each part runs in its own process so that its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

interface Campaign {
  accounts: number;
  provisioning: number;
  letters: number;
  seconds: number;
  peakRssMb: number;
  startRssMb: number;
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
process.env.BENCH_SCHOOL_DIR = schoolDir;
part('prepare');
const hash = part<{ msPerHash: number; cores: number; limitPerSecond: number }>('hash');
const pdfPart = part<Campaign>('pdfPart');
const bare = part<{ letters: number; seconds: number; peakRssMb: number; startRssMb: number }>(
  'bare',
  {
    BENCH_LETTERS: String(pdfPart.letters),
  },
);
const campaign = part<Campaign>('campaign');

const rate = (n: number, s: number) => n / s;
const pct = (a: number, b: number) => `${Math.round((100 * a) / b)} %`;
console.log(`accounts provisioned: ${campaign.accounts} in ${campaign.provisioning.toFixed(2)} s`);
console.log(
  `hash cost (argon2id m=19 MiB t=2 p=1): ${hash.msPerHash.toFixed(1)} ms; ${hash.cores} cores → hash-bound limit ${hash.limitPerSecond.toFixed(1)} letters/s`,
);
console.log(
  `bare pdfkit (same pages): ${bare.letters} letters in ${bare.seconds.toFixed(2)} s = ${rate(bare.letters, bare.seconds).toFixed(1)} letters/s, peak RSS ${bare.peakRssMb} MB (${bare.startRssMb} MB before any work)`,
);
console.log(
  `PDF part (campaign, instant hasher): ${pdfPart.letters} letters in ${pdfPart.seconds.toFixed(2)} s = ${rate(pdfPart.letters, pdfPart.seconds).toFixed(1)} letters/s, peak RSS ${pdfPart.peakRssMb} MB (${pdfPart.startRssMb} MB before any work) → ${pct(rate(pdfPart.letters, pdfPart.seconds), rate(bare.letters, bare.seconds))} of bare pdfkit (target ≥ 80 %)`,
);
// Pages are drawn on the same cores as the hashes: the campaign can at best reach
// cores ÷ (one hash + one page).
const pageMs = (1000 * bare.seconds) / bare.letters;
const ceiling = (hash.cores * 1000) / (hash.msPerHash + pageMs);
console.log(
  `CPU ceiling (hash ${hash.msPerHash.toFixed(1)} ms + page ${pageMs.toFixed(1)} ms on ${hash.cores} cores): ${ceiling.toFixed(1)} letters/s → campaign at ${pct(rate(campaign.letters, campaign.seconds), ceiling)} of it`,
);
console.log(
  `whole campaign (argon2id): ${campaign.letters} letters in ${campaign.seconds.toFixed(2)} s = ${rate(campaign.letters, campaign.seconds).toFixed(1)} letters/s, peak RSS ${campaign.peakRssMb} MB (${campaign.startRssMb} MB before any work; target < 400 MB) → ${pct(rate(campaign.letters, campaign.seconds), hash.limitPerSecond)} of the hash-bound limit (target ≥ 80 %)`,
);
rmSync(schoolDir, { recursive: true, force: true });
