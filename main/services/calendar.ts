import { TZDate, tz } from '@date-fns/tz';
import { addDays, format, startOfDay } from 'date-fns';
import type { Clock } from './clock';

/** French schools live on Paris time: « today » for deadlines and expiry is a Paris date. */
export const SCHOOL_TIME_ZONE = 'Europe/Paris';

export function parisDate(at: Date): string {
  return format(at, 'yyyy-MM-dd', { in: tz(SCHOOL_TIME_ZONE) });
}

export function parisToday(clock: Clock): string {
  return parisDate(clock.now());
}

/** The next Paris midnight after `at`, as an instant (23 or 25 hours away on DST days). */
export function nextParisMidnight(at: Date): Date {
  const paris = new TZDate(at.getTime(), SCHOOL_TIME_ZONE);
  return new Date(startOfDay(addDays(paris, 1)).getTime());
}

/** The last instant of a Paris date (a deadline « jusqu’au 23/02/2027 » includes that day). */
export function parisEndOfDay(isoDate: string): string {
  const noon = new Date(`${isoDate}T12:00:00Z`);
  return new Date(nextParisMidnight(noon).getTime() - 1).toISOString();
}
