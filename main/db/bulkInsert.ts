import type { EntityManager } from 'typeorm';

/**
 * Inserts many rows of one entity with plain multi-row INSERT statements. TypeORM's insert
 * builder spends most of a school import building parameters (about half a second for
 * 10,000 rows); this writes the same SQL directly. Values still go through the driver's
 * own conversion (booleans become 0/1 on SQLite, stay booleans on PostgreSQL), and the
 * placeholders follow the driver. Generated ids are not read back.
 */
export async function bulkInsert(
  m: EntityManager,
  entityName: string,
  rows: Record<string, unknown>[],
  chunkSize = 100,
): Promise<void> {
  await insertChunks(m, entityName, rows, chunkSize, []);
}

/**
 * The same, reading back the given columns (by their SQL names) of every inserted row with
 * `RETURNING`, which SQLite (≥ 3.35) and PostgreSQL both know: the caller learns the new ids
 * without reading the table again. Rows come back as plain objects keyed by column name,
 * in no promised order: return a column that tells them apart.
 */
export async function bulkInsertReturning<T>(
  m: EntityManager,
  entityName: string,
  rows: Record<string, unknown>[],
  returning: string[],
  chunkSize = 100,
): Promise<T[]> {
  return (await insertChunks(m, entityName, rows, chunkSize, returning)) as T[];
}

/**
 * How rows of one entity are written: its table and the columns the first row sets (the
 * generated ones left out), each value converted by the driver as TypeORM would (booleans
 * become 0/1 on SQLite, stay booleans on PostgreSQL).
 */
export function insertShape(m: EntityManager, entityName: string, first: Record<string, unknown>) {
  const driver = m.connection.driver;
  const metadata = m.connection.getMetadata(entityName);
  const columns = metadata.columns.filter(
    (c) => !c.isGenerated && first[c.propertyName] !== undefined,
  );
  return {
    postgres: driver.options.type === 'postgres',
    table: driver.escape(metadata.tableName),
    columnList: columns.map((c) => driver.escape(c.databaseName)).join(', '),
    columnCount: columns.length,
    escape: (name: string) => driver.escape(name),
    /** A row's values in the columns' order, ready to bind. */
    valuesOf(row: Record<string, unknown>, into: unknown[]): void {
      for (const column of columns) {
        const value = row[column.propertyName];
        if (value === undefined && !column.isNullable) {
          throw new Error(`${entityName}.${column.propertyName} manque dans une ligne à insérer`);
        }
        into.push(driver.preparePersistentValue(value ?? null, column));
      }
    },
  };
}

async function insertChunks(
  m: EntityManager,
  entityName: string,
  rows: Record<string, unknown>[],
  chunkSize: number,
  returning: string[],
): Promise<unknown[]> {
  if (rows.length === 0) return [];
  const shape = insertShape(m, entityName, rows[0]!);
  const tail = returning.length
    ? ` RETURNING ${returning.map((name) => shape.escape(name)).join(', ')}`
    : '';
  const returned: unknown[] = [];

  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const first = params.length;
      shape.valuesOf(row, params);
      const marks = params.slice(first).map((_, i) => (shape.postgres ? `$${first + i + 1}` : '?'));
      return `(${marks.join(', ')})`;
    });
    const result: unknown = await m.query(
      `INSERT INTO ${shape.table} (${shape.columnList}) VALUES ${tuples.join(', ')}${tail}`,
      params,
    );
    if (tail && Array.isArray(result)) returned.push(...(result as unknown[]));
  }
  return returned;
}

/**
 * A query written with `?` placeholders, run on either engine (numbered `$n` on PostgreSQL):
 * rows come back as plain objects keyed by column name, with no entity built for each one.
 * The SQL must hold no literal question mark.
 */
export async function rawRows<T>(m: EntityManager, sql: string, params: unknown[] = []) {
  let n = 0;
  const text =
    m.connection.driver.options.type === 'postgres' ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  return (await m.query(text, params)) as T[];
}
