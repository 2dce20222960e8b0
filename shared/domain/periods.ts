import { slashDate } from './frenchDates';
import { addDays, parisDay } from './publication/parisDays';

/**
 * Grading periods (trimestres T1–T3 or semestres S1–S2) and the rule that locks a teacher's
 * marks once a period's entry has closed. Pure: the grades service, the teacher's screen
 * and the tests all ask the same functions.
 */

/** 'YYYY-MM-DD'. */
type Day = string;

export const PERIOD_KINDS = {
  trimestres: { label: 'Trimestres', codes: ['T1', 'T2', 'T3'], name: 'Trimestre' },
  semestres: { label: 'Semestres', codes: ['S1', 'S2'], name: 'Semestre' },
} as const;
export type PeriodKind = keyof typeof PERIOD_KINDS;

/**
 * The level key of the school's own periods, for every level that has none of its own: a
 * collège in trimestres keeps one set; a lycée may put its 1re and Tle in semestres.
 */
export const EVERY_LEVEL = '';

export interface PeriodDates {
  startsOn: Day;
  /** Last day of the period, included. */
  endsOn: Day;
  /**
   * « Date de fermeture de la saisie »: from this day on (Paris time), a teacher's marks of
   * the period are locked unless direction reopens it for them. null: never locked.
   */
  closesOn: Day | null;
  /**
   * In the « à date » publication mode, the day the period's marks reach families; null:
   * the day after the period ends (see publicationDayOf).
   */
  publishesOn: Day | null;
}

export interface GradingPeriod extends PeriodDates {
  id: number;
  /** A level of LEVELS (« 4e »), or EVERY_LEVEL. */
  level: string;
  code: string;
  /** « Trimestre 1 ». */
  label: string;
}

/** Direction lets one teacher enter the period's marks again, up to `untilOn` included. */
export interface PeriodReopening {
  id: number;
  periodId: number;
  teacherId: number;
  untilOn: Day;
}

export interface SchoolYearDates {
  startsOn: Day;
  endsOn: Day;
}

/** A field of a period set that is wrong, and why, in French. */
export interface PeriodProblem {
  index: number;
  field: keyof PeriodDates;
  message: string;
}

// One rule for days everywhere: the publication module's (Paris days, UTC-midnight arithmetic).
export { addDays, parisDay };

export function periodLabel(kind: PeriodKind, index: number): string {
  return `${PERIOD_KINDS[kind].name} ${index + 1}`;
}

export function periodKindOf(codes: readonly string[]): PeriodKind {
  return codes.some((c) => c.startsWith('S')) ? 'semestres' : 'trimestres';
}

/**
 * The periods a year gets until direction changes them (documented in docs/GLOSSARY.md):
 * - trimestres: T1 from the rentrée to 30 November, T2 from 1 December to the end of
 *   February, T3 from 1 March to the end of the year;
 * - semestres: S1 from the rentrée to 31 January, S2 from 1 February to the end of the year;
 * - entry closes a week after the period ends (the week of the conseils de classe);
 * - no publication date of its own (the day after the period ends).
 */
export function defaultPeriods(
  kind: PeriodKind,
  year: SchoolYearDates,
): (PeriodDates & { code: string; label: string })[] {
  const first = Number(year.startsOn.slice(0, 4));
  const next = first + 1;
  const cuts =
    kind === 'trimestres' ? [`${first}-11-30`, addDays(`${next}-03-01`, -1)] : [`${next}-01-31`];
  const ends = [...cuts, year.endsOn];
  return ends.map((endsOn, index) => ({
    code: PERIOD_KINDS[kind].codes[index]!,
    label: periodLabel(kind, index),
    startsOn: index === 0 ? year.startsOn : addDays(ends[index - 1]!, 1),
    endsOn,
    closesOn: addDays(endsOn, 7),
    publishesOn: null,
  }));
}

/**
 * What is wrong with one level's periods, field by field: they follow one another without
 * overlap or gap, from the rentrée to the last day of the year.
 */
