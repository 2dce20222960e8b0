import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import {
  DivisionEntity,
  GuardianEntity,
  NomenclatureLabelEntity,
  SiecleExportMarkEntity,
  StudentEntity,
  StudentGuardianEntity,
  GroupMembershipEntity,
} from '../../db/entities';
import { insertKept } from '../../db/keptInserts';
import type { ImportOps, StudentValues } from './ops';
import { searchColumns } from '../../db/rowHelpers';
import type { SchoolState } from './state';
import type { SiecleFile } from '../siecle/types';
import { marksAfter } from './exportDates';

const CHUNK = 100;

const insertAll = (m: EntityManager, target: string, rows: object[]) =>
  insertKept(m, target, rows as Record<string, unknown>[]);

/**
 * siecle_id → id for a school's rows: those it had, and those just inserted as the insert
 * returned them (not read back from the table).
 */
async function insertKeyed(
  m: EntityManager,
  entityName: string,
  existing: { id: number; siecleId: string | null }[],
  rows: object[],
) {
  const ids = new Map<string, number>();
  for (const row of existing) if (row.siecleId) ids.set(row.siecleId, row.id);
  const inserted = await insertKept<{ id: number | string; siecle_id: string }>(
    m,
    entityName,
    rows as Record<string, unknown>[],
    ['id', 'siecle_id'],
  );
  for (const row of inserted) ids.set(String(row.siecle_id), Number(row.id));
  return ids;
}

function studentColumns(values: Partial<StudentValues>, divisionIds: Map<string, number>) {
  const { divisionCode, ...rest } = values;
  return {
    ...rest,
    ...(divisionCode !== undefined
      ? { divisionId: divisionCode === null ? null : (divisionIds.get(divisionCode) ?? null) }
      : {}),
  };
}

