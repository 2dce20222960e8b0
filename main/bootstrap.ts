import { join, resolve } from 'node:path';
import type { PortalPublicSchool } from '../shared/api/portal';
import type { SetupResult } from '../shared/api/staff';
import { consoleErrorLogger, safeErrorSummary, type ErrorLogger } from './api/errorLog';
import { openDatabase, type Database } from './db/database';
import { ensurePrivateDir } from './db/privateFiles';
import { createMailer, mailFolder } from './mail/outbox';
import { createSecretBox, secretKeyFrom } from './mail/secretBox';
import { tidyMailFolder } from './mail/transports';
import { loadLetterFonts, type LetterFonts } from './pdf/fonts';
import { expireAccounts, EXPIRY_JOB } from './services/accounts/expiry';
import { LEAVERS_JOB, syncLeavers } from './services/accounts/leaversJob';
import { systemClock, type Clock } from './services/clock';
import { withRecipientGreeting } from './services/mail/recipientGreeting';
import { startDailyJobs } from './services/dailyJobs';
import { sendDueDigests } from './services/digest/digestJob';
import { eraseDueSanctions, SANCTION_ERASURE_JOB } from './services/schoolLife/sanctionErasure';
import { HOUR } from './services/clock';
import {
  createPortalDispatcher,
  createPortalServices,
  type PortalDispatcher,
  type PortalServices,
} from './services/portal/portalApi';
import { createArgon2Hasher, limitHasher, type PasswordHasher } from './services/secrets';
import { SchoolEntity } from './db/entities';
import { addressOf } from './db/rowHelpers';
import {
  createStaffDispatcher,
  createStaffServices,
  type StaffDispatch,
  type StaffServices,
} from './services/staffApi';
import type { LetterPhase } from './services/letters/letterPdfRun';

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
  /**
   * The address of the portal this process runs, asked when the demo school is created (its
   * letters and e-mails point there); the desktop app's default listener otherwise.
   */
  demoPortalUrl?: () => string | null;
  /** The product's assets/ (fonts of the letters); the project's own by default. */
  assetsDir?: string;
  /** The key that seals secrets (SMTP password, letters waiting in the outbox). */
  secretKey?: Buffer;
  /** Tests: the outbox is worked by the test itself, not by a timer. */
  manualMail?: boolean;
  /** Tests only: called when a batch of letters reaches a phase, to kill the process there. */
  letterPhaseHook?: (phase: LetterPhase) => Promise<void> | void;
}

export interface Pupitre {
  db: Database;
  services: StaffServices;
  dispatch: StaffDispatch;
  mailer: ReturnType<typeof createMailer>;
  /** The family portal's services and door; its listener is started apart (main/portal.ts). */
  portal: {
    services: PortalServices;
    dispatch: PortalDispatcher;
    schools(): Promise<
      (PortalPublicSchool & {
        portalUrl: string;
        listener: { bind: string; port: number; trustedProxy: string };
      })[]
    >;
    secretKey: Buffer;
  };
  /** Set when this start created the demo school: its direction password, shown once. */
  created: SetupResult | null;
  hasSchool: boolean;
  close(): Promise<void>;
}

