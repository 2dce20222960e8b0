import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * The data folder holds the school's database (pupils, families, password hashes) and the
 * key that seals the mail settings: no other account of the machine may read it, whatever
 * the umask (022 makes new files world-readable). On Windows the per-user profile folder
 * already keeps other accounts out, and POSIX modes mean nothing there.
 */
const POSIX = process.platform !== 'win32';

/** Only what this account owns: a folder an administrator lent (PUPITRE_DATA_DIR) is theirs. */
function narrow(path: string, mode: number): void {
  if (statSync(path).uid === process.getuid?.()) chmodSync(path, mode);
}

/** Creates the folder 0700, and narrows one left 0755 by an older version. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX) narrow(dir, 0o700);
}

/**
 * Creates the SQLite file 0600 before SQLite opens it, and narrows an existing one and its
 * -wal and -shm files: SQLite gives the -wal and -shm files it creates the database file's
 * own mode (os_unix.c, findCreateFileMode), so they are 0600 too.
 */
export function ensurePrivateDatabaseFiles(path: string): void {
  if (path === ':memory:' || !POSIX) return;
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    if (existsSync(file)) narrow(file, 0o600);
  }
}
