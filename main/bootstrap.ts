import { mkdirSync } from 'node:fs';
import type { SetupResult } from '../shared/api/staff';
import { join } from 'node:path';
import { openDatabase, type Database } from './db/database';
import { systemClock, type Clock } from './services/clock';
import { consoleErrorLogger, type ErrorLogger } from './api/errorLog';
import {
  createStaffDispatcher,
  createStaffServices,
  type StaffDispatch,
  type StaffServices,
} from './services/staffApi';
import { createScryptHasher, type PasswordHasher } from './services/secrets';

export interface PupitreOptions {
  /** Folder holding pupitre.sqlite (PUPITRE_DATA_DIR); ':memory:' is not accepted here. */
  dataDir: string;
  clock?: Clock;
  hasher?: PasswordHasher;
  /** First direction password (PUPITRE_ADMIN_PASSWORD); generated and shown once otherwise. */
  adminPassword?: string | undefined;
  logger?: ErrorLogger;
  /** A shared PostgreSQL database instead of the data folder's SQLite file. */
  postgresUrl?: string | undefined;
  /** Students in the demo school (tests and benches use other sizes). */
  demoStudentCount?: number;
  /** Create the demo school when the database holds no school yet (`--demo`). */
  demo?: boolean;
}

export interface Pupitre {
  db: Database;
  services: StaffServices;
  dispatch: StaffDispatch;
  /** Set when this start created the demo school: its direction password, shown once. */
  created: SetupResult | null;
  hasSchool: boolean;
  close(): Promise<void>;
}

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
  const dispatch = createStaffDispatcher(services, db, options.logger ?? consoleErrorLogger);
  let created: SetupResult | null = null;
  let { hasSchool } = await services.setup.status();
  if (!hasSchool && options.demo) {
    created = await services.setup.createSchool({ kind: 'demo' });
    hasSchool = true;
  }
  return {
    db,
    services,
    dispatch,
    created,
    hasSchool,
    close: async () => {
      services.imports.close();
      await db.close();
    },
  };
}
