import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import type { StsPreview, StsResult } from '../../../shared/api/staff';
import { baseIdentifiant, uniqueIdentifiant } from '../../../shared/domain/identifiant';
import type { Database } from '../../db/database';
import {
  MainTeacherEntity,
  StaffUserEntity,
  SubjectEntity,
  TeacherStsIdEntity,
  TeachingServiceEntity,
} from '../../db/entities';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { SiecleFileError } from '../siecle/types';
import { readStsFile, type StsFile, type StsTeacher } from '../sts/stsFile';
import { planStsImport, type StsOps, type TeacherRef } from './stsPlan';
import { loadTeachingState } from './teachingState';
import { assessmentCounts } from '../grades/assessmentHolders';

/** A preview is forgotten after this long (the file is held in memory, parsed). */
const TTL_MS = 2 * 3_600_000;

interface PendingPreview {
  id: string;
  schoolId: number;
  userId: number;
  file: StsFile;
  digest: string;
  createdAt: number;
}

/**
 * The STS-Web import: the export is read and compared (nothing written), then applied in one
 * transaction through the queue, or cancelled. The same preview → apply shape as the SIECLE
 * import: the plan is made again inside the transaction and must match the preview's digest.
 */
export function createStsImportService({ db, clock }: { db: Database; clock: Clock }) {
  const previews = new Map<string, PendingPreview>();

  function purge() {
    const limit = clock.now().getTime() - TTL_MS;
    for (const p of previews.values()) if (p.createdAt < limit) previews.delete(p.id);
  }

  async function upload(
    actor: StaffActor,
    fileName: string,
    bytes: Uint8Array,
  ): Promise<StsPreview> {
    purge();
    const name = fileName.replace(/\\/g, '/').split('/').pop()?.slice(0, 120) || 'fichier.xml';
    for (const old of previews.values()) if (old.userId === actor.userId) previews.delete(old.id);
    let file: StsFile;
    try {
      file = await readStsFile(name, bytes);
    } catch (error) {
      if (error instanceof SiecleFileError) throw new ApiFailure('invalid_input', error.message);
      throw error;
    }
    const state = await loadTeachingState(db.manager, actor.schoolId);
    const plan = planStsImport(file, state, new Map());
    // A service that holds devoirs is kept by the apply (as the direction's own): the preview
    // says so on its line rather than announcing it removed.
    const held = await assessmentCounts(
      db.manager,
      'teachingServiceId',
      plan.ops.serviceIdsToRemove,
    );
    plan.ops.serviceIdsToRemove.forEach((serviceId, i) => {
      const count = held.get(serviceId);
      const line = plan.preview.services.removed[i];
      if (count && line) {
        line.detail = `${line.detail ? `${line.detail} — ` : ''}gardé : ${count} devoir${count > 1 ? 's' : ''} saisi${count > 1 ? 's' : ''}, il devient un service saisi à la main`;
      }
    });
    const id = randomBytes(18).toString('base64url');
    previews.set(id, {
      id,
      schoolId: actor.schoolId,
      userId: actor.userId,
      file,
      digest: plan.digest,
      createdAt: clock.now().getTime(),
    });
    await audit(actor, 'import.sts_preview', {
      fichier: name,
      'services ajoutés': plan.preview.services.added.length,
      'services retirés': plan.preview.services.removed.length,
      'enseignants créés': plan.preview.teachers.created.length,
      questions: plan.preview.questions.length,
      'problèmes bloquants': plan.preview.problems.filter((p) => p.blocking).length,
    });
    return { previewId: id, ...plan.preview };
  }

  async function audit(actor: StaffActor, action: string, details: Record<string, unknown>) {
    await db.transaction((m) =>
      writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action,
        targetType: 'school',
        targetId: actor.schoolId,
        targetLabel: 'Import STS-Web',
        details,
      }),
    );
  }

  function ownPreview(actor: StaffActor, id: string): PendingPreview {
    const pending = previews.get(id);
    if (!pending || pending.userId !== actor.userId || pending.schoolId !== actor.schoolId) {
      throw new ApiFailure(
        'not_found',
        'Cet aperçu n’existe plus : choisissez à nouveau le fichier.',
      );
    }
    return pending;
  }

  async function apply(
    actor: StaffActor,
    previewId: string,
    answerList: { stsId: string; userId: number | null }[],
  ): Promise<StsResult> {
    const pending = ownPreview(actor, previewId);
    const answers = new Map(answerList.map((a) => [a.stsId, a.userId]));
    const counts = await db.transaction(async (m) => {
      const state = await loadTeachingState(m, actor.schoolId);
      const before = planStsImport(pending.file, state, new Map());
      if (before.digest !== pending.digest) {
        throw new ApiFailure(
          'conflict',
          'Les données ont changé depuis l’aperçu : choisissez à nouveau le fichier.',
        );
      }
      const unanswered = before.preview.questions.filter((q) => !answers.has(q.stsId));
      if (unanswered.length > 0) {
        throw new ApiFailure(
          'invalid_input',
          `Répondez d’abord à la question sur ${unanswered.map((q) => q.label).join(', ')}.`,
        );
      }
      const plan = planStsImport(pending.file, state, answers);
      const blocking = plan.preview.problems.find((p) => p.blocking);
      if (blocking) throw new ApiFailure('conflict', blocking.message);
      if (plan.preview.unchanged) {
        throw new ApiFailure(
          'conflict',
          'Rien à appliquer : aucun changement depuis le dernier import.',
        );
      }
      const result = await applyStsOps(m, actor.schoolId, plan.ops, clock.now().toISOString());
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'import.sts',
        targetType: 'school',
        targetId: actor.schoolId,
        targetLabel: state.school.name,
        details: { fichier: pending.file.fileName, ...result },
      });
      return result;
    });
    previews.delete(pending.id);
    return { counts };
  }

  async function cancel(actor: StaffActor, previewId: string): Promise<null> {
    const pending = ownPreview(actor, previewId);
    previews.delete(pending.id);
    await audit(actor, 'import.sts_cancel', { fichier: pending.file.fileName });
    return null;
  }

  return { upload, apply, cancel, held: () => previews.size };
}

