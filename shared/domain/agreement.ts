import { slashDate } from './frenchDates';

export type Sex = 'M' | 'F';

/** « Sortie le 03/07/2026 » for a girl, « Sorti le 03/07/2026 » for a boy: never a bracketed e. */
export function leftOnLabel(sex: Sex | string, isoDate: string): string {
  return `${sex === 'F' ? 'Sortie' : 'Sorti'} le ${slashDate(isoDate)}`;
}

/** A guardian's civility is all that tells their sex (SIECLE's « Mme » or « M. »). */
export function isWomanCivility(civility: string): boolean {
  return civility.trim() === 'Mme';
}