/** The composition root shared by the desktop app, web mode and the tests. */
export async function startPupitre(options: PupitreOptions): Promise<Pupitre> {
  ensurePrivateDir(options.dataDir);
  const db = await openDatabase(
    options.postgresUrl
      ? { postgresUrl: options.postgresUrl }
      : { path: join(options.dataDir, 'pupitre.sqlite') },
  );
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleErrorLogger;
  if (options.postgresUrl && !options.secretKey && !process.env.PUPITRE_SECRET_KEY) {
    // Several processes share a PostgreSQL base: each would make its own key file and
    // could not open what the others sealed; and the key belongs beside no copy of the base.
    throw new Error(
      'Avec une base PostgreSQL partagée, donnez la clé de chiffrement dans PUPITRE_SECRET_KEY (32 octets en base64 : openssl rand -base64 32), la même pour tous les processus.',
    );
  }
  const secretKey = options.secretKey ?? secretKeyFrom(process.env, options.dataDir);
  const box = createSecretBox(secretKey);
  const mailDir = mailFolder(options.dataDir);
  const mailer = createMailer({
    db,
    now: () => clock.now(),
    mailDir,
    box,
    logger,
    ...(options.manualMail ? { manual: true } : {}),
  });
  // What the services write through: the recipient's civility and the school's name added.
  const familyMailer = withRecipientGreeting(mailer);
  let fonts: LetterFonts | null = null;
  const assetsDir = options.assetsDir ?? resolve('assets');
  // One hasher for staff and families, at most two hashes at once (STACK.md).
  const hasher = limitHasher(options.hasher ?? createArgon2Hasher(), 2);
  const services = createStaffServices({
    db,
    clock,
    hasher,
    initialDirectionPassword: options.adminPassword,
    uploadDir: join(options.dataDir, 'imports'),
    mailer: familyMailer,
    box,
    mailDir,
    lettersDir: join(options.dataDir, 'courriers'),
    fonts: async () => (fonts ??= loadLetterFonts(join(assetsDir, 'fonts'))),
    siecleSchemaPath: join(assetsDir, 'siecle', 'schema_Import_3.1.xsd'),
    letterPhaseHook: options.letterPhaseHook,
    logger,
    demoSeed: async () => {
      // Loaded on demand: faker is heavy and only the demo needs it.
      const { generateDemoSchool } = await import('./services/demo/generateDemoSchool');
      const portalUrl = options.demoPortalUrl?.();
      return generateDemoSchool({
        ...(options.demoStudentCount ? { studentCount: options.demoStudentCount } : {}),
        ...(portalUrl ? { portalUrl } : {}),
      });
    },
  });
  const dispatch = createStaffDispatcher(services, db, logger);
  const portalServices = createPortalServices({
    db,
    clock,
    hasher,
    mailer: familyMailer,
    logger,
  });
  const portalDispatch = createPortalDispatcher(portalServices, logger);
  // Family sessions past their limits and faded throttle counts, every hour.
  const portalPurge = setInterval(() => {
    void Promise.all([portalServices.sessions.purge(), portalServices.auth.purge()]).catch(
      (error: unknown) => logger.error('Purge du portail', safeErrorSummary(error)),
    );
  }, HOUR);
  portalPurge.unref();
  let created: SetupResult | null = null;
  let { hasSchool } = await services.setup.status();
  if (!hasSchool && options.demo) {
    created = await services.setup.createSchool({ kind: 'demo' });
    hasSchool = true;
  }
  await services.letters.tidy();
  await mailer.start();
  const jobs = startDailyJobs(
    [
      { name: EXPIRY_JOB, run: () => expireAccounts(db, clock) },
      { name: LEAVERS_JOB, run: () => syncLeavers(db, clock) },
      { name: 'letters.tidy', run: () => services.letters.tidy() },
      { name: 'mail.tidy', run: async () => void tidyMailFolder(mailDir, clock.now()) },
      { name: SANCTION_ERASURE_JOB, run: () => eraseDueSanctions(db, clock) },
    ],
    clock,
    logger,
  );
  // The family digest (issue 17 §5) looks every hour, and once now to catch up: it decides
  // itself whether an account is due (the school's hour, not at night, once a day).
  let digestRun: Promise<unknown> = Promise.resolve();
  const runDigests = () => {
    digestRun = sendDueDigests(db, clock, familyMailer).catch((error: unknown) =>
      logger.error('Résumés par courriel', safeErrorSummary(error)),
    );
  };
  if (!options.manualMail) runDigests();
  const digestTimer = setInterval(runDigests, HOUR);
  digestTimer.unref();
  return {
    db,
    services,
    dispatch,
    mailer,
    portal: {
      services: portalServices,
      dispatch: portalDispatch,
      schools: async () =>
        (await db.manager.getRepository(SchoolEntity).find({ order: { id: 'ASC' } })).map((s) => ({
          name: s.name,
          address: addressOf(s),
          phone: s.phone,
          email: s.familiesMayEmail ? s.email : '',
          welcomeMessage: s.welcomeMessage,
          publicationDirector: s.publicationDirector,
          portalUrl: s.portalUrl,
          listener: { bind: s.portalBind, port: s.portalPort, trustedProxy: s.portalTrustedProxy },
        })),
      secretKey,
    },
    created,
    hasSchool,
    close: async () => {
      clearInterval(portalPurge);
      clearInterval(digestTimer);
      await digestRun;
      // Recovery mail still being written after its answer goes out before the database closes.
      await portalServices.auth.settled();
      await jobs.stop();
      services.imports.close();
      await mailer.stop();
      await db.close();
    },
  };
}