export type StsImportService = ReturnType<typeof createStsImportService>;

async function applyStsOps(m: EntityManager, schoolId: number, ops: StsOps, now: string) {
  const subjects = m.getRepository(SubjectEntity);
  for (const s of ops.subjectsToAdd) {
    await subjects.insert({
      schoolId,
      code: s.code,
      managementCode: s.managementCode,
      shortLabel: s.shortLabel,
      longLabel: s.longLabel,
    });
  }
  for (const s of ops.subjectsToChange) {
    await subjects.update(
      { schoolId, code: s.code },
      { managementCode: s.managementCode, shortLabel: s.shortLabel, longLabel: s.longLabel },
    );
  }
  const subjectIds = new Map(
    (await subjects.find({ where: { schoolId } })).map((s) => [s.code, s.id]),
  );

  const created = await createTeachers(m, schoolId, ops.usersToCreate, now);
  const stsIds = m.getRepository(TeacherStsIdEntity);
  for (const [stsId, userId] of created)
    await stsIds.insert({ schoolId, staffUserId: userId, stsId });
  for (const link of ops.stsIdsToLink) {
    await stsIds.insert({ schoolId, staffUserId: link.userId, stsId: link.stsId });
  }
  const userOf = (ref: TeacherRef) =>
    'userId' in ref ? ref.userId : (created.get(ref.create.stsId) as number);

  const services = m.getRepository(TeachingServiceEntity);
  // A service with devoirs stays, as the direction's own: its marks are not the file's to drop.
  const held = await assessmentCounts(m, 'teachingServiceId', ops.serviceIdsToRemove);
  const dropped = ops.serviceIdsToRemove.filter((id) => !held.has(id));
  if (dropped.length > 0) await services.delete(dropped);
  if (held.size > 0) await services.update([...held.keys()], { source: 'manual' });
  for (const s of ops.servicesToAdd) {
    await services.insert({
      schoolId,
      subjectId: subjectIds.get(s.subjectCode) as number,
      structureKind: s.kind,
      structureCode: s.structureCode,
      groupDivisions: s.groupDivisions.join(','),
      staffUserId: userOf(s.teacher),
      source: 'sts',
      createdAt: now,
    });
  }
  const mainTeachers = m.getRepository(MainTeacherEntity);
  if (ops.mainTeacherIdsToRemove.length > 0) await mainTeachers.delete(ops.mainTeacherIdsToRemove);
  for (const mt of ops.mainTeachersToAdd) {
    await mainTeachers.insert({
      schoolId,
      divisionCode: mt.divisionCode,
      staffUserId: userOf(mt.teacher),
    });
  }
  return {
    'matières ajoutées': ops.subjectsToAdd.length,
    'matières modifiées': ops.subjectsToChange.length,
    'enseignants créés': created.size,
    'enseignants rattachés': ops.stsIdsToLink.length,
    'services ajoutés': ops.servicesToAdd.length,
    'services retirés': ops.serviceIdsToRemove.length,
    'professeurs principaux ajoutés': ops.mainTeachersToAdd.length,
    'professeurs principaux retirés': ops.mainTeacherIdsToRemove.length,
  };
}

/**
 * New teachers become staff users with the teacher role and no password: nobody can log in
 * with them until the direction gives one from « Utilisateurs » (a temporary password, as for
 * any staff user). Logins are `prenom.nom`, made unique across schools.
 */
async function createTeachers(
  m: EntityManager,
  schoolId: number,
  teachers: StsTeacher[],
  now: string,
): Promise<Map<string, number>> {
  const users = m.getRepository(StaffUserEntity);
  const taken = new Set((await users.find({ select: { login: true } })).map((u) => u.login));
  const created = new Map<string, number>();
  for (const teacher of teachers) {
    if (created.has(teacher.stsId)) continue;
    const login = uniqueIdentifiant(baseIdentifiant(teacher.firstName, teacher.lastName), (c) =>
      taken.has(c),
    );
    taken.add(login);
    const { identifiers } = await users.insert({
      schoolId,
      login,
      displayName: `${teacher.firstName} ${teacher.lastName}`.trim().slice(0, 120),
      role: 'teacher',
      passwordHash: '',
      mustChangePassword: true,
      active: true,
      failedAttempts: 0,
      lockedUntil: null,
      lastLoginAt: null,
      createdAt: now,
    });
    created.set(teacher.stsId, Number(identifiers[0]?.id));
  }
  return created;
}
