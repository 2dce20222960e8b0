import type { ServiceKey } from '../../../shared/domain/school';
import { formatCount } from '../../ui/format';

/**
 * The words of the « new since the previous login » cues (seed 003 §3.5: « Les notes publiées
 * depuis la dernière connexion de l'utilisateur sont mises en avant »): a colour alone would
 * say nothing to a screen reader or a colour-blind parent.
 */
const NEW_ITEMS: Partial<Record<ServiceKey, { none: string; one: string; many: string }>> = {
  notes: { none: 'Aucune nouvelle note', one: 'nouvelle note', many: 'nouvelles notes' },
};

/** A home tile's cue: « 4 nouvelles notes », « 1 nouvelle note », « Aucune nouvelle note ». */
export function newItemsLabel(service: ServiceKey, count: number): string {
  const words = NEW_ITEMS[service];
  if (!words) return '';
  return count <= 0 ? words.none : formatCount(count, words.one, words.many);
}

/** A subject tile's cue: « 1 nouvelle », « 2 nouvelles »; '' when none is new. */
export const newCountLabel = (count: number) =>
  count <= 0 ? '' : formatCount(count, 'nouvelle', 'nouvelles');
