/**
 * Days as a French school counts them: Paris days, 'YYYY-MM-DD'. An event at 23:30 UTC on
 * 23 November happened on 24 November for the school; J+1 and « à date » rules compare such
 * days, never instants. (main/services/calendar.ts says the same for main/; shared/ cannot
 * import it.)
 */
import { TZDate } from '@date-fns/tz';

export const SCHOOL_TIME_ZONE = 'Europe/Paris';

/** 'YYYY-MM-DD', a Paris calendar day. */
export type IsoDay = string;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const MS_PER_HOUR = 3_600_000;

// Europe/Paris changes its offset only on whole UTC hours (01:00 UTC, last Sundays of March
// and October), so the offset of one UTC hour holds for all its instants: cache it by hour.
// The zone rules themselves stay with the runtime's tz database (Intl), not hard-coded here.
const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: SCHOOL_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const offsetByHour = new Map<number, number>();

/** Paris's offset from UTC at an instant, in milliseconds (+1 h or +2 h by season). */
export function parisOffsetMs(instant: number): number {
  const hour = Math.floor(instant / MS_PER_HOUR);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const at = hour * MS_PER_HOUR;
    const part = (type: string) =>
      Number(parisParts.formatToParts(at).find((p) => p.type === type)?.value);
    const wall = Date.UTC(
      part('year'),
      part('month') - 1,
      part('day'),
      part('hour'),
      part('minute'),
    );
    offset = wall - at;
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** An instant's Paris wall clock, two digits a part (year four), or null if unreadable. */
export function parisWallClock(instant: Date | string) {
  const at = new Date(instant).getTime();
  if (Number.isNaN(at)) return null;
  const wall = new Date(at + parisOffsetMs(at)).toISOString();
  return {
    year: wall.slice(0, 4),
    month: wall.slice(5, 7),
    day: wall.slice(8, 10),
    hour: wall.slice(11, 13),
    minute: wall.slice(14, 16),
  };
}

/**
 * « 8 h 12 », « 18 h 05 », « 8 h »: a time of day as French typography writes it (no leading
 * zero on the hour, no « :00 » on a whole hour), with no-break spaces so that it is never split
 * across two lines. Takes « HH:MM ».
 */
export function frenchClockWords(time: string): string {
  const [hour = '', minute = ''] = time.split(':');
  const h = String(Number(hour));
  return minute === '00' ? `${h}\u00a0h` : `${h}\u00a0h\u00a0${minute}`;
}

/** An instant's Paris time in French (« 8 h 12 »), or the value itself if unreadable. */
export function parisClockWords(instant: Date | string): string {
  const wall = parisWallClock(instant);
  return wall ? frenchClockWords(`${wall.hour}:${wall.minute}`) : String(instant);
}

/** The Paris day of an instant (a Date or an ISO string with its offset). */
export function parisDay(instant: Date | string): IsoDay {
  const wall = parisWallClock(instant);
  if (!wall) throw new RangeError(`Instant illisible : ${String(instant)}`);
  return `${wall.year}-${wall.month}-${wall.day}`;
}

/** Calendar arithmetic on days, free of time zones and clock changes: ('2027-03-27', 1) → '2027-03-28'. */
export function addDays(day: IsoDay, days: number): IsoDay {
  const key = `${day}|${days}`;
  const known = addDaysMemo.get(key);
  if (known !== undefined) return known;
  if (!ISO_DAY.test(day)) throw new RangeError(`Jour illisible : ${day}`);
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  const result = date.toISOString().slice(0, 10);
  // A family page asks the same few dozen (day, delay) pairs on every request: a quarter of
  // the home tile's time was this arithmetic. Bounded: a year's days times a few delays.
  if (addDaysMemo.size >= 4096) addDaysMemo.clear();
  addDaysMemo.set(key, result);
  return result;
}
const addDaysMemo = new Map<string, IsoDay>();

/** The later of two days (ISO days compare as text). */
export function laterDay(a: IsoDay, b: IsoDay): IsoDay {
  return a >= b ? a : b;
}

// Working a day's start out in a time zone costs about 40 µs here; a notes page asks it twice
// a mark, for the few dozen days of a year: each day is worked out once (a bounded memo).
const startOfDayMemo = new Map<IsoDay, number>();

/** The instant a Paris day begins (23:00 or 22:00 UTC the day before, by season). */
export function parisStartOfDay(day: IsoDay): Date {
  const known = startOfDayMemo.get(day);
  if (known !== undefined) return new Date(known);
  if (!ISO_DAY.test(day)) throw new RangeError(`Jour illisible : ${day}`);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const start = new TZDate(year, month - 1, date, 0, 0, SCHOOL_TIME_ZONE).getTime();
  if (startOfDayMemo.size >= 4096) startOfDayMemo.clear();
  startOfDayMemo.set(day, start);
  return new Date(start);
}
