import { TZDate } from '@date-fns/tz';
import { getISOWeek, getISOWeekYear } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/publication/parisDays';
import {
  DEFAULT_HALF_DAY_SETTINGS,
  halfDaysOf,
  isSchoolHalfDay,
  type HalfDaySettings,
} from '../../shared/domain/vieScolaire/halfDays';
import { isoWeekOf } from '../../shared/domain/vieScolaire/weeks';

// The half-day and ISO-week rules run on plain calendar arithmetic; these tables pin them where
// calendars bite: clock changes, the turn of the year, the half-days without school.

const short = (list: { day: string; part: string }[]) => list.map((h) => `${h.day} ${h.part[0]}`);

describe('ISO weeks at the turn of the year (ISO 8601: a week is in the year of its Thursday)', () => {
  it.each([
    ['2026-12-28', 53, 2026],
    ['2027-01-01', 53, 2026], // STACK.md: 1 January 2027 is in ISO week 53 of 2026
    ['2027-01-03', 53, 2026], // Sunday
    ['2027-01-04', 1, 2027],
    ['2024-12-30', 1, 2025], // a Monday of December already in week 1 of the next year
    ['2025-12-31', 1, 2026],
    ['2020-12-31', 53, 2020],
    ['2021-01-03', 53, 2020],
    ['2021-01-04', 1, 2021],
    ['2027-12-31', 52, 2027],
    ['2028-01-02', 52, 2027],
    ['2028-01-03', 1, 2028],
    ['2027-03-28', 12, 2027], // the Sunday clocks go forward
    ['2027-10-31', 43, 2027], // the Sunday clocks go back
  ])('%s is week %i of %i', (day, isoWeek, isoWeekYear) => {
    expect(isoWeekOf(day)).toEqual({ isoWeek, isoWeekYear });
  });

  it('agrees with date-fns on every day from 2024 to 2031', () => {
    for (let day = '2024-01-01'; day < '2032-01-01'; day = addDays(day, 1)) {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const noon = new TZDate(y, m - 1, d, 12, 0, 'Europe/Paris');
      const expected = { isoWeek: getISOWeek(noon), isoWeekYear: getISOWeekYear(noon) };
      if (JSON.stringify(isoWeekOf(day)) !== JSON.stringify(expected)) {
        expect({ day, ...isoWeekOf(day) }).toEqual({ day, ...expected });
      }
    }
  });
});

describe('half-days across the clock changes (last Sunday of March and of October, Paris time)', () => {
  it.each([
    // Clocks go forward at 02:00 on Sunday 28 March 2027: Monday is in summer time (UTC+2).
    [
      'Friday to Monday across the spring change',
      '2027-03-26T13:00:00Z',
      '2027-03-29T09:00:00Z',
      ['2027-03-26 a', '2027-03-27 m', '2027-03-29 m'],
    ],
    [
      'Monday after the spring change, 09:59 UTC is 11:59 Paris',
      '2027-03-29T06:00:00Z',
      '2027-03-29T09:59:00Z',
      ['2027-03-29 m'],
    ],
    [
      'Monday after the spring change, 10:00 UTC is midday Paris',
      '2027-03-29T10:00:00Z',
      '2027-03-29T10:00:00Z',
      ['2027-03-29 a'],
    ],
    [
      'Saturday before the spring change, 10:59 UTC is 11:59 Paris',
      '2027-03-27T07:00:00Z',
      '2027-03-27T10:59:00Z',
      ['2027-03-27 m'],
    ],
    [
      'the night of the change itself counts no half-day (Sunday)',
      '2027-03-28T00:30:00Z',
      '2027-03-28T01:30:00Z',
      [],
    ],
    // Clocks go back at 03:00 on Sunday 31 October 2027: Monday is in winter time (UTC+1).
    [
      'Friday to Monday across the autumn change',
      '2027-10-29T12:00:00Z',
      '2027-11-01T10:30:00Z',
      ['2027-10-29 a', '2027-10-30 m', '2027-11-01 m'],
    ],
    [
      'Monday after the autumn change, 10:59 UTC is 11:59 Paris',
      '2027-11-01T10:59:00Z',
      '2027-11-01T10:59:00Z',
      ['2027-11-01 m'],
    ],
    [
      'Monday after the autumn change, 11:00 UTC is midday Paris',
      '2027-11-01T11:00:00Z',
      '2027-11-01T11:30:00Z',
      ['2027-11-01 a'],
    ],
    [
      'Friday before the autumn change, 10:00 UTC is midday Paris',
      '2027-10-29T10:00:00Z',
      '2027-10-29T10:00:00Z',
      ['2027-10-29 a'],
    ],
    // 22:30 UTC on a winter evening is already the next Paris day.
    [
      'an instant at 23:30 UTC on Sunday is Monday 00:30 in Paris',
      '2027-01-10T23:30:00Z',
      '2027-01-10T23:30:00Z',
      ['2027-01-11 m'],
    ],
  ])('%s', (_name, start, end, expected) => {
    expect(short(halfDaysOf({ start, end }))).toEqual(expected);
  });

  it('agrees with the date-fns/tz computation hour by hour over a school year', () => {
    // The former implementation, kept here as the oracle.
    const paris = (day: string, h: number, min: number) => {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      return new TZDate(y, m - 1, d, h, min, 'Europe/Paris').getTime();
    };
    const oracle = (start: number, end: number) => {
      const result: string[] = [];
      const first = new TZDate(start, 'Europe/Paris');
      let day = `${first.getFullYear()}-${String(first.getMonth() + 1).padStart(2, '0')}-${String(first.getDate()).padStart(2, '0')}`;
      for (; paris(day, 0, 0) <= end; day = addDays(day, 1)) {
        const bounds: [string, number, number][] = [
          ['morning', paris(day, 0, 0), paris(day, 12, 0)],
          ['afternoon', paris(day, 12, 0), paris(addDays(day, 1), 0, 0)],
        ];
        for (const [part, from, to] of bounds) {
          const touched = end === start ? from <= start && start < to : start < to && end > from;
          if (
            touched &&
            isSchoolHalfDay({ day, part: part as 'morning' }, DEFAULT_HALF_DAY_SETTINGS)
          ) {
            result.push(`${day} ${part[0]}`);
          }
        }
      }
      return result;
    };
    const from = Date.parse('2026-09-01T00:00:00Z');
    for (let start = from; start < Date.parse('2027-07-10T00:00:00Z'); start += 7 * 3_600_000) {
      for (const length of [0, 1, 5, 30]) {
        const end = start + length * 3_600_000 + 30 * 60_000 * (length % 2);
        const mine = short(halfDaysOf({ start: new Date(start), end: new Date(end) }));
        const theirs = oracle(start, end);
        if (mine.join() !== theirs.join()) {
          expect({ start: new Date(start).toISOString(), mine }).toEqual({
            start: new Date(start).toISOString(),
            mine: theirs,
          });
        }
      }
    }
  });
});

