/**
 * SIECLE writes dates as DD/MM/YYYY; the IMPORT flow and hand-edited files use YYYY-MM-DD.
 * Both become ISO 'YYYY-MM-DD' when they name a real calendar day.
 */
export type ParsedDate =
  { kind: 'absent' } | { kind: 'valid'; iso: string } | { kind: 'invalid'; raw: string };

export function parseSiecleDate(text: string): ParsedDate {
  const raw = text.trim();
  if (raw === '') return { kind: 'absent' };
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(raw) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!match) return { kind: 'invalid', raw };
  const [day, month, year] = raw.includes('/')
    ? [match[1], match[2], match[3]]
    : [match[3], match[2], match[1]];
  const iso = `${year}-${month}-${day}`;
  return isRealDay(Number(year), Number(month), Number(day))
    ? { kind: 'valid', iso }
    : { kind: 'invalid', raw };
}

/** The ISO date, or null when absent or impossible (for fields that keep no raw value). */
export function isoDateOrNull(text: string): string | null {
  const parsed = parseSiecleDate(text);
  return parsed.kind === 'valid' ? parsed.iso : null;
}

/** HORODATAGE « DD/MM/YYYY HH:MM:SS » → 'YYYY-MM-DDTHH:MM:SS', or null when absent or odd. */
export function isoStampOrNull(text: string): string | null {
  const match = /^(\S+)\s+(\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [, day, hours, minutes, seconds] = match;
  const date = isoDateOrNull(day!);
  if (!date || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return null;
  return `${date}T${hours}:${minutes}:${seconds}`;
}

function isRealDay(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (daysInMonth[month - 1] ?? 0);
}
