import { allowedWithTemporaryPassword } from '../../shared/domain/access';
import { staffCalls, type StaffCalls } from '../../shared/api/staff';
import { createDispatcher, type Handlers } from '../api/dispatcher';
import type { ErrorLogger } from '../api/errorLog';
import type { Database } from '../db/database';
import { accountHandlers } from './accounts/handlers';
import { createAccountService } from './accounts/accountService';
import { createFamilySupport } from './accounts/familySupport';
import { auditHandlers } from './audit/handlers';
import type { Clock } from './clock';
import type { StaffActor } from './context';
import { createImportService } from './import/importService';
import { infoSheetHandlers } from './infoSheets/handlers';
import { createInfoSheetReview } from './infoSheets/review';
import { createInfoSheetExport } from './siecleExport/exportService';
import { importHandlers } from './import/handlers';
import { letterHandlers } from './letters/handlers';
import { createLetterJobs } from './letters/letterJobs';
import { mailHandlers } from './mail/handlers';
import { createMailService } from './mail/mailService';
import type { LetterFonts } from '../pdf/fonts';
import type { SecretBox } from '../mail/secretBox';
import type { Mailer } from '../mail/types';
import { pupilHandlers } from './pupils/handlers';
import { createGuardianService } from './pupils/guardians';
import { createRosterService } from './pupils/rosters';
import { createStudentService } from './pupils/students';
import { createDashboardService } from './school/dashboard';
import { createAssessmentService } from './grades/assessments';
import { createGradeGrid } from './grades/gradeGrid';
import { gradeHandlers } from './grades/handlers';
import { createMarkSaving } from './grades/markSaving';
import { createReportCards } from './grades/reportCards';
import { schoolHandlers } from './school/handlers';
import { createSchoolService } from './school/school';
import { createCoefficientService } from './school/coefficients';
import { periodHandlers } from './school/periodHandlers';
import { createPeriodService } from './school/periods';
import { createPublicationService } from './school/publication';
import type { SchoolSeed } from './school/schoolSeed';
import { createSchoolLifeArchiveService } from './schoolLife/archive';
import { schoolLifeArchiveHandlers } from './schoolLife/archiveHandlers';
import { createSchoolLifeEventService } from './schoolLife/events';
import { schoolLifeHandlers } from './schoolLife/handlers';
import { createSchoolLifePreview } from './schoolLife/familyPreview';
import { justificationHandlers } from './schoolLife/justificationHandlers';
import { createJustificationService } from './schoolLife/justifications';
import { createMotifService } from './schoolLife/motifs';
import { createSchoolLifePurgeService } from './schoolLife/purge';
import { createRollService } from './schoolLife/roll';
import { createSchoolLifeSettingsService } from './schoolLife/settings';
import { createWatchService } from './schoolLife/watch';
import { createAbsenceNoticeService } from './schoolLife/notice';
import { createSetupService } from './school/setup';
import type { PasswordHasher } from './secrets';
import { createAuthService } from './staff/auth';
import { staffHandlers as staffUserHandlers } from './staff/handlers';
import { createUserService } from './staff/users';
import { teachingHandlers } from './teaching/handlers';
import { createStsImportService } from './teaching/stsImport';
import { createTeachingServices } from './teaching/teachingServices';
import type { LetterPhase } from './letters/letterPdfRun';

/** One handler per call of the staff contract; a missing one is a compile error. */
export type StaffHandlers = Handlers<StaffCalls, StaffActor>;

export interface StaffDeps {
  db: Database;
  clock: Clock;
  hasher: PasswordHasher;
  demoSeed: () => Promise<SchoolSeed>;
  initialDirectionPassword?: string | undefined;
  /** Where uploaded SIECLE files wait for their preview to be applied. */
  uploadDir: string;
  mailer: Mailer;
  box: SecretBox;
  /** Where the folder transport writes .eml files. */
  mailDir: string;
  fonts: () => Promise<LetterFonts>;
  /** Where batches of letters wait to be downloaded. */
  lettersDir: string;
  letterPhaseHook?: ((phase: LetterPhase) => Promise<void> | void) | undefined;
  logger?: ErrorLogger;
  /** The IMPORT_ELEVES XSD the fiche's export is checked against (assets/siecle). */
  siecleSchemaPath?: string | undefined;
}

export function createStaffServices(deps: StaffDeps) {
  const accounts = createAccountService(deps);
  return {
    familySupport: createFamilySupport({ ...deps, accounts }),
    auth: createAuthService(deps),
    setup: createSetupService(deps),
    school: createSchoolService(deps),
    students: createStudentService(deps),
    guardians: createGuardianService(deps),
    rosters: createRosterService(deps),
    dashboard: createDashboardService(deps),
    users: createUserService(deps),
    imports: createImportService(deps),
    accounts,
    letters: createLetterJobs({
      ...deps,
      ...(deps.letterPhaseHook ? { onPhase: deps.letterPhaseHook } : {}),
    }),
    mail: createMailService(deps),
    stsImport: createStsImportService(deps),
    teaching: createTeachingServices(deps),
    periods: createPeriodService(deps),
    publication: createPublicationService(deps),
    coefficients: createCoefficientService(deps),
    assessments: createAssessmentService(deps),
    gradeGrid: createGradeGrid(deps),
    markSaving: createMarkSaving(deps),
    reportCards: createReportCards(deps),
    motifs: createMotifService(deps),
    schoolLifeSettings: createSchoolLifeSettingsService(deps),
    roll: createRollService(deps),
    schoolLife: createSchoolLifeEventService(deps),
    absenteeism: createWatchService(deps),
    justifications: createJustificationService(deps),
    schoolLifePreview: createSchoolLifePreview(deps),
    absenceNotices: createAbsenceNoticeService(deps),
    infoSheetReview: createInfoSheetReview(deps),
    infoSheetExport: createInfoSheetExport(deps),
    schoolLifeArchive: createSchoolLifeArchiveService(deps),
    schoolLifePurge: createSchoolLifePurgeService(deps),
  };
}

export type StaffServices = ReturnType<typeof createStaffServices>;

export function createStaffHandlers(services: StaffServices, db: Database): StaffHandlers {
  return {
    ...schoolHandlers(services),
    ...staffUserHandlers(services),
    ...pupilHandlers(services),
    ...auditHandlers(db),
    ...importHandlers(services),
    ...accountHandlers(services),
    ...letterHandlers(services),
    ...mailHandlers(services),
    ...teachingHandlers(services),
    ...periodHandlers(services),
    ...gradeHandlers(services),
    ...schoolLifeHandlers(services),
    ...justificationHandlers(services),
    ...infoSheetHandlers(services),
    ...schoolLifeArchiveHandlers(services),
  };
}

/** The staff side's one door, shared by the desktop IPC channel and web mode's HTTP routes. */
export function createStaffDispatcher(services: StaffServices, db: Database, logger: ErrorLogger) {
  return createDispatcher<StaffCalls, StaffActor>({
    calls: staffCalls,
    handlers: createStaffHandlers(services, db),
    resolveActor: (token) => services.auth.resolve(token),
    gate: (name, actor) =>
      actor.mustChangePassword && !allowedWithTemporaryPassword(name)
        ? {
            code: 'forbidden',
            message:
              'Choisissez d’abord votre mot de passe personnel (mot de passe provisoire en cours).',
          }
        : null,
    logger,
    unauthenticated: 'Votre session a expiré : reconnectez-vous.',
  });
}

export type StaffDispatch = ReturnType<typeof createStaffDispatcher>;
