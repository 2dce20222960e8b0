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
import { addDays, parisDay, type IsoDay } from './parisDays';
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

/** Whether `viewer` sees the event on Paris day `today`, and if not, why and from when. */
export function schoolLifeVisibility(
  event: SchoolLifeEventPublicationFacts,
  // The same for every viewer today; kept so that every call site already says who looks.
  _viewer: Viewer,
  today: IsoDay,
): SchoolLifeVisibility {
  // A kind this module does not know (a row from a newer version, a typo) is never shown.
  const gate = Object.hasOwn(SCHOOL_LIFE_EVENT_KINDS, event.kind)
    ? SCHOOL_LIFE_EVENT_KINDS[event.kind].gate
    : 'never';
  if (gate === 'never') return { visible: false, from: null, reason: 'neverPublished' };
  if (gate === 'publishableOnline' && !event.publishableOnline) {
    return { visible: false, from: null, reason: 'notPublishableOnline' };
  }
  if (gate === 'familyNotified' && !event.familyNotified) {
    return { visible: false, from: null, reason: 'familyNotNotified' };
  }
  const from = schoolLifeVisibleFrom(event);
  if (today < from) return { visible: false, from, reason: 'beforeNextDay' };
  return { visible: true, since: from, showMotif: event.motifConfidential !== true };
}
