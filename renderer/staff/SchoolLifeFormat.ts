import type { FamilyNoticeMeans, SchoolLifeEvent } from '../../shared/api/staff';
import { slashDate } from '../../shared/domain/frenchDates';
import { parisClockWords, parisDay } from '../../shared/domain/publication/parisDays';
import { eventSpanWords } from '../../shared/domain/vieScolaire/eventSpan';
import { HALF_DAY_PART_LABELS, type HalfDay } from '../../shared/domain/vieScolaire/halfDays';
import { SANCTIONS } from '../../shared/domain/vieScolaire/sanctions';
import { formatCount } from '../ui/format';

/** How the staff window writes the vie scolaire's values (issue 17), shared by its screens. */
export const NOTICE_MEANS_LABELS: Record<FamilyNoticeMeans, string> = {
  courrier: 'Courrier',
  courriel: 'Courriel',
  telephone: 'Téléphone',
  sms: 'SMS',
};

export { parisTime } from '../../shared/domain/vieScolaire/eventSpan';

/** « le 02/11/2026 de 8 h à 12 h 30 »: the staff screens write times as French typography does. */
export function spanWords(startsAt: string, endsAt: string): string {
  return eventSpanWords(startsAt, endsAt, parisClockWords);
}

/** « Le 02/11/2026 de 8 h à 12 h »: spanWords with a capital, alone in a cell. */
export function spanLabel(startsAt: string, endsAt: string): string {
  const words = spanWords(startsAt, endsAt);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** « 22/11/2026 à 14 h 05 », the school's time (Europe/Paris). */
export function instantLabel(instant: string): string {
  return `${slashDate(parisDay(instant))} à\u00a0${parisClockWords(instant)}`;
}

/** « 02/11/2026 matin ». */
export function halfDayLabel(halfDay: HalfDay): string {
  return `${slashDate(halfDay.day)} ${HALF_DAY_PART_LABELS[halfDay.part]}`;
}

/** « Retard (12 min) », « Sanction : Blâme », « Absence (3 demi-journées) ». */
export function eventLabel(event: SchoolLifeEvent): string {
  if (event.kind === 'lateness' && event.minutes !== null)
    return `${event.kindLabel} (${event.minutes}\u00a0min)`;
  if (event.kind === 'sanction' && event.sanctionKind)
    return `${SANCTIONS[event.sanctionKind].label}${event.suspended ? ` avec sursis${event.suspendedUntil ? ` révocable jusqu’au ${slashDate(event.suspendedUntil)}` : ''}` : ''}`;
  if (event.kind === 'absence')
    return `${event.kindLabel} (${formatCount(event.halfDays.length, 'demi-journée', 'demi-journées')})`;
  return event.kindLabel;
}

/**
 * « Effacée du dossier le 01/09/2027 » beside a sanction (R511-13 IV); the exclusion définitive
 * says it stays. Null for anything but a sanction.
 */
export function sanctionErasureLabel(event: SchoolLifeEvent): string | null {
  if (event.kind !== 'sanction' || !event.sanctionKind) return null;
  if (event.sanctionErasedOn) return `Effacée du dossier le ${slashDate(event.sanctionErasedOn)}`;
  return event.sanctionKind === 'permanentExclusion' ? 'Conservée au dossier' : null;
}

/** The last twelve months, newest first, as 'YYYY-MM' with a French label. */
export function recentMonths(today: string, count = 12): { value: string; label: string }[] {
  const names = new Intl.DateTimeFormat('fr-FR', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  let [year, month] = today.split('-').map(Number) as [number, number];
  const months = [];
  for (let i = 0; i < count; i++) {
    const value = `${year}-${String(month).padStart(2, '0')}`;
    const label = names.format(new Date(`${value}-01T12:00:00Z`));
    months.push({ value, label: label.charAt(0).toUpperCase() + label.slice(1) });
    month -= 1;
    if (month === 0) [year, month] = [year - 1, 12];
  }
  return months;
}
