import { describe, expect, it } from 'vitest';
import {
  absenteeismInMonth,
  absenteeismWatch,
  ABSENTEEISM_THRESHOLD_HALF_DAYS,
} from '../../shared/domain/vieScolaire/absenteeism';
import {
  DEFAULT_HALF_DAY_SETTINGS,
  distinctHalfDays,
  halfDaysBetween,
  halfDaysOf,
  type HalfDaySettings,
} from '../../shared/domain/vieScolaire/halfDays';
import { LEGITIMATE_MOTIVES } from '../../shared/domain/vieScolaire/motives';
import { isoWeekOf, monthWeeks } from '../../shared/domain/vieScolaire/weeks';

/** A Paris wall-clock time in winter (UTC+1) as an instant. */
const winter = (day: string, time: string) => `${day}T${time}:00+01:00`;
const summer = (day: string, time: string) => `${day}T${time}:00+02:00`;
const span = (day: string, from: string, to: string, at = winter) => ({
  start: at(day, from),
  end: at(day, to),
});
const short = (list: { day: string; part: string }[]) => list.map((h) => `${h.day} ${h.part[0]}`);

describe('half-days from an absence’s start and end (any overlap counts one)', () => {
  it.each([
    ['08:00', '10:00', ['2027-01-11 m']],
    ['08:00', '12:00', ['2027-01-11 m']], // ends on the boundary: the afternoon is not touched
    ['11:55', '12:05', ['2027-01-11 m', '2027-01-11 a']], // ten minutes across midday: two
    ['12:00', '17:00', ['2027-01-11 a']],
    ['08:00', '17:00', ['2027-01-11 m', '2027-01-11 a']],
    ['10:00', '10:00', ['2027-01-11 m']], // an instant (a retard-like record) counts its half-day
  ])('Monday %s–%s', (from, to, expected) => {
    expect(short(halfDaysOf(span('2027-01-11', from, to)))).toEqual(expected);
  });

  it('an absence that ends before it starts counts nothing', () => {
    expect(halfDaysOf(span('2027-01-11', '10:00', '09:00'))).toEqual([]);
  });

  it('the midday boundary is a setting', () => {
    const oneOClock: HalfDaySettings = { ...DEFAULT_HALF_DAY_SETTINGS, middayBoundary: '13:00' };
    expect(short(halfDaysOf(span('2027-01-11', '08:00', '12:30'), oneOClock))).toEqual([
      '2027-01-11 m',
    ]);
    expect(short(halfDaysOf(span('2027-01-11', '08:00', '12:30')))).toEqual([
      '2027-01-11 m',
      '2027-01-11 a',
    ]);
  });

  it('a week of absence: Saturday afternoon and Sunday count none', () => {
    const week = { start: winter('2027-01-11', '08:00'), end: winter('2027-01-18', '12:00') };
    const halfDays = short(halfDaysOf(week));
    expect(halfDays).toHaveLength(11 + 1); // Mon–Fri 10, Saturday morning 1, next Monday morning 1
    expect(halfDays).toContain('2027-01-16 m');
    expect(halfDays).not.toContain('2027-01-16 a');
    expect(halfDays.some((h) => h.startsWith('2027-01-17'))).toBe(false);
  });

  it('holidays and closures from the settings count none', () => {
    const settings: HalfDaySettings = {
      ...DEFAULT_HALF_DAY_SETTINGS,
      closedPeriods: [{ from: '2027-02-13', to: '2027-02-28' }],
    };
    const acrossHolidays = {
      start: winter('2027-02-12', '08:00'),
      end: winter('2027-03-01', '10:00'),
    };
    expect(short(halfDaysOf(acrossHolidays, settings))).toEqual([
      '2027-02-12 m',
      '2027-02-12 a',
      '2027-03-01 m',
    ]);
  });

  it('times are Paris times whatever the zone of the instant, across the clock change', () => {
    // 07:30 UTC on Monday 29 March 2027 is 09:30 in Paris (summer time since Sunday).
    expect(
      short(halfDaysOf({ start: '2027-03-29T07:30:00Z', end: '2027-03-29T09:30:00Z' })),
    ).toEqual(['2027-03-29 m']);
    // 10:30 UTC is 12:30 in Paris: the afternoon.
    expect(
      short(halfDaysOf({ start: '2027-03-29T10:30:00Z', end: '2027-03-29T11:00:00Z' })),
    ).toEqual(['2027-03-29 a']);
    // The same UTC times in winter are 11:30 and 12:00 Paris: the morning only.
    expect(
      short(halfDaysOf({ start: '2027-01-11T10:30:00Z', end: '2027-01-11T11:00:00Z' })),
    ).toEqual(['2027-01-11 m']);
    // Friday to Monday across the night clocks go forward.
    const weekend = { start: winter('2027-03-26', '14:00'), end: summer('2027-03-29', '11:00') };
    expect(short(halfDaysOf(weekend))).toEqual(['2027-03-26 a', '2027-03-27 m', '2027-03-29 m']);
  });

  it('the half-days of a term for the home tile, both ends included', () => {
    const spans = [
      span('2027-01-04', '08:00', '17:00'),
      span('2027-03-31', '14:00', '15:00'),
      span('2027-04-01', '08:00', '09:00'),
    ];
    expect(short(halfDaysBetween(spans, '2027-01-04', '2027-03-31'))).toEqual([
      '2027-01-04 m',
      '2027-01-04 a',
      '2027-03-31 a',
    ]);
  });

  it('several absences in one half-day count it once', () => {
    const halfDays = distinctHalfDays([
      span('2027-01-11', '08:00', '09:00'),
      span('2027-01-11', '10:00', '11:00'),
      span('2027-01-11', '14:00', '15:00'),
    ]);
    expect(short(halfDays)).toEqual(['2027-01-11 m', '2027-01-11 a']);
  });
});

