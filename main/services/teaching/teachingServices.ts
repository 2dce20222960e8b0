import type { z } from 'zod';
import type { EntityManager } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import type {
  ServiceSaveInput,
  TeachingServiceOptions,
  TeachingServiceSummary,
  TeachingServicesView,
} from '../../../shared/api/staff';
import { LEVELS, type Level } from '../../../shared/domain/school';
import { seesAllServices, serviceVisibleTo } from '../../../shared/domain/teachingAccess';
import type { Database } from '../../db/database';
import {
  DivisionEntity,
  GroupMembershipEntity,
  MainTeacherEntity,
  NomenclatureLabelEntity,
  SchoolYearEntity,
  StaffUserEntity,
  SubjectEntity,
  TeachingServiceEntity,
} from '../../db/entities';
import type { TeachingServiceRow } from '../../db/entities/teaching';
import { writeAudit } from '../audit/audit';
import { assessmentCounts, devoirs } from '../grades/assessmentHolders';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { subjectLabel } from './teachingState';

const splitCodes = (codes: string) => (codes === '' ? [] : codes.split(','));

/**
 * The teaching services a staff user may see (teacher: their own, and every service of the
 * divisions they are professeur principal of; office: all), with their subject and teacher.
 * Grades and the portal's subject tiles start from this.
 */
export async function servicesVisibleTo(
  m: EntityManager,
  actor: Pick<StaffActor, 'schoolId' | 'userId' | 'role'>,
): Promise<TeachingServiceSummary[]> {
  const [rows, subjects, users, mains, divisions] = await Promise.all([
    m.getRepository(TeachingServiceEntity).find({ where: { schoolId: actor.schoolId } }),
    m.getRepository(SubjectEntity).find({ where: { schoolId: actor.schoolId } }),
    m.getRepository(StaffUserEntity).find({ where: { schoolId: actor.schoolId } }),
    m
      .getRepository(MainTeacherEntity)
      .find({ where: { schoolId: actor.schoolId, staffUserId: actor.userId } }),
    m.getRepository(DivisionEntity).find({ where: { schoolId: actor.schoolId } }),
  ]);
  // Divisions as the school reads them, 6e before 3e; groups after the divisions.
  const levelOf = new Map(divisions.map((d) => [d.code, LEVELS.indexOf(d.level as Level)]));
  const rank = (s: TeachingServiceSummary) =>
    s.structureKind === 'group'
      ? LEVELS.length + 1
      : (levelOf.get(s.structureCode) ?? LEVELS.length);
  const viewer = { ...actor, mainDivisions: mains.map((mt) => mt.divisionCode) };
  const subjectById = new Map(subjects.map((s) => [s.id, s]));
  const userById = new Map(users.map((u) => [u.id, u]));
  return rows
    .map((row) => toSummary(row, subjectById, userById))
    .filter((s) =>
      serviceVisibleTo(viewer, {
        teacherId: s.teacher.id,
        structureKind: s.structureKind,
        structureCode: s.structureCode,
        groupDivisions: s.groupDivisions,
      }),
    )
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        a.structureCode.localeCompare(b.structureCode, 'fr', { numeric: true }) ||
        a.subject.label.localeCompare(b.subject.label, 'fr') ||
        a.teacher.displayName.localeCompare(b.teacher.displayName, 'fr'),
    );
}

/**
 * One teaching service, if `actor` may see it (the same rule as `servicesVisibleTo`), read
 * alone: a mark saved in the grid checks its service without reading the school's hundreds.
 */
export async function serviceVisibleById(
  m: EntityManager,
  actor: Pick<StaffActor, 'schoolId' | 'userId' | 'role'>,
  serviceId: number,
): Promise<TeachingServiceSummary | null> {
  const { schoolId } = actor;
  const row = await m.getRepository(TeachingServiceEntity).findOneBy({ id: serviceId, schoolId });
  if (!row) return null;
  // One after the other: inside a transaction on PostgreSQL `m` holds one client, and pg
  // refuses (from pg 9) a query sent while another is running on it.
  const subject = await m.getRepository(SubjectEntity).findOneBy({ id: row.subjectId, schoolId });
  const teacher = await m
    .getRepository(StaffUserEntity)
    .findOneBy({ id: row.staffUserId, schoolId });
  const mains = seesAllServices(actor.role)
    ? []
    : await m
        .getRepository(MainTeacherEntity)
        .find({ where: { schoolId, staffUserId: actor.userId } });
  const summary = toSummary(
    row,
    new Map(subject ? [[subject.id, subject]] : []),
    new Map(teacher ? [[teacher.id, teacher]] : []),
  );
  const viewer = { ...actor, mainDivisions: mains.map((mt) => mt.divisionCode) };
  const visible = serviceVisibleTo(viewer, {
    teacherId: summary.teacher.id,
    structureKind: summary.structureKind,
    structureCode: summary.structureCode,
    groupDivisions: summary.groupDivisions,
  });
  return visible ? summary : null;
}

