import type { z } from 'zod';
import type { CreateUserInput, UpdateUserInput } from '../../../shared/api/staff';
import { ApiFailure } from '../../../shared/api/result';
import type { NewPasswordResult, StaffUserSummary } from '../../../shared/api/staff';
import type { StaffRole } from '../../../shared/domain/roles';
import type { Database } from '../../db/database';
import { StaffSessionEntity, StaffUserEntity } from '../../db/entities';
import type { StaffUserRow } from '../../db/entities/rows';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { temporaryPassword, type PasswordHasher } from '../secrets';

const toSummary = (u: StaffUserRow): StaffUserSummary => ({
  id: u.id,
  login: u.login,
  displayName: u.displayName,
  role: u.role as StaffRole,
  active: u.active,
  lastLoginAt: u.lastLoginAt,
});

/** How the journal names a staff user. */
const userLabel = (u: StaffUserRow) => `${u.displayName} (${u.login})`;

export function createUserService({
  db,
  clock,
  hasher,
}: {
  db: Database;
  clock: Clock;
  hasher: PasswordHasher;
}) {
  const users = () => db.manager.getRepository(StaffUserEntity);

  async function findInSchool(actor: StaffActor, id: number): Promise<StaffUserRow> {
    const user = await users().findOneBy({ id, schoolId: actor.schoolId });
    if (!user) throw new ApiFailure('not_found', 'Utilisateur introuvable.');
    return user;
  }

  async function list(actor: StaffActor): Promise<StaffUserSummary[]> {
    const rows = await users().find({
      where: { schoolId: actor.schoolId },
      order: { displayName: 'ASC' },
    });
    return rows.map(toSummary);
  }

  async function create(
    actor: StaffActor,
    input: z.output<typeof CreateUserInput>,
  ): Promise<NewPasswordResult> {
    const taken = () =>
      new ApiFailure('conflict', `L’identifiant « ${input.login} » est déjà pris.`, {
        login: 'Identifiant déjà pris.',
      });
    if (await users().findOneBy({ login: input.login })) throw taken();
    const password = temporaryPassword();
    const passwordHash = await hasher.hash(password);
    const user = await db.transaction(async (m) => {
      const repo = m.getRepository(StaffUserEntity);
      // Checked again inside the queue: two directions creating the same login at once get
      // one success and one clear answer, not an internal error from the unique index.
      if (await repo.findOneBy({ login: input.login })) throw taken();
      const { identifiers } = await repo.insert({
        schoolId: actor.schoolId,
        login: input.login,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
        mustChangePassword: true,
        active: true,
        failedAttempts: 0,
        lockedUntil: null,
        lastLoginAt: null,
        createdAt: clock.now().toISOString(),
      });
      const created = await repo.findOneByOrFail({ id: Number(identifiers[0]?.id) });
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'user.create',
        targetType: 'staff_user',
        targetId: created.id,
        targetLabel: userLabel(created),
        details: { rôle: created.role },
      });
      return created;
    });
    return { user: toSummary(user), temporaryPassword: password };
  }

  async function update(
    actor: StaffActor,
    input: z.output<typeof UpdateUserInput>,
  ): Promise<StaffUserSummary> {
    const user = await findInSchool(actor, input.id);
    if (
      user.id === actor.userId &&
      (input.active === false || (input.role && input.role !== 'direction'))
    ) {
      throw new ApiFailure(
        'conflict',
        'Vous ne pouvez ni désactiver votre propre compte ni retirer votre rôle de direction.',
      );
    }
    return db.transaction(async (m) => {
      const repo = m.getRepository(StaffUserEntity);
      const patch: Partial<StaffUserRow> = {};
      if (input.displayName !== undefined) patch.displayName = input.displayName;
      if (input.role !== undefined) patch.role = input.role;
      if (input.active !== undefined) patch.active = input.active;
      const changes: Record<string, { avant: unknown; après: unknown }> = {};
      for (const [key, value] of Object.entries(patch)) {
        const before = user[key as keyof StaffUserRow];
        if (before !== value) changes[key] = { avant: before, après: value };
      }
      if (Object.keys(changes).length > 0) {
        await repo.update(user.id, patch);
        if (patch.active === false || patch.role !== undefined) {
          // A disabled user or a changed role takes effect now, not at the next login.
          await m.getRepository(StaffSessionEntity).delete({ staffUserId: user.id });
        }
        await writeAudit(m, clock, {
          schoolId: actor.schoolId,
          actor,
          action: 'user.update',
          targetType: 'staff_user',
          targetId: user.id,
          targetLabel: userLabel(user),
          details: changes,
        });
      }
      return toSummary(await repo.findOneByOrFail({ id: user.id }));
    });
  }

  async function resetPassword(actor: StaffActor, id: number): Promise<NewPasswordResult> {
    const user = await findInSchool(actor, id);
    const password = temporaryPassword();
    const passwordHash = await hasher.hash(password);
    await db.transaction(async (m) => {
      await m.getRepository(StaffUserEntity).update(user.id, {
        passwordHash,
        mustChangePassword: true,
        failedAttempts: 0,
        lockedUntil: null,
      });
      await m.getRepository(StaffSessionEntity).delete({ staffUserId: user.id });
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'user.password_reset',
        targetType: 'staff_user',
        targetId: user.id,
        targetLabel: userLabel(user),
      });
    });
    return { user: toSummary(user), temporaryPassword: password };
  }

  return { list, create, update, resetPassword };
}

export type UserService = ReturnType<typeof createUserService>;
