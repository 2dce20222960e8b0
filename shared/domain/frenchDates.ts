/**
 * Dates as French letters and messages write them, from 'YYYY-MM-DD'. A value that is not
 * such a date is returned as it came (shown rather than hidden).
 */
const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** Sunday first, as `Date.getUTCDay()` counts. */
const SHORT_WEEKDAYS = ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** « 23/02/2027 ». */
export function slashDate(iso: string): string {
  return ISO_DATE.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
}

/**
 * « lun. 21/02/2011 », as the guide writes a week's bounds (seed 000 « Les Absences »), a
 * no-break space after the weekday. A calendar day: no time zone involved.
 */
export function weekdayDate(iso: string): string {
  if (!ISO_DATE.test(iso)) return iso;
  const weekday = SHORT_WEEKDAYS[new Date(`${iso.slice(0, 10)}T12:00:00Z`).getUTCDay()];
  return weekday ? `${weekday}\u00a0${slashDate(iso)}` : iso;
}

/** 'YYYY-MM' → « novembre 2026 ». */
export function monthInWords(month: string): string {
  const name = /^\d{4}-\d{2}$/.test(month) ? MONTHS[Number(month.slice(5, 7)) - 1] : undefined;
  return name ? `${name} ${month.slice(0, 4)}` : month;
}

/** « 23 février 2027 », « 1er mars 2027 »; `space` between the words (a no-break one on a letter). */
export function dateInWords(iso: string, space = ' '): string {
  const day = Number(iso.slice(8, 10));
  const month = MONTHS[Number(iso.slice(5, 7)) - 1];
  if (!ISO_DATE.test(iso) || !day || !month) return slashDate(iso);
  return `${day === 1 ? '1er' : day}${space}${month}${space}${iso.slice(0, 4)}`;
}

/**
 * 'YYYY-MM-DD' from a year, a month and a day as typed (« 3 » or « 03 »); null when that day
 * does not exist (31/02, 29/02 of a common year).
 */
export function isoIfRealDay(year: string, month: string, day: string): string | null {
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * « 23/02/2027 » (or 23.02.2027, 23-02-2027, 1/3/2027) → '2027-02-23'; null when it is not
 * a real day. What a French user types, whatever the language of the browser.
 */
export function isoFromSlashDate(text: string): string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  return match ? isoIfRealDay(match[3]!, match[2]!, match[1]!) : null;
}
