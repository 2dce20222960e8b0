import { In, IsNull, LessThan, MoreThan, Not, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ApiFailure } from '../../../shared/api/result';
import {
  ARCHIVE_FRESHNESS_DAYS,
  DEFAULT_RETENTION_YEARS,
  type PurgeInput,
  type RetentionInput,
  type SchoolLifePurgePlan,
} from '../../../shared/api/staff';
import { parisStartOfDay } from '../../../shared/domain/publication/parisDays';
import type { Database } from '../../db/database';
import {
  AbsenteeismReportEntity,
  AuditLogEntity,
  MailOutboxEntity,
  SchoolLifeEventEntity,
  SchoolLifeSettingEntity,
  SchoolYearEntity,
} from '../../db/entities';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { ARCHIVE_AUDIT_ACTION } from './archive';
import { forgetEventLines } from './eventJournal';
import { DSDEN_REPORT_ACTION } from './watch';

const NBSP = '\u00a0';

/**
 * The first day kept: the start of the school year `years - 1` before the current one (1: the
 * current year only). Sanctions are left out of the purge: they leave the record on their own
 * dates (décret 2019-906), by the erasure job.
 */
export function keepsFromDay(currentYearStartsOn: string, years: number): string {
  return `${Number(currentYearStartsOn.slice(0, 4)) - (years - 1)}${currentYearStartsOn.slice(4)}`;
}

/**
 * « Signalé à la DSDEN » for the months before the first day kept, and their journal lines
 * (they name the pupil beside the month): the purge's rule applied to the watch.
 */
async function forgetReportsBefore(
  m: EntityManager,
  schoolId: number,
  keepsFrom: string,
): Promise<{ rows: number; journal: number }> {
  const firstMonthKept = keepsFrom.slice(0, 7);
  const reports = await m
    .getRepository(AbsenteeismReportEntity)
    .delete({ schoolId, month: LessThan(firstMonthKept) });
  const audit = m.getRepository(AuditLogEntity);
  const lines = await audit.find({
    select: { id: true, details: true },
    where: { schoolId, action: DSDEN_REPORT_ACTION },
  });
  const doomed = lines
    .filter((line) => {
      const month = (JSON.parse(line.details) as { mois?: unknown }).mois;
      return typeof month === 'string' && month < firstMonthKept;
    })
    .map((line) => line.id);
  for (let i = 0; i < doomed.length; i += 500) {
    await audit.delete({ id: In(doomed.slice(i, i + 500)) });
  }
  return { rows: reports.affected ?? 0, journal: doomed.length };
}

/**
 * The absence notices e-mailed about the events purged: their bodies name the child and the
 * days of an absence the purge erases, whenever they were sent (a notice sent late for an old
 * absence included), whatever their state (one still waiting would tell of an erased absence).
 * Rows from before the outbox said which absence (null) go under the old rule: sent or given
 * up before the first day kept.
 */
async function forgetNoticeMails(
  m: EntityManager,
  schoolId: number,
  eventIds: readonly number[],
  keepsFrom: string,
): Promise<number> {
  const outbox = m.getRepository(MailOutboxEntity);
  let forgotten = 0;
  for (let i = 0; i < eventIds.length; i += 500) {
    const result = await outbox.delete({
      schoolId,
      schoolLifeEventId: In(eventIds.slice(i, i + 500)),
    });
    forgotten += result.affected ?? 0;
  }
  const unlinked = await outbox.delete({
    schoolId,
    schoolLifeEventId: IsNull(),
    template: 'absence-notice',
    status: In(['sent', 'failed']),
    createdAt: LessThan(parisStartOfDay(keepsFrom).toISOString()),
  });
  return forgotten + (unlinked.affected ?? 0);
}

/** What to do when the archive no longer shows what goes: the same advice in both refusals. */
const ARCHIVE_AGAIN = 'Refaites l’archive (CSV) et réimprimez les PDF des divisions, puis purgez.';

/**
 * The refusal when events to erase were changed after the last archive: how many, and what the
 * CPE or the direction does (the archive again, so the school keeps them as they are now).
 */
function changedAfterArchive(changed: number): string {
  const one = changed === 1;
  const events = one
    ? `1${NBSP}évènement à effacer a été modifié`
    : `${changed}${NBSP}évènements à effacer ont été modifiés`;
  const shown = one ? 'ne le montre pas tel qu’il est' : 'ne les montre pas tels qu’ils sont';
  return `${events} après la dernière archive (motif, traitement, justification, famille avisée, publication ou correction d’appel)${NBSP}: l’archive ${shown}. ${ARCHIVE_AGAIN}`;
}

const purgeable = (schoolId: number, keepsFrom: string) => ({
  schoolId,
  kind: Not('sanction'),
  startsAt: LessThan(parisStartOfDay(keepsFrom).toISOString()),
});

async function retentionYears(m: EntityManager, schoolId: number): Promise<number> {
  const row = await m.getRepository(SchoolLifeSettingEntity).findOneBy({ schoolId });
  return row?.retentionYears ?? DEFAULT_RETENTION_YEARS;
}

/**
 * The end-of-year purge (issue 17 §5): vie scolaire events older than the retention the
 * school sets are erased, in one transaction, journaled; refused unless the school made its
 * archive (the CSV) within the last ARCHIVE_FRESHNESS_DAYS days and nothing to erase was
 * recorded or changed since (the archive must show what goes as it is).
 */
