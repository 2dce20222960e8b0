import { DataSource, type EntityManager } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { ensurePrivateDatabaseFiles } from './privateFiles';
import { SerialQueue } from './serialQueue';

export type DatabaseOptions = (
  | {
      /** A file path, or ':memory:' in tests. */
      path: string;
    }
  | {
      /** postgres://user:password@host/database — a database shared by several workstations. */
      postgresUrl: string;
    }
) & {
  /** Log every SQL statement (debugging). */
  logging?: boolean;
};

/**
 * The school database. All writes that must be atomic go through `transaction`, which
 * queues top-level transactions: TypeORM's query runners share better-sqlite3's single
 * connection, so two `dataSource.transaction()` calls at once both fail while the first
 * one's rows are still committed — the caller would be told it failed when it half
 * succeeded.
 */
export interface Database {
  readonly dataSource: DataSource;
  readonly manager: EntityManager;
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const dataSource =
    'postgresUrl' in options
      ? postgresSource(options.postgresUrl, options.logging)
      : sqliteSource(options.path, options.logging);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'all' });
  return wrapDataSource(dataSource);
}

/** The same entities and migrations on PostgreSQL (académie-wide or multi-workstation installs). */
function postgresSource(url: string, logging = false): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging,
  });
}

function sqliteSource(path: string, logging = false): DataSource {
  ensurePrivateDatabaseFiles(path);
  return new DataSource({
    type: 'better-sqlite3',
    database: path,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging,
    enableWAL: path !== ':memory:',
    // better-sqlite3's busy timeout, for a second process (a backup, a second window).
    timeout: 5000,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('synchronous = NORMAL');
    },
  });
}

export function wrapDataSource(dataSource: DataSource): Database {
  const queue = new SerialQueue();
  return {
    dataSource,
    manager: dataSource.manager,
    transaction: (work) => queue.run(() => dataSource.transaction(work)),
    close: async () => {
      await queue.idle();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
