import { In, Not, type EntityManager } from 'typeorm';
import { parisDay } from '../../../shared/domain/publication/parisDays';
import {
  endOfSecondarySchooling,
  SANCTIONS,
  sanctionErasedOn,
  type SanctionKind,
} from '../../../shared/domain/vieScolaire/sanctions';
import type { Database } from '../../db/database';
import {
  AuditLogEntity,
  DivisionEntity,
  SchoolLifeEventEntity,
  StudentEntity,
} from '../../db/entities';
import { ScheduledJobEntity } from '../../db/entities/accounts';
import type { StudentRow } from '../../db/entities/rows';
import type { SchoolLifeEventRow } from '../../db/entities/schoolLife';
import { writeAudit } from '../audit/audit';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';
import { levelFromMef } from '../import/siecleMapping';
import { forgetEventLines } from './eventJournal';

export const SANCTION_ERASURE_JOB = 'schoolLife.sanctionErasure';
const ERASURE_ACTION = 'schoolLife.eraseSanction';
const ERASURE_LABEL = 'Sanctions effacées du dossier (R511-13 IV)';

/**
 * The day a sanction row leaves the record, or null (not a sanction, an exclusion définitive):
 * the pupil's leaving day and level (division, else SIECLE's MEF) say whether their secondary
 * schooling ended here.
 */
export function sanctionErasedOnFor(
  row: Pick<SchoolLifeEventRow, 'kind' | 'sanctionKind' | 'startsAt'>,
  pupil: Pick<StudentRow, 'leftOn' | 'mefCode'> | undefined,
  divisionLevel: string | undefined,
): string | null {
  const kind = row.sanctionKind as SanctionKind | null;
  if (row.kind !== 'sanction' || kind === null || !Object.hasOwn(SANCTIONS, kind)) return null;
  const level = divisionLevel || (pupil ? levelFromMef(pupil.mefCode) : null);
  const ended = pupil ? endOfSecondarySchooling({ leftOn: pupil.leftOn, level }) : null;
  return sanctionErasedOn(kind, parisDay(row.startsAt), ended);
}

async function sanctionErasureDays(
  m: EntityManager,
  rows: readonly SchoolLifeEventRow[],
): Promise<Map<number, string | null>> {
  const studentIds = [...new Set(rows.map((r) => r.studentId))];
  const students =
    studentIds.length === 0
      ? []
      : await m.getRepository(StudentEntity).findBy({ id: In(studentIds) });
  const divisionIds = [...new Set(students.flatMap((s) => (s.divisionId ? [s.divisionId] : [])))];
  const divisions =
    divisionIds.length === 0
      ? []
      : await m.getRepository(DivisionEntity).findBy({ id: In(divisionIds) });
  const levelOf = new Map(divisions.map((d) => [d.id, d.level]));
  const studentById = new Map(students.map((s) => [s.id, s]));
  return new Map(
    rows.map((row) => {
      const pupil = studentById.get(row.studentId);
      const level = pupil?.divisionId ? levelOf.get(pupil.divisionId) : undefined;
      return [row.id, sanctionErasedOnFor(row, pupil, level)];
    }),
  );
}

/**
 * R511-13 IV (décret 2019-906): a sanction leaves the pupil's administrative record at the
 * end of its school year (avertissement), of the next (blâme, mesure de responsabilisation)
 * or of the second next (exclusions temporaires), or sooner at the end of the pupil's
 * secondary schooling. The job looks at every sanction whose day has come, so a run after
 * weeks with the app closed erases all of them at once.
 *
 * Erased means nothing left that says this pupil had this sanction: the event goes, and so do
 * the journal lines about it (recorded, processed), which name the pupil. The journal keeps
 * only how many sanctions left the record that day, school by school: no pupil, no kind, no
 * number to tie it to anything.
 */
export async function eraseDueSanctions(db: Database, clock: Clock): Promise<number> {
  const today = parisToday(clock);
  return db.transaction(async (m) => {
    const repo = m.getRepository(SchoolLifeEventEntity);
    const sanctions = await repo.findBy({
      kind: 'sanction',
      sanctionKind: Not('permanentExclusion'),
    });
    const days = await sanctionErasureDays(m, sanctions);
    const due = sanctions.filter((row) => {
      const erasedOn = days.get(row.id);
      return erasedOn != null && today >= erasedOn;
    });
    const bySchool = new Map<number, SchoolLifeEventRow[]>();
    for (const row of due) bySchool.set(row.schoolId, [...(bySchool.get(row.schoolId) ?? []), row]);
    for (const [schoolId, rows] of bySchool) {
      await repo.delete({ id: In(rows.map((r) => r.id)) });
      await forgetEventLines(
        m,
        schoolId,
        rows.map((r) => r.id),
        rows.map((r) => r.studentId),
      );
      await writeAudit(m, clock, {
        schoolId,
        actor: null,
        action: ERASURE_ACTION,
        targetType: 'school',
        targetId: schoolId,
        targetLabel: ERASURE_LABEL,
        details: { effacées: rows.length },
      });
    }
    await forgetLegacyErasureLines(m);
    // When it last looked, for whoever checks that the job runs (as the accounts' expiry).
    const jobs = m.getRepository(ScheduledJobEntity);
    const job = await jobs.findOneBy({ name: SANCTION_ERASURE_JOB });
    const ran = { lastRunOn: today, lastRunAt: clock.now().toISOString() };
    if (job) await jobs.update(job.id, ran);
    else await jobs.insert({ name: SANCTION_ERASURE_JOB, ...ran });
    return due.length;
  });
}

/**
 * Erasures made before the journal was cleaned with them left one line per sanction (its
 * number, kind and days) while the lines naming the pupil stayed: those lines go now, and each
 * old erasure line keeps only that a sanction left the record.
 */
async function forgetLegacyErasureLines(m: EntityManager): Promise<void> {
  const audit = m.getRepository(AuditLogEntity);
  const legacy = await audit.findBy({ action: ERASURE_ACTION, targetType: 'school_life_event' });
  for (const line of legacy) {
    if (line.schoolId !== null) await forgetEventLines(m, line.schoolId, [Number(line.targetId)]);
    await audit.update(line.id, {
      targetType: 'school',
      targetId: String(line.schoolId ?? ''),
      targetLabel: ERASURE_LABEL,
      details: JSON.stringify({ effacées: 1 }),
    });
  }
}
