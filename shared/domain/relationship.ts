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
  return (RELATIONSHIPS as Record<string, string>)[code] ?? 'Autre lien';
}

/** "Légal 1", "Légal 2" or the level label for non-legal persons. */
export function guardianRoleLabel(legalRank: 1 | 2 | null, level: ResponsibilityLevel): string {
  if (legalRank !== null) return `Responsable légal ${legalRank}`;
  return RESPONSIBILITY_LEVELS[level];
}
