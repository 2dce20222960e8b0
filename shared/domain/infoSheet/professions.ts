/**
 * Profession ou catégorie socio-professionnelle (PCS), CODE_PROFESSION of SIECLE. The list a
 * school imported (nomenclature_label, list PROFESSIONS) is used first; this one is the fallback,
 * copied from the ministry's Nomenclature 2019-20 (BEE_NOMENCLATURES, DONNEES/PROFESSIONS).
 * SIECLE has no separate « situation au regard de l'emploi » code: it is folded into these
 * (81 chômeurs, 84 élèves, 85/86 sans activité, 7x retraités, 99 non renseignée).
 */
export const PROFESSIONS: Readonly<Record<string, string>> = {
  '10': 'Agriculteurs exploitants',
  '21': 'Artisans',
  '22': 'Commerçants et assimilés',
  '23': 'Chefs d’entreprise de 10 salariés ou plus',
  '31': 'Professions libérales',
  '33': 'Cadres de la fonction publique',
  '34': 'Professeurs, professions scientifiques',
  '35': 'Professions de l’information, des arts et des spectacles',
  '37': 'Cadres administratifs et commerciaux d’entreprise',
  '38': 'Ingénieurs et cadres techniques d’entreprise',
  '42': 'Professeurs des écoles, instituteurs et assimilés',
  '43': 'Professions intermédiaires de la santé et du travail social',
  '44': 'Clergé, religieux',
  '45': 'Professions intermédiaires administratives de la fonction publique',
  '46': 'Professions intermédiaires administratives commerciales en entreprise',
  '47': 'Techniciens',
  '48': 'Contremaîtres, agents de maîtrise',
  '52': 'Employés civils et agents de service de la fonction publique',
  '53': 'Policiers et militaires',
  '54': 'Employés administratifs d’entreprises',
  '55': 'Employés de commerce',
  '56': 'Personnels des services directs aux particuliers',
  '62': 'Ouvriers qualifiés de type industriel',
  '63': 'Ouvriers qualifiés de type artisanal',
  '64': 'Chauffeurs',
  '65': 'Ouvriers qualifiés de la manutention, du magasinage et du transport',
  '67': 'Ouvriers non qualifiés de type industriel',
  '68': 'Ouvriers non qualifiés de type artisanal',
  '69': 'Ouvriers agricoles',
  '71': 'Retraités agriculteurs exploitants',
  '72': 'Retraités artisans, commerçants, chefs entreprise',
  '74': 'Anciens cadres',
  '75': 'Anciennes professions intermédiaires',
  '77': 'Anciens employés',
  '78': 'Anciens ouvriers',
  '81': 'Chômeurs n’ayant jamais travaillé',
  '83': 'Militaires du contingent',
  '84': 'Élèves, étudiants',
  '85': 'Personnes sans activité professionnelle < 60 ans (sauf retraités)',
  '86': 'Personnes sans activité professionnelle >= 60 ans (sauf retraités)',
  '99': 'non renseignée (inconnue ou sans objet)',
};

/** The constant list's label for a code, or undefined (own keys only: not « toString »). */
export function professionLabel(code: string): string | undefined {
  return Object.hasOwn(PROFESSIONS, code) ? PROFESSIONS[code] : undefined;
}
