import type { PeriodDates } from '../../../../shared/domain/periods';
import { isoFromSlashDate, slashDate } from '../../../../shared/domain/frenchDates';

/** One period as typed: JJ/MM/AAAA texts; '' for a closing or publication day left blank. */
export type PeriodRowText = Record<keyof PeriodDates, string>;

export const PERIOD_FIELDS: (keyof PeriodDates)[] = [
  'startsOn',
  'endsOn',
  'closesOn',
  'publishesOn',
];

export function rowsOf(periods: readonly PeriodDates[]): PeriodRowText[] {
  return periods.map((p) => ({
    startsOn: slashDate(p.startsOn),
    endsOn: slashDate(p.endsOn),
    closesOn: p.closesOn ? slashDate(p.closesOn) : '',
    publishesOn: p.publishesOn ? slashDate(p.publishesOn) : '',
  }));
}

/** The days typed, or null while one of them is not a day (its field says so). */
export function datesOf(rows: readonly PeriodRowText[]): PeriodDates[] | null {
  const dates: PeriodDates[] = [];
  for (const row of rows) {
    const startsOn = isoFromSlashDate(row.startsOn);
    const endsOn = isoFromSlashDate(row.endsOn);
    const closesOn = row.closesOn.trim() === '' ? null : isoFromSlashDate(row.closesOn);
    const publishesOn = row.publishesOn.trim() === '' ? null : isoFromSlashDate(row.publishesOn);
    if (!startsOn || !endsOn) return null;
    if (closesOn === null && row.closesOn.trim() !== '') return null;
    if (publishesOn === null && row.publishesOn.trim() !== '') return null;
    dates.push({ startsOn, endsOn, closesOn, publishesOn });
  }
  return dates;
}
