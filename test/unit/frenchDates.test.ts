import { describe, expect, it } from 'vitest';
import {
  isoFromSlashDate,
  monthInWords,
  slashDate,
  weekdayDate,
} from '../../shared/domain/frenchDates';

describe('isoFromSlashDate: JJ/MM/AAAA as a French user types it', () => {
  it('reads day first, whatever the separator, and is the reverse of slashDate', () => {
    expect(isoFromSlashDate('07/03/2027')).toBe('2027-03-07');
    expect(isoFromSlashDate(' 1.3.2027 ')).toBe('2027-03-01');
    expect(isoFromSlashDate('29-02-2028')).toBe('2028-02-29');
    expect(isoFromSlashDate(slashDate('2026-12-31'))).toBe('2026-12-31');
  });
  it('refuses a day that does not exist, the American order and the ISO form', () => {
    expect(isoFromSlashDate('29/02/2027')).toBeNull();
    expect(isoFromSlashDate('12/31/2026')).toBeNull();
    expect(isoFromSlashDate('2026-12-31')).toBeNull();
    expect(isoFromSlashDate('')).toBeNull();
  });
});

describe('weekdayDate and monthInWords: the family absences page’s dates without Intl', () => {
  it('« lun. 21/02/2011 », as the guide writes a week’s bounds (seed 000 « Les Absences »)', () => {
    expect(weekdayDate('2011-02-21')).toBe('lun.\u00a021/02/2011');
    expect(weekdayDate('2011-02-26')).toBe('sam.\u00a026/02/2011');
    expect(weekdayDate('pas une date')).toBe('pas une date');
  });

  it('says what Intl’s French says, every day of three years (leap day and clock changes included)', () => {
    const intl = new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'UTC',
      weekday: 'short',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    });
    let days = 0;
    for (let at = Date.UTC(2026, 0, 1, 12); at < Date.UTC(2029, 0, 1); at += 86_400_000, days++) {
      const iso = new Date(at).toISOString().slice(0, 10);
      expect(weekdayDate(iso), iso).toBe(intl.format(at).replace(' ', '\u00a0'));
    }
    expect(days).toBe(365 + 365 + 366);
  });

  it('« novembre 2026 », every month of a year as Intl’s French writes it', () => {
    const intl = new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'UTC',
      month: 'long',
      year: 'numeric',
    });
    for (let m = 1; m <= 12; m++) {
      const month = `2027-${String(m).padStart(2, '0')}`;
      expect(monthInWords(month)).toBe(intl.format(new Date(`${month}-15T12:00:00Z`)));
    }
    expect(monthInWords('2027-13')).toBe('2027-13');
  });
});
