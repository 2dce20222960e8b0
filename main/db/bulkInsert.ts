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
  if (rows.length === 0) return;
  const driver = m.connection.driver;
  const metadata = m.connection.getMetadata(entityName);
  const columns = metadata.columns.filter(
    (c) => !c.isGenerated && rows[0]![c.propertyName] !== undefined,
  );
  const postgres = driver.options.type === 'postgres';
  const table = driver.escape(metadata.tableName);
  const columnList = columns.map((c) => driver.escape(c.databaseName)).join(', ');

  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = columns.map((column) => {
        const value = row[column.propertyName];
        if (value === undefined && !column.isNullable) {
          throw new Error(`${entityName}.${column.propertyName} manque dans une ligne à insérer`);
        }
        params.push(driver.preparePersistentValue(value ?? null, column));
        return postgres ? `$${params.length}` : '?';
      });
      return `(${marks.join(', ')})`;
    });
    await m.query(`INSERT INTO ${table} (${columnList}) VALUES ${tuples.join(', ')}`, params);
  }
}
