import { defaultPeriods } from '../../../shared/domain/periods';

/** Calendar arithmetic on UTC day numbers, so that no time zone can shift a date. */

const MS_PER_DAY = 86_400_000;

export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export interface DemoSchoolYear {
  label: string;
  startsOn: string;
  endsOn: string;
  periods: { code: string; label: string; startsOn: string; endsOn: string }[];
}

/** A collège year in trimesters, cut as every new year is (defaultPeriods). */
export function buildSchoolYear(start: number): DemoSchoolYear {
  const next = start + 1;
  const year = { startsOn: `${start}-09-01`, endsOn: `${next}-07-04` };
  return {
    label: `${start}-${next}`,
    ...year,
    periods: defaultPeriods('trimestres', year).map(({ code, label, startsOn, endsOn }) => ({
      code,
      label,
      startsOn,
      endsOn,
    })),
  };
}
