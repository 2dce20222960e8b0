import { isFrance } from '../../../shared/domain/infoSheet/postcode';
import { inseeCountryCode } from '../../../shared/domain/inseeCountries';
import { unencodable } from './pack';
import type { LinePlace } from './xsdFrench';

/**
 * IMPORT_ELEVES, the « import privé » flow BEE reads (Importations › Dossiers depuis logiciel
 * privé), schema_Import_3.1.xsd. Pure: plain records in, the XML text out (UTF-8 here; the
 * packer encodes it in ISO-8859-15), or the list of what is missing, pupil and field named.
 *
 * Pupitre does not hold every value the schema requires of a pupil still at school; these
 * are filled as betagouv/dossiersco's sample (doc/import_prive) fills them, and said here:
 * ADHESION_TRANSPORT and DOUBLEMENT false, CODE_STATUT « ST » (scolaire), no OPTIONS,
 * ETABLISSEMENT_AN_DERNIER the school itself with CODE_PROVENANCE 1; CODE_PAYS_NAT (no
 * nationality is held) the country of birth; HEBERGE_ELEVE true for the légal 1 whose address
 * the pupil shares; the commune of birth as VILLE_NAISS (no INSEE code is held).
 */
export const SOFTWARE_NAME = 'PUPITRE';

export interface ExportAddress {
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  country: string;
  /** SIECLE's CODE_PAYS as the import brought it, '' when none (see AddressRow). */
  countryCode: string;
}

export interface ExportPerson {
  id: number;
  civility: string;
  lastName: string;
  firstName: string;
  address: ExportAddress;
  sharesAddress: boolean;
  professionCode: string;
  phoneHome: string;
  phoneWork: string;
  phoneMobile: string;
  acceptsSms: boolean;
  email: string;
}

export interface ExportPupil {
  id: number;
  ine: string;
  lastName: string;
  firstName: string;
  firstName2: string;
  firstName3: string;
  sex: string;
  birthDate: string;
  birthCountry: string;
  birthCommune: string;
  address: ExportAddress;
  addressSameAsGuardian1: boolean;
  phoneHome: string;
  phoneMobile: string;
  email: string;
  regimeCode: string;
  mefCode: string;
  divisionCode: string;
  /** Légal 1 and 2, in that order. */
  guardians: { rank: 1 | 2; relationship: string; person: ExportPerson }[];
}

export interface ExportParams {
  uai: string;
  /** ANNEE_SCOLAIRE: the year the school year starts. */
  schoolYear: number;
  /** 'YYYY-MM-DD', Paris: DATE_IMPORT, and the start of the school year for DATE_DEB_SCO. */
  today: string;
  schoolYearStartsOn: string;
  number: number;
}

export interface ExportProblem {
  who: string;
  field: string;
  message: string;
}

const escape = (v: string) =>
  v.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/**
 * The typographic apostrophe phones and word processors type (« L’Haÿ-les-Roses ») is not in
 * ISO-8859-15; SIECLE's own data writes the straight one. Changed, not refused.
 */
const siecleText = (v: string) => v.trim().replace(/[\u2018\u2019\u02bc]/g, "'");

/** Collects the elements of one record, what is missing from it, and whose each line is. */
class Writer {
  readonly lines: string[] = [];
  /** Per line: the record and the field it holds ('' for structure), to name XSD errors. */
  readonly places: LinePlace[] = [];
  constructor(
    private readonly who: string,
    private readonly problems: ExportProblem[],
    private indent = 3,
  ) {}

  private pad() {
    return '  '.repeat(this.indent);
  }

  private push(line: string, field = '') {
    this.lines.push(line);
    this.places.push({ who: this.who, field });
  }

  open(tag: string) {
    this.push(`${this.pad()}<${tag}>`);
    this.indent++;
  }

  close(tag: string) {
    this.indent--;
    this.push(`${this.pad()}</${tag}>`);
  }

  empty(tag: string) {
    this.push(`${this.pad()}<${tag}/>`);
  }

  /** A required value: missing, too long or unwritable in ISO-8859-15 is a problem named with its field. */
  need(tag: string, label: string, value: string, max: number, min = 1) {
    const v = siecleText(value);
    if (v.length < min)
      this.problem(label, v === '' ? 'valeur manquante.' : `${min} caractères attendus.`);
    else if (v.length > max)
      this.problem(label, `${max} caractères au plus pour SIECLE (${v.length}).`);
    const lost = unencodable(v);
    if (lost.length > 0) {
      this.problem(
        label,
        `SIECLE (ISO-8859-15) ne connaît pas ${lost.map((c) => `« ${c} »`).join(', ')} dans « ${v} » : faites corriger la fiche de renseignements par la famille (vous accepterez sa correction), ou saisissez la valeur directement dans SIECLE.`,
      );
    }
    this.push(`${this.pad()}<${tag}>${escape(v)}</${tag}>`, label);
  }

