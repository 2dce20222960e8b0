/** Levels of a collège and a lycée, in school order. */
export const LEVELS = ['6e', '5e', '4e', '3e', '2nde', '1re', 'Tle'] as const;
export type Level = (typeof LEVELS)[number];

export const REGIMES = {
  externe: 'Externe',
  demi_pensionnaire: 'Demi-pensionnaire',
  interne: 'Interne',
  interne_externe: 'Interne externé',
} as const;
export type Regime = keyof typeof REGIMES;

/** Services a school may open to families (SPEC §7–8). */
export const SERVICES = {
  notes: 'Notes',
  vie_scolaire: 'Vie scolaire',
  fiche_renseignements: 'Fiche de renseignements',
  livret_scolaire: 'Livret scolaire du lycée',
  livret_competences: 'Livret personnel de compétences',
  inscription: 'Inscription en ligne',
} as const;
export type ServiceKey = keyof typeof SERVICES;
export const SERVICE_KEYS = Object.keys(SERVICES) as ServiceKey[];

export const GRADE_PUBLICATION_MODES = {
  continuous: 'Au fil de l’eau',
  scheduled: 'À date d’échéance',
} as const;
export type GradePublicationMode = keyof typeof GRADE_PUBLICATION_MODES;

/** UAI (ex-RNE): 7 digits and a control letter, e.g. 0251711Z. */
export const UAI_PATTERN = /^\d{7}[A-Z]$/;

const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** The control letter of a UAI is the remainder of its 7 digits by 23, in a 23-letter alphabet. */
export function isValidUai(uai: string): boolean {
  if (!UAI_PATTERN.test(uai)) return false;
  const digits = Number(uai.slice(0, 7));
  return UAI_LETTERS[digits % 23] === uai[7];
}
