import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { parisDay, SCHOOL_TIME_ZONE } from '../../shared/domain/publication/parisDays';

// parisDay works the offset out once per UTC hour (Paris changes it only on whole UTC
// hours); date-fns/tz, which it replaced, is the reference.
const reference = (at: number) => format(new Date(at), 'yyyy-MM-dd', { in: tz(SCHOOL_TIME_ZONE) });

describe('parisDay, the school’s calendar day of an instant', () => {
  it('agrees with date-fns/tz every 17 minutes over three school years, clock changes included', () => {
    const from = Date.UTC(2025, 7, 1);
    const until = Date.UTC(2028, 7, 1);
    const misses: string[] = [];
    for (let at = from; at < until; at += 17 * 60_000) {
      if (parisDay(new Date(at)) !== reference(at)) misses.push(new Date(at).toISOString());
    }
    expect(misses).toEqual([]);
    // About 93,000 instants checked against date-fns/tz: a second alone, over five seconds on
    // a machine shared with other work.
  }, 60_000);

  it.each([
    // 23:30 UTC on 23 November is the 24th in Paris (UTC+1).
    ['2026-11-23T23:30:00.000Z', '2026-11-24'],
    // Summer time (UTC+2): 22:00 UTC is already midnight.
    ['2027-06-30T22:00:00.000Z', '2027-07-01'],
    ['2027-06-30T21:59:59.999Z', '2027-06-30'],
    // The night of the October change (31/10/2027 at 01:00 UTC).
    ['2027-10-30T22:00:00.000Z', '2027-10-31'],
    ['2027-10-31T22:59:59.999Z', '2027-10-31'],
    ['2027-10-31T23:00:00.000Z', '2027-11-01'],
    ['2026-12-31T23:00:00+00:00', '2027-01-01'],
  ])('%s is %s in Paris', (instant, day) => {
    expect(parisDay(instant)).toBe(day);
  });

  it('refuses an unreadable instant instead of inventing a day', () => {
    expect(() => parisDay(new Date(Number.NaN))).toThrow(RangeError);
  });
});
