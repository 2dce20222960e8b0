import { isoDateOrNull } from './dates';
import { firstValueOf, flagOf, keepOnly, valueOf } from './fields';
import type { ReadLimits } from './limits';
import { type RecordBuilder, readXmlRecords } from './readXml';
import { SiecleFileError } from './types';
import type { FieldFilter, XmlRecord } from './xmlRecords';

/**
 * Reads back IMPORT_ELEVES, the « import privé » flow Pupitre sends to BEE
 * (siecleExport/importEleves.ts), with the SIECLE reader's own streaming parts: the declared
 * encoding checked, sax records, the same field helpers. It is how a test proves that what
 * leaves is what the school holds; the import screen still refuses this root (kinds.ts).
 *
 * Unlike BEE's exports, IMPORT_ELEVES nests records (an ADRESSE inside its PERSONNE, the LEGAL
 * links inside their ELEVE) and the record reader keeps one flat record at a time. So the
 * bytes are read twice: the flat fields first, then the nested records, each tied to its
 * owner by order (the ID_PRV_PER / ID_PRV_ELE element opens each owner in the second pass).
 */

export interface ImportElevesAddress {
  line1: string;
  line2: string;
  postalCode: string;
  /** LL_POSTAL in France, else COMMUNE_ETRANGERE. */
  city: string;
  countryCode: string;
}

export interface ImportElevesPerson {
  id: string;
  civilityCode: string;
  lastName: string;
  firstName: string;
  address: ImportElevesAddress | null;
  sharesAddress: boolean;
  professionCode: string;
  phoneHome: string;
  phoneWork: string;
  phoneMobile: string;
  acceptsSms: boolean;
  email: string;
}

export interface ImportElevesLegal {
  personId: string;
  relationshipCode: string;
  hostsPupil: boolean;
}

export interface ImportElevesPupil {
  id: string;
  ine: string;
  lastName: string;
  firstName: string;
  firstName2: string;
  firstName3: string;
  /** ISO 'YYYY-MM-DD', or null when absent or not a day. */
  birthDate: string | null;
  sexCode: string;
  birthCity: string;
  countryCode: string;
  address: ImportElevesAddress | null;
  phoneHome: string;
  phoneMobile: string;
  email: string;
  regimeCode: string;
  mefCode: string;
  divisionCode: string;
  legals: ImportElevesLegal[];
}

export interface ImportElevesFile {
  uaj: string;
  schoolYear: string;
  importDate: string | null;
  number: string;
  software: string;
  persons: ImportElevesPerson[];
  pupils: ImportElevesPupil[];
}

const PARAMS = keepOnly('UAJ', 'ANNEE_SCOLAIRE', 'DATE_IMPORT', 'NUM_ENVOI', 'LOGICIEL');
const PERSON = 'DONNEES/PERSONNES/PERSONNE';
const PUPIL = 'DONNEES/ELEVES/ELEVE';
const PERSON_FIELDS = keepOnly(
  'ID_PRV_PER',
  'CODE_CIVILITE',
  'NOM_DE_FAMILLE',
  'PRENOM',
  'COMMUNICATION_ADRESSE',
  'CODE_PROFESSION',
  'TEL_PERSONNEL',
  'TEL_PROFESSIONNEL',
  'TEL_PORTABLE',
  'ACCEPTE_SMS',
  'EMAIL',
);
const PUPIL_FIELDS = keepOnly(
  'ID_PRV_ELE',
  'ID_NATIONAL',
  'NOM_DE_FAMILLE',
  'PRENOM',
  'PRENOM2',
  'PRENOM3',
  'DATE_NAISS',
  'CODE_SEXE',
  'CODE_PAYS',
  'VILLE_NAISS',
  'TEL_PERSONNEL',
  'TEL_PORTABLE',
  'EMAIL',
  'CODE_REGIME',
);
const ADDRESS_FIELDS = keepOnly(
  'LIGNE1_ADRESSE',
  'LIGNE2_ADRESSE',
  'CODE_POSTAL',
  'LL_POSTAL',
  'COMMUNE_ETRANGERE',
  'CODE_PAYS',
);
const LEGAL_FIELDS = keepOnly('ID_PRV_PER', 'CODE_PARENTE', 'HEBERGE_ELEVE');
const SCHOOLING_FIELDS = keepOnly('CODE_MEF', 'CODE_DIVISION');
/** An element read only to know a new owner starts: none of its children is kept. */
const MARKER: FieldFilter = () => false;

function addressOf(record: XmlRecord): ImportElevesAddress {
  return {
    line1: valueOf(record, 'LIGNE1_ADRESSE'),
    line2: valueOf(record, 'LIGNE2_ADRESSE'),
    postalCode: valueOf(record, 'CODE_POSTAL'),
    city: firstValueOf(record, 'LL_POSTAL', 'COMMUNE_ETRANGERE'),
    countryCode: valueOf(record, 'CODE_PAYS'),
  };
}

function personOf(r: XmlRecord): ImportElevesPerson {
  return {
    id: valueOf(r, 'ID_PRV_PER'),
    civilityCode: valueOf(r, 'CODE_CIVILITE'),
    lastName: valueOf(r, 'NOM_DE_FAMILLE'),
    firstName: valueOf(r, 'PRENOM'),
    address: null,
    sharesAddress: flagOf(r, 'COMMUNICATION_ADRESSE'),
    professionCode: valueOf(r, 'CODE_PROFESSION'),
    phoneHome: valueOf(r, 'TEL_PERSONNEL'),
    phoneWork: valueOf(r, 'TEL_PROFESSIONNEL'),
    phoneMobile: valueOf(r, 'TEL_PORTABLE'),
    acceptsSms: flagOf(r, 'ACCEPTE_SMS'),
    email: valueOf(r, 'EMAIL'),
  };
}

