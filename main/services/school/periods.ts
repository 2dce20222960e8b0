import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { z } from 'zod';
import { ApiFailure } from '../../../shared/api/result';
import type {
  PeriodLevel,
  PeriodLevelKey,
  PeriodSetInput,
  PeriodsOverview,
  ReopenInput,
} from '../../../shared/api/staff';
import { slashDate } from '../../../shared/domain/frenchDates';
import {
  EVERY_LEVEL,
  PERIOD_KINDS,
  parisDay,
  periodLabel,
  periodProblems,
  type GradingPeriod,
} from '../../../shared/domain/periods';
import { LEVELS } from '../../../shared/domain/school';
import type { Database } from '../../db/database';
import {
  DivisionEntity,
  PeriodEntity,
  PeriodReopeningEntity,
  SchoolYearEntity,
  StaffUserEntity,
} from '../../db/entities';
import type { PeriodRow, SchoolYearRow } from '../../db/entities/rows';
import { writeAudit } from '../audit/audit';
import { assessmentCounts, devoirs } from '../grades/assessmentHolders';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';

const levelLabel = (level: string) => (level === EVERY_LEVEL ? 'Tous niveaux' : level);
const levelOrder = (level: string) => (LEVELS as readonly string[]).indexOf(level);

const toPeriod = (row: PeriodRow): GradingPeriod => ({
  id: row.id,
  level: row.level,
  code: row.code,
  label: row.label,
  startsOn: row.startsOn,
  endsOn: row.endsOn,
  closesOn: row.closesOn,
  publishesOn: row.publishesOn,
});

/** A period in the journal's words: its days only, nobody's data. */
const describe = (p: GradingPeriod) =>
  [
    `du ${slashDate(p.startsOn)} au ${slashDate(p.endsOn)}`,
    `fermeture ${p.closesOn ? slashDate(p.closesOn) : 'aucune'}`,
    ...(p.publishesOn ? [`publication ${slashDate(p.publishesOn)}`] : []),
  ].join(', ');

/** The periods that changed, by code, as « avant → après » (— for one added or removed). */
function periodChanges(before: GradingPeriod[], after: GradingPeriod[]) {
  const codes = [...new Set([...before, ...after].map((p) => p.code))];
  const text = (list: GradingPeriod[], code: string) => {
    const period = list.find((p) => p.code === code);
    return period ? describe(period) : null;
  };
  return Object.fromEntries(
    codes
      .filter((code) => text(before, code) !== text(after, code))
      .map((code) => [code, { avant: text(before, code), après: text(after, code) }]),
  );
}

async function currentYear(m: EntityManager, schoolId: number): Promise<SchoolYearRow> {
  const year = await m.getRepository(SchoolYearEntity).findOneBy({ schoolId, isCurrent: true });
  if (!year) {
    throw new ApiFailure(
      'conflict',
      'Aucune année scolaire en cours : importez d’abord la base élèves de SIECLE.',
    );
  }
  return year;
}

/** Periods holding devoirs are not removed: their marks would have no period left. */
async function refuseIfHeld(m: EntityManager, periods: GradingPeriod[]) {
  const held = await assessmentCounts(
    m,
    'periodId',
    periods.map((p) => p.id),
  );
  const first = periods.find((p) => held.has(p.id));
  if (first) {
    throw new ApiFailure(
      'conflict',
      `${first.label} (${levelLabel(first.level)}) a ${devoirs(held.get(first.id)!)} : elle ne peut être retirée.`,
    );
  }
}

async function periodsOf(m: EntityManager, yearId: number, level?: string) {
  const rows = await m.getRepository(PeriodEntity).find({
    where: { schoolYearId: yearId, ...(level === undefined ? {} : { level }) },
    order: { startsOn: 'ASC' },
  });
  return rows
    .map(toPeriod)
    .sort(
      (a, b) => levelOrder(a.level) - levelOrder(b.level) || (a.startsOn < b.startsOn ? -1 : 1),
    );
}

