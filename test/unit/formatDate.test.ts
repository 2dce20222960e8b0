import { format, isValid, parseISO } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { formatDate, formatInstant } from '../../renderer/ui/format';

/** What formatDate gave before its fast path: date-fns for every value. */
const withDateFns = (value: string) => {
  const date = parseISO(value);
  return isValid(date) ? format(date, 'dd/MM/yyyy') : value;
};

describe('formatDate, without date-fns for a plain YYYY-MM-DD', () => {
  it('writes every day of a leap year and of a common one as date-fns does', () => {
    for (let t = Date.UTC(2011, 11, 25); t < Date.UTC(2014, 0, 5); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      expect(formatDate(iso)).toBe(withDateFns(iso));
    }
  });

  it('shows a day that does not exist, or another shape, as date-fns did', () => {
    for (const value of [
      '2013-02-29',
      '2012-02-30',
      '2013-13-01',
      '2013-00-10',
      '2013-04-31',
      '2013-4-1',
      'demain',
      '2013-02-03T10:00:00Z',
    ]) {
      expect(formatDate(value)).toBe(withDateFns(value));
    }
    expect(formatDate(null)).toBe('');
  });
});

describe('formatInstant writes the time as the rest of the product does (« 8 h 12 »)', () => {
  it('« le 06/12/2026 à 14 h 15 », at the school’s time, with no-break spaces', () => {
    expect(formatInstant('2026-12-06T13:15:00.000Z')).toBe(
      'le 06/12/2026 à\u00a014\u00a0h\u00a015',
    );
    // A whole hour has no « :00 », and the hour no leading zero (Paris is UTC+2 in June).
    expect(formatInstant('2027-06-10T06:00:00.000Z')).toBe('le 10/06/2027 à\u00a08\u00a0h');
    expect(formatInstant(null)).toBe('');
    expect(formatInstant('illisible')).toBe('illisible');
  });
});
