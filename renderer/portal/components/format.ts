// Built once: a formatter costs far more to make than to use (the home page shows one).
const PARIS_INSTANT = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * An instant → « 07/01/2015 à 18 h 05 », in Paris time; no-break spaces inside the hour, so
 * that « 01 h » and « 10 » never end up on two lines.
 */
export function frenchInstant(iso: string): string {
  const date = new Date(iso);
  const parts = PARIS_INSTANT.formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} à\u00a0${get('hour')}\u00a0h\u00a0${get('minute')}`;
}

/** « 03 81 55 27 40 » kept on one line: a phone number is never split. */
export const unbroken = (text: string) => text.replace(/ /g, '\u00a0');
