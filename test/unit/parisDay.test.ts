import { describe, expect, it } from 'vitest';
import { parisToday } from '../../main/services/calendar';
import { fixedClock, HOUR, MINUTE } from '../../main/services/clock';
import { parisDayOf } from '../../main/services/portal/readModels/parisDay';

describe('the portal’s « today » in Paris, worked out once a day', () => {
  it('gives parisToday’s date minute by minute across midnight and both DST changes', () => {
    for (const start of [
      '2026-10-24T20:00:00Z', // the night of the change to winter time (25 hours)
      '2027-03-27T20:00:00Z', // the night of the change to summer time (23 hours)
      '2026-12-31T20:00:00Z', // New Year's Eve
    ]) {
      const clock = fixedClock(start);
      const today = parisDayOf(clock);
      for (let i = 0; i < 10 * 60; i++) {
        expect(today()).toBe(parisToday(clock));
        clock.advance(MINUTE);
      }
    }
  });

  it('follows a clock moved backwards, as tests move theirs', () => {
    const clock = fixedClock('2026-11-10T10:00:00Z');
    const today = parisDayOf(clock);
    expect(today()).toBe('2026-11-10');
    clock.set('2026-11-09T22:59:59.999Z');
    expect(today()).toBe('2026-11-09');
    clock.advance(1);
    expect(today()).toBe('2026-11-10');
    clock.advance(-48 * HOUR);
    expect(today()).toBe('2026-11-08');
  });
});
