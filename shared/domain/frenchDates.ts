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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** « 23/02/2027 ». */
export function slashDate(iso: string): string {
  return ISO_DATE.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
}

/** « 23 février 2027 », « 1er mars 2027 »; `space` between the words (a no-break one on a letter). */
export function dateInWords(iso: string, space = ' '): string {
  const day = Number(iso.slice(8, 10));
  const month = MONTHS[Number(iso.slice(5, 7)) - 1];
  if (!ISO_DATE.test(iso) || !day || !month) return slashDate(iso);
  return `${day === 1 ? '1er' : day}${space}${month}${space}${iso.slice(0, 4)}`;
}