describe('half-days without school (issue 17: « Saturday afternoon and Sunday and holidays … count none »)', () => {
  const christmas: HalfDaySettings = {
    ...DEFAULT_HALF_DAY_SETTINGS,
    closedPeriods: [{ from: '2026-12-19', to: '2027-01-03' }],
  };
  it.each([
    [
      'Saturday morning counts',
      '2027-01-16T08:00:00+01:00',
      '2027-01-16T11:00:00+01:00',
      DEFAULT_HALF_DAY_SETTINGS,
      ['2027-01-16 m'],
    ],
    [
      'Saturday afternoon counts none',
      '2027-01-16T13:00:00+01:00',
      '2027-01-16T17:00:00+01:00',
      DEFAULT_HALF_DAY_SETTINGS,
      [],
    ],
    [
      'Sunday counts none',
      '2027-01-17T08:00:00+01:00',
      '2027-01-17T17:00:00+01:00',
      DEFAULT_HALF_DAY_SETTINGS,
      [],
    ],
    [
      'Saturday to Monday: the morning of each school day',
      '2027-01-16T08:00:00+01:00',
      '2027-01-18T11:00:00+01:00',
      DEFAULT_HALF_DAY_SETTINGS,
      ['2027-01-16 m', '2027-01-18 m'],
    ],
    [
      'across the Christmas holidays and the new year',
      '2026-12-18T08:00:00+01:00',
      '2027-01-04T11:00:00+01:00',
      christmas,
      ['2026-12-18 m', '2026-12-18 a', '2027-01-04 m'],
    ],
    [
      'the first and last days of the holidays count none',
      '2026-12-19T08:00:00+01:00',
      '2027-01-03T17:00:00+01:00',
      christmas,
      [],
    ],
    [
      'New Year’s Eve without holidays set is an ordinary Thursday',
      '2026-12-31T14:00:00+01:00',
      '2026-12-31T15:00:00+01:00',
      DEFAULT_HALF_DAY_SETTINGS,
      ['2026-12-31 a'],
    ],
  ])('%s', (_name, start, end, settings, expected) => {
    expect(short(halfDaysOf({ start, end }, settings))).toEqual(expected);
  });

  it('a school with Wednesday afternoon off counts none there', () => {
    const settings: HalfDaySettings = {
      ...DEFAULT_HALF_DAY_SETTINGS,
      weeklyClosedHalfDays: [
        ...DEFAULT_HALF_DAY_SETTINGS.weeklyClosedHalfDays,
        { weekday: 3, part: 'afternoon' },
      ],
    };
    expect(
      short(
        halfDaysOf(
          { start: '2027-01-13T08:00:00+01:00', end: '2027-01-13T17:00:00+01:00' },
          settings,
        ),
      ),
    ).toEqual(['2027-01-13 m']);
  });
});