export function createSchoolLifePurgeService({ db, clock }: { db: Database; clock: Clock }) {
  async function plan(m: EntityManager, schoolId: number): Promise<SchoolLifePurgePlan> {
    const [years, year, lastArchive] = await Promise.all([
      retentionYears(m, schoolId),
      m.getRepository(SchoolYearEntity).findOneBy({ schoolId, isCurrent: true }),
      m.getRepository(AuditLogEntity).findOne({
        where: { schoolId, action: ARCHIVE_AUDIT_ACTION },
        order: { at: 'DESC', id: 'DESC' },
      }),
    ]);
    const base = {
      retentionYears: years,
      lastArchiveAt: lastArchive?.at ?? null,
    };
    if (!year) {
      return {
        ...base,
        keepsFrom: null,
        count: 0,
        refusal: 'Aucune année scolaire en cours : importez d’abord la structure de l’année.',
      };
    }
    const keepsFrom = keepsFromDay(year.startsOn, years);
    const repo = m.getRepository(SchoolLifeEventEntity);
    const count = await repo.countBy(purgeable(schoolId, keepsFrom));
    const freshSince = new Date(clock.now().getTime() - ARCHIVE_FRESHNESS_DAYS * 86_400_000);
    let refusal: string | null = null;
    if (count === 0) {
      refusal = 'Rien à effacer : aucun évènement n’est plus ancien que la durée de conservation.';
    } else if (!lastArchive || new Date(lastArchive.at) < freshSince) {
      refusal = `Faites d’abord l’archive (CSV)${NBSP}: aucune n’a été faite dans les ${ARCHIVE_FRESHNESS_DAYS}${NBSP}derniers jours.`;
    } else if (
      (await repo.countBy({
        ...purgeable(schoolId, keepsFrom),
        recordedAt: MoreThan(lastArchive.at),
      })) > 0
    ) {
      refusal = `Des évènements à effacer ont été saisis après la dernière archive${NBSP}: l’archive ne les contient pas. ${ARCHIVE_AGAIN}`;
    } else {
      // The archive shows an event as it was then: one changed since would be lost as it is now.
      const changed = await repo.countBy({
        ...purgeable(schoolId, keepsFrom),
        updatedAt: MoreThan(lastArchive.at),
      });
      if (changed > 0) refusal = changedAfterArchive(changed);
    }
    return { ...base, keepsFrom, count, refusal };
  }

  return {
    plan: (actor: StaffActor) => plan(db.manager, actor.schoolId),

    async setRetention(
      actor: StaffActor,
      input: z.output<typeof RetentionInput>,
    ): Promise<SchoolLifePurgePlan> {
      return db.transaction(async (m) => {
        const repo = m.getRepository(SchoolLifeSettingEntity);
        const existing = await repo.findOneBy({ schoolId: actor.schoolId });
        const before = existing?.retentionYears ?? DEFAULT_RETENTION_YEARS;
        if (existing) await repo.update({ id: existing.id }, { retentionYears: input.years });
        else {
          await repo.insert({
            schoolId: actor.schoolId,
            middayBoundary: '12:00',
            closedPeriods: '[]',
            retentionYears: input.years,
          });
        }
        await writeAudit(m, clock, {
          schoolId: actor.schoolId,
          actor,
          action: 'schoolLife.retention',
          targetType: 'school',
          targetId: actor.schoolId,
          targetLabel: 'Conservation de la vie scolaire',
          details: { avant: before, après: input.years },
        });
        return plan(m, actor.schoolId);
      });
    },

    async purge(
      actor: StaffActor,
      input: z.output<typeof PurgeInput>,
    ): Promise<{ purged: number; plan: SchoolLifePurgePlan }> {
      return db.transaction(async (m) => {
        const before = await plan(m, actor.schoolId);
        if (before.refusal !== null || before.keepsFrom === null) {
          throw new ApiFailure('conflict', before.refusal ?? 'Purge impossible.');
        }
        if (before.count !== input.confirmedCount) {
          throw new ApiFailure(
            'conflict',
            `Le nombre d’évènements à effacer a changé (${before.count} au lieu de ${input.confirmedCount})${NBSP}: vérifiez puis confirmez de nouveau.`,
          );
        }
        const events = m.getRepository(SchoolLifeEventEntity);
        const ids = (
          await events.find({
            select: { id: true },
            where: purgeable(actor.schoolId, before.keepsFrom),
          })
        ).map((e) => e.id);
        // The online justifications of these events go with them (ON DELETE CASCADE).
        const result = await events.delete(purgeable(actor.schoolId, before.keepsFrom));
        const purged = result.affected ?? before.count;
        // What the journal and the watch still said of them, under the same rule.
        const journal = await forgetEventLines(m, actor.schoolId, ids);
        const reports = await forgetReportsBefore(m, actor.schoolId, before.keepsFrom);
        const notices = await forgetNoticeMails(m, actor.schoolId, ids, before.keepsFrom);
        await writeAudit(m, clock, {
          schoolId: actor.schoolId,
          actor,
          action: 'schoolLife.purge',
          targetType: 'school',
          targetId: actor.schoolId,
          targetLabel: 'Purge de la vie scolaire',
          details: {
            effacés: purged,
            lignesDuJournal: journal + reports.journal,
            signalementsDsden: reports.rows,
            avisParCourriel: notices,
            avant: before.keepsFrom,
            conservation: before.retentionYears,
            archive: before.lastArchiveAt,
          },
        });
        return { purged, plan: await plan(m, actor.schoolId) };
      });
    },
  };
}