describe('the families’ weeks (seed 000: « Numéro semaine, Du, Au, Nombre de demi-journées »)', () => {
  it('lists the weeks whose Monday is in the month, latest first, Monday to Saturday, as the guide’s February 2011', () => {
    const rows = monthWeeks('2011-02', [
      { ...span('2011-02-22', '08:00', '10:00'), processed: true },
      { ...span('2011-02-15', '08:00', '10:00'), processed: false }, // not processed: not counted
    ]);
    expect(rows).toEqual([
      { isoWeek: 9, isoWeekYear: 2011, from: '2011-02-28', to: '2011-03-05', halfDays: 0 },
      { isoWeek: 8, isoWeekYear: 2011, from: '2011-02-21', to: '2011-02-26', halfDays: 1 },
      { isoWeek: 7, isoWeekYear: 2011, from: '2011-02-14', to: '2011-02-19', halfDays: 0 },
      { isoWeek: 6, isoWeekYear: 2011, from: '2011-02-07', to: '2011-02-12', halfDays: 0 },
    ]);
  });

  it('counts half-days in which at least one processed absence was recorded', () => {
    const rows = monthWeeks('2027-01', [
      { ...span('2027-01-11', '08:00', '09:00'), processed: true },
      { ...span('2027-01-11', '10:00', '11:00'), processed: true },
      { ...span('2027-01-13', '08:00', '17:00'), processed: true },
      { ...span('2027-01-16', '09:00', '11:00'), processed: true }, // Saturday morning
    ]);
    expect(rows.find((row) => row.from === '2027-01-11')?.halfDays).toBe(4);
  });

  it('ISO weeks: 1 January 2027 is in week 53 of 2026; January 2027’s first Monday is the 4th', () => {
    expect(isoWeekOf('2027-01-01')).toEqual({ isoWeek: 53, isoWeekYear: 2026 });
    expect(monthWeeks('2027-01', []).at(-1)).toEqual({
      isoWeek: 1,
      isoWeekYear: 2027,
      from: '2027-01-04',
      to: '2027-01-09',
      halfDays: 0,
    });
  });

  it('refuses a month it cannot read', () => {
    expect(() => monthWeeks('2027-13', [])).toThrow('Mois illisible');
  });
});

