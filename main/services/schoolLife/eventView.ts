import { In, type EntityManager } from 'typeorm';
import type { FamilyNoticeMeans, SchoolLifeEvent } from '../../../shared/api/staff';
import {
  SCHOOL_LIFE_EVENT_KINDS,
  type SchoolLifeEventKind,
} from '../../../shared/domain/vieScolaire/eventKinds';
import { halfDaysOf } from '../../../shared/domain/vieScolaire/halfDays';
import type { SanctionKind } from '../../../shared/domain/vieScolaire/sanctions';
import { DivisionEntity, MotifEntity, StudentEntity } from '../../db/entities';
import type { SchoolLifeEventRow } from '../../db/entities/schoolLife';
import { sanctionErasedOnFor } from './sanctionErasure';
import { halfDaySettingsOf } from './settings';

/** 'BARTHELET Gaël', as the rest of the staff window names a pupil. */
export function studentName(student: { lastName: string; firstName: string }): string {
  return `${student.lastName.toLocaleUpperCase('fr-FR')} ${student.firstName}`;
}

/** Events as the staff window reads them, with the pupil, the motif and the derived half-days. */
export async function eventViews(
  m: EntityManager,
  schoolId: number,
  rows: readonly SchoolLifeEventRow[],
): Promise<SchoolLifeEvent[]> {
  if (rows.length === 0) return [];
  const studentIds = [...new Set(rows.map((r) => r.studentId))];
  // One after another: inside a transaction, PostgreSQL has one connection to ask.
  const students = await m.getRepository(StudentEntity).findBy({ schoolId, id: In(studentIds) });
  const motifs = await m.getRepository(MotifEntity).findBy({ schoolId });
  const divisions = await m.getRepository(DivisionEntity).findBy({ schoolId });
  const settings = await halfDaySettingsOf(m, schoolId);
  const studentById = new Map(students.map((s) => [s.id, s]));
  const motifById = new Map(motifs.map((mo) => [mo.id, mo]));
  const divisionCode = new Map(divisions.map((d) => [d.id, d.code]));
  const divisionLevel = new Map(divisions.map((d) => [d.id, d.level]));
  return rows.map((row) => {
    const student = studentById.get(row.studentId);
    const motif = row.motifId === null ? undefined : motifById.get(row.motifId);
    const kind = row.kind as SchoolLifeEventKind;
    return {
      id: row.id,
      studentId: row.studentId,
      studentName: student ? studentName(student) : '',
      divisionCode: student?.divisionId != null ? (divisionCode.get(student.divisionId) ?? '') : '',
      kind,
      kindLabel: SCHOOL_LIFE_EVENT_KINDS[kind]?.label ?? row.kind,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      minutes: row.minutes,
      halfDays:
        kind === 'absence' ? halfDaysOf({ start: row.startsAt, end: row.endsAt }, settings) : [],
      motif: motif ? { id: motif.id, label: motif.label, legitimate: motif.legitimate } : null,
      justified: row.justified,
      publishableOnline: row.publishableOnline,
      familyNotifiedAt: row.familyNotifiedAt,
      familyNotifiedBy: row.familyNotifiedBy as FamilyNoticeMeans | null,
      sanctionKind: row.sanctionKind as SanctionKind | null,
      sanctionErasedOn: sanctionErasedOnFor(
        row,
        student,
        student?.divisionId != null ? divisionLevel.get(student.divisionId) : undefined,
      ),
      suspended: row.suspended,
      suspendedUntil: row.suspendedUntil,
      comment: row.comment,
      recordedAt: row.recordedAt,
      processed: row.processed,
      version: row.version,
    };
  });
}
