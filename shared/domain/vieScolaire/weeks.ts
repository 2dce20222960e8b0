/**
 * The families' absences page (seed 000 « Les Absences »: « Le nombre par semaine des
 * demi-journées où au moins une absence a été signalée et traitée », columns « Numéro semaine,
 * Du, Au, Nombre de demi-journées », a month chosen in a list, latest week first).
 *
 * A week belongs to the month of its Monday, so that no half-day is counted in two months;
 * it runs Monday to Saturday (the guide writes « lun. 21/02/2011 – sam. 26/02/2011 »). The
 * caller passes the absences the family may see (publication module) that are processed;
 * what « processed » means (signalée et traitée) is the caller's flag.
 */
import { addDays, type IsoDay } from '../publication/parisDays';
import {
  DEFAULT_HALF_DAY_SETTINGS,
  distinctHalfDays,
  isoWeekday,
  type HalfDaySettings,
  type TimeSpan,
} from './halfDays';
import { dayNumber, dayOfNumber, weekdayOfNumber } from './parisClock';

export interface AbsenceForWeeks extends TimeSpan {
  /** « signalée et traitée » by the vie scolaire. */
  processed: boolean;
}

export interface WeekRow {
  /** ISO week number (1 January 2027 is in week 53 of 2026). */
  isoWeek: number;
  isoWeekYear: number;
  /** Monday. */
  from: IsoDay;
  /** Saturday. */
  to: IsoDay;
  /** Half-days of the week in which at least one processed absence was recorded. */
  halfDays: number;
}

/**
 * The ISO week number and ISO year of a Paris day, by calendar arithmetic alone: a week
 * belongs to the year of its Thursday (ISO 8601), and is numbered from that year's first one.
 */
export function isoWeekOf(day: IsoDay): { isoWeek: number; isoWeekYear: number } {
  const n = dayNumber(day);
  const thursday = n + 4 - weekdayOfNumber(n);
  const isoWeekYear = Number(dayOfNumber(thursday).slice(0, 4));
  const firstOfJanuary = dayNumber(`${isoWeekYear}-01-01`);
  return { isoWeek: Math.floor((thursday - firstOfJanuary) / 7) + 1, isoWeekYear };
}

/** The rows of the month `month` ('YYYY-MM'), latest week first, as the guide shows them. */
export function monthWeeks(
  month: string,
  absences: readonly AbsenceForWeeks[],
  settings: HalfDaySettings = DEFAULT_HALF_DAY_SETTINGS,
): WeekRow[] {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`Mois illisible : ${month}`);
  const halfDays = distinctHalfDays(
    absences.filter((absence) => absence.processed),
    settings,
  );
  const rows: WeekRow[] = [];
  const first = `${month}-01`;
  let monday = addDays(first, (8 - isoWeekday(first)) % 7);
  for (; monday.startsWith(month); monday = addDays(monday, 7)) {
    const saturday = addDays(monday, 5);
    rows.push({
      ...isoWeekOf(monday),
      from: monday,
      to: saturday,
      halfDays: halfDays.filter((h) => monday <= h.day && h.day <= saturday).length,
    });
  }
  return rows.reverse();
}
