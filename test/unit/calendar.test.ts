import { describe, expect, it } from 'vitest';
import { nextParisMidnight, parisDate, parisEndOfDay } from '../../main/services/calendar';

describe('Paris dates', () => {
  it('a late evening in UTC is already tomorrow in Paris', () => {
    expect(parisDate(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
    expect(parisDate(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(parisDate(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });

  it('the next Paris midnight, winter, summer and across a clock change', () => {
    expect(nextParisMidnight(new Date('2026-11-23T09:00:00Z')).toISOString()).toBe(
      '2026-11-23T23:00:00.000Z',
    );
    expect(nextParisMidnight(new Date('2026-07-01T09:00:00Z')).toISOString()).toBe(
      '2026-07-01T22:00:00.000Z',
    );
    // 29 March 2026: clocks go forward at 02:00; midnight of the 29th is still UTC+1.
    expect(nextParisMidnight(new Date('2026-03-28T12:00:00Z')).toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(nextParisMidnight(new Date('2026-03-29T12:00:00Z')).toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
    expect(nextParisMidnight(new Date('2026-11-23T23:30:00Z')).toISOString()).toBe(
      '2026-11-24T23:00:00.000Z',
    );
  });
});

describe('parisEndOfDay', () => {
  it('ends a deadline at Paris midnight, in winter and in summer', () => {
    expect(parisEndOfDay('2027-02-23')).toBe('2027-02-23T22:59:59.999Z');
    expect(parisEndOfDay('2027-07-14')).toBe('2027-07-14T21:59:59.999Z');
  });
});
