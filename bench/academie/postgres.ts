// The bench's own handling of the PostgreSQL server: a sibling database for the « one
// school alone » figures, wiping, and reading back the slowest statement of a run with its
// plan.
import { DataSource } from 'typeorm';
import type { AfterQueryEvent, EntitySubscriberInterface } from 'typeorm';

async function withServer<T>(url: string, work: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = new DataSource({ type: 'postgres', url });
  await ds.initialize();
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}

/** The same server, another database: `<name>_alone` beside `<name>`, made if missing. */
export async function siblingDatabase(url: string, suffix: string): Promise<string> {
  const sibling = new URL(url);
  const name = `${sibling.pathname.slice(1)}_${suffix}`;
  if (!/^[a-z0-9_]+$/i.test(name)) throw new Error(`Nom de base inattendu : ${name}`);
  sibling.pathname = `/${name}`;
  await withServer(url, async (ds) => {
    const found: unknown[] = await ds.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.length === 0) await ds.query(`CREATE DATABASE ${name}`);
  });
  return sibling.toString();
}

/** Drops every table: the next start migrates an empty database. */
export async function wipe(url: string): Promise<void> {
  await withServer(url, async (ds) => {
    await ds.query('DROP SCHEMA public CASCADE');
    await ds.query('CREATE SCHEMA public');
  });
}

export interface Statement {
  sql: string;
  parameters: unknown[];
  ms: number;
}

/** Records every statement a DataSource runs (TypeORM's afterQuery event), while `on`. */
export function recordStatements(ds: DataSource) {
  const log: Statement[] = [];
  let on = false;
  const subscriber: EntitySubscriberInterface = {
    afterQuery(event: AfterQueryEvent) {
      if (on && event.success) {
        log.push({
          sql: event.query,
          parameters: Array.isArray(event.parameters) ? [...event.parameters] : [],
          ms: event.executionTime ?? 0,
        });
      }
    },
  };
  ds.subscribers.push(subscriber);
  return {
    start: () => {
      log.length = 0;
      on = true;
    },
    stop: () => {
      on = false;
      return [...log];
    },
  };
}

/**
 * The statement that cost a run the most time: the SQL text with the largest total over its
 * executions (one slow outlier on a shared machine says little), as its slowest execution.
 * Transaction commands are left out.
 */
export function slowest(log: Statement[]): (Statement & { runs: number; totalMs: number }) | null {
  const byText = new Map<string, { worst: Statement; runs: number; totalMs: number }>();
  for (const s of log) {
    if (/^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(s.sql)) continue;
    const group = byText.get(s.sql) ?? { worst: s, runs: 0, totalMs: 0 };
    group.runs++;
    group.totalMs += s.ms;
    if (s.ms > group.worst.ms) group.worst = s;
    byText.set(s.sql, group);
  }
  let heaviest: { worst: Statement; runs: number; totalMs: number } | null = null;
  for (const group of byText.values()) {
    if (!heaviest || group.totalMs > heaviest.totalMs) heaviest = group;
  }
  return heaviest ? { ...heaviest.worst, runs: heaviest.runs, totalMs: heaviest.totalMs } : null;
}

/**
 * The statement whose time grew the most from the school alone to the académie: totals by
 * SQL text on each side (the parameters differ, the text does not), académie minus alone.
 */
export function mostExtraTime(
  academie: Statement[],
  alone: Statement[],
): { sql: string; runs: number; academieMs: number; aloneMs: number; extraMs: number } | null {
  const totals = (log: Statement[]) => {
    const byText = new Map<string, { ms: number; runs: number }>();
    for (const s of log) {
      const t = byText.get(s.sql) ?? { ms: 0, runs: 0 };
      t.ms += s.ms;
      t.runs++;
      byText.set(s.sql, t);
    }
    return byText;
  };
  const aloneTotals = totals(alone);
  let best: ReturnType<typeof mostExtraTime> = null;
  for (const [sql, t] of totals(academie)) {
    const aloneMs = aloneTotals.get(sql)?.ms ?? 0;
    if (!best || t.ms - aloneMs > best.extraMs) {
      best = { sql, runs: t.runs, academieMs: t.ms, aloneMs, extraMs: t.ms - aloneMs };
    }
  }
  return best && best.extraMs > 0 ? best : null;
}

/**
 * Its plan, run for real (EXPLAIN ANALYZE) inside a transaction rolled back, so that an
 * INSERT or an UPDATE measured this way leaves nothing behind.
 */
export async function explainAnalyze(url: string, statement: Statement): Promise<string> {
  return withServer(url, async (ds) => {
    const runner = ds.createQueryRunner();
    await runner.startTransaction();
    try {
      const rows: { 'QUERY PLAN': string }[] = await runner.query(
        `EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`,
        statement.parameters,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
}
