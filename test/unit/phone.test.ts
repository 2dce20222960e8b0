import { describe, expect, it } from 'vitest';
import { formatPhone, phoneHref } from '../../shared/domain/phone';

describe('phones shown as French numbers (issue 12)', () => {
  it.each([
    ['0611112222', '06 11 11 22 22'],
    ['06.11.11.22.22', '06 11 11 22 22'],
    ['06-11-11-22-22', '06 11 11 22 22'],
    ['+33 6 11 11 22 22', '06 11 11 22 22'],
    ['+33 (0)6 11 11 22 22', '06 11 11 22 22'],
    ['0033611112222', '06 11 11 22 22'],
    ['  03 81 00 00 00 ', '03 81 00 00 00'],
  ])('%s → %s', (raw, shown) => expect(formatPhone(raw)).toBe(shown));

  it('keeps foreign numbers international, and odd ones as typed', () => {
    expect(formatPhone('+41 22 123 45 67')).toBe('+41 22 123 45 67');
    expect(formatPhone('0041 22 123 45 67')).toBe('+41 22 123 45 67');
    expect(formatPhone('3615')).toBe('3615');
    expect(formatPhone('')).toBe('');
  });

  it('links in the international form, and not at all when it is no number', () => {
    expect(phoneHref('06 11 11 22 22')).toBe('tel:+33611112222');
    expect(phoneHref('+41 22 123 45 67')).toBe('tel:+41221234567');
    expect(phoneHref('voir secrétariat')).toBeNull();
  });
});