/** A service as the staff screens and grades read it, from its row and the maps of its names. */
export function toSummary(
  row: Pick<
    TeachingServiceRow,
    | 'id'
    | 'subjectId'
    | 'structureKind'
    | 'structureCode'
    | 'groupDivisions'
    | 'staffUserId'
    | 'source'
  >,
  subjects: Map<number, { id: number; code: string; longLabel: string; shortLabel: string }>,
  users: Map<number, { id: number; displayName: string }>,
): TeachingServiceSummary {
  const subject = subjects.get(row.subjectId);
  return {
    id: row.id,
    subject: {
      id: row.subjectId,
      code: subject?.code ?? '',
      label: subject ? subjectLabel(subject) : '',
    },
    structureKind: row.structureKind === 'group' ? 'group' : 'division',
    structureCode: row.structureCode,
    groupDivisions: splitCodes(row.groupDivisions),
    teacher: { id: row.staffUserId, displayName: users.get(row.staffUserId)?.displayName ?? '' },
    source: row.source === 'manual' ? 'manual' : 'sts',
  };
}

/** How the SIECLE import names the Nomenclature's MATIERES in nomenclature_label. */
const SIECLE_SUBJECTS = 'MATIERES';

/**
 * The subject of a code: the school's, or one of SIECLE's Nomenclature, which becomes a
 * subject of the school here (a later STS import completes its labels). The SIECLE import is
 * left as it is: it already keeps the Nomenclature's MATIERES as labels.
 */
async function subjectForCode(m: EntityManager, schoolId: number, code: string) {
  const subjects = m.getRepository(SubjectEntity);
  const known = await subjects.findOneBy({ schoolId, code });
  if (known) return known;
  const fromSiecle = await m
    .getRepository(NomenclatureLabelEntity)
    .findOneBy({ schoolId, list: SIECLE_SUBJECTS, code });
  if (!fromSiecle) {
    throw new ApiFailure('not_found', 'Matière introuvable.', {
      subjectCode: 'Matière introuvable.',
    });
  }
  await subjects.insert({
    schoolId,
    code,
    managementCode: '',
    shortLabel: '',
    longLabel: fromSiecle.label,
  });
  return subjects.findOneByOrFail({ schoolId, code });
}

