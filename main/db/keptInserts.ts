import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { insertShape } from './bulkInsert';
import { readQuery, type ReadQuery } from './preparedReads';
import { transactionStatements } from './transactionStatements';

/** Rows per statement at most, and bound values per statement at most (both engines allow more). */
const MAX_ROWS = 128;
const MAX_VALUES = 8_000;

/** The row counts a list of `total` rows is written in: full chunks, then halving sizes. */
function chunkSizes(total: number, full: number): number[] {
  const sizes: number[] = [];
  let left = total;
  for (; left >= full; left -= full) sizes.push(full);
  for (let size = full >> 1; size > 0; size >>= 1) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

/** The statements' texts, built once a shape and size. */
const queries = new Map<string, ReadQuery>();

/**
 * Many rows of one entity inserted inside the caller's transaction on statements kept there
 * (transactionStatements: better-sqlite3 statements prepared once per connection, named
 * prepared statements on PostgreSQL). A school's import wrote ~150 multi-row INSERTs, each
 * built, parsed and planned again: preparing them was most of its database time. Here the
 * rows go in chunks of a few sizes only (full chunks, then halves: 64, 32… 1 row), so each
 * table keeps at most eight statements, and the values are converted by the driver as
 * TypeORM would. With `returning` (SQL column names), the inserted rows' columns come back,
 * in no promised order: return a column that tells them apart.
 */
export async function insertKept<T = never>(
  m: EntityManager,
  entityName: string,
  rows: Record<string, unknown>[],
  returning: string[] = [],
): Promise<T[]> {
  if (rows.length === 0) return [];
  const statements = transactionStatements(m);
  const shape = insertShape(m, entityName, rows[0]!);
  const tail = returning.length
    ? ` RETURNING ${returning.map((name) => `${shape.escape(name)} AS "${name}"`).join(', ')}`
    : '';
  const head = `INSERT INTO ${shape.table} (${shape.columnList}) VALUES `;
  // Named by what the statement writes: a name is one SQL text on both engines.
  const key = createHash('sha1')
    .update(head + tail)
    .digest('hex')
    .slice(0, 16);
  const full = Math.max(
    1,
    Math.min(MAX_ROWS, 2 ** Math.floor(Math.log2(MAX_VALUES / Math.max(1, shape.columnCount)))),
  );
  const queryOf = (size: number) => {
    const name = `insert.${key}.${size}`;
    let query = queries.get(name);
    if (!query) {
      let n = 0;
      const tuples = Array.from(
        { length: size },
        () => `(${Array.from({ length: shape.columnCount }, () => `$${++n}`).join(', ')})`,
      );
      query = readQuery(name, `${head}${tuples.join(', ')}${tail}`);
      queries.set(name, query);
    }
    return query;
  };
  const returned: T[] = [];
  let start = 0;
  for (const size of chunkSizes(rows.length, full)) {
    const query = queryOf(size);
    const params: unknown[] = [];
    for (let i = start; i < start + size; i++) shape.valuesOf(rows[i]!, params);
    start += size;
    if (tail) returned.push(...(await statements.all<T>(query, params)));
    else await statements.run(query, params);
  }
  return returned;
}
