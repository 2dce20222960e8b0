/**
 * Plain calendar arithmetic for the vie scolaire rules, on day numbers (days since
 * 1970-01-01) and 'YYYY-MM-DD' strings, with the Europe/Paris conversion done only where an
 * instant must become a Paris day and time. date-fns/tz did that conversion inside every
 * loop (about 0.15 ms for a one-day absence, 0.5 ms for an ISO week); the watch and the family
 * page call these rules thousands of times.
 */
import { SCHOOL_TIME_ZONE, type IsoDay } from '../publication/parisDays';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a calendar day ('1970-01-01' → 0), no time zone involved. */
export function dayNumber(day: IsoDay): number {
  const match = ISO_DAY.exec(day);
  if (!match) throw new RangeError(`Jour illisible : ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

/** The calendar day of a day number. */
export function dayOfNumber(n: number): IsoDay {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday of a day number, 1 Monday … 7 Sunday (day 0 was a Thursday). */
export function weekdayOfNumber(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

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

function parisOffsetMs(instant: number): number {
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

/**
 * Paris wall-clock time of an instant, in minutes since 1970-01-01 00:00 Paris: its day number
 * is `Math.floor(value / 1440)`, its time of day the remainder. Wall-clock times only go back
 * during the repeated hour of the October change (02:00–03:00), far from the half-day
 * boundaries the rules compare them with.
 */
export function parisWallMinutes(instant: number): number {
  return Math.floor((instant + parisOffsetMs(instant)) / MS_PER_MINUTE);
}

export const MINUTES_PER_DAY = 1440;
