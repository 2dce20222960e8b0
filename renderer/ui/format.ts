import { format, isValid, parseISO } from 'date-fns';
import { fr } from 'date-fns/locale';
import { isoIfRealDay, slashDate } from '../../shared/domain/frenchDates';
import { frenchClockWords, parisWallClock } from '../../shared/domain/publication/parisDays';

/** 'YYYY-MM-DD' → '12/03/2013'; an unreadable value is shown as received rather than hidden. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  // The usual case without date-fns (a family page formats a few at every view).
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) return isoIfRealDay(day[1]!, day[2]!, day[3]!) ? slashDate(value) : value;
  const date = parseISO(value);
  return isValid(date) ? format(date, 'dd/MM/yyyy', { locale: fr }) : value;
}

/**
 * An instant's day and time at the school (Europe/Paris), or null if unreadable: the school's
 * clock, whatever the workstation's (a browser or kiosk set to UTC would show an absence of
 * 08:00 as 07:00; the family portal reads Paris time too).
 */
function schoolTime(value: string) {
  const date = parseISO(value);
  const wall = isValid(date) ? parisWallClock(date) : null;
  return (
    wall && { day: `${wall.day}/${wall.month}/${wall.year}`, time: `${wall.hour}:${wall.minute}` }
  );
}

/**
 * ISO instant → 'le 22/11/2026 à 14 h 05' (the school's time, Europe/Paris), written as the rest
 * of the product writes a time in a sentence (« 8 h 12 », frenchClockWords), with no-break
 * spaces so that « 14 h » never ends a line.
 */
export function formatInstant(value: string | null | undefined): string {
  if (!value) return '';
  const at = schoolTime(value);
  return at ? `le ${at.day} à\u00a0${frenchClockWords(at.time)}` : value;
}

/** ISO instant → '22/11/2026 14:05', for table cells where the sentence form is too long. */
export function formatInstantShort(value: string | null | undefined): string {
  if (!value) return '';
  const at = schoolTime(value);
  return at ? `${at.day} ${at.time}` : value;
}

// Built once: 'fr-FR' groups thousands with a narrow no-break space (U+202F), « 1 438 »,
// whatever the language of the browser or of the workstation.
const FRENCH_NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** 1438 → '1 438' (narrow no-break space, never split across lines); 12.5 → '12,5'. */
export function formatNumber(value: number): string {
  return FRENCH_NUMBER.format(value);
}

/** French counts: 0 and 1 take the singular ("0 élève", "1 élève", "2 élèves"). */
export function formatCount(count: number, singular: string, plural: string): string {
  // A no-break space: « (2 » never ends a line with « demi-journées) » on the next.
  return `${formatNumber(count)}\u00a0${count <= 1 ? singular : plural}`;
}

/** 'DUPONT Jean': the family name in capitals, as on every French school document. */
export function personName(lastName: string, firstName: string): string {
  return [lastName.toLocaleUpperCase('fr-FR'), firstName].filter(Boolean).join(' ');
}

/** 'Mme DUPONT Claire'. */
export function civilName(civility: string, lastName: string, firstName: string): string {
  return [civility, personName(lastName, firstName)].filter(Boolean).join(' ');
}