describe('absentéisme, Code de l’éducation L131-8: « au moins quatre demi-journées dans le mois » sans motif légitime', () => {
  const illegitimate = (day: string, from: string, to: string) => ({
    ...span(day, from, to),
    legitimateMotive: false,
  });
  const legitimate = (day: string, from: string, to: string) => ({
    ...span(day, from, to),
    legitimateMotive: true,
  });

  it('four half-days without a legitimate motive in a calendar month reach the threshold, listed', () => {
    const finding = absenteeismInMonth(
      [
        illegitimate('2027-01-11', '08:00', '17:00'),
        illegitimate('2027-01-14', '08:00', '10:00'),
        illegitimate('2027-01-20', '14:00', '15:00'),
        legitimate('2027-01-21', '08:00', '17:00'),
      ],
      '2027-01',
    );
    expect(ABSENTEEISM_THRESHOLD_HALF_DAYS).toBe(4);
    expect(finding.count).toBe(4);
    expect(finding.reached).toBe(true);
    expect(short(finding.halfDays)).toEqual([
      '2027-01-11 m',
      '2027-01-11 a',
      '2027-01-14 m',
      '2027-01-20 a',
    ]);
  });

  it('three are not enough; legitimate absences count none; a month is a calendar month', () => {
    expect(
      absenteeismInMonth(
        [
          illegitimate('2027-01-29', '08:00', '17:00'), // Friday 29 January: 2
          illegitimate('2027-02-01', '08:00', '17:00'), // Monday 1 February: 2, another month
          legitimate('2027-01-28', '08:00', '17:00'),
        ],
        '2027-01',
      ),
    ).toMatchObject({ count: 2, reached: false });
    const acrossMonths = {
      start: winter('2027-01-29', '08:00'),
      end: winter('2027-02-02', '17:00'),
      legitimateMotive: false,
    };
    expect(absenteeismInMonth([acrossMonths], '2027-01').count).toBe(3); // Fri ×2, Sat morning
    expect(absenteeismInMonth([acrossMonths], '2027-02').count).toBe(4); // Mon ×2, Tue ×2
  });

  it('a legitimate absence in the same morning does not excuse the unjustified one', () => {
    const finding = absenteeismInMonth(
      [legitimate('2027-01-11', '08:00', '09:00'), illegitimate('2027-01-11', '10:00', '11:00')],
      '2027-01',
    );
    expect(finding.count).toBe(1);
  });

  it('a roll hour inside a legitimate absence is not « manqué la classe sans motif légitime » again (L131-8)', () => {
    const sick = {
      start: winter('2027-01-11', '00:00'),
      end: winter('2027-01-13', '00:00'),
      legitimateMotive: true,
    };
    const rollHours = [
      illegitimate('2027-01-11', '09:00', '10:00'),
      illegitimate('2027-01-11', '14:00', '15:00'),
      illegitimate('2027-01-12', '09:00', '10:00'),
      illegitimate('2027-01-12', '14:00', '15:00'),
    ];
    expect(absenteeismInMonth([sick, ...rollHours], '2027-01')).toMatchObject({
      count: 0,
      reached: false,
    });
    // What the legitimate absence leaves uncovered still counts: its end runs into the next day.
    const finding = absenteeismInMonth(
      [sick, { ...rollHours[3]!, end: winter('2027-01-13', '09:00') }],
      '2027-01',
    );
    expect(short(finding.halfDays)).toEqual(['2027-01-13 m']);
  });

  it('the watch lists the pupils who reach it, most half-days first', () => {
    const watch = absenteeismWatch(
      [
        {
          studentId: 'a',
          absences: [
            illegitimate('2027-01-11', '08:00', '17:00'),
            illegitimate('2027-01-12', '08:00', '17:00'),
          ],
        },
        { studentId: 'b', absences: [illegitimate('2027-01-11', '08:00', '10:00')] },
        {
          studentId: 'c',
          absences: [
            illegitimate('2027-01-11', '08:00', '17:00'),
            illegitimate('2027-01-12', '08:00', '17:00'),
            illegitimate('2027-01-13', '08:00', '17:00'),
          ],
        },
      ],
      '2027-01',
    );
    expect(watch.map((finding) => [finding.studentId, finding.count])).toEqual([
      ['c', 6],
      ['a', 4],
    ]);
  });

  it('the five motives L131-8 holds legitimate, with their French labels', () => {
    expect(Object.values(LEGITIMATE_MOTIVES)).toEqual([
      'Maladie de l’enfant',
      'Maladie transmissible ou contagieuse d’un membre de la famille',
      'Réunion solennelle de famille',
      'Empêchement résultant de la difficulté accidentelle des communications',
      'Absence temporaire des personnes responsables lorsque les enfants les suivent',
    ]);
  });
});
