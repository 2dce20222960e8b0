import { describe, expect, it } from 'vitest';
import {
  canTeacherEditMarks,
  defaultPeriods,
  markEntryStatus,
  markEntryStatusText,
  periodOfDay,
  periodProblems,
  periodsOfLevel,
  publicationDayOf,
  publicationDaysByPeriod,
  type PeriodDates,
} from '../../shared/domain/periods';

const YEAR = { startsOn: '2026-09-01', endsOn: '2027-07-03' };

describe('defaultPeriods: the periods a year starts with', () => {
  it('cuts trimestres at 30 November and the end of February, and closes entry a week after', () => {
    expect(defaultPeriods('trimestres', YEAR)).toEqual([
      {
        code: 'T1',
        label: 'Trimestre 1',
        startsOn: '2026-09-01',
        endsOn: '2026-11-30',
        closesOn: '2026-12-07',
        publishesOn: null,
      },
      {
        code: 'T2',
        label: 'Trimestre 2',
        startsOn: '2026-12-01',
        endsOn: '2027-02-28',
        closesOn: '2027-03-07',
        publishesOn: null,
      },
      {
        code: 'T3',
        label: 'Trimestre 3',
        startsOn: '2027-03-01',
        endsOn: '2027-07-03',
        closesOn: '2027-07-10',
        publishesOn: null,
      },
    ]);
  });
  it('ends February on the 29th in a leap year', () => {
    const t2 = defaultPeriods('trimestres', { startsOn: '2027-09-01', endsOn: '2028-07-04' })[1];
    expect(t2?.endsOn).toBe('2028-02-29');
  });
  it('cuts semestres at 31 January', () => {
    expect(defaultPeriods('semestres', YEAR).map((p) => [p.code, p.startsOn, p.endsOn])).toEqual([
      ['S1', '2026-09-01', '2027-01-31'],
      ['S2', '2027-02-01', '2027-07-03'],
    ]);
  });
  it('gives sets that pass their own check', () => {
    expect(periodProblems('trimestres', defaultPeriods('trimestres', YEAR), YEAR)).toEqual([]);
    expect(periodProblems('semestres', defaultPeriods('semestres', YEAR), YEAR)).toEqual([]);
  });
});

describe('periodProblems: « trimestres T1–T3 ou semestres S1–S2 », without overlap or gap', () => {
  const set = (): PeriodDates[] => defaultPeriods('trimestres', YEAR);

  it('names the overlapping field and the day to start on', () => {
    const periods = set();
    periods[1]!.startsOn = '2026-11-25';
    expect(periodProblems('trimestres', periods, YEAR)).toEqual([
      {
        index: 1,
        field: 'startsOn',
        message: 'T2 : chevauche T1, qui finit le 30/11/2026 : commencez le 01/12/2026.',
      },
    ]);
  });
  it('names the days no period covers', () => {
    const periods = set();
    periods[2]!.startsOn = '2027-03-08';
    expect(periodProblems('trimestres', periods, YEAR)).toEqual([
      {
        index: 2,
        field: 'startsOn',
        message:
          'T3 : du 01/03/2027 au 07/03/2027, aucun jour n’est dans une période : commencez le 01/03/2027.',
      },
    ]);
  });
  it('holds the set to the school year at both ends', () => {
    const periods = set();
    periods[0]!.startsOn = '2026-09-02';
    periods[2]!.endsOn = '2027-06-30';
    expect(periodProblems('trimestres', periods, YEAR).map((p) => [p.index, p.field])).toEqual([
      [0, 'startsOn'],
      [2, 'endsOn'],
    ]);
  });
  it('refuses an end before the start, a closing on the first day, a publication before it', () => {
    const periods = set();
    periods[0]!.endsOn = '2026-08-30';
    periods[1]!.closesOn = '2026-12-01';
    periods[1]!.publishesOn = '2026-11-01';
    const fields = periodProblems('trimestres', periods, YEAR).map((p) => `${p.index}.${p.field}`);
    expect(fields).toContain('0.endsOn');
    expect(fields).toContain('1.closesOn');
    expect(fields).toContain('1.publishesOn');
  });
  it('wants three trimestres or two semestres', () => {
    expect(periodProblems('semestres', set(), YEAR)[0]?.message).toBe(
      'Semestres : 2 périodes attendues, 3 reçues.',
    );
  });
});

