/**
 * Half-days (demi-journées) from absences recorded with a start and an end (issue 17): any
 * overlap with a morning or an afternoon counts that half-day once, however short; the midday
 * boundary is a school setting (12:00 by default); the half-days without school (Saturday
 * afternoon, Sunday, holidays and closures from the settings) count none. Times are Paris
 * wall-clock times, whatever the machine's zone, across clock changes.
 */
import { type IsoDay } from '../publication/parisDays';
import {
  dayNumber,
  dayOfNumber,
  MINUTES_PER_DAY,
  parisWallMinutes,
  weekdayOfNumber,
} from './parisClock';

export type HalfDayPart = 'morning' | 'afternoon';

export const HALF_DAY_PART_LABELS: Record<HalfDayPart, string> = {
  morning: 'matin',
  afternoon: 'après-midi',
};

export interface HalfDay {
  day: IsoDay;
  part: HalfDayPart;
}

export interface HalfDaySettings {
  /** 'HH:mm', Paris time: the afternoon starts there. */
  middayBoundary: string;
  /** Half-days without school every week: ISO weekday (1 Monday … 7 Sunday) and part. */
  weeklyClosedHalfDays: readonly { weekday: number; part: HalfDayPart }[];
  /** Holidays and closures, inclusive ranges of Paris days. */
  closedPeriods: readonly { from: IsoDay; to: IsoDay }[];
}

export const DEFAULT_HALF_DAY_SETTINGS: HalfDaySettings = {
  middayBoundary: '12:00',
  weeklyClosedHalfDays: [
    { weekday: 6, part: 'afternoon' },
    { weekday: 7, part: 'morning' },
    { weekday: 7, part: 'afternoon' },
  ],
  closedPeriods: [],
};

/** A span of absence, as instants (Date, or ISO strings with their offset). */
export interface TimeSpan {
  start: Date | string;
  end: Date | string;
}

/** ISO weekday of a day, 1 Monday … 7 Sunday. */
export function isoWeekday(day: IsoDay): number {
  return weekdayOfNumber(dayNumber(day));
}

export function isSchoolHalfDay(halfDay: HalfDay, settings: HalfDaySettings): boolean {
  return isSchoolHalfDayOn(halfDay.day, isoWeekday(halfDay.day), halfDay.part, settings);
}

function isSchoolHalfDayOn(
  day: IsoDay,
  weekday: number,
  part: HalfDayPart,
  settings: HalfDaySettings,
): boolean {
  if (settings.weeklyClosedHalfDays.some((c) => c.weekday === weekday && c.part === part)) {
    return false;
  }
  return !settings.closedPeriods.some((p) => p.from <= day && day <= p.to);
}

/** The midday boundary in minutes after midnight. */
function boundaryMinutes(settings: HalfDaySettings): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(settings.middayBoundary);
  if (!match) throw new RangeError(`Heure de midi illisible : ${settings.middayBoundary}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * The school half-days an absence touches, in order. An absence whose end equals its start
 * counts the half-day holding that instant; one that ends before it starts counts none.
 */
export function halfDaysOf(
  span: TimeSpan,
  settings: HalfDaySettings = DEFAULT_HALF_DAY_SETTINGS,
): HalfDay[] {
  const start = new Date(span.start).getTime();
  const end = new Date(span.end).getTime();
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return [];
  const midday = boundaryMinutes(settings);
  // Compared as Paris wall-clock minutes: the half-days are wall-clock spans of Paris days,
  // whatever the season (a day of 23 or 25 hours keeps its midnight and its midday).
  const from = parisWallMinutes(start);
  const to = parisWallMinutes(end);
  const instant = end === start;
  const touches = (low: number, high: number) =>
    instant ? low <= from && from < high : from < high && to > low;
  const result: HalfDay[] = [];
  const last = Math.floor(to / MINUTES_PER_DAY);
  for (let n = Math.floor(from / MINUTES_PER_DAY); n <= last; n++) {
    const midnight = n * MINUTES_PER_DAY;
    const weekday = weekdayOfNumber(n);
    let day: IsoDay | undefined;
    const parts: [HalfDayPart, number, number][] = [
      ['morning', midnight, midnight + midday],
      ['afternoon', midnight + midday, midnight + MINUTES_PER_DAY],
    ];
    for (const [part, low, high] of parts) {
      if (!touches(low, high)) continue;
      day ??= dayOfNumber(n);
      if (isSchoolHalfDayOn(day, weekday, part, settings)) result.push({ day, part });
    }
  }
  return result;
}

export function halfDayKey(halfDay: HalfDay): string {
  return `${halfDay.day} ${halfDay.part}`;
}

/** The half-days any of the absences touches, each once, in order. */
export function distinctHalfDays(
  spans: readonly TimeSpan[],
  settings: HalfDaySettings = DEFAULT_HALF_DAY_SETTINGS,
): HalfDay[] {
  const seen = new Map<string, HalfDay>();
  for (const span of spans) {
    for (const halfDay of halfDaysOf(span, settings)) seen.set(halfDayKey(halfDay), halfDay);
  }
  // By day, then the morning before the afternoon (which the keys' text order would invert).
  return [...seen.values()].sort((a, b) =>
    a.day === b.day ? (a.part === 'morning' ? -1 : 1) : a.day < b.day ? -1 : 1,
  );
}

/**
 * The distinct half-days between two Paris days, both included: the portal's home tile
 * « 5 demi-journées d’absences ce trimestre » (SPEC §6) counts these.
 */
export function halfDaysBetween(
  spans: readonly TimeSpan[],
  from: IsoDay,
  to: IsoDay,
  settings: HalfDaySettings = DEFAULT_HALF_DAY_SETTINGS,
): HalfDay[] {
  return distinctHalfDays(spans, settings).filter((h) => from <= h.day && h.day <= to);
}
