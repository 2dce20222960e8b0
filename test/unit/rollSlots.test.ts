import { describe, expect, it } from 'vitest';
import { parisClockWords } from '../../shared/domain/publication/parisDays';
import { DEFAULT_HALF_DAY_SETTINGS, halfDaysOf } from '../../shared/domain/vieScolaire/halfDays';
import {
  crossesMidday,
  ROLL_HOURS,
  rollDayProblem,
  rollHours,
  rollKey,
  rollSlotLabel,
  rollSpan,
  withinSchoolDay,
} from '../../shared/domain/vieScolaire/rollSlots';

const NBSP = '\u00a0';

describe('the span and key of a roll (issue 17 §2)', () => {
  it('a morning runs from 8:00 to the school’s midday boundary, Paris time, in winter and summer', () => {
    expect(rollSpan('2026-11-23', { kind: 'halfDay', part: 'morning' }, '12:00')).toEqual({
      start: new Date('2026-11-23T07:00:00.000Z'),
      end: new Date('2026-11-23T11:00:00.000Z'),
    });
    expect(rollSpan('2027-06-01', { kind: 'halfDay', part: 'afternoon' }, '12:30')).toEqual({
      start: new Date('2027-06-01T10:30:00.000Z'),
      end: new Date('2027-06-01T16:00:00.000Z'),
    });
  });

  it('an hour is the hour given, across the October clock change', () => {
    expect(rollSpan('2026-10-26', { kind: 'hour', from: '10:00', to: '11:00' }, '12:00')).toEqual({
      start: new Date('2026-10-26T09:00:00.000Z'),
      end: new Date('2026-10-26T10:00:00.000Z'),
    });
  });

  it('keys differ by structure, day and slot, and are the same for the same roll', () => {
    const division = { kind: 'division' as const, code: '4A' };
    const morning = { kind: 'halfDay' as const, part: 'morning' as const };
    expect(rollKey(division, '2026-11-23', morning)).toBe('division:4A|2026-11-23|morning');
    expect(rollKey({ kind: 'group', code: '4A' }, '2026-11-23', morning)).not.toBe(
      rollKey(division, '2026-11-23', morning),
    );
    expect(rollKey(division, '2026-11-23', { kind: 'hour', from: '10:00', to: '11:00' })).toBe(
      'division:4A|2026-11-23|10:00-11:00',
    );
  });

  it('offers each hour of the school day, written « 8 h – 9 h », and refuses an hour outside it', () => {
    expect(ROLL_HOURS).toHaveLength(10);
    expect(ROLL_HOURS[0]).toEqual({ from: '08:00', to: '09:00' });
    expect(ROLL_HOURS.at(-1)).toEqual({ from: '17:00', to: '18:00' });
    expect(ROLL_HOURS.every(withinSchoolDay)).toBe(true);
    expect(withinSchoolDay({ from: '07:00', to: '08:00' })).toBe(false);
    expect(withinSchoolDay({ from: '17:30', to: '18:30' })).toBe(false);
    expect(rollSlotLabel({ kind: 'hour', from: '08:00', to: '09:00' })).toBe(
      `8${NBSP}h – 9${NBSP}h`,
    );
    expect(rollSlotLabel({ kind: 'hour', from: '10:30', to: '11:25' })).toBe(
      `10${NBSP}h${NBSP}30 – 11${NBSP}h${NBSP}25`,
    );
    expect(rollSlotLabel({ kind: 'halfDay', part: 'afternoon' })).toBe('Après-midi');
  });
});

describe('parisClockWords: times as French typography writes them', () => {
  it.each([
    // Winter (UTC+1) and summer (UTC+2); no leading zero, no « :00 ».
    ['2026-11-16T07:12:00.000Z', `8${NBSP}h${NBSP}12`],
    ['2027-06-14T16:05:00.000Z', `18${NBSP}h${NBSP}05`],
    ['2026-11-16T07:00:00.000Z', `8${NBSP}h`],
    ['2026-11-16T23:30:00.000Z', `0${NBSP}h${NBSP}30`],
  ])('%s → %s', (instant, words) => {
    expect(parisClockWords(instant)).toBe(words);
  });
});

describe('the roll’s hours and the school’s midday boundary (issue 17 §2)', () => {
  it('cuts the hour holding a midday boundary off the hour, so a slot counts one half-day', () => {
    const settings = { middayBoundary: '12:30', weeklyClosedHalfDays: [], closedPeriods: [] };
    const hours = rollHours('12:30');
    expect(hours.map((h) => `${h.from}-${h.to}`).slice(3, 7)).toEqual([
      '11:00-12:00',
      '12:00-12:30',
      '12:30-13:00',
      '13:00-14:00',
    ]);
    for (const hour of hours) {
      const span = rollSpan('2027-01-18', { kind: 'hour', ...hour }, '12:30');
      expect(halfDaysOf(span, settings)).toHaveLength(1);
    }
    expect(crossesMidday({ kind: 'hour', from: '12:00', to: '13:00' }, '12:30')).toBe(true);
    expect(crossesMidday({ kind: 'hour', from: '12:00', to: '12:30' }, '12:30')).toBe(false);
    expect(crossesMidday({ kind: 'halfDay', part: 'morning' }, '12:30')).toBe(false);
  });

  it('keeps the hours as they are with a boundary on the hour', () => {
    expect(rollHours('12:00')).toEqual(ROLL_HOURS);
  });
});

describe('the days a roll may be taken for', () => {
  const holidays = {
    ...DEFAULT_HALF_DAY_SETTINGS,
    closedPeriods: [{ from: '2026-12-19', to: '2027-01-03' }],
  };
  it('a school day up to today; not a day to come, a Sunday or a holiday of the settings', () => {
    expect(rollDayProblem('2027-01-25', '2027-01-25', holidays)).toBeNull();
    expect(rollDayProblem('2027-01-23', '2027-01-25', holidays)).toBeNull(); // Saturday morning
    expect(rollDayProblem('2027-01-26', '2027-01-25', holidays)).toMatch(/pas à l’avance/);
    expect(rollDayProblem('2027-01-24', '2027-01-25', holidays)).toMatch(/pas de cours/);
    expect(rollDayProblem('2026-12-22', '2027-01-25', holidays)).toMatch(/pas de cours/);
  });
});
