/**
 * Half-days (demi-journées) from absences recorded with a start and an end (issue 17): any
 * overlap with a morning or an afternoon counts that half-day once, however short; the midday
 * boundary is a school setting (12:00 by default); the half-days without school (Saturday
 * afternoon, Sunday, holidays and closures from the settings) count none. Times are Paris
 * wall-clock times, whatever the machine's zone, across clock changes.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, parisDay, SCHOOL_TIME_ZONE, type IsoDay } from '../publication/parisDays';

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

function parisInstant(day: IsoDay, hours: number, minutes: number): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new TZDate(year, month - 1, date, hours, minutes, SCHOOL_TIME_ZONE).getTime();
}

/** ISO weekday of a day, 1 Monday … 7 Sunday. */
export function isoWeekday(day: IsoDay): number {
  return ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

export function isSchoolHalfDay(halfDay: HalfDay, settings: HalfDaySettings): boolean {
  const weekday = isoWeekday(halfDay.day);
  if (settings.weeklyClosedHalfDays.some((c) => c.weekday === weekday && c.part === halfDay.part)) {
    return false;
  }
  return !settings.closedPeriods.some((p) => p.from <= halfDay.day && halfDay.day <= p.to);
}

function boundary(settings: HalfDaySettings): [number, number] {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(settings.middayBoundary);
  if (!match) throw new RangeError(`Heure de midi illisible : ${settings.middayBoundary}`);
  return [Number(match[1]), Number(match[2])];
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
  const [hours, minutes] = boundary(settings);
  const touches = (from: number, to: number) =>
    end === start ? from <= start && start < to : start < to && end > from;
  const result: HalfDay[] = [];
  const last = parisDay(new Date(end));
  for (let day = parisDay(new Date(start)); day <= last; day = addDays(day, 1)) {
    const midnight = parisInstant(day, 0, 0);
    const midday = parisInstant(day, hours, minutes);
    const nextMidnight = parisInstant(addDays(day, 1), 0, 0);
    const parts: [HalfDayPart, number, number][] = [
      ['morning', midnight, midday],
      ['afternoon', midday, nextMidnight],
    ];
    for (const [part, from, to] of parts) {
      const halfDay = { day, part };
      if (touches(from, to) && isSchoolHalfDay(halfDay, settings)) result.push(halfDay);
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
