import type { EntityManager } from 'typeorm';
import { sqliteSql, sqliteValue, type ReadQuery } from './preparedReads';

/**
 * Statements inside a transaction (`db.transaction((m) => …)`), on that transaction's own
 * connection: the reads that must see its writes, and the writes themselves (written with
 * `RETURNING`, which both engines read back as rows, so one shape serves a SELECT, an
 * `INSERT … RETURNING` and an `UPDATE … WHERE version = … RETURNING`). Written once for both
 * databases, like the prepared reads (`$1` placeholders, quoted aliases): better-sqlite3
 * statements prepared once per connection (TypeORM's runners share SQLite's one connection,
 * which the transaction queue lends to one transaction at a time), named prepared statements
 * on the transaction's PostgreSQL client. TypeORM builds and parses every query again: on a
 * grid saved cell by cell that was most of a cell's time.
 */
export interface TransactionStatements {
  all<T>(query: ReadQuery, params: readonly unknown[]): Promise<T[]>;
  one<T>(query: ReadQuery, params: readonly unknown[]): Promise<T | undefined>;
  /** A write that returns no rows (better-sqlite3 refuses `all` on one). */
  run(query: ReadQuery, params: readonly unknown[]): Promise<void>;
}

interface SqliteStatement {
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): unknown;
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}
interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

interface Kept {
  sql: string;
  statement: SqliteStatement;
  order: number[];
}
const sqliteStatements = new WeakMap<SqliteConnection, Map<string, Kept>>();

function keptOn(connection: SqliteConnection, query: ReadQuery): Kept {
  let statements = sqliteStatements.get(connection);
  if (!statements) sqliteStatements.set(connection, (statements = new Map()));
  let kept = statements.get(query.name);
  if (!kept) {
    const { sql, order } = sqliteSql(query.sql);
    kept = { sql: query.sql, statement: connection.prepare(sql), order };
    statements.set(query.name, kept);
  } else if (kept.sql !== query.sql) {
    throw new Error(`Two statements are named ${query.name}`);
  }
  return kept;
}

/** The statements of the transaction `m` is the manager of (refused outside one). */
export function transactionStatements(m: EntityManager): TransactionStatements {
  const runner = m.queryRunner;
  if (!runner?.isTransactionActive) {
    throw new Error('transactionStatements: only inside db.transaction()');
  }
  let all: <T>(query: ReadQuery, params: readonly unknown[]) => Promise<T[]>;
  let run: (query: ReadQuery, params: readonly unknown[]) => Promise<void>;
  if (m.connection.options.type === 'postgres') {
    const pg = runner as unknown as { connect(): Promise<PgClient> };
    let client: Promise<PgClient> | undefined;
    all = async <T>(query: ReadQuery, params: readonly unknown[]) =>
      (
        await (
          await (client ??= pg.connect())
        ).query({
          name: query.name,
          text: query.sql,
          values: [...params],
        })
      ).rows as T[];
    run = async (query, params) => {
      await all(query, params);
    };
  } else {
    const connection = (m.connection.driver as unknown as { databaseConnection: SqliteConnection })
      .databaseConnection;
    // async: a refused statement rejects, as it does on PostgreSQL, rather than throwing.
    all = async <T>(query: ReadQuery, params: readonly unknown[]) => {
      const kept = keptOn(connection, query);
      return kept.statement.all(...kept.order.map((i) => sqliteValue(params[i]))) as T[];
    };
    run = async (query, params) => {
      const kept = keptOn(connection, query);
      kept.statement.run(...kept.order.map((i) => sqliteValue(params[i])));
    };
  }
  return {
    all,
    run,
    one: async <T>(query: ReadQuery, params: readonly unknown[]) =>
      (await all<T>(query, params))[0],
  };
}