  /** An optional value: left out when empty. */
  may(tag: string, label: string, value: string, max: number) {
    if (value.trim() !== '') this.need(tag, label, value, max);
  }

  bool(tag: string, value: boolean) {
    this.push(`${this.pad()}<${tag}>${value ? 'true' : 'false'}</${tag}>`, tag);
  }

  /** ID_PRV_ELE, ID_PRV_PER: Pupitre's own numbers, five digits at most (entier5). */
  id(tag: string, value: number) {
    if (value > 99_999) this.problem('Identifiant', 'au-delà de 99999, SIECLE ne le lit pas.');
    this.push(`${this.pad()}<${tag}>${value}</${tag}>`, 'Identifiant');
  }

  problem(field: string, message: string) {
    this.problems.push({ who: this.who, field, message });
  }
}

/**
 * CODE_PAYS: 100 for France; else the code SIECLE sent with this address; else, for a country
 * a family typed, the INSEE code of its name. A name Pupitre cannot code is refused: SIECLE
 * holds no such value to correct, the family's text is what lacks a code.
 */
function countryCode(w: Writer, label: string, country: string, fromSiecle = '') {
  if (isFrance(country)) return '100';
  if (/^\d{3}$/.test(fromSiecle)) return fromSiecle;
  const code = inseeCountryCode(country);
  if (code !== null) return code;
  w.problem(
    label,
    `Pupitre ne connaît pas le code INSEE du pays « ${country.trim()} ». Faites écrire le nom du pays en toutes lettres (par exemple « BELGIQUE ») dans la fiche de renseignements et acceptez cette correction, ou saisissez cette adresse directement dans SIECLE.`,
  );
  return '0';
}

function address(w: Writer, a: ExportAddress) {
  if (a.line1.trim() === '' && a.city.trim() === '') return;
  w.open('ADRESSE');
  w.may('LIGNE1_ADRESSE', 'Adresse', a.line1, 38);
  w.may('LIGNE2_ADRESSE', 'Complément d’adresse', a.line2, 38);
  const france = isFrance(a.country);
  if (france) {
    w.need('CODE_POSTAL', 'Code postal', a.postalCode, 5, 5);
    w.need('LL_POSTAL', 'Commune', a.city, 32);
  } else w.need('COMMUNE_ETRANGERE', 'Commune', a.city, 32);
  w.need('CODE_PAYS', 'Pays', countryCode(w, 'Pays', a.country, a.countryCode), 3);
  w.close('ADRESSE');
}

function civilityCode(civility: string): string {
  return civility === 'M.' ? '1' : civility === 'Mme' ? '2' : '';
}

function person(p: ExportPerson, problems: ExportProblem[]): Writer {
  const w = new Writer(
    `${civilityLabel(p.civility)}${p.lastName.toUpperCase()} ${p.firstName}`,
    problems,
  );
  w.open('PERSONNE');
  w.id('ID_PRV_PER', p.id);
  w.need('CODE_CIVILITE', 'Civilité', civilityCode(p.civility), 1);
  w.need('NOM_DE_FAMILLE', 'Nom de famille', p.lastName, 100);
  w.need('PRENOM', 'Prénom', p.firstName, 100);
  address(w, p.address);
  w.bool('COMMUNICATION_ADRESSE', p.sharesAddress);
  // 99 is the Nomenclature's « non renseignée (inconnue ou sans objet) ».
  w.need('CODE_PROFESSION', 'Profession', p.professionCode || '99', 2);
  w.may('TEL_PERSONNEL', 'Tél. domicile', p.phoneHome, 20);
  w.may('TEL_PROFESSIONNEL', 'Tél. travail', p.phoneWork, 20);
  w.may('TEL_PORTABLE', 'Tél. mobile', p.phoneMobile, 20);
  w.bool('ACCEPTE_SMS', p.acceptsSms);
  w.may('EMAIL', 'Courriel', p.email, 254);
  w.close('PERSONNE');
  return w;
}

const civilityLabel = (c: string) => (c ? `${c} ` : '');

