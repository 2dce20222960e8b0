/**
 * The CPE's absentéisme watch. Code de l'éducation, article L131-8: the school's head
 * refers to the académie when « l'enfant a manqué la classe sans motif légitime ni excuses
 * valables au moins quatre demi-journées dans le mois ». A calendar month, Paris days; a
 * half-day counts when at least one absence without a legitimate motive touches it (a
 * legitimate absence the same morning does not excuse the rest of it). The half-days are
 * listed so that the CPE sees what the count is made of.
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

/** One pupil's half-days without a legitimate motive in `month`. */
export function absenteeismInMonth(
  absences: readonly AbsenceForWatch[],
  month: string,
  settings: HalfDaySettings = DEFAULT_HALF_DAY_SETTINGS,
): AbsenteeismFinding {
  const halfDays = distinctHalfDays(
    absences.filter((absence) => !absence.legitimateMotive),
    settings,
  ).filter((halfDay) => inMonth(halfDay.day, month));
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
