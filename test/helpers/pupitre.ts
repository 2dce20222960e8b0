import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPupitre, type Pupitre } from '../../main/bootstrap';
import { StaffUserEntity } from '../../main/db/entities';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import { writeNewSchool } from '../../main/services/school/schoolWriter';
import { fixedClock } from '../../main/services/clock';
import type { LetterPhase } from '../../main/services/letters/letterPdfRun';
import { createScryptHasher } from '../../main/services/secrets';
import type { ApiResult } from '../../shared/api/result';
import type { StaffRole } from '../../shared/domain/roles';

export const ADMIN_PASSWORD = 'Direction2026';
export const TEST_NOW = '2026-11-22T09:00:00.000Z';

/** Scrypt at a lower cost: the same code path, milliseconds instead of a tenth of a second. */
export const testHasher = createScryptHasher({ N: 1024, r: 8, p: 1 });

export interface TestPupitre extends Pupitre {
  dir: string;
  clock: ReturnType<typeof fixedClock>;
  cleanup(): Promise<void>;
}

/** A Pupitre on a fresh SQLite file, with the demo school unless `empty`. */
export async function startTestPupitre(
  options: {
    empty?: boolean;
    students?: number;
    letterPhaseHook?: (phase: LetterPhase) => Promise<void> | void;
  } = {},
): Promise<TestPupitre> {
  const dir = mkdtempSync(join(tmpdir(), 'pupitre-test-'));
  const clock = fixedClock(TEST_NOW);
  const pupitre = await startPupitre({
    dataDir: dir,
    clock,
    hasher: testHasher,
    adminPassword: ADMIN_PASSWORD,
    demoStudentCount: options.students ?? 120,
    logger: { error: (message, summary) => console.error(message, summary) },
    manualMail: true,
    ...(options.letterPhaseHook ? { letterPhaseHook: options.letterPhaseHook } : {}),
  });
  if (!options.empty) await pupitre.services.setup.createSchool({ kind: 'demo' });
  return {
    ...pupitre,
    dir,
    clock,
    cleanup: async () => {
      await pupitre.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the dispatcher and returns the session token. */
export async function loginToken(p: Pupitre, login: string, password: string): Promise<string> {
  const { result, issued } = await p.dispatch.handle('session.login', { login, password }, null, {
    address: '127.0.0.1',
  });
  if (!result.ok || !issued)
    throw new Error(`login ${login}: ${result.ok ? 'no token' : result.error.message}`);
  return issued;
}

/** Creates a staff user of the given role with a personal password already chosen. */
export async function createStaffUser(
  p: Pupitre,
  directionToken: string,
  login: string,
  role: StaffRole,
  password = `${login}-Secret1`,
): Promise<{ id: number; token: string; password: string }> {
  const created = await p.dispatch(
    'users.create',
    { login, displayName: `Test ${login}`, role },
    directionToken,
  );
  if (!created.ok) throw new Error(created.error.message);
  const { user, temporaryPassword } = created.value as {
    user: { id: number };
    temporaryPassword: string;
  };
  const temporaryToken = await loginToken(p, login, temporaryPassword);
  const changed = await p.dispatch(
    'session.changePassword',
    { currentPassword: temporaryPassword, newPassword: password },
    temporaryToken,
  );
  if (!changed.ok) throw new Error(changed.error.message);
  return { id: user.id, token: await loginToken(p, login, password), password };
}

/** The value of a successful call; a failed one fails the test with its code and message. */
export function value<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/**
 * A second school in the same database (as in an académie's shared PostgreSQL), with a
 * direction user `autre.direction`: for the tests that one school never reaches another's data.
 */
export async function anotherSchool(
  p: Pupitre,
  { seed = 98, students = 5, uai = '0000002C' } = {},
): Promise<{ schoolId: number; directionToken: string; students: number }> {
  const other = generateDemoSchool({ seed, studentCount: students });
  other.school.uai = uai;
  const schoolId = await p.db.transaction((m) =>
    writeNewSchool(m, other, new Date().toISOString()),
  );
  await p.db.manager.getRepository(StaffUserEntity).insert({
    schoolId,
    login: 'autre.direction',
    displayName: 'Autre',
    role: 'direction',
    passwordHash: await testHasher.hash('AutreEcole2026'),
    mustChangePassword: false,
    active: true,
    failedAttempts: 0,
    lockedUntil: null,
    lastLoginAt: null,
    createdAt: new Date().toISOString(),
  });
  return {
    schoolId,
    directionToken: await loginToken(p, 'autre.direction', 'AutreEcole2026'),
    students: other.students.filter((s) => !s.leftOn).length,
  };
}
