import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from './db/database';
import { systemClock, type Clock } from './services/clock';
import { createDispatcher, type Dispatch, type DispatchLogger } from './services/dispatch';
import { createStaffHandlers, createStaffServices, type StaffServices } from './services/handlers';
import { createScryptHasher, type PasswordHasher } from './services/secrets';

export interface PupitreOptions {
  /** Folder holding pupitre.sqlite (PUPITRE_DATA_DIR); ':memory:' is not accepted here. */
  dataDir: string;
  clock?: Clock;
  hasher?: PasswordHasher;
  /** First direction password (PUPITRE_ADMIN_PASSWORD); generated and shown once otherwise. */
  adminPassword?: string | undefined;
  logger?: DispatchLogger;
  /** A shared PostgreSQL database instead of the data folder's SQLite file. */
  postgresUrl?: string | undefined;
  /** Students in the demo school (tests and benches use other sizes). */
  demoStudentCount?: number;
}

export interface Pupitre {
  db: Database;
  services: StaffServices;
  dispatch: Dispatch;
  close(): Promise<void>;
}

const consoleLogger: DispatchLogger = {
  error: (message, error) => console.error(message, error),
};

/** The composition root shared by the desktop app, web mode and the tests. */
export async function startPupitre(options: PupitreOptions): Promise<Pupitre> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = await openDatabase(
    options.postgresUrl
      ? { postgresUrl: options.postgresUrl }
      : { path: join(options.dataDir, 'pupitre.sqlite') },
  );
  const clock = options.clock ?? systemClock;
  const services = createStaffServices({
    db,
    clock,
    hasher: options.hasher ?? createScryptHasher(),
    initialDirectionPassword: options.adminPassword,
    uploadDir: join(options.dataDir, 'imports'),
    demoSeed: async () => {
      // Loaded on demand: faker is heavy and only the demo needs it.
      const { generateDemoSchool } = await import('./services/demo/generateDemoSchool');
      return generateDemoSchool({
        ...(options.demoStudentCount ? { studentCount: options.demoStudentCount } : {}),
      });
    },
  });
  const dispatch = createDispatcher(
    createStaffHandlers(services, db),
    services.auth,
    options.logger ?? consoleLogger,
  );
  return { db, services, dispatch, close: () => db.close() };
}