async function overview(
  m: EntityManager,
  schoolId: number,
  today: string,
): Promise<PeriodsOverview> {
  const year = await m.getRepository(SchoolYearEntity).findOneBy({ schoolId, isCurrent: true });
  const teachers = await m.getRepository(StaffUserEntity).find({
    where: { schoolId, role: 'teacher', active: true },
    order: { displayName: 'ASC' },
  });
  const base = { teachers: teachers.map(({ id, displayName }) => ({ id, displayName })), today };
  if (!year) return { year: null, levels: [], periods: [], reopenings: [], ...base };

  const periods = await periodsOf(m, year.id);
  const divisions = await m
    .getRepository(DivisionEntity)
    .find({ where: { schoolYearId: year.id }, order: { code: 'ASC' } });
  const used = new Set([...divisions.map((d) => d.level), ...periods.map((p) => p.level)]);
  const keys: PeriodLevelKey[] = [EVERY_LEVEL, ...LEVELS.filter((l) => used.has(l))];
  const levels: PeriodLevel[] = keys.map((level) => ({
    level,
    label: levelLabel(level),
    divisions:
      level === EVERY_LEVEL ? [] : divisions.filter((d) => d.level === level).map((d) => d.code),
    hasOwnPeriods: periods.some((p) => p.level === level),
  }));

  const reopenings = await m.getRepository(PeriodReopeningEntity).find({
    where: { schoolId, periodId: In(periods.map((p) => p.id)) },
    order: { untilOn: 'ASC' },
  });
  const names = new Map(
    (
      await m
        .getRepository(StaffUserEntity)
        .findBy({ schoolId, id: In([...new Set(reopenings.map((r) => r.teacherId))]) })
    ).map((u) => [u.id, u.displayName]),
  );
  return {
    year: { label: year.label, startsOn: year.startsOn, endsOn: year.endsOn },
    levels,
    periods,
    reopenings: reopenings.map(({ id, periodId, teacherId, untilOn }) => ({
      id,
      periodId,
      teacherId,
      untilOn,
      teacherName: names.get(teacherId) ?? '',
    })),
    ...base,
  };
}

/**
 * The school's grading periods (trimestres or semestres, per level), their closing days and
 * direction's reopenings for one teacher. The rule that uses them is canTeacherEditMarks.
 */
