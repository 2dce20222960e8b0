/**
 * A unique index refused the write: on PostgreSQL two workstations (two processes, two
 * transaction queues) may race where one process's queue cannot see it. SQLite reports
 * SQLITE_CONSTRAINT_UNIQUE, PostgreSQL 23505, both on the driver's error.
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
