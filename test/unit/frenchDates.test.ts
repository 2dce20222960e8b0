import { describe, expect, it } from 'vitest';
import { isoFromSlashDate, slashDate } from '../../shared/domain/frenchDates';

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
