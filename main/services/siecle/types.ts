/**
 * What the SIECLE/BEE exports hold once read, before any comparison with the database.
 * Strings are trimmed; an absent or empty element is ''. Dates are ISO 'YYYY-MM-DD', or
 * null when absent; an impossible date is kept raw in `invalidDates` so that the preview
 * can name it. `line` is the line of the record's opening tag in its file, for messages.
 */
export type SiecleKind = 'eleves' | 'responsables' | 'nomenclature';

export interface SiecleParams {
  uaj: string;
  /** ANNEE_SCOLAIRE: the year the school year starts (2019 → 2019-2020). */
  schoolYear: number | null;
  exportDate: string | null;
  /** HORODATAGE (« 29/08/2019 09:45:58 ») as 'YYYY-MM-DDTHH:MM:SS', or null. */
  exportStamp: string | null;
}

export interface SiecleAddress {
  id: string;
  line1: string;
  line2: string;
  line3: string;
  line4: string;
  postalCode: string;
  /** LIBELLE_POSTAL, else LL_COMMUNE_INSEE, else COMMUNE_ETRANGERE. */
  city: string;
  countryCode: string;
  /** LL_PAYS when given. */
  country: string;
}

export interface SiecleStudent {
  eleveId: string;
  line: number;
  ine: string;
  lastName: string;
  usageName: string;
  firstName: string;
  firstName2: string;
  firstName3: string;
  birthDate: string | null;
  /** '1' = M, '2' = F; anything else is reported. */
  sexCode: string;
  regimeCode: string;
  entryDate: string | null;
  leftDate: string | null;
  mefCode: string;
  birthCity: string;
  birthCommuneInsee: string;
  birthDepartment: string;
  countryCode: string;
  phoneHome: string;
  phoneMobile: string;
  email: string;
  /** ADRESSE_ID when the export is ElevesAvecAdresses. */
  addressId: string;
  /** Raw values of date fields that are not real DD/MM/YYYY dates, by element name. */
  invalidDates: Record<string, string>;
}

export interface SiecleStudentsFile {
  kind: 'eleves';
  fileName: string;
  params: SiecleParams;
  students: SiecleStudent[];
  /** ELEVE_ID → division codes (TYPE_STRUCTURE D) and group codes (G), in file order. */
  structures: Map<string, { divisions: string[]; groups: string[] }>;
  addresses: Map<string, SiecleAddress>;
}

export interface SieclePerson {
  personneId: string;
  line: number;
  civility: string; // LC_CIVILITE: 'M.', 'MME'…
  lastName: string;
  firstName: string;
  phoneHome: string; // TEL_PERSONNEL
  phoneMobile: string; // TEL_PORTABLE
  phoneWork: string; // TEL_PROFESSIONNEL
  email: string; // MEL
  acceptsSms: boolean; // ACCEPTE_SMS = 1
  sharesAddress: boolean; // COMMUNICATION_ADRESSE = 1
  addressId: string;
  professionCode: string;
}

export interface SiecleLink {
  line: number;
  eleveId: string;
  personneId: string;
  /** NIVEAU_RESPONSABILITE (1, 2, 3), or from the older RESP_LEGAL (1/2 → 1, 0 → 3). */
  responsibilityLevel: string;
  /** RESP_LEGAL when present in an older export ('1', '2', '0'), else ''. */
  legacyLegalRank: string;
  relationshipCode: string; // CODE_PARENTE
}

export interface SiecleResponsablesFile {
  kind: 'responsables';
  fileName: string;
  params: SiecleParams;
  persons: SieclePerson[];
  links: SiecleLink[];
  addresses: Map<string, SiecleAddress>;
}

export interface SiecleNomenclatureFile {
  kind: 'nomenclature';
  fileName: string;
  params: SiecleParams;
  /** CODE_MEF → { formation: FORMATION (e.g. '5G', '3EME'), label: LIBELLE_EDITION or LIBELLE_LONG }. */
  mefs: Map<string, { formation: string; label: string }>;
  /** CODE_MATIERE → LIBELLE_EDITION or LIBELLE_LONG. */
  subjects: Map<string, string>;
  /** Other code lists found under DONNEES (e.g. REGIMES, LIENS_PARENTE, PROFESSIONS… if present): list name → code → label. */
  codeLists: Map<string, Map<string, string>>;
  /** Division codes declared by the nomenclature (DIVISIONS/DIVISION CODE_STRUCTURE), if any. */
  divisions: Map<string, string>;
}

export type SiecleFile = SiecleStudentsFile | SiecleResponsablesFile | SiecleNomenclatureFile;

/** A file that cannot be read: the message is French and names the file (and the line when known). */
export class SiecleFileError extends Error {
  constructor(
    readonly fileName: string,
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'SiecleFileError';
  }
}
