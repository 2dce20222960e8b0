import { slashDate } from '../frenchDates';

/**
 * What families and the archive read after a sanction's name when it is « assortie du
 * sursis » (R511-13): « avec sursis jusqu’au 30/06/2027 », the last day the authority set for
 * revoking it (R511-13-1, décret 2019-906). A sanction recorded before that day was asked
 * (migration 1764880000000) has none: « avec sursis ». Empty without a sursis.
 */
export function sursisWords(suspended: boolean, revocableUntil: string | null): string {
  if (!suspended) return '';
  return revocableUntil ? `avec sursis ${untilWords(revocableUntil)}` : 'avec sursis';
}

/** « jusqu’au 30/06/2027 », with a no-break space: « jusqu’au » and its date stay on one line. */
function untilWords(revocableUntil: string): string {
  return `jusqu’au\u00a0${slashDate(revocableUntil)}`;
}

/**
 * The archive's « Sursis » column for a sanction, in the same words: « oui, jusqu’au 30/06/2027 »,
 * « oui » (no day recorded), « non ».
 */
export function sursisAnswer(suspended: boolean, revocableUntil: string | null): string {
  if (!suspended) return 'non';
  return revocableUntil ? `oui, ${untilWords(revocableUntil)}` : 'oui';
}

/** « Exclusion temporaire de l’établissement avec sursis jusqu’au 30/06/2027 ». */
export function sanctionWithSursis(
  label: string,
  suspended: boolean,
  revocableUntil: string | null,
): string {
  const words = sursisWords(suspended, revocableUntil);
  return words ? `${label} ${words}` : label;
}
