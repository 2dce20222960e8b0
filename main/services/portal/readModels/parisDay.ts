import { TZDate } from '@date-fns/tz';
import { startOfDay } from 'date-fns';
import { nextParisMidnight, parisDate, SCHOOL_TIME_ZONE } from '../../calendar';
import type { Clock } from '../../clock';

/**
 * « Today » in Paris for every family page, as `parisToday(clock)` gives it, but worked out
 * once a day: the day's bounds are kept and a request only compares two numbers (formatting
 * a date in a time zone costs more than the page's own query). A clock moved backwards, as
 * tests move theirs, falls outside the bounds and is worked out again.
 */
export function parisDayOf(clock: Clock): () => string {
  let from = Infinity;
  let until = -Infinity;
  let day = '';
  return () => {
    const now = clock.now();
    const t = now.getTime();
    if (t < from || t >= until) {
      day = parisDate(now);
      from = startOfDay(new TZDate(t, SCHOOL_TIME_ZONE)).getTime();
      until = nextParisMidnight(now).getTime();
    }
    return day;
  };
}