/** Writes a plan inside the caller's transaction. Returns the counts for the audit log. */
export async function applyOps(
  m: EntityManager,
  state: SchoolState,
  ops: ImportOps,
  nowIso: string,
) {
  const schoolId = state.school.id;

  for (const label of ops.labels) {
    if (label.id !== null)
      await m.getRepository(NomenclatureLabelEntity).update(label.id, { label: label.label });
  }
  await insertAll(
    m,
    NomenclatureLabelEntity.options.name,
    ops.labels
      .filter((l) => l.id === null)
      .map(({ list, code, label }) => ({ schoolId, list, code, label })),
  );

  if (ops.divisions.length > 0) {
    await insertAll(
      m,
      DivisionEntity.options.name,
      ops.divisions.map((d) => ({
        schoolId,
        schoolYearId: state.year!.id,
        ...d,
        level: d.level ?? '',
      })),
    );
  }
  for (const { id, level } of ops.divisionLevels) {
    await m.getRepository(DivisionEntity).update(id, { level });
  }
  const divisions = state.year
    ? await m.getRepository(DivisionEntity).findBy({ schoolYearId: state.year.id })
    : [];
  const divisionIds = new Map(divisions.map((d) => [d.code, d.id]));

  const guardianIds = await insertKeyed(
    m,
    GuardianEntity.options.name,
    state.guardians,
    // Each row built once, on the planned values: their `key` is no column, and the insert
    // writes only the columns.
    ops.guardianInserts.map((g) =>
      Object.assign({ schoolId, siecleId: g.key }, g, searchColumns(g.lastName, g.firstName), {
        createdAt: nowIso,
        updatedAt: nowIso,
      }),
    ),
  );
  const guardiansById = new Map(state.guardians.map((g) => [g.id, g]));
  for (const { id, values } of ops.guardianUpdates) {
    const current = guardiansById.get(id)!;
    const names = {
      lastName: values.lastName ?? current.lastName,
      firstName: values.firstName ?? current.firstName,
    };
    await m.getRepository(GuardianEntity).update(id, {
      ...values,
      ...searchColumns(names.lastName, names.firstName),
      updatedAt: nowIso,
    });
  }

  const studentIds = await insertKeyed(
    m,
    StudentEntity.options.name,
    state.students,
    ops.studentInserts.map((s) =>
      Object.assign(
        {
          schoolId,
          siecleId: s.key,
          addressLine1: '',
          addressLine2: '',
          postalCode: '',
          city: '',
          country: '',
          addressCountryCode: '',
          addressSameAsGuardian1: false,
        },
        s,
        {
          divisionId: s.divisionCode === null ? null : (divisionIds.get(s.divisionCode) ?? null),
          ...searchColumns(s.lastName, s.firstName),
          createdAt: nowIso,
          updatedAt: nowIso,
        },
      ),
    ),
  );
  const studentsById = new Map(state.students.map((s) => [s.id, s]));
  for (const { id, values } of ops.studentUpdates) {
    const current = studentsById.get(id)!;
    await m.getRepository(StudentEntity).update(id, {
      ...studentColumns(values, divisionIds),
      ...searchColumns(values.lastName ?? current.lastName, values.firstName ?? current.firstName),
      updatedAt: nowIso,
    });
  }

  if (ops.linkDeletes.length > 0) {
    for (let i = 0; i < ops.linkDeletes.length; i += CHUNK) {
      await m
        .getRepository(StudentGuardianEntity)
        .delete({ id: In(ops.linkDeletes.slice(i, i + CHUNK)) });
    }
  }
  for (const { id, values } of ops.linkUpdates)
    await m.getRepository(StudentGuardianEntity).update(id, values);
  if (ops.linkInserts.length > 0) {
    await insertAll(
      m,
      StudentGuardianEntity.options.name,
      ops.linkInserts.map(({ studentKey, guardianKey, ...values }) => ({
        schoolId,
        studentId: studentIds.get(studentKey)!,
        guardianId: guardianIds.get(guardianKey)!,
        ...values,
      })),
    );
  }
  for (let i = 0; i < ops.guardianDeletes.length; i += CHUNK) {
    await m
      .getRepository(GuardianEntity)
      .delete({ id: In(ops.guardianDeletes.slice(i, i + CHUNK)) });
  }

  for (let i = 0; i < ops.membershipDeletes.length; i += CHUNK) {
    await m
      .getRepository(GroupMembershipEntity)
      .delete({ id: In(ops.membershipDeletes.slice(i, i + CHUNK)) });
  }
  await insertAll(
    m,
    GroupMembershipEntity.options.name,
    ops.membershipInserts.map(({ studentKey, groupCode }) => ({
      schoolId,
      studentId: studentIds.get(studentKey)!,
      groupCode,
    })),
  );

  return {
    élèvesAjoutés: ops.studentInserts.length,
    élèvesModifiés: ops.studentUpdates.length,
    responsablesAjoutés: ops.guardianInserts.length,
    responsablesModifiés: ops.guardianUpdates.length,
    responsablesSupprimés: ops.guardianDeletes.length,
    liensAjoutés: ops.linkInserts.length,
    liensModifiés: ops.linkUpdates.length,
    liensSupprimés: ops.linkDeletes.length,
    divisionsAjoutées: ops.divisions.length,
    libellés: ops.labels.length,
    entréesDansUnGroupe: ops.membershipInserts.length,
    sortiesDUnGroupe: ops.membershipDeletes.length,
  };
}

/** Remembers each applied file's export date and time, for the next import to compare. */
export async function keepExportMarks(
  m: EntityManager,
  schoolId: number,
  files: SiecleFile[],
  nowIso: string,
) {
  const marks = m.getRepository(SiecleExportMarkEntity);
  for (const mark of marksAfter(files)) {
    const row = { ...mark, appliedAt: nowIso };
    const existing = await marks.findOneBy({ schoolId, kind: mark.kind });
    if (existing) await marks.update(existing.id, row);
    else await marks.insert({ schoolId, ...row });
  }
}
