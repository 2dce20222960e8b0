import type { DataSource } from 'typeorm';

/**
 * A read written once for both databases: `$1`, `$2`… placeholders (PostgreSQL's), a name
 * unique in the process (it names the prepared statement on PostgreSQL and keys the cache on
 * SQLite). Column aliases are quoted (`AS "studentId"`) so both engines keep their case.
 */
export interface ReadQuery {
  readonly name: string;
  readonly sql: string;
}

export const readQuery = (name: string, sql: string): ReadQuery => ({ name, sql });

/**
 * Reads on prepared statements, beside TypeORM (which builds and parses every query again,
 * about a third of a family page's time): better-sqlite3 statements prepared once and kept,
 * named prepared statements on PostgreSQL (`pg` prepares a name once per pooled connection).
 * For reads only, outside transactions: on PostgreSQL they go through the pool, so a read
 * that must see a transaction's own writes stays on that transaction's EntityManager.
 */
export interface PreparedReads {
  all<T>(query: ReadQuery, params: readonly unknown[]): Promise<T[]>;
  one<T>(query: ReadQuery, params: readonly unknown[]): Promise<T | undefined>;
  /**
   * The rows as arrays of values, in the select's order. better-sqlite3 builds a row object
   * one property at a time: a read of a few dozen rows of twenty columns took twice as long as
   * objects as it does as arrays. For the wide reads of a family page; the caller names the
   * values (one object literal a row, cheap in V8).
   */
  tuples<T extends readonly unknown[]>(query: ReadQuery, params: readonly unknown[]): Promise<T[]>;
}

interface SqliteStatement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  raw(toggle: boolean): SqliteStatement;
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}
interface PgPool {
  query(config: {
    name: string;
    text: string;
    values: unknown[];
    rowMode?: 'array';
  }): Promise<{ rows: unknown[] }>;
}

/**
 * `$1`, `$2`… → `?` for SQLite, with the order the values take (better-sqlite3 takes `?NNN`
 * as a named parameter, and a `$n` may come twice): `[1, 2, 1]` for `$1 … $2 … $1`.
 */
export function sqliteSql(sql: string): { sql: string; order: number[] } {
  const order: number[] = [];
  const text = sql.replace(/\$(\d+)/g, (_m, n: string) => {
    order.push(Number(n) - 1);
    return '?';
  });
  return { sql: text, order };
}

const cache = new WeakMap<DataSource, PreparedReads>();

/** The prepared reads of a data source, made once (statements are cached inside). */
export function preparedReads(dataSource: DataSource): PreparedReads {
  let reads = cache.get(dataSource);
  if (!reads) {
    reads =
      dataSource.options.type === 'postgres' ? postgresReads(dataSource) : sqliteReads(dataSource);
    cache.set(dataSource, reads);
  }
  return reads;
}

function sqliteReads(dataSource: DataSource): PreparedReads {
  interface Kept {
    sql: string;
    statement: SqliteStatement;
    order: number[];
  }
  const statements = new Map<string, Kept>();
  // A statement's raw (array) mode is its own state: array reads keep statements of their own.
  const arrayStatements = new Map<string, Kept>();
  const connection = () =>
    (dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
  function keptOf(query: ReadQuery, asArrays = false): Kept {
    const kepts = asArrays ? arrayStatements : statements;
    let kept = kepts.get(query.name);
    if (!kept) {
      const { sql, order } = sqliteSql(query.sql);
      const statement = connection().prepare(sql);
      kept = { sql: query.sql, statement: asArrays ? statement.raw(true) : statement, order };
      kepts.set(query.name, kept);
    } else if (kept.sql !== query.sql) {
      throw new Error(`Two reads are named ${query.name}`);
    }
    return kept;
  }
  const values = (kept: Kept, params: readonly unknown[]) =>
    kept.order.map((i) => sqliteValue(params[i]));
  return {
    // async: a refused statement rejects, as it does on PostgreSQL, rather than throwing.
    all: async <T>(query: ReadQuery, params: readonly unknown[]) => {
      const kept = keptOf(query);
      return kept.statement.all(...values(kept, params)) as T[];
    },
    one: async <T>(query: ReadQuery, params: readonly unknown[]) => {
      const kept = keptOf(query);
      return kept.statement.get(...values(kept, params)) as T | undefined;
    },
    tuples: async <T extends readonly unknown[]>(query: ReadQuery, params: readonly unknown[]) => {
      const kept = keptOf(query, true);
      return kept.statement.all(...values(kept, params)) as T[];
    },
  };
}

/** better-sqlite3 binds no boolean: TypeORM stores them as 0/1. */
export const sqliteValue = (value: unknown) =>
  typeof value === 'boolean' ? (value ? 1 : 0) : value === undefined ? null : value;

function postgresReads(dataSource: DataSource): PreparedReads {
  const pool = () => (dataSource.driver as unknown as { master: PgPool }).master;
  const all = async <T>(query: ReadQuery, params: readonly unknown[]) =>
    (await pool().query({ name: query.name, text: query.sql, values: [...params] })).rows as T[];
  return {
    all,
    one: async <T>(query: ReadQuery, params: readonly unknown[]) =>
      (await all<T>(query, params))[0],
    tuples: async <T extends readonly unknown[]>(query: ReadQuery, params: readonly unknown[]) =>
      (
        await pool().query({
          name: query.name,
          text: query.sql,
          values: [...params],
          rowMode: 'array',
        })
      ).rows as T[],
  };
}

/** A boolean column as read: 0/1 on SQLite, true/false on PostgreSQL. */
export const readBool = (value: unknown): boolean => value === true || value === 1;
