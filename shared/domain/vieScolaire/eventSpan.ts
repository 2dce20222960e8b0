import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { slashDate } from '../frenchDates';
import { parisDay, SCHOOL_TIME_ZONE } from '../publication/parisDays';

/** 'HH:mm', Paris time, whatever the workstation's zone. */
export function parisTime(instant: string): string {
  return format(new Date(instant), 'HH:mm', { in: tz(SCHOOL_TIME_ZONE) });
}

/**
 * When an event happened, as the staff window and the absence notice write it:
 * « le 02/11/2026 de 08:00 à 12:00 », « du 02/11/2026 à 08:00 au 03/11/2026 à 17:00 », or
 * « le 02/11/2026 à 08:10 » for an instant. `time` writes a time of day: the staff screens pass
 * parisClockWords (« de 8 h à 12 h »).
 */
export function eventSpanWords(
  startsAt: string,
  endsAt: string,
  time: (instant: string) => string = parisTime,
): string {
  const [from, to] = [parisDay(startsAt), parisDay(endsAt)];
  if (startsAt === endsAt) return `le ${slashDate(from)} à ${time(startsAt)}`;
  if (from === to) return `le ${slashDate(from)} de ${time(startsAt)} à ${time(endsAt)}`;
  return `du ${slashDate(from)} à ${time(startsAt)} au ${slashDate(to)} à ${time(endsAt)}`;
}
