/**
 * The five legitimate motives of Code de l'éducation, article L131-8: « Les seuls motifs
 * réputés légitimes sont les suivants : maladie de l'enfant, maladie transmissible ou
 * contagieuse d'un membre de la famille, réunion solennelle de famille, empêchement résultant
 * de la difficulté accidentelle des communications, absence temporaire des personnes
 * responsables lorsque les enfants les suivent. » Seeded as motifs marked « légitime »; a
 * school may add others, legitimate or not.
 */
export const LEGITIMATE_MOTIVES = {
  childIllness: 'Maladie de l’enfant',
  contagiousFamilyIllness: 'Maladie transmissible ou contagieuse d’un membre de la famille',
  solemnFamilyGathering: 'Réunion solennelle de famille',
  travelDisruption: 'Empêchement résultant de la difficulté accidentelle des communications',
  followingResponsiblePersons:
    'Absence temporaire des personnes responsables lorsque les enfants les suivent',
} as const;

export type LegitimateMotive = keyof typeof LEGITIMATE_MOTIVES;
export const LEGITIMATE_MOTIVE_KEYS = Object.keys(LEGITIMATE_MOTIVES) as LegitimateMotive[];
