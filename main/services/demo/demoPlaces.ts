/**
 * Places around the fictional collège. Real communes of the Doubs with their postal
 * codes keep addresses believable; street names and numbers are invented.
 */

export const SCHOOL_IDENTITY = {
  /** Seven digits in the Doubs range (025…); the control letter is computed. */
  uaiDigits: '0259876',
  name: 'COLLÈGE LUCIE VERNEREY',
  displayName: 'collège Lucie-Vernerey',
  address: {
    line1: '8 rue des Tilleuls',
    line2: '',
    postalCode: '25660',
    city: 'Saône',
    country: 'FRANCE',
  },
  phone: '03 81 55 27 40',
  /** The principal, as the « Mentions légales » name the director of publication. */
  publicationDirector: 'Mme Hélène Roussel, principale',
  academie: 'Besançon',
  academieSlug: 'besancon',
} as const;

export interface Commune {
  name: string;
  postalCode: string;
}

/** The collège's catchment area, weighted by rough population. */
export const HOME_COMMUNES: readonly (readonly [Commune, number])[] = [
  [{ name: 'Saône', postalCode: '25660' }, 30],
  [{ name: 'Mamirolle', postalCode: '25620' }, 12],
  [{ name: 'Montfaucon', postalCode: '25660' }, 10],
  [{ name: 'Gennes', postalCode: '25660' }, 8],
  [{ name: 'Morre', postalCode: '25660' }, 8],
  [{ name: 'Nancray', postalCode: '25360' }, 8],
  [{ name: 'La Vèze', postalCode: '25660' }, 6],
  [{ name: 'Fontain', postalCode: '25660' }, 6],
  [{ name: 'Le Gratteris', postalCode: '25620' }, 4],
  [{ name: "L'Hôpital-du-Grosbois", postalCode: '25620' }, 4],
  [{ name: 'Besançon', postalCode: '25000' }, 4],
];

export interface BirthPlace {
  commune: string;
  department: string;
}

/** Maternity towns: most children of the area are born in Besançon. */
export const BIRTH_PLACES: readonly (readonly [BirthPlace, number])[] = [
  [{ commune: 'Besançon', department: '025' }, 60],
  [{ commune: 'Pontarlier', department: '025' }, 6],
  [{ commune: 'Montbéliard', department: '025' }, 4],
  [{ commune: 'Dole', department: '039' }, 4],
  [{ commune: 'Lons-le-Saunier', department: '039' }, 3],
  [{ commune: 'Vesoul', department: '070' }, 3],
  [{ commune: 'Belfort', department: '090' }, 3],
  [{ commune: 'Dijon', department: '021' }, 4],
  [{ commune: 'Chalon-sur-Saône', department: '071' }, 2],
  [{ commune: 'Lyon', department: '069' }, 3],
  [{ commune: 'Paris', department: '075' }, 3],
  [{ commune: 'Strasbourg', department: '067' }, 2],
  [{ commune: 'Mulhouse', department: '068' }, 2],
  [{ commune: 'Nancy', department: '054' }, 1],
  [{ commune: 'Saint-Étienne', department: '042' }, 1],
  [{ commune: 'Lille', department: '059' }, 1],
];

/** Second address lines, for the few homes that need one. */
export const ADDRESS_COMPLEMENTS = [
  'Bâtiment B',
  'Appartement 12',
  'Résidence Les Tilleuls',
  'Lieu-dit Le Moulin',
  'Escalier 2',
  'Chez M. et Mme Faivre',
] as const;

/** Placeholder domains only: the demo must never point at a real mailbox provider. */
export const EMAIL_DOMAINS = ['exemple.fr', 'exemple.com', 'exemple.net', 'courriel.fr'] as const;