export function periodProblems(
  kind: PeriodKind,
  periods: readonly PeriodDates[],
  year: SchoolYearDates,
): PeriodProblem[] {
  const problems: PeriodProblem[] = [];
  const expected = PERIOD_KINDS[kind].codes.length;
  const name = (i: number) => PERIOD_KINDS[kind].codes[i] ?? `période ${i + 1}`;
  if (periods.length !== expected) {
    problems.push({
      index: 0,
      field: 'startsOn',
      message: `${PERIOD_KINDS[kind].label} : ${expected} périodes attendues, ${periods.length} reçues.`,
    });
    return problems;
  }
  periods.forEach((p, i) => {
    const add = (field: keyof PeriodDates, message: string) =>
      problems.push({ index: i, field, message: `${name(i)} : ${message}` });
    if (i === 0 && p.startsOn !== year.startsOn) {
      add('startsOn', `commence le jour de la rentrée, le ${slashDate(year.startsOn)}.`);
    }
    if (p.endsOn < p.startsOn) add('endsOn', 'la fin précède le début.');
    const before = periods[i - 1];
    if (before && p.startsOn !== addDays(before.endsOn, 1)) {
      add(
        'startsOn',
        p.startsOn <= before.endsOn
          ? `chevauche ${name(i - 1)}, qui finit le ${slashDate(before.endsOn)} : commencez le ${slashDate(addDays(before.endsOn, 1))}.`
          : `du ${slashDate(addDays(before.endsOn, 1))} au ${slashDate(addDays(p.startsOn, -1))}, aucun jour n’est dans une période : commencez le ${slashDate(addDays(before.endsOn, 1))}.`,
      );
    }
    if (i === periods.length - 1 && p.endsOn !== year.endsOn) {
      add('endsOn', `finit le dernier jour de l’année scolaire, le ${slashDate(year.endsOn)}.`);
    }
    if (p.closesOn !== null && p.closesOn <= p.startsOn) {
      add('closesOn', 'la saisie ne peut fermer qu’après le début de la période.');
    }
    if (p.publishesOn !== null && p.publishesOn < p.startsOn) {
      add('publishesOn', 'la publication ne peut précéder le début de la période.');
    }
  });
  return problems;
}

/** The periods a level follows: its own, else the school's (EVERY_LEVEL). */
export function periodsOfLevel<P extends Pick<GradingPeriod, 'level'>>(
  periods: readonly P[],
  level: string,
): P[] {
  const own = periods.filter((p) => p.level === level);
  return own.length > 0 ? own : periods.filter((p) => p.level === EVERY_LEVEL);
}

/** The period a day (an assessment's date) falls in, among one level's periods. */
export function periodOfDay<P extends Pick<GradingPeriod, 'startsOn' | 'endsOn'>>(
  periods: readonly P[],
  day: Day,
): P | null {
  return periods.find((p) => p.startsOn <= day && day <= p.endsOn) ?? null;
}

/** In the « à date » mode, the day a period's marks reach families. */
export function publicationDayOf(period: Pick<PeriodDates, 'endsOn' | 'publishesOn'>): Day {
  return period.publishesOn ?? addDays(period.endsOn, 1);
}

/**
 * Each period's publication day by period id, as the publication module's
 * `periodPublicationDays` wants it (« à date »): never null, so no mark stays hidden forever.
 */
export function publicationDaysByPeriod(
  periods: readonly Pick<GradingPeriod, 'id' | 'endsOn' | 'publishesOn'>[],
): Record<string, Day> {
  return Object.fromEntries(periods.map((p) => [String(p.id), publicationDayOf(p)]));
}

export type MarkEntryStatus =
  | { state: 'open' }
  /** Past the closing day, reopened for this teacher up to `until` included. */
  | { state: 'reopened'; until: Day }
  | { state: 'closed'; since: Day };

export interface MarkEntryQuestion {
  period: Pick<GradingPeriod, 'id' | 'closesOn'>;
  teacherId: number;
  reopenings: readonly Pick<PeriodReopening, 'periodId' | 'teacherId' | 'untilOn'>[];
  now: Date;
}

/**
 * Whether a teacher may still enter or change marks of a period, on the school's calendar
 * (Europe/Paris): open until the eve of the closing day; from the closing day on, only
 * through a reopening of this period for this teacher, whose last day is included.
 */
export function markEntryStatus({
  period,
  teacherId,
  reopenings,
  now,
}: MarkEntryQuestion): MarkEntryStatus {
  const today = parisDay(now);
  if (period.closesOn === null || today < period.closesOn) return { state: 'open' };
  const until = reopenings
    .filter((r) => r.periodId === period.id && r.teacherId === teacherId && today <= r.untilOn)
    .map((r) => r.untilOn)
    .sort()
    .at(-1);
  return until ? { state: 'reopened', until } : { state: 'closed', since: period.closesOn };
}

export function canTeacherEditMarks(question: MarkEntryQuestion): boolean {
  return markEntryStatus(question).state !== 'closed';
}

/** « Saisie fermée depuis le 07/12/2026 », for the teacher's screen and refusals. */
export function markEntryStatusText(status: MarkEntryStatus): string {
  switch (status.state) {
    case 'open':
      return 'Saisie ouverte';
    case 'reopened':
      return `Saisie rouverte jusqu’au ${slashDate(status.until)} inclus`;
    case 'closed':
      return `Saisie fermée depuis le ${slashDate(status.since)}`;
  }
}
