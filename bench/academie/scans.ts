// Which statements of a run read a whole académie-sized table: each distinct statement
// recorded is planned again (EXPLAIN, not run) and its plan searched for a sequential scan
// of a table holding more rows than any one school has (sizes as of the last ANALYZE).
import { DataSource } from 'typeorm';
import type { Statement } from './postgres';

/** More rows than a school of 600 pupils holds in any table (its ~1,600 family accounts). */
const ACADEMIE_ROWS = 10_000;

export interface Scan {
  table: string;
  rows: number;
  sql: string;
}

export async function academieScans(url: string, log: Statement[]): Promise<Scan[]> {
  const ds = new DataSource({ type: 'postgres', url });
  await ds.initialize();
  try {
    const sizes = new Map<string, number>(
      (
        (await ds.query(
          `SELECT relname, reltuples FROM pg_class
           WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples > $1`,
          [ACADEMIE_ROWS],
        )) as { relname: string; reltuples: string }[]
      ).map((r) => [r.relname, Number(r.reltuples)]),
    );
    const seen = new Set<string>();
    const scans: Scan[] = [];
    for (const s of log) {
      // Multi-row INSERTs plan no scan; each chunk size is its own text, so skip them all.
      if (!/^\s*(SELECT|UPDATE|DELETE|WITH)/i.test(s.sql) || seen.has(s.sql)) continue;
      seen.add(s.sql);
      const plan: { 'QUERY PLAN': string }[] = await ds.query(`EXPLAIN ${s.sql}`, s.parameters);
      for (const line of plan) {
        const table = /Seq Scan on (\w+)/.exec(line['QUERY PLAN'])?.[1];
        if (table && sizes.has(table)) {
          scans.push({ table, rows: sizes.get(table)!, sql: s.sql.replace(/\s+/g, ' ').trim() });
        }
      }
    }
    return scans;
  } finally {
    await ds.destroy();
  }
}