function pupilOf(r: XmlRecord): ImportElevesPupil {
  return {
    id: valueOf(r, 'ID_PRV_ELE'),
    ine: valueOf(r, 'ID_NATIONAL'),
    lastName: valueOf(r, 'NOM_DE_FAMILLE'),
    firstName: valueOf(r, 'PRENOM'),
    firstName2: valueOf(r, 'PRENOM2'),
    firstName3: valueOf(r, 'PRENOM3'),
    birthDate: isoDateOrNull(valueOf(r, 'DATE_NAISS')),
    sexCode: valueOf(r, 'CODE_SEXE'),
    birthCity: valueOf(r, 'VILLE_NAISS'),
    countryCode: valueOf(r, 'CODE_PAYS'),
    address: null,
    phoneHome: valueOf(r, 'TEL_PERSONNEL'),
    phoneMobile: valueOf(r, 'TEL_PORTABLE'),
    email: valueOf(r, 'EMAIL'),
    regimeCode: valueOf(r, 'CODE_REGIME'),
    mefCode: '',
    divisionCode: '',
    legals: [],
  };
}

function notImportEleves(fileName: string, rootName: string): SiecleFileError {
  return new SiecleFileError(
    fileName,
    `Le fichier ${fileName} n’est pas un flux IMPORT_ELEVES (élément racine ${rootName}).`,
  );
}

/** First pass: PARAMETRES and the flat fields of each PERSONNE and ELEVE. */
class FlatBuilder implements RecordBuilder<ImportElevesFile> {
  private readonly file: ImportElevesFile = {
    uaj: '',
    schoolYear: '',
    importDate: null,
    number: '',
    software: '',
    persons: [],
    pupils: [],
  };

  recordAt(path: readonly string[]): FieldFilter | null {
    const key = path.join('/');
    if (key === 'PARAMETRES') return PARAMS;
    if (key === PERSON) return PERSON_FIELDS;
    if (key === PUPIL) return PUPIL_FIELDS;
    return null;
  }

  add(record: XmlRecord): void {
    const key = record.path.join('/');
    if (key === PERSON) this.file.persons.push(personOf(record));
    else if (key === PUPIL) this.file.pupils.push(pupilOf(record));
    else {
      this.file.uaj = valueOf(record, 'UAJ');
      this.file.schoolYear = valueOf(record, 'ANNEE_SCOLAIRE');
      this.file.importDate = isoDateOrNull(valueOf(record, 'DATE_IMPORT'));
      this.file.number = valueOf(record, 'NUM_ENVOI');
      this.file.software = valueOf(record, 'LOGICIEL');
    }
  }

  build(): ImportElevesFile {
    return this.file;
  }
}

/** Second pass: the records nested in the first pass's, given to them in document order. */
class NestedBuilder implements RecordBuilder<ImportElevesFile> {
  private person = -1;
  private pupil = -1;

  constructor(private readonly file: ImportElevesFile) {}

  recordAt(path: readonly string[]): FieldFilter | null {
    const key = path.join('/');
    if (key === `${PERSON}/ID_PRV_PER` || key === `${PUPIL}/ID_PRV_ELE`) return MARKER;
    if (key === `${PERSON}/ADRESSE` || key === `${PUPIL}/ADRESSE`) return ADDRESS_FIELDS;
    if (key === `${PUPIL}/RESPONSABLES_ELEVE/LEGAL`) return LEGAL_FIELDS;
    if (key === `${PUPIL}/SCOLARITE_ACTIVE`) return SCHOOLING_FIELDS;
    return null;
  }

  add(record: XmlRecord): void {
    const key = record.path.join('/');
    if (key === `${PERSON}/ID_PRV_PER`) this.person++;
    else if (key === `${PUPIL}/ID_PRV_ELE`) this.pupil++;
    else if (key === `${PERSON}/ADRESSE`) this.ownerPerson().address = addressOf(record);
    else if (key === `${PUPIL}/ADRESSE`) this.ownerPupil().address = addressOf(record);
    else if (key === `${PUPIL}/SCOLARITE_ACTIVE`) {
      this.ownerPupil().mefCode = valueOf(record, 'CODE_MEF');
      this.ownerPupil().divisionCode = valueOf(record, 'CODE_DIVISION');
    } else {
      this.ownerPupil().legals.push({
        personId: valueOf(record, 'ID_PRV_PER'),
        relationshipCode: valueOf(record, 'CODE_PARENTE'),
        hostsPupil: flagOf(record, 'HEBERGE_ELEVE'),
      });
    }
  }

  // The XSD puts ID_PRV_PER / ID_PRV_ELE first: an owner is always open here in a valid file.
  private ownerPerson(): ImportElevesPerson {
    return this.file.persons[this.person]!;
  }

  private ownerPupil(): ImportElevesPupil {
    return this.file.pupils[this.pupil]!;
  }

  build(): ImportElevesFile {
    return this.file;
  }
}

/** Reads one IMPORT_ELEVES XML file (its bytes, in the encoding it declares). */
export async function readImportEleves(
  fileName: string,
  bytes: Uint8Array,
  limits?: Partial<ReadLimits>,
): Promise<ImportElevesFile> {
  const builder =
    <B extends RecordBuilder<ImportElevesFile>>(make: () => B) =>
    (rootName: string): B => {
      if (rootName !== 'IMPORT_ELEVES') throw notImportEleves(fileName, rootName);
      return make();
    };
  const flat = await readXmlRecords(
    fileName,
    [bytes],
    builder(() => new FlatBuilder()),
    limits,
  );
  return readXmlRecords(
    fileName,
    [bytes],
    builder(() => new NestedBuilder(flat)),
    limits,
  );
}
