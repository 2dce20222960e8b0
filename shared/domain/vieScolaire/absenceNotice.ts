import { de } from '../frenchTypography';

/**
 * What the absence notice says (issue 17 §3), one wording for the printed notice and the
 * e-mail. L131-8: « les personnes responsables de l'enfant doivent, sans délai, faire
 * connaître au directeur ou à la directrice de l'établissement d'enseignement les motifs de
 * cette absence ».
 */
export interface AbsenceNoticeFacts {
  child: { lastName: string; firstName: string; divisionCode: string };
  /** « le 02/11/2026 de 8 h à 17 h », « du 02/11/2026 à 8 h au 03/11/2026 à 17 h ». */
  when: string;
  /** « 2 demi-journées »; empty when the span counts none (a Saturday afternoon). */
  halfDays: string;
  /** The motif already known, or null. */
  motif: string | null;
}

export const ABSENCE_NOTICE_SUBJECT = 'Absence de votre enfant';

export function absenceNoticeParagraphs(facts: AbsenceNoticeFacts): string[] {
  const pupil = `${facts.child.firstName} ${facts.child.lastName.toLocaleUpperCase('fr-FR')}`;
  const division = facts.child.divisionCode ? `, élève de ${facts.child.divisionCode},` : '';
  return [
    // « de l'absence de … »: one wording whatever the child's sex, without « absent(e) ».
    `Nous vous informons de l’absence ${de(pupil)}${pupil}${division} ${facts.when}${facts.halfDays ? ` (${facts.halfDays})` : ''}.`,
    facts.motif
      ? `Motif connu à ce jour : ${facts.motif}.`
      : 'Nous n’avons reçu à ce jour aucun motif pour cette absence.',
    'Le Code de l’éducation (article L131-8) demande aux personnes responsables de l’enfant de faire connaître sans délai à l’établissement les motifs de son absence. Merci de nous les indiquer par écrit, ou sur le portail des services en ligne, en joignant s’il y a lieu un justificatif.',
  ];
}