describe('periodsOfLevel, periodOfDay, publicationDayOf', () => {
  const school = { level: '', code: 'T1', startsOn: '2026-09-01', endsOn: '2026-11-30' };
  const first = { level: '1re', code: 'S1', startsOn: '2026-09-01', endsOn: '2027-01-31' };
  it('gives a level its own periods, else the school’s', () => {
    expect(periodsOfLevel([school, first], '1re')).toEqual([first]);
    expect(periodsOfLevel([school, first], '2nde')).toEqual([school]);
  });
  it('finds the period of a day, ends included', () => {
    expect(periodOfDay([school], '2026-11-30')).toBe(school);
    expect(periodOfDay([school], '2026-12-01')).toBeNull();
  });
  it('gives the publication module a day for every period, by id', () => {
    expect(
      publicationDaysByPeriod([
        { id: 4, endsOn: '2026-11-30', publishesOn: null },
        { id: 5, endsOn: '2027-02-28', publishesOn: '2027-03-10' },
      ]),
    ).toEqual({ '4': '2026-12-01', '5': '2027-03-10' });
  });
  it('publishes on the set day, else the day after the period ends', () => {
    expect(publicationDayOf({ endsOn: '2026-11-30', publishesOn: null })).toBe('2026-12-01');
    expect(publicationDayOf({ endsOn: '2026-11-30', publishesOn: '2026-12-10' })).toBe(
      '2026-12-10',
    );
  });
});

describe('canTeacherEditMarks: « date de fermeture de la saisie », on Paris days', () => {
  const period = { id: 7, closesOn: '2026-12-07' };
  const ask = (
    now: string,
    reopenings: { periodId: number; teacherId: number; untilOn: string }[] = [],
  ) => canTeacherEditMarks({ period, teacherId: 3, reopenings, now: new Date(now) });

  it('is open until the last minute of the eve of the closing day, Paris time', () => {
    // 22:59 UTC on 6 December is 23:59 in Paris (winter time, UTC+1).
    expect(ask('2026-12-06T22:59:59Z')).toBe(true);
    expect(ask('2026-12-06T23:00:00Z')).toBe(false);
    expect(ask('2026-12-07T12:00:00Z')).toBe(false);
  });
  it('follows summer time at the end of the year (UTC+2)', () => {
    const july = { id: 9, closesOn: '2027-07-10' };
    const at = (now: string) =>
      canTeacherEditMarks({ period: july, teacherId: 3, reopenings: [], now: new Date(now) });
    expect(at('2027-07-09T21:59:59Z')).toBe(true);
    expect(at('2027-07-09T22:00:00Z')).toBe(false);
  });
  it('never locks a period without a closing day', () => {
    expect(
      canTeacherEditMarks({
        period: { id: 7, closesOn: null },
        teacherId: 3,
        reopenings: [],
        now: new Date('2030-01-01T00:00:00Z'),
      }),
    ).toBe(true);
  });
  it('lets a reopened teacher in up to the last Paris minute of the reopening, and no other', () => {
    const reopening = [{ periodId: 7, teacherId: 3, untilOn: '2026-12-15' }];
    expect(ask('2026-12-15T22:59:59Z', reopening)).toBe(true);
    expect(ask('2026-12-15T23:00:00Z', reopening)).toBe(false);
    expect(
      ask('2026-12-10T10:00:00Z', [{ periodId: 7, teacherId: 4, untilOn: '2026-12-15' }]),
    ).toBe(false);
    expect(
      ask('2026-12-10T10:00:00Z', [{ periodId: 8, teacherId: 3, untilOn: '2026-12-15' }]),
    ).toBe(false);
  });
  it('says why, in French', () => {
    const status = markEntryStatus({
      period,
      teacherId: 3,
      reopenings: [{ periodId: 7, teacherId: 3, untilOn: '2026-12-15' }],
      now: new Date('2026-12-10T10:00:00Z'),
    });
    expect(status).toEqual({ state: 'reopened', until: '2026-12-15' });
    expect(markEntryStatusText(status)).toBe('Saisie rouverte jusqu’au 15/12/2026 inclus');
    expect(
      markEntryStatusText(
        markEntryStatus({ period, teacherId: 3, reopenings: [], now: new Date('2026-12-08') }),
      ),
    ).toBe('Saisie fermée depuis le 07/12/2026');
  });
});
