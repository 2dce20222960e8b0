import { isWomanCivility } from './agreement';

/**
 * Lien avec l'élève, keyed by the SIECLE CODE_PARENTE so that an import maps one to one.
 * Labels follow the BEE nomenclature.
 */
export const RELATIONSHIPS = {
  '10': 'Mère',
  '20': 'Père',
  '37': 'Frère, sœur',
  '38': 'Ascendant',
  '39': 'Autre membre de la famille',
  '41': 'Éducateur',
  '42': 'Assistant familial',
  '50': 'Tuteur',
  '51': 'Aide sociale à l’enfance',
  '70': 'Élève lui-même',
  '90': 'Autre lien',
} as const;
export type RelationshipCode = keyof typeof RELATIONSHIPS;
export const RELATIONSHIP_CODES = Object.keys(RELATIONSHIPS) as RelationshipCode[];

/** NIVEAU_RESPONSABILITE in SIECLE. */
export const RESPONSIBILITY_LEVELS = {
  1: 'Représentant légal',
  2: 'Personne en charge',
  3: 'Personne à contacter',
} as const;
export type ResponsibilityLevel = keyof typeof RESPONSIBILITY_LEVELS;

export function relationshipLabel(code: string): string {
  // Own keys only: « toString » is not a lien de parenté.
  return Object.hasOwn(RELATIONSHIPS, code)
    ? (RELATIONSHIPS as Record<string, string>)[code]!
    : 'Autre lien';
}

/** Level labels for a woman: « Personne en charge » and « à contacter » do not change. */
const RESPONSIBILITY_LEVELS_FEMININE: Record<ResponsibilityLevel, string> = {
  ...RESPONSIBILITY_LEVELS,
  1: 'Représentante légale',
};

/**
 * « Responsable légal 1 », « Responsable légale 2 » for a woman (civility « Mme »), or the
 * level's label for non-legal persons.
 */
export function guardianRoleLabel(
  legalRank: 1 | 2 | null,
  level: ResponsibilityLevel,
  civility = '',
): string {
  const woman = isWomanCivility(civility);
  if (legalRank !== null) return `Responsable ${woman ? 'légale' : 'légal'} ${legalRank}`;
  return (woman ? RESPONSIBILITY_LEVELS_FEMININE : RESPONSIBILITY_LEVELS)[level];
}
