import { startPupitre, type Pupitre } from '../main/bootstrap';
import type { StaffActor } from '../main/services/context';
import { createScryptHasher } from '../main/services/secrets';

/**
 * A Pupitre on `dataDir` with one school (the demo one, or an empty one with the given
 * UAI) and a secretariat actor to call the services as. Password hashing is cheap here:
 * benches time searches and imports, not logins.
 */
export async function benchSchool(
  dataDir: string,
  school: { kind: 'demo'; students: number } | { kind: 'empty'; uai: string },
): Promise<{ pupitre: Pupitre; actor: StaffActor }> {
  const pupitre = await startPupitre({
    dataDir,
    adminPassword: 'Bench2026x',
    hasher: createScryptHasher({ N: 1024, r: 8, p: 1 }),
    ...(school.kind === 'demo' ? { demoStudentCount: school.students } : {}),
  });
  const created = await pupitre.services.setup.createSchool(
    school.kind === 'demo'
      ? { kind: 'demo' }
      : { kind: 'empty', uai: school.uai, name: 'Collège du banc d’essai' },
  );
  const actor: StaffActor = {
    sessionId: 0,
    userId: 1,
    schoolId: created.school.id,
    role: 'secretariat',
    login: 'bench',
    displayName: 'Bench',
    mustChangePassword: false,
  };
  return { pupitre, actor };
}
