import { foldForSearch } from './normalize';

/**
 * The INSEE country codes SIECLE writes in CODE_PAYS (the Code officiel géographique's
 * « 99xxx » without its 99), for the countries a family most often types. A country SIECLE
 * sent keeps SIECLE's own code (guardian.address_country_code); this table is only for a
 * country a family typed, and a label it does not know is refused at export, never guessed.
 * No package on the npm registry keeps these codes: the table is Pupitre's, from the COG.
 */
const CODES: Record<string, readonly string[]> = {
  '100': ['France'],
  '101': ['Danemark'],
  '103': ['Norvège'],
  '104': ['Suède'],
  '105': ['Finlande'],
  '109': ['Allemagne'],
  '110': ['Autriche'],
  '111': ['Bulgarie'],
  '112': ['Hongrie'],
  '114': ['Roumanie'],
  '116': ['Tchéquie', 'République tchèque'],
  '117': ['Slovaquie'],
  '118': ['Bosnie-Herzégovine'],
  '119': ['Croatie'],
  '121': ['Serbie'],
  '122': ['Pologne'],
  '123': ['Russie'],
  '125': ['Albanie'],
  '126': ['Grèce'],
  '127': ['Italie'],
  '130': ['Andorre'],
  '131': ['Belgique'],
  '132': ['Royaume-Uni', 'Angleterre', 'Grande-Bretagne'],
  '134': ['Espagne'],
  '135': ['Pays-Bas', 'Hollande'],
  '136': ['Irlande'],
  '137': ['Luxembourg'],
  '138': ['Monaco'],
  '139': ['Portugal'],
  '140': ['Suisse'],
  '155': ['Ukraine'],
  '201': ['Arabie saoudite'],
  '205': ['Liban'],
  '206': ['Syrie'],
  '207': ['Israël'],
  '208': ['Turquie'],
  '212': ['Afghanistan'],
  '213': ['Pakistan'],
  '216': ['Chine'],
  '217': ['Japon'],
  '223': ['Inde'],
  '239': ['Corée du Sud'],
  '243': ['Vietnam', 'Viêt Nam'],
  '247': ['Émirats arabes unis'],
  '301': ['Égypte'],
  '303': ['Afrique du Sud'],
  '312': ['République démocratique du Congo', 'RDC'],
  '322': ['Cameroun'],
  '324': ['Congo'],
  '326': ['Côte d’Ivoire'],
  '327': ['Bénin'],
  '328': ['Gabon'],
  '330': ['Guinée'],
  '331': ['Burkina Faso', 'Burkina'],
  '333': ['Madagascar'],
  '335': ['Mali'],
  '336': ['Mauritanie'],
  '337': ['Niger'],
  '341': ['Sénégal'],
  '344': ['Tchad'],
  '345': ['Togo'],
  '350': ['Maroc'],
  '351': ['Tunisie'],
  '352': ['Algérie'],
  '390': ['Maurice', 'Île Maurice'],
  '397': ['Comores'],
  '399': ['Djibouti'],
  '401': ['Canada'],
  '404': ['États-Unis', 'USA'],
  '405': ['Mexique'],
  '410': ['Haïti'],
  '415': ['Argentine'],
  '416': ['Brésil'],
  '417': ['Chili'],
  '419': ['Colombie'],
  '501': ['Australie'],
};

const BY_LABEL = new Map<string, string>(
  Object.entries(CODES).flatMap(([code, labels]) =>
    labels.map((label) => [foldForSearch(label), code] as const),
  ),
);

/** « Belgique », « BELGIQUE », « belgique » → '131'; a three-digit code as is; else null. */
export function inseeCountryCode(country: string): string | null {
  const c = country.trim();
  if (/^\d{3}$/.test(c)) return c;
  return BY_LABEL.get(foldForSearch(c)) ?? null;
}
