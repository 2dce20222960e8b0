// Where a portal home page's time goes: the portal in its own process under --cpu-prof,
// 50 families on their home page for a few seconds, then the profile summed by what each
// sample was doing (a sample counts for every group found in its stack, so groups nest:
// React inside « page rendering »). Prints CPU µs per request. Run it with
// `npx tsx bench/portalProfile.ts`; PROFILE_SECONDS sets the load's length.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createArgon2Hasher } from '../main/services/secrets';
import { summarize, type Profile } from './cpuProfileSummary';
import { browserState, portalSchool, spawnBare, spawnPortal } from './portalSchool';

const SECONDS = Number(process.env.PROFILE_SECONDS ?? 8);

// `npx tsx bench/portalProfile.ts FILE.cpuprofile REQUESTS` sums a kept profile again.
if (process.argv[2]) {
  const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Profile;
  for (const line of summarize(profile, Number(process.argv[3]))) console.log(line);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'pupitre-profile-portal-'));
const accounts = await portalSchool(dir, 2000, 50, createArgon2Hasher());

/** One server under --cpu-prof and 50 connections on its home page, then its breakdown. */
async function profileOf(name: string, spawnServer: typeof spawnPortal) {
  const profiles = join(dir, `profiles-${name}`);
  const server = await spawnServer(dir, ['--cpu-prof', '--cpu-prof-dir', profiles]);
  // Sessions are opened on the portal: the baseline reads the same ones.
  const sessions = await Promise.all(accounts.map((a) => browserState(portal.base, a.login)));
  let next = 0;
  const result = await autocannon({
    url: `${server.base}accueil`,
    connections: 50,
    duration: SECONDS,
    setupClient: (client) =>
      client.setHeaders({ cookie: sessions[next++ % sessions.length]!.cookie }),
  });
  await server.stop();
  // The main thread's (a worker's profile is numbered .1., .2.…).
  const file = readdirSync(profiles).find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f))!;
  const profile = JSON.parse(readFileSync(join(profiles, file), 'utf8')) as Profile;
  console.log(
    `${name}: home page under --cpu-prof, 50 connections, ${SECONDS} s: ${result.requests.total} answers, ${result.non2xx} not 2xx`,
  );
  for (const line of summarize(profile, result.requests.total)) console.log(line);
  if (process.env.PROFILE_KEEP) console.log(`profile: ${join(profiles, file)}`);
}

const portal = await spawnPortal(dir);
await profileOf('portal', spawnPortal);
if (process.env.PROFILE_BARE) await profileOf('baseline (bench/bareHome.ts)', spawnBare);
await portal.stop();
if (!process.env.PROFILE_KEEP) rmSync(dir, { recursive: true, force: true });