export function createTeachingServices({ db, clock }: { db: Database; clock: Clock }) {
  async function list(actor: StaffActor): Promise<TeachingServicesView> {
    const services = await servicesVisibleTo(db.manager, actor);
    const shown = new Set(
      services.flatMap((s) =>
        s.structureKind === 'division' ? [s.structureCode] : s.groupDivisions,
      ),
    );
    const [mains, users] = await Promise.all([
      db.manager.getRepository(MainTeacherEntity).find({ where: { schoolId: actor.schoolId } }),
      db.manager.getRepository(StaffUserEntity).find({ where: { schoolId: actor.schoolId } }),
    ]);
    const userById = new Map(users.map((u) => [u.id, u]));
    return {
      services,
      mainTeachers: mains
        .filter((mt) => shown.has(mt.divisionCode))
        .map((mt) => ({
          divisionCode: mt.divisionCode,
          teacher: {
            id: mt.staffUserId,
            displayName: userById.get(mt.staffUserId)?.displayName ?? '',
          },
        })),
      scope: seesAllServices(actor.role) ? 'all' : 'own',
    };
  }

  async function options(actor: StaffActor): Promise<TeachingServiceOptions> {
    const m = db.manager;
    const year = await m
      .getRepository(SchoolYearEntity)
      .findOneBy({ schoolId: actor.schoolId, isCurrent: true });
    const [subjects, nomenclature, divisions, users, memberships, services] = await Promise.all([
      m.getRepository(SubjectEntity).find({ where: { schoolId: actor.schoolId } }),
      m
        .getRepository(NomenclatureLabelEntity)
        .find({ where: { schoolId: actor.schoolId, list: SIECLE_SUBJECTS } }),
      year
        ? m
            .getRepository(DivisionEntity)
            .find({ where: { schoolId: actor.schoolId, schoolYearId: year.id } })
        : Promise.resolve([]),
      m.getRepository(StaffUserEntity).find({ where: { schoolId: actor.schoolId, active: true } }),
      // The memberships themselves (issue 16 §1), not student.groups: that text is the
      // import's copy, and a group offered from a stale copy would get a service nobody sees.
      m
        .getRepository(GroupMembershipEntity)
        .createQueryBuilder('gm')
        .select('gm.groupCode', 'code')
        .distinct(true)
        .where('gm.schoolId = :schoolId', { schoolId: actor.schoolId })
        .getRawMany<{ code: string }>(),
      m.getRepository(TeachingServiceEntity).find({ where: { schoolId: actor.schoolId } }),
    ]);
    // Groups: SIECLE's (pupils' memberships) and those STS named in services.
    const groups = new Set(memberships.map((g) => g.code));
    for (const s of services) if (s.structureKind === 'group') groups.add(s.structureCode);
    const byCode = (a: string, b: string) => a.localeCompare(b, 'fr', { numeric: true });
    return {
      subjects: [
        ...subjects.map((s) => ({ code: s.code, label: subjectLabel(s) })),
        ...nomenclature
          .filter((n) => !subjects.some((s) => s.code === n.code))
          .map((n) => ({ code: n.code, label: n.label || n.code })),
      ].sort((a, b) => a.label.localeCompare(b.label, 'fr')),
      divisions: [
        ...new Set([
          ...divisions.map((d) => d.code),
          ...services.filter((s) => s.structureKind === 'division').map((s) => s.structureCode),
        ]),
      ].sort(byCode),
      groups: [...groups].sort(byCode),
      teachers: users
        .filter((u) => u.role === 'teacher' || services.some((s) => s.staffUserId === u.id))
        .map((u) => ({ id: u.id, displayName: u.displayName }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr')),
    };
  }

  async function save(
    actor: StaffActor,
    input: z.output<typeof ServiceSaveInput>,
  ): Promise<TeachingServiceSummary> {
    // A division or group the school knows: a typed code would make a service nobody sees.
    const known = await options(actor);
    const codes = input.structureKind === 'division' ? known.divisions : known.groups;
    if (!codes.includes(input.structureCode)) {
      const what = input.structureKind === 'division' ? 'Division' : 'Groupe';
      const unknown = input.structureKind === 'division' ? 'inconnue' : 'inconnu';
      throw new ApiFailure('not_found', `${what} ${input.structureCode} ${unknown} dans Pupitre.`, {
        structureCode: `${what} ${unknown}.`,
      });
    }
    const id = await db.transaction(async (m) => {
      const subject = await subjectForCode(m, actor.schoolId, input.subjectCode);
      const teacher = await m
        .getRepository(StaffUserEntity)
        .findOneBy({ id: input.teacherId, schoolId: actor.schoolId });
      if (!teacher)
        throw new ApiFailure('not_found', 'Enseignant introuvable.', {
          teacherId: 'Enseignant introuvable.',
        });
      const repo = m.getRepository(TeachingServiceEntity);
      const before =
        input.id === undefined
          ? null
          : await repo.findOneBy({ id: input.id, schoolId: actor.schoolId });
      if (input.id !== undefined && !before)
        throw new ApiFailure('not_found', 'Service introuvable.');
      const same = await repo.findOneBy({
        schoolId: actor.schoolId,
        subjectId: subject.id,
        structureKind: input.structureKind,
        structureCode: input.structureCode,
        staffUserId: teacher.id,
      });
      if (same && same.id !== before?.id) {
        throw new ApiFailure(
          'conflict',
          `${teacher.displayName} enseigne déjà ${subjectLabel(subject)} en ${input.structureCode}.`,
        );
      }
      // A hand-made service is the direction's: a later STS import leaves it in place.
      const values = {
        subjectId: subject.id,
        structureKind: input.structureKind,
        structureCode: input.structureCode,
        groupDivisions:
          input.structureKind === 'group'
            ? before?.structureCode === input.structureCode
              ? before.groupDivisions
              : ''
            : '',
        staffUserId: teacher.id,
        source: 'manual',
      };
      let serviceId: number;
      if (before) {
        await repo.update(before.id, values);
        serviceId = before.id;
      } else {
        const { identifiers } = await repo.insert({
          ...values,
          schoolId: actor.schoolId,
          createdAt: clock.now().toISOString(),
        });
        serviceId = Number(identifiers[0]?.id);
      }
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: before ? 'service.update' : 'service.create',
        targetType: 'teaching_service',
        targetId: serviceId,
        targetLabel: `${input.structureCode} — ${subjectLabel(subject)} — ${teacher.displayName}`,
        details: before
          ? {
              avant: {
                matière: before.subjectId,
                structure: before.structureCode,
                enseignant: before.staffUserId,
              },
            }
          : {},
      });
      return serviceId;
    });
    const visible = await servicesVisibleTo(db.manager, actor);
    const saved = visible.find((s) => s.id === id);
    if (!saved) throw new Error('saved service not found');
    return saved;
  }

  async function remove(actor: StaffActor, id: number): Promise<null> {
    await db.transaction(async (m) => {
      const repo = m.getRepository(TeachingServiceEntity);
      const row = await repo.findOneBy({ id, schoolId: actor.schoolId });
      if (!row) throw new ApiFailure('not_found', 'Service introuvable.');
      const held = (await assessmentCounts(m, 'teachingServiceId', [row.id])).get(row.id) ?? 0;
      if (held > 0) {
        throw new ApiFailure(
          'conflict',
          `Ce service a ${devoirs(held)} et leurs notes : changez plutôt son enseignant, ou supprimez d’abord les devoirs.`,
        );
      }
      const subject = await m.getRepository(SubjectEntity).findOneBy({ id: row.subjectId });
      const teacher = await m.getRepository(StaffUserEntity).findOneBy({ id: row.staffUserId });
      await repo.delete(row.id);
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'service.delete',
        targetType: 'teaching_service',
        targetId: row.id,
        targetLabel: `${row.structureCode} — ${subject ? subjectLabel(subject) : ''} — ${teacher?.displayName ?? ''}`,
        details: { origine: row.source },
      });
    });
    return null;
  }

  return { list, options, save, remove };
}

export type TeachingServices = ReturnType<typeof createTeachingServices>;
