/**
 * When a vie scolaire event reaches the portal (SPEC §6, issue 17 §4; seed 003 §3.4: « Les
 * évènements sont affichés à J+1 avec la condition complémentaire suivante »): from the
 * Paris day after the event began, and only if its kind is published and its flag is set
 * (see vieScolaire/eventKinds.ts). Pupils and parents see the same events.
 *
 * A motif marked « confidentiel » is never shown: the event still is (its half-days count in
 * the family's weeks), with its motif withheld.
 */
import { SCHOOL_LIFE_EVENT_KINDS, type SchoolLifeEventKind } from '../vieScolaire/eventKinds';
import { addDays, parisDay, parisStartOfDay, type IsoDay } from './parisDays';
import type { Viewer } from './viewer';

export interface SchoolLifeEventPublicationFacts {
  kind: SchoolLifeEventKind;
  /** When it happened (an absence: its start), as an instant. */
  startedAt: Date | string;
  /** « Publiable en ligne » (absences, retards, punitions, mesures). */
  publishableOnline: boolean;
  /** « Famille avisée » (sanctions). */
  familyNotified: boolean;
  /** The motif is « confidentiel »; absent or false when the event has no motif. */
  motifConfidential?: boolean;
}

export type SchoolLifeHiddenReason =
  'neverPublished' | 'notPublishableOnline' | 'familyNotNotified' | 'beforeNextDay';

export type SchoolLifeVisibility =
  | { visible: true; since: IsoDay; showMotif: boolean }
  | { visible: false; from: IsoDay | null; reason: SchoolLifeHiddenReason };

/** J+1: the Paris day after the event began. */
export function schoolLifeVisibleFrom(
  event: Pick<SchoolLifeEventPublicationFacts, 'startedAt'>,
): IsoDay {
  return addDays(parisDay(event.startedAt), 1);
}

/** Why the event's kind and flags keep it from families whatever the day, or null. */
function gateRefusal(event: SchoolLifeEventPublicationFacts): SchoolLifeHiddenReason | null {
  // A kind this module does not know (a row from a newer version, a typo) is never shown.
  const gate = Object.hasOwn(SCHOOL_LIFE_EVENT_KINDS, event.kind)
    ? SCHOOL_LIFE_EVENT_KINDS[event.kind].gate
    : 'never';
  if (gate === 'never') return 'neverPublished';
  if (gate === 'publishableOnline' && !event.publishableOnline) return 'notPublishableOnline';
  if (gate === 'familyNotified' && !event.familyNotified) return 'familyNotNotified';
  return null;
}

/** Whether `viewer` sees the event on Paris day `today`, and if not, why and from when. */
export function schoolLifeVisibility(
  event: SchoolLifeEventPublicationFacts,
  // The same for every viewer today; kept so that every call site already says who looks.
  _viewer: Viewer,
  today: IsoDay,
): SchoolLifeVisibility {
  const refusal = gateRefusal(event);
  if (refusal) return { visible: false, from: null, reason: refusal };
  const from = schoolLifeVisibleFrom(event);
  if (today < from) return { visible: false, from, reason: 'beforeNextDay' };
  return { visible: true, since: from, showMotif: event.motifConfidential !== true };
}

/**
 * The same rule as `schoolLifeVisibility`, for the many events of one page on one day: J+1
 * worked out once as the instant `today` began in Paris (an event begun on an earlier Paris
 * day began before it), where the single form works out each event's Paris day (about 2 µs
 * an event, most of the family absences page's own work). It says only whether the event
 * shows and with its motif or not.
 */
export function schoolLifeVisibilityOn(
  _viewer: Viewer,
  today: IsoDay,
): (event: SchoolLifeEventPublicationFacts) => { visible: boolean; showMotif: boolean } {
  const todayBegins = parisStartOfDay(today).getTime();
  return (event) => {
    const at =
      typeof event.startedAt === 'string' ? Date.parse(event.startedAt) : event.startedAt.getTime();
    if (Number.isNaN(at)) throw new RangeError(`Instant illisible : ${String(event.startedAt)}`);
    const visible = gateRefusal(event) === null && at < todayBegins;
    return { visible, showMotif: visible && event.motifConfidential !== true };
  };
}
