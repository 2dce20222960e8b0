import type { EntitySchemaColumnOptions } from 'typeorm';

/**
 * Column helpers. Every column names its SQL type: TypeORM would otherwise guess from
 * TypeScript (a number becomes `integer` and loses decimals) and SQLite and PostgreSQL
 * would drift apart. Dates are 'YYYY-MM-DD' and instants ISO 8601 UTC strings, kept as
 * varchar so that both engines store, compare and sort them the same way.
 */
export const pk = (): EntitySchemaColumnOptions => ({
  type: 'integer',
  primary: true,
  generated: 'increment',
});
export const int = (name: string, nullable = false): EntitySchemaColumnOptions => ({
  type: 'integer',
  name,
  nullable,
});
export const str = (name: string, length: number, nullable = false): EntitySchemaColumnOptions => ({
  type: 'varchar',
  name,
  length,
  nullable,
});
export const longText = (name: string): EntitySchemaColumnOptions => ({ type: 'text', name });
export const bool = (name: string): EntitySchemaColumnOptions => ({ type: 'boolean', name });
export const isoDate = (name: string, nullable = false) => str(name, 10, nullable);
export const instant = (name: string, nullable = false) => str(name, 30, nullable);

export const addressColumns = (prefix: string) => ({
  addressLine1: str(`${prefix}line1`, 200),
  addressLine2: str(`${prefix}line2`, 200),
  postalCode: str(`${prefix}postal_code`, 10),
  city: str(`${prefix}city`, 100),
  country: str(`${prefix}country`, 100),
});
