import { ApiFailure } from '../../../shared/api/result';
import { StaffPassword, type SetupResult, type SetupStatus } from '../../../shared/api/staff';
import type { Database } from '../../db/database';
import { SchoolEntity, StaffUserEntity } from '../../db/entities';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { SchoolSeed } from './schoolSeed';
import { writeNewSchool } from './schoolWriter';
import { syncAccounts } from '../accounts/provisioning';
import { temporaryPassword, type PasswordHasher } from '../secrets';

export interface SetupDeps {
  db: Database;
  clock: Clock;
  hasher: PasswordHasher;
  /** Makes the fictional collège; injected so the generator (and faker) load only when asked. */
  demoSeed: () => Promise<SchoolSeed>;
  /** The first direction password, from PUPITRE_ADMIN_PASSWORD in tests; generated otherwise. */
  initialDirectionPassword?: string | undefined;
}

export const FIRST_DIRECTION_LOGIN = 'direction';

/** An empty school: its identity only, the year to be filled by an import or by hand. */
function emptySeed(uai: string, name: string, now: Date): SchoolSeed {
  const startYear = now.getMonth() >= 7 ? now.getFullYear() : now.getFullYear() - 1;
  const address = { line1: '', line2: '', postalCode: '', city: '', country: 'FRANCE' };
  return {
    school: {
      uai,
      name,
      address,
      phone: '',
      email: '',
      academie: '',
      portalUrl: '',
      welcomeMessage: '',
    },
    year: {
      label: `${startYear}-${startYear + 1}`,
      startsOn: `${startYear}-09-01`,
      endsOn: `${startYear + 1}-07-04`,
      periods: [],
    },
    divisions: [],
    students: [],
    guardians: [],
    links: [],
  };
}

export function createSetupService(deps: SetupDeps) {
  const { db, clock, hasher } = deps;

  async function status(): Promise<SetupStatus> {
    return { hasSchool: (await db.manager.getRepository(SchoolEntity).count()) > 0 };
  }

  /** First start only: creates the school and its first direction login, shown once. */
  async function createSchool(
    input: { kind: 'demo' } | { kind: 'empty'; uai: string; name: string },
  ): Promise<SetupResult> {
    if ((await status()).hasSchool) {
      throw new ApiFailure('conflict', 'Un établissement existe déjà dans cette base.');
    }
    const seed =
      input.kind === 'demo' ? await deps.demoSeed() : emptySeed(input.uai, input.name, clock.now());
    const chosen = deps.initialDirectionPassword;
    if (chosen !== undefined) {
      const check = StaffPassword.safeParse(chosen);
      if (!check.success) {
        throw new ApiFailure(
          'invalid_input',
          `PUPITRE_ADMIN_PASSWORD ne respecte pas les règles des mots de passe : ${check.error.issues[0]?.message ?? ''}`,
        );
      }
    }
    const password = chosen ?? temporaryPassword();
    const passwordHash = await hasher.hash(password);
    const nowIso = clock.now().toISOString();

    const school = await db.transaction(async (m) => {
      // Checked again inside the queue: two first-start requests must not make two schools.
      if ((await m.getRepository(SchoolEntity).count()) > 0) {
        throw new ApiFailure('conflict', 'Un établissement existe déjà dans cette base.');
      }
      const schoolId = await writeNewSchool(m, seed, nowIso);
      // Every guardian and pupil gets its « non notifié » account with the school.
      await syncAccounts(m, schoolId, nowIso);
      const inserted = await m.getRepository(StaffUserEntity).insert({
        schoolId,
        login: FIRST_DIRECTION_LOGIN,
        displayName: 'Chef d’établissement',
        role: 'direction',
        passwordHash,
        // A generated password was shown on a screen or a console: it must be replaced.
        mustChangePassword: deps.initialDirectionPassword === undefined,
        active: true,
        failedAttempts: 0,
        lockedUntil: null,
        lastLoginAt: null,
        createdAt: nowIso,
      });
      await writeAudit(m, clock, {
        schoolId,
        actor: null,
        action: 'setup.create_school',
        targetType: 'school',
        targetId: schoolId,
        targetLabel: `${seed.school.name} (${seed.school.uai})`,
        details: {
          kind: input.kind,
          students: seed.students.length,
          guardians: seed.guardians.length,
          directionUserId: Number(inserted.identifiers[0]?.id),
        },
      });
      return { id: schoolId, uai: seed.school.uai, name: seed.school.name };
    });
    // A password chosen in PUPITRE_ADMIN_PASSWORD is never echoed back: its owner knows it.
    return {
      school,
      directionLogin: FIRST_DIRECTION_LOGIN,
      directionPassword: chosen === undefined ? password : '',
    };
  }

  return { status, createSchool };
}

export type SetupService = ReturnType<typeof createSetupService>;
