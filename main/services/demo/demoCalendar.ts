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

/** A collège year in trimesters: the first ends with November, the third with the year. */
export function buildSchoolYear(start: number): DemoSchoolYear {
  const next = start + 1;
  const endOfFebruary = isoDate(dayNumber(next, 3, 1) - 1);
  return {
    label: `${start}-${next}`,
    startsOn: `${start}-09-01`,
    endsOn: `${next}-07-04`,
    periods: [
      { code: 'T1', label: 'Trimestre 1', startsOn: `${start}-09-01`, endsOn: `${start}-11-30` },
      { code: 'T2', label: 'Trimestre 2', startsOn: `${start}-12-01`, endsOn: endOfFebruary },
      { code: 'T3', label: 'Trimestre 3', startsOn: `${next}-03-01`, endsOn: `${next}-07-04` },
    ],
  };
}