function pupil(s: ExportPupil, params: ExportParams, problems: ExportProblem[]): Writer {
  const w = new Writer(`Élève ${s.lastName.toUpperCase()} ${s.firstName}`, problems);
  w.open('ELEVE');
  w.id('ID_PRV_ELE', s.id);
  if (/^\w{11}$/.test(s.ine)) w.need('ID_NATIONAL', 'INE', s.ine, 11);
  w.need('NOM_DE_FAMILLE', 'Nom de famille', s.lastName, 100);
  w.need('PRENOM', '1er prénom', s.firstName, 100);
  w.may('PRENOM2', '2e prénom', s.firstName2, 100);
  w.may('PRENOM3', '3e prénom', s.firstName3, 100);
  const birthCountry = countryCode(w, 'Pays de naissance', s.birthCountry);
  w.need('CODE_PAYS_NAT', 'Pays de naissance', birthCountry, 3);
  w.need('DATE_NAISS', 'Date de naissance', s.birthDate, 10, 10);
  w.need('CODE_SEXE', 'Sexe', s.sex === 'M' ? '1' : s.sex === 'F' ? '2' : '', 1);
  w.need('CODE_PAYS', 'Pays de naissance', birthCountry, 3);
  w.need('VILLE_NAISS', 'Commune de naissance', s.birthCommune, 32);
  address(w, s.address);
  w.may('TEL_PERSONNEL', 'Tél. domicile', s.phoneHome, 20);
  w.may('TEL_PORTABLE', 'Tél. mobile', s.phoneMobile, 20);
  w.may('EMAIL', 'Courriel', s.email, 254);
  w.bool('ADHESION_TRANSPORT', false);
  w.need('CODE_REGIME', 'Régime (code SIECLE)', s.regimeCode, 2);
  w.bool('DOUBLEMENT', false);
  w.open('RESPONSABLES_ELEVE');
  if (s.guardians.length === 0) w.problem('Responsables', 'aucun responsable légal.');
  for (const g of s.guardians) {
    w.open('LEGAL');
    w.id('ID_PRV_PER', g.person.id);
    // Always two characters (issue 18), which the XSD does not enforce.
    w.need('CODE_PARENTE', `Lien avec l’élève (responsable légal ${g.rank})`, g.relationship, 2, 2);
    w.bool('HEBERGE_ELEVE', g.rank === 1 && s.addressSameAsGuardian1);
    w.close('LEGAL');
  }
  w.close('RESPONSABLES_ELEVE');
  w.open('SCOLARITE_ACTIVE');
  w.need('CODE_MEF', 'MEF', s.mefCode, 11, 11);
  w.may('CODE_DIVISION', 'Division', s.divisionCode, 8);
  w.need('CODE_STATUT', 'Statut', 'ST', 2);
  w.need('DATE_DEB_SCO', 'Début de scolarité', params.schoolYearStartsOn, 10, 10);
  w.empty('OPTIONS');
  w.close('SCOLARITE_ACTIVE');
  w.open('ETABLISSEMENT_AN_DERNIER');
  w.need('CODE_RNE', 'UAI', params.uai, 8, 8);
  w.need('CODE_PROVENANCE', 'Provenance', '1', 1);
  w.empty('OPTIONS_AN_DERNIER');
  w.close('ETABLISSEMENT_AN_DERNIER');
  w.close('ELEVE');
  return w;
}

const frenchDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * The whole file, or the problems that keep it from being written (none is guessed), and
 * whose each line is (1-based line → record and field) to name what the XSD refuses.
 */
export function buildImportEleves(
  pupils: readonly ExportPupil[],
  params: ExportParams,
): { xml: string; problems: ExportProblem[]; places: Map<number, LinePlace> } {
  const problems: ExportProblem[] = [];
  if (pupils.length === 0) {
    problems.push({
      who: 'Export',
      field: 'Élèves',
      message: 'aucun changement accepté à envoyer.',
    });
  }
  const persons = new Map<number, ExportPerson>();
  for (const s of pupils) for (const g of s.guardians) persons.set(g.person.id, g.person);
  const lines: string[] = [];
  const places = new Map<number, LinePlace>();
  const add = (...more: string[]) => lines.push(...more);
  const record = (w: Writer) => {
    w.places.forEach((place, i) => places.set(lines.length + i + 1, place));
    lines.push(...w.lines);
  };
  add(
    '<?xml version="1.0" encoding="ISO-8859-15"?>',
    '<IMPORT_ELEVES VERSION="3.1">',
    '  <PARAMETRES>',
    `    <UAJ>${escape(params.uai)}</UAJ>`,
    `    <ANNEE_SCOLAIRE>${params.schoolYear}</ANNEE_SCOLAIRE>`,
    `    <DATE_IMPORT>${frenchDate(params.today)}</DATE_IMPORT>`,
    `    <NUM_ENVOI>${params.number}</NUM_ENVOI>`,
    `    <LOGICIEL>${SOFTWARE_NAME}</LOGICIEL>`,
    '  </PARAMETRES>',
    '  <DONNEES>',
    '    <PERSONNES>',
  );
  for (const p of [...persons.values()].sort((a, b) => a.id - b.id)) record(person(p, problems));
  add('    </PERSONNES>', '    <ELEVES>');
  for (const s of pupils) record(pupil(s, params, problems));
  add('    </ELEVES>', '  </DONNEES>', '</IMPORT_ELEVES>');
  return { xml: `${lines.join('\n')}\n`, problems, places };
}
