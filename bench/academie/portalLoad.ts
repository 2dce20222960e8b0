// Portal processes on a PostgreSQL database (`npm run portal` with PUPITRE_POSTGRES_URL),
// families logged in, and autocannon on their home page, as bench/portal.bench.ts loads it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { Pupitre } from '../../main/bootstrap';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { createArgon2Hasher } from '../../main/services/secrets';

export const PASSWORD = 'Tigre7Bleu';

/** `count` guardian accounts of the school, active with a chosen password (argon2id). */
export async function activeFamilies(
  pupitre: Pupitre,
  schoolId: number,
  count: number,
): Promise<{ id: number; login: string }[]> {
  const accounts: { id: number; login: string }[] = await pupitre.db.manager.query(
    `SELECT id, login FROM family_account WHERE kind = 'guardian' AND school_id = $1
     ORDER BY id LIMIT ${count}`,
    [schoolId],
  );
  const hash = await createArgon2Hasher().hash(PASSWORD);
  for (const a of accounts) {
    await pupitre.db.manager.getRepository(FamilyAccountEntity).update(a.id, {
      passwordHash: hash,
      state: 'active',
      email: `${a.login}@example.fr`,
      emailConfirmed: true,
    });
  }
  return accounts.map((a) => ({ id: Number(a.id), login: a.login }));
}

export interface PortalProcess {
  base: string;
  /** Milliseconds from spawn to « listening ». */
  startMs: number;
  /**
   * Waits until the process stops working on its own: its start runs the daily jobs (the
   * leavers' sync of every school of the database) after it listens, and a load measured
   * meanwhile would time them too. Returns the milliseconds from spawn to then.
   */
  settled(): Promise<number>;
  stop(): Promise<void>;
}

/** CPU time (clock ticks) a Linux process has used. */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Polls until the process uses under a tenth of a core for a whole second. */
async function untilIdle(pid: number): Promise<void> {
  let before = cpuTicks(pid);
  for (let calm = 0; calm < 2;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cpuTicks(pid);
    calm = now - before < 5 ? calm + 1 : 0;
    before = now;
  }
}

/** One `main/portal.ts` process on `postgresUrl`, its own data folder, the shared key. */
export async function startPortalProcess(
  postgresUrl: string,
  secretKey: string,
): Promise<PortalProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'pupitre-bench-academie-'));
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/portal.ts', '--port', '0', '--data-dir', dir],
    {
      env: { ...process.env, PUPITRE_SECRET_KEY: secretKey, PUPITRE_POSTGRES_URL: postgresUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Portail des familles : (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`portal exited (${code})`)));
  });
  return {
    base,
    startMs: performance.now() - started,
    settled: async () => {
      await untilIdle(child.pid!);
      return performance.now() - started;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser logged in as `login` on the portal at `base`: its cookie header. */
export async function loggedIn(base: string, login: string): Promise<string> {
  const first = await fetch(base, { redirect: 'manual' });
  const cookies = first.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await first.text())![1]!;
  const res = await fetch(`${base}connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookies.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login, password: PASSWORD, _csrf: csrf }).toString(),
  });
  if (res.status !== 303) throw new Error(`Connexion de ${login} refusée (${res.status})`);
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  return [...cookies, ...session].join('; ');
}

export interface Load {
  latencies: number[];
  seconds: number;
  statuses: Record<string, number>;
  /** Answers other than 200, connection errors and timeouts. */
  errors: number;
}

/** GET /accueil with `connections` connections for `seconds`, each a family's cookie. */
export async function loadHome(
  base: string,
  cookies: string[],
  connections: number,
  seconds: number,
): Promise<Load> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${base}accueil`,
        connections,
        duration: seconds,
        setupClient: (client) => client.setHeaders({ cookie: cookies[next++ % cookies.length]! }),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  return {
    latencies,
    seconds: (performance.now() - started) / 1000,
    statuses,
    errors: latencies.length - (statuses[200] ?? 0) + result.errors + result.timeouts,
  };
}
