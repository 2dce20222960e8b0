/**
 * The words of the « new marks » cues (seed 003 §3.5: marks published since the last login
 * stand out): the home tile « 4 nouvelles notes » and a subject tile's « 2 nouvelles ». A
 * colour alone would say nothing to a screen reader or a colour-blind parent.
 */
const COUNT = new Intl.NumberFormat('fr-FR');

/** « Aucune nouvelle note », « 1 nouvelle note », « 4 nouvelles notes », « 1 204 nouvelles notes ». */
export function newMarksLabel(count: number): string {
  if (count <= 0) return 'Aucune nouvelle note';
  return count === 1 ? '1 nouvelle note' : `${COUNT.format(count)} nouvelles notes`;
}

/** A subject tile's cue: « 1 nouvelle », « 2 nouvelles »; '' when none is new. */
export function newCountLabel(count: number): string {
  if (count <= 0) return '';
  return count === 1 ? '1 nouvelle' : `${COUNT.format(count)} nouvelles`;
}
