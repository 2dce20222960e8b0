import { describe, expect, it } from 'vitest';
import { eventSpanWords } from '../../shared/domain/vieScolaire/eventSpan';
import { instantLabel, recentMonths, spanLabel } from '../../renderer/staff/SchoolLifeFormat';

// What the queue and the absence notice say of when an event happened: Paris days and hours,
// whatever the workstation's or the server's zone.
describe('eventSpanWords', () => {
  it.each([
    // Winter (UTC+1): 07:00Z is 08:00 in Paris.
    ['2026-11-16T07:00:00.000Z', '2026-11-16T16:00:00.000Z', 'le 16/11/2026 de 08:00 à 17:00'],
    // Summer (UTC+2).
    ['2027-06-14T06:00:00.000Z', '2027-06-14T10:00:00.000Z', 'le 14/06/2027 de 08:00 à 12:00'],
    // Over several days.
    [
      '2026-11-16T07:00:00.000Z',
      '2026-11-18T16:00:00.000Z',
      'du 16/11/2026 à 08:00 au 18/11/2026 à 17:00',
    ],
    // One moment (a retard's arrival, a sanction).
    ['2026-11-16T07:10:00.000Z', '2026-11-16T07:10:00.000Z', 'le 16/11/2026 à 08:10'],
    // 23:30 UTC on the 16th is already the 17th in Paris.
    ['2026-11-16T23:30:00.000Z', '2026-11-16T23:30:00.000Z', 'le 17/11/2026 à 00:30'],
  ])('%s → %s', (start, end, words) => {
    expect(eventSpanWords(start, end)).toBe(words);
  });
});

describe('the staff screens’ times, « 8 h 12 » as French typography writes them', () => {
  const nbsp = (text: string) => text.replace(/_/g, '\u00a0');
  it.each([
    ['2026-11-16T07:00:00.000Z', '2026-11-16T11:30:00.000Z', 'Le 16/11/2026 de 8_h à 12_h_30'],
    [
      '2026-11-16T07:00:00.000Z',
      '2026-11-18T16:05:00.000Z',
      'Du 16/11/2026 à 8_h au 18/11/2026 à 17_h_05',
    ],
    ['2026-11-16T07:12:00.000Z', '2026-11-16T07:12:00.000Z', 'Le 16/11/2026 à 8_h_12'],
  ])('%s → %s', (start, end, words) => {
    expect(spanLabel(start, end)).toBe(nbsp(words));
  });

  it('an instant: « 24/11/2026 à 7 h 30 »', () => {
    expect(instantLabel('2026-11-24T06:30:00.000Z')).toBe(nbsp('24/11/2026 à_7_h_30'));
  });
});

describe('recentMonths (the watch’s month chooser)', () => {
  it('goes back over the new year, newest first, in French', () => {
    expect(recentMonths('2027-02-10', 4)).toEqual([
      { value: '2027-02', label: 'Février 2027' },
      { value: '2027-01', label: 'Janvier 2027' },
      { value: '2026-12', label: 'Décembre 2026' },
      { value: '2026-11', label: 'Novembre 2026' },
    ]);
  });
});