export function createPeriodService({ db, clock }: { db: Database; clock: Clock }) {
  const today = () => parisDay(clock.now());

  async function list(actor: StaffActor): Promise<PeriodsOverview> {
    return overview(db.manager, actor.schoolId, today());
  }

  async function update(
    actor: StaffActor,
    input: z.output<typeof PeriodSetInput>,
  ): Promise<PeriodsOverview> {
    return db.transaction(async (m) => {
      const year = await currentYear(m, actor.schoolId);
      const problems = periodProblems(input.kind, input.periods, year);
      if (problems.length > 0) {
        throw new ApiFailure(
          'invalid_input',
          problems.length === 1
            ? problems[0]!.message
            : `${problems.length} dates à corriger : voyez les champs signalés.`,
          Object.fromEntries(problems.map((p) => [`periods.${p.index}.${p.field}`, p.message])),
        );
      }
      const repo = m.getRepository(PeriodEntity);
      const before = await periodsOf(m, year.id, input.level);
      const codes: readonly string[] = PERIOD_KINDS[input.kind].codes;
      // Kept by code, so that a period's id (and what hangs on it) survives a change of dates.
      const dropped = before.filter((p) => !codes.includes(p.code));
      await refuseIfHeld(m, dropped);
      if (dropped.length > 0) await repo.delete({ id: In(dropped.map((p) => p.id)) });
      for (const [index, dates] of input.periods.entries()) {
        const code = codes[index]!;
        const values = { ...dates, label: periodLabel(input.kind, index) };
        const existing = before.find((p) => p.code === code);
        if (existing) await repo.update(existing.id, values);
        else {
          await repo.insert({
            schoolId: actor.schoolId,
            schoolYearId: year.id,
            level: input.level,
            code,
            ...values,
          });
        }
      }
      const after = await periodsOf(m, year.id, input.level);
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'periods.update',
        targetType: 'school_year',
        targetId: year.id,
        targetLabel: `${year.label} — ${levelLabel(input.level)}`,
        details: periodChanges(before, after),
      });
      return overview(m, actor.schoolId, today());
    });
  }

  async function removeLevel(actor: StaffActor, level: string): Promise<PeriodsOverview> {
    if (level === EVERY_LEVEL) {
      throw new ApiFailure(
        'invalid_input',
        'Les périodes de l’établissement ne se retirent pas : modifiez leurs dates.',
      );
    }
    return db.transaction(async (m) => {
      const year = await currentYear(m, actor.schoolId);
      const before = await periodsOf(m, year.id, level);
      await refuseIfHeld(m, before);
      if (before.length > 0) {
        await m.getRepository(PeriodEntity).delete({ id: In(before.map((p) => p.id)) });
        await writeAudit(m, clock, {
          schoolId: actor.schoolId,
          actor,
          action: 'periods.removeLevel',
          targetType: 'school_year',
          targetId: year.id,
          targetLabel: `${year.label} — ${level}`,
          details: periodChanges(before, []),
        });
      }
      return overview(m, actor.schoolId, today());
    });
  }

  async function reopen(
    actor: StaffActor,
    input: z.output<typeof ReopenInput>,
  ): Promise<PeriodsOverview> {
    return db.transaction(async (m) => {
      const year = await currentYear(m, actor.schoolId);
      const period = await m
        .getRepository(PeriodEntity)
        .findOneBy({ id: input.periodId, schoolYearId: year.id, schoolId: actor.schoolId });
      if (!period) throw new ApiFailure('not_found', 'Période introuvable dans l’année en cours.');
      const teacher = await m.getRepository(StaffUserEntity).findOneBy({
        id: input.teacherId,
        schoolId: actor.schoolId,
        role: 'teacher',
        active: true,
      });
      if (!teacher) {
        throw new ApiFailure('not_found', 'Professeur introuvable (ou compte désactivé).', {
          teacherId: 'Choisissez un professeur de l’établissement.',
        });
      }
      const name = `${period.code} (${levelLabel(period.level)})`;
      if (period.closesOn === null) {
        throw new ApiFailure(
          'conflict',
          `La saisie de ${name} n’a pas de date de fermeture : elle est ouverte, rien à rouvrir.`,
        );
      }
      const fieldProblem =
        input.untilOn < today()
          ? `Rouverte jusqu’au : une date à venir (nous sommes le ${slashDate(today())}).`
          : input.untilOn < period.closesOn
            ? `Rouverte jusqu’au : le ${slashDate(period.closesOn)} au plus tôt, jour où la saisie ferme.`
            : null;
      if (fieldProblem) {
        throw new ApiFailure('invalid_input', fieldProblem, { untilOn: fieldProblem });
      }
      const repo = m.getRepository(PeriodReopeningEntity);
      const existing = await repo.findOneBy({ periodId: period.id, teacherId: teacher.id });
      if (existing) await repo.update(existing.id, { untilOn: input.untilOn });
      else {
        await repo.insert({
          schoolId: actor.schoolId,
          periodId: period.id,
          teacherId: teacher.id,
          untilOn: input.untilOn,
          createdAt: clock.now().toISOString(),
        });
      }
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'periods.reopen',
        targetType: 'staff_user',
        targetId: teacher.id,
        targetLabel: `${teacher.displayName} (${teacher.login})`,
        details: {
          période: name,
          jusquAu: input.untilOn,
          ...(existing ? { avant: existing.untilOn } : {}),
        },
      });
      return overview(m, actor.schoolId, today());
    });
  }

  async function withdrawReopening(actor: StaffActor, id: number): Promise<PeriodsOverview> {
    return db.transaction(async (m) => {
      const repo = m.getRepository(PeriodReopeningEntity);
      const reopening = await repo.findOneBy({ id, schoolId: actor.schoolId });
      if (!reopening)
        throw new ApiFailure('not_found', 'Réouverture introuvable (déjà retirée ?).');
      const period = await m
        .getRepository(PeriodEntity)
        .findOneByOrFail({ id: reopening.periodId });
      const teacher = await m
        .getRepository(StaffUserEntity)
        .findOneByOrFail({ id: reopening.teacherId });
      await repo.delete(reopening.id);
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'periods.withdrawReopening',
        targetType: 'staff_user',
        targetId: teacher.id,
        targetLabel: `${teacher.displayName} (${teacher.login})`,
        details: {
          période: `${period.code} (${levelLabel(period.level)})`,
          jusquAu: reopening.untilOn,
        },
      });
      return overview(m, actor.schoolId, today());
    });
  }

  return { list, update, removeLevel, reopen, withdrawReopening };
}

export type PeriodService = ReturnType<typeof createPeriodService>;
