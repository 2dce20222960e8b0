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
  livret_scolaire: 'Livret scolaire du lycée (LSL)',
  // The key predates the name: the livret personnel de compétences became the LSU in 2016.
  livret_competences: 'Livret scolaire unique (LSU)',
  inscription: 'Inscription en ligne',
} as const;
export type ServiceKey = keyof typeof SERVICES;
export const SERVICE_KEYS = Object.keys(SERVICES) as ServiceKey[];

/** What the school's divisions make it: the levels it teaches decide the services it may open. */
export type SchoolKind = 'college' | 'lycee' | 'cite_scolaire';

const COLLEGE_LEVELS: readonly string[] = ['6e', '5e', '4e', '3e'];
const LYCEE_LEVELS: readonly string[] = ['2nde', '1re', 'Tle'];

/** From the levels of its divisions; null while no division says (an empty school). */
export function schoolKindOf(levels: readonly string[]): SchoolKind | null {
  const college = levels.some((l) => COLLEGE_LEVELS.includes(l));
  const lycee = levels.some((l) => LYCEE_LEVELS.includes(l));
  if (college && lycee) return 'cite_scolaire';
  return college ? 'college' : lycee ? 'lycee' : null;
}

export const SCHOOL_KIND_LABELS: Record<SchoolKind, string> = {
  college: 'un collège',
  lycee: 'un lycée',
  cite_scolaire: 'une cité scolaire',
};

/** The LSU follows pupils to the end of the collège (cycle 4); the LSL is the lycée's. */
const SERVICES_NOT_OFFERED: Record<SchoolKind, readonly ServiceKey[]> = {
  college: ['livret_scolaire'],
  lycee: ['livret_competences'],
  cite_scolaire: [],
};

/** The services a school of this kind may open, in SERVICES order; all of them while unknown. */
export function servicesOffered(kind: SchoolKind | null): ServiceKey[] {
  const refused = kind ? SERVICES_NOT_OFFERED[kind] : [];
  return SERVICE_KEYS.filter((key) => !refused.includes(key));
}

export const GRADE_PUBLICATION_MODES = {
  continuous: 'Au fil de l’eau',
  scheduled: 'À date d’échéance',
} as const;
export type GradePublicationMode = keyof typeof GRADE_PUBLICATION_MODES;

/** UAI (ex-RNE): 7 digits and a control letter, e.g. 0251711Z. */
export const UAI_PATTERN = /^\d{7}[A-Z]$/;

const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** The control letter of a UAI is the remainder of its 7 digits by 23, in a 23-letter alphabet. */
export function uaiControlLetter(digits: string): string {
  return UAI_LETTERS[Number(digits) % 23] ?? '';
}

export function isValidUai(uai: string): boolean {
  return UAI_PATTERN.test(uai) && uaiControlLetter(uai.slice(0, 7)) === uai[7];
}

/** What is wrong with a typed UAI, in French; null when it is right. */
export function uaiProblem(uai: string): string | null {
  if (!UAI_PATTERN.test(uai)) return 'UAI : 7 chiffres et une lettre de contrôle (ex. 0251711Z).';
  const expected = uaiControlLetter(uai.slice(0, 7));
  if (expected === uai[7]) return null;
  return `UAI : la lettre de contrôle de ${uai.slice(0, 7)} est ${expected}, pas ${uai[7]}.`;
}

/** Country left blank means France, as on a SIECLE address. */
export function isFrenchCountry(country: string): boolean {
  return /^(france|fr)?$/i.test(country.trim());
}
