/**
 * When the family e-mail digest may go (issue 17 §5): from the hour the school sets, once a
 * Paris day, and never between 21:00 and 07:00 (a message from the school at night is not
 * one a family should get, whatever the setting says).
 */
export const DEFAULT_DIGEST_HOUR = 17;
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 7;

export interface DigestSlot {
  /** The Paris hour (0–23) at the instant the job looks. */
  parisHour: number;
  /** The Paris day at that instant. */
  parisDay: string;
  /** The school's setting; out of range falls back to the default. */
  schoolHour: number | null;
  /** The Paris day of the last digest sent to this account. */
  lastSentOn: string | null;
}

export function validDigestHour(hour: number | null): number {
  return hour !== null &&
    Number.isInteger(hour) &&
    hour >= QUIET_UNTIL_HOUR &&
    hour < QUIET_FROM_HOUR
    ? hour
    : DEFAULT_DIGEST_HOUR;
}

/** Whether a digest may be sent now: past the school's hour, outside the night, not yet today. */
export function digestDue(slot: DigestSlot): boolean {
  if (slot.parisHour >= QUIET_FROM_HOUR || slot.parisHour < QUIET_UNTIL_HOUR) return false;
  if (slot.parisHour < validDigestHour(slot.schoolHour)) return false;
  return slot.lastSentOn !== slot.parisDay;
}
