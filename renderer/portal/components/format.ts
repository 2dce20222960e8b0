import { parisClockWords, parisWallClock } from '../../../shared/domain/publication/parisDays';

/**
 * An instant → « 07/01/2015 à 18 h 05 », in Paris time; no-break spaces inside the hour, so
 * that « 01 h » and « 10 » never end up on two lines.
 */
export function frenchInstant(iso: string): string {
  const wall = parisWallClock(iso);
  if (!wall) return iso;
  return `${wall.day}/${wall.month}/${wall.year} à\u00a0${parisClockWords(iso)}`;
}

/** « 03 81 55 27 40 » kept on one line: a phone number is never split. */
export const unbroken = (text: string) => text.replace(/ /g, '\u00a0');
