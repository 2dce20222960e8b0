/**
 * The CPE's absentéisme watch. Code de l'éducation, article L131-8: the school's head
 * refers to the académie when « l'enfant a manqué la classe sans motif légitime ni excuses
 * valables au moins quatre demi-journées dans le mois ». A calendar month, Paris days; a
 * half-day counts when at least one absence without a legitimate motive touches it (a
 * legitimate absence the same morning does not excuse the rest of it). What a legitimate
 * absence already covers is not « manqué la classe sans motif légitime » a second time: a
 * roll hour taken inside two days justified « maladie de l’enfant » counts nothing. The
 * half-days are listed so that the CPE sees what the count is made of.
 */
import type { IsoDay } from '../publication/parisDays';
import {
  DEFAULT_HALF_DAY_SETTINGS,
  distinctHalfDays,
  type HalfDay,
  type HalfDaySettings,
  type TimeSpan,
} from './halfDays';

/** « au moins quatre demi-journées dans le mois » (L131-8). */
export const ABSENTEEISM_THRESHOLD_HALF_DAYS = 4;

export interface AbsenceForWatch extends TimeSpan {
  /** The CPE has accepted a motive among those marked « légitime » (see motives.ts). */
  legitimateMotive: boolean;
}

export interface AbsenteeismFinding {
  /** 'YYYY-MM'. */
  month: string;
  /** The half-days without a legitimate motive in that month, in order. */
  halfDays: HalfDay[];
  count: number;
  /** Four or more: the watch lists the pupil. */
  reached: boolean;
}

function inMonth(day: IsoDay, month: string): boolean {
  return day.startsWith(`${month}-`);
}

interface Interval {
  start: number;
  end: number;
}

function intervalOf(span: TimeSpan): Interval {
  return { start: new Date(span.start).getTime(), end: new Date(span.end).getTime() };
}

/** What remains of `span` outside every one of `covers` (an instant remains unless covered). */
function uncoveredParts(span: TimeSpan, covers: readonly Interval[]): Interval[] {
  const own = intervalOf(span);
  if (own.start === own.end) {
    return covers.some((c) => c.start <= own.start && own.start < c.end) ? [] : [own];
  }
  let parts = [own];
  for (const cover of covers) {
    parts = parts.flatMap((part) => {
      if (cover.end <= part.start || cover.start >= part.end) return [part];
      const left = { start: part.start, end: Math.min(part.end, cover.start) };
      const right = { start: Math.max(part.start, cover.end), end: part.end };
      // Pieces of no length would count as instants: what the cover leaves is the rest.
      return [left, right].filter((piece) => piece.end > piece.start);
    });
  }
  return parts;
}

/** One pupil's half-days without a legitimate motive in `month`. */
export function absenteeismInMonth(
  absences: readonly AbsenceForWatch[],
  month: string,
  settings: HalfDaySettings = DEFAULT_HALF_DAY_SETTINGS,
): AbsenteeismFinding {
  const covers = absences.filter((absence) => absence.legitimateMotive).map(intervalOf);
  const unexcused = absences
    .filter((absence) => !absence.legitimateMotive)
    .flatMap((absence) => uncoveredParts(absence, covers))
    .map((part) => ({ start: new Date(part.start), end: new Date(part.end) }));
  const halfDays = distinctHalfDays(unexcused, settings).filter((halfDay) =>
    inMonth(halfDay.day, month),
  );
  return {
    month,
    halfDays,
    count: halfDays.length,
    reached: halfDays.length >= ABSENTEEISM_THRESHOLD_HALF_DAYS,
  };
}

/** The pupils who reach the threshold in `month`, most half-days first. */
export function absenteeismWatch<Id>(
  pupils: readonly { studentId: Id; absences: readonly AbsenceForWatch[] }[],
  month: string,
  settings: HalfDaySettings = DEFAULT_HALF_DAY_SETTINGS,
): ({ studentId: Id } & AbsenteeismFinding)[] {
  return pupils
    .map((pupil) => ({
      studentId: pupil.studentId,
      ...absenteeismInMonth(pupil.absences, month, settings),
    }))
    .filter((finding) => finding.reached)
    .sort((a, b) => b.count - a.count);
}
