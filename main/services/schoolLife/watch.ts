import { In, LessThan, MoreThanOrEqual } from 'typeorm';
import type { AbsenteeismWatchRow } from '../../../shared/api/staff';
import { parisStartOfDay } from '../../../shared/domain/publication/parisDays';
import {
  absenteeismWatch,
  type AbsenceForWatch,
} from '../../../shared/domain/vieScolaire/absenteeism';
import type { Database } from '../../db/database';
import {
  DivisionEntity,
  MotifEntity,
  SchoolLifeEventEntity,
  StudentEntity,
} from '../../db/entities';
import type { StaffActor } from '../context';
import { halfDaySettingsOf } from './settings';

/** The first day of the month after `month` ('YYYY-MM'). */
function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * The CPE's watch (L131-8): the month's absences of the school through absenteeismWatch. An
 * absence counts as excused only once processed, justified, with a motif marked « légitime ».
 */
export function createWatchService({ db }: { db: Database }) {
  return {
    async watch(actor: StaffActor, month: string): Promise<AbsenteeismWatchRow[]> {
      const m = db.manager;
      const from = parisStartOfDay(`${month}-01`).toISOString();
      const until = parisStartOfDay(nextMonth(month)).toISOString();
      const [events, motifs, settings] = await Promise.all([
        m.getRepository(SchoolLifeEventEntity).find({
          // The six columns the rule reads: hydrating all twenty cost the watch half its time.
          select: {
            studentId: true,
            startsAt: true,
            endsAt: true,
            processed: true,
            justified: true,
            motifId: true,
          },
          where: {
            schoolId: actor.schoolId,
            kind: 'absence',
            startsAt: LessThan(until),
            endsAt: MoreThanOrEqual(from),
          },
        }),
        m.getRepository(MotifEntity).findBy({ schoolId: actor.schoolId }),
        halfDaySettingsOf(m, actor.schoolId),
      ]);
      const legitimate = new Set(motifs.filter((mo) => mo.legitimate).map((mo) => mo.id));
      const byStudent = new Map<number, AbsenceForWatch[]>();
      for (const e of events) {
        const absences = byStudent.get(e.studentId) ?? [];
        absences.push({
          start: e.startsAt,
          end: e.endsAt,
          legitimateMotive:
            e.processed && e.justified && e.motifId !== null && legitimate.has(e.motifId),
        });
        byStudent.set(e.studentId, absences);
      }
      const findings = absenteeismWatch(
        [...byStudent].map(([studentId, absences]) => ({ studentId, absences })),
        month,
        settings,
      );
      if (findings.length === 0) return [];
      const [students, divisions] = await Promise.all([
        m.getRepository(StudentEntity).find({
          select: { id: true, lastName: true, firstName: true, divisionId: true },
          where: { schoolId: actor.schoolId, id: In(findings.map((f) => f.studentId)) },
        }),
        m.getRepository(DivisionEntity).findBy({ schoolId: actor.schoolId }),
      ]);
      const studentById = new Map(students.map((s) => [s.id, s]));
      const divisionCode = new Map(divisions.map((d) => [d.id, d.code]));
      return findings.map((f) => {
        const s = studentById.get(f.studentId);
        return {
          studentId: f.studentId,
          studentName: s ? `${s.lastName} ${s.firstName}` : '',
          divisionCode: s?.divisionId != null ? (divisionCode.get(s.divisionId) ?? '') : '',
          halfDays: f.halfDays,
          count: f.count,
        };
      });
    },
  };
}
