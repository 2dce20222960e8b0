import { TZDate } from '@date-fns/tz';
import { slashDate } from '../frenchDates';
import { parisDay, parisWallClock, SCHOOL_TIME_ZONE } from '../publication/parisDays';

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

/** What the outbox does with a queued digest at an instant (see digestSendDecision). */
export type DigestSendDecision =
  { kind: 'send' } | { kind: 'hold'; until: string } | { kind: 'drop'; reason: string };

/**
 * The outbox's last word on a queued digest: a retry after an SMTP failure, or an app opened
 * at 06:30 with the queue of the day before, must not send it at night either. Before 07:00 it
 * waits for 07:00 (Paris); a digest is the news of its day, so once that day has passed (or
 * the next 07:00 falls on a later day) it is dropped: the next day's digest takes over.
 */
export function digestSendDecision(queuedAt: string, now: Date): DigestSendDecision {
  const queuedDay = parisDay(queuedAt);
  const today = parisDay(now);
  const hour = Number(parisWallClock(now)?.hour);
  const passed = {
    kind: 'drop',
    reason: `Non envoyé : le résumé du ${slashDate(queuedDay)} n’est pas parti le jour même, avant ${QUIET_FROM_HOUR}\u00a0h ; il n’est jamais envoyé de nuit, le résumé suivant prend le relais.`,
  } as const;
  if (today > queuedDay || hour >= QUIET_FROM_HOUR) return passed;
  if (hour < QUIET_UNTIL_HOUR) {
    const [year, month, day] = today.split('-').map(Number) as [number, number, number];
    const until = new TZDate(year, month - 1, day, QUIET_UNTIL_HOUR, 0, SCHOOL_TIME_ZONE);
    return { kind: 'hold', until: new Date(until.getTime()).toISOString() };
  }
  return { kind: 'send' };
}
