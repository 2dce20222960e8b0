import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';
import type { Clock } from './clock';
import { parisDay } from '../../shared/domain/publication/parisDays';

/** French schools live on Paris time: « today » for deadlines and expiry is a Paris date. */
export const SCHOOL_TIME_ZONE = 'Europe/Paris';

/** The school's day at an instant: one rule with the publication module's (shared/domain). */
export const parisDate = parisDay;

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
