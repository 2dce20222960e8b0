import { In, LessThan, MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ApiFailure } from '../../../shared/api/result';
import type { AbsenteeismWatchRow, DsdenReportInput } from '../../../shared/api/staff';
import { slashDate } from '../../../shared/domain/frenchDates';
import { parisStartOfDay } from '../../../shared/domain/publication/parisDays';
import {
  absenteeismWatch,
  type AbsenceForWatch,
} from '../../../shared/domain/vieScolaire/absenteeism';
import type { Database } from '../../db/database';
import { HALF_DAY_PART_LABELS } from '../../../shared/domain/vieScolaire/halfDays';
import {
  AbsenteeismReportEntity,
  DivisionEntity,
  MotifEntity,
  SchoolLifeEventEntity,
  StudentEntity,
} from '../../db/entities';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { csvDocument } from '../csv';
import { studentName } from './eventView';
import { halfDaySettingsOf } from './settings';

/** The journal's « signalé à la DSDEN » line (the purge finds it by this action). */
export const DSDEN_REPORT_ACTION = 'schoolLife.reportToDsden';

/** The first day of the month after `month` ('YYYY-MM'). */
function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * The CPE's watch (L131-8): the month's absences of the school through absenteeismWatch. An
 * absence counts as excused only once processed, justified, with a motif marked « légitime ».
 */
export function createWatchService({ db, clock }: { db: Database; clock: Clock }) {
  async function watch(
    actor: StaffActor,
    month: string,
    m: EntityManager = db.manager,
  ): Promise<AbsenteeismWatchRow[]> {
    const from = parisStartOfDay(`${month}-01`).toISOString();
    const until = parisStartOfDay(nextMonth(month)).toISOString();
    const events = await m.getRepository(SchoolLifeEventEntity).find({
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
    });
    const motifs = await m.getRepository(MotifEntity).findBy({ schoolId: actor.schoolId });
    const settings = await halfDaySettingsOf(m, actor.schoolId);
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
    const ids = findings.map((f) => f.studentId);
    // One after another: inside a transaction, PostgreSQL has one connection to ask.
    const students = await m
      .getRepository(StudentEntity)
      .findBy({ schoolId: actor.schoolId, id: In(ids) });
    const divisions = await m.getRepository(DivisionEntity).findBy({ schoolId: actor.schoolId });
    const reports = await m
      .getRepository(AbsenteeismReportEntity)
      .findBy({ schoolId: actor.schoolId, month, studentId: In(ids) });
    const reportedOn = new Map(reports.map((r) => [r.studentId, r.reportedOn]));
    const studentById = new Map(students.map((s) => [s.id, s]));
    const divisionCode = new Map(divisions.map((d) => [d.id, d.code]));
    return findings.map((f) => {
      const s = studentById.get(f.studentId);
      return {
        studentId: f.studentId,
        studentName: s ? studentName(s) : '',
        divisionCode: s?.divisionId != null ? (divisionCode.get(s.divisionId) ?? '') : '',
        halfDays: f.halfDays,
        count: f.count,
        reportedOn: reportedOn.get(f.studentId) ?? null,
      };
    });
  }

  /** The watch as a French spreadsheet: one row a pupil, the half-days in one cell. */
  async function csv(actor: StaffActor, month: string): Promise<string> {
    const rows = await watch(actor, month);
    return csvDocument(
      ['Élève', 'Division', 'Mois', 'Demi-journées', 'Détail', 'Signalé à la DSDEN le'],
      rows.map((r) => [
        r.studentName,
        r.divisionCode,
        month,
        String(r.count),
        r.halfDays.map((h) => `${slashDate(h.day)} ${HALF_DAY_PART_LABELS[h.part]}`).join(', '),
        r.reportedOn ? slashDate(r.reportedOn) : '',
      ]),
    );
  }

  /**
   * « Signalé à la DSDEN le … » (L131-8: the head refers the pupil to the académie). Only for
   * a pupil on the month's watch; recording it again corrects the day. Audited.
   */
  async function report(
    actor: StaffActor,
    input: z.output<typeof DsdenReportInput>,
  ): Promise<AbsenteeismWatchRow[]> {
    return db.transaction(async (m) => {
      const listed = (await watch(actor, input.month, m)).find(
        (r) => r.studentId === input.studentId,
      );
      if (!listed) {
        throw new ApiFailure(
          'invalid_input',
          'Cet élève n’a pas quatre demi-journées d’absence sans motif légitime ce mois-ci.',
        );
      }
      const repo = m.getRepository(AbsenteeismReportEntity);
      const key = { schoolId: actor.schoolId, studentId: input.studentId, month: input.month };
      const existing = await repo.findOneBy(key);
      const fields = {
        reportedOn: input.reportedOn,
        recordedBy: actor.userId,
        recordedAt: clock.now().toISOString(),
      };
      if (existing) await repo.update({ id: existing.id }, fields);
      else await repo.insert({ ...key, ...fields });
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: DSDEN_REPORT_ACTION,
        targetType: 'student',
        targetId: input.studentId,
        targetLabel: listed.studentName,
        details: { mois: input.month, signaléLe: input.reportedOn },
      });
      return watch(actor, input.month, m);
    });
  }

  return { watch, csv, report };
}
