import type { StaffCallName, StaffOutput, StaffParsedInput } from '../../shared/api/staff';
import type { Database } from '../db/database';
import { listAudit } from './audit';
import { createAuthService } from './auth';
import type { Clock } from './clock';
import { requireActor, type CallContext } from './context';
import { createDashboardService } from './dashboard';
import { createGuardianService } from './guardians';
import { createSchoolService } from './school';
import type { SchoolSeed } from './schoolSeed';
import type { PasswordHasher } from './secrets';
import { createSetupService } from './setup';
import { createStudentService } from './students';
import { createUserService } from './users';
import { createImportService } from './import/importService';

export type Handler<K extends StaffCallName> = (
  input: StaffParsedInput<K>,
  ctx: CallContext,
) => Promise<StaffOutput<K>>;

/** One handler per call of the contract; a missing one is a compile error. */
export type StaffHandlers = { [K in StaffCallName]: Handler<K> };

export interface StaffDeps {
  db: Database;
  clock: Clock;
  hasher: PasswordHasher;
  demoSeed: () => Promise<SchoolSeed>;
  initialDirectionPassword?: string | undefined;
  /** Where uploaded SIECLE files wait for their preview to be applied. */
  uploadDir: string;
}

export function createStaffServices(deps: StaffDeps) {
  return {
    auth: createAuthService(deps),
    setup: createSetupService(deps),
    school: createSchoolService(deps),
    students: createStudentService(deps),
    guardians: createGuardianService(deps),
    dashboard: createDashboardService(deps),
    users: createUserService(deps),
    imports: createImportService(deps),
  };
}

export type StaffServices = ReturnType<typeof createStaffServices>;

export function createStaffHandlers(services: StaffServices, db: Database): StaffHandlers {
  const { auth, setup, school, students, guardians, dashboard, users, imports } = services;
  const actor = requireActor;
  return {
    'setup.status': () => setup.status(),
    'setup.createSchool': (input) => setup.createSchool(input),
    'session.login': (input) => auth.login(input),
    'session.me': (_input, ctx) => auth.me(actor(ctx)),
    'session.logout': (_input, ctx) => auth.logout(actor(ctx)),
    'session.changePassword': (input, ctx) => auth.changePassword(actor(ctx), input),
    'dashboard.summary': (_input, ctx) => dashboard.summary(actor(ctx)),
    'school.get': (_input, ctx) => school.get(actor(ctx)),
    'school.year': (_input, ctx) => school.currentYear(actor(ctx)),
    'settings.update': (input, ctx) => school.update(actor(ctx), input),
    'divisions.list': (_input, ctx) => students.divisions(actor(ctx)),
    'students.search': (input, ctx) => students.search(actor(ctx), input),
    'students.get': (input, ctx) => students.get(actor(ctx), input.id),
    'guardians.get': (input, ctx) => guardians.get(actor(ctx), input.id),
    'users.list': (_input, ctx) => users.list(actor(ctx)),
    'users.create': (input, ctx) => users.create(actor(ctx), input),
    'users.update': (input, ctx) => users.update(actor(ctx), input),
    'users.resetPassword': (input, ctx) => users.resetPassword(actor(ctx), input.id),
    'audit.list': (input, ctx) => listAudit(db.manager, actor(ctx).schoolId, input),
    'import.upload': (input, ctx) => imports.uploadBytes(actor(ctx), input.fileName, input.bytes),
    'import.preview': (input, ctx) => imports.preview(actor(ctx), input.uploadIds),
    'import.apply': (input, ctx) => imports.apply(actor(ctx), input.previewId),
    'import.cancel': async (input, ctx) => imports.cancel(actor(ctx), input.previewId),
  };
}
