import { parseSiecleDate } from './dates';
import { ExportBuilder } from './exportBuilder';
import { ADDRESS_FIELDS, addressOf, attributeOf, keepOnly, valueOf } from './fields';
import type { SiecleAddress, SiecleStudent, SiecleStudentsFile } from './types';
import type { FieldFilter, XmlRecord } from './xmlRecords';

/**
 * BEE_ELEVES (ElevesSansAdresses / ElevesAvecAdresses). Only the direct children of ELEVE
 * are read: SCOLARITE_AN_DERNIER holds last year's CODE_MEF and CODE_STRUCTURE, which must
 * not pass for this year's. OPTIONS, BOURSES… are skipped.
 */

const STUDENT = 'DONNEES/ELEVES/ELEVE';
const STRUCTURE = 'DONNEES/STRUCTURES/STRUCTURES_ELEVE/STRUCTURE';
const ADDRESS = 'DONNEES/ADRESSES/ADRESSE';

const STUDENT_FIELDS = keepOnly(
  'ID_NATIONAL',
  'NOM_DE_FAMILLE',
  'NOM_USAGE',
  'PRENOM',
  'PRENOM2',
  'PRENOM3',
  'DATE_NAISS',
  'CODE_SEXE',
  'CODE_REGIME',
  'DATE_ENTREE',
  'DATE_SORTIE',
  'CODE_MEF',
  'VILLE_NAISS',
  'CODE_COMMUNE_INSEE_NAISS',
  'CODE_DEPARTEMENT_NAISS',
  'CODE_PAYS',
  'TEL_PERSONNEL',
  'TEL_PORTABLE',
  'MEL',
  'ADRESSE_ID',
);
const STRUCTURE_FIELDS = keepOnly('CODE_STRUCTURE', 'TYPE_STRUCTURE');

export class StudentsBuilder extends ExportBuilder<SiecleStudentsFile> {
  private readonly students: SiecleStudent[] = [];
  private readonly structures = new Map<string, { divisions: string[]; groups: string[] }>();
  private readonly addresses = new Map<string, SiecleAddress>();

  protected dataRecordAt(key: string): FieldFilter | null {
    if (key === STUDENT) return STUDENT_FIELDS;
    if (key === STRUCTURE) return STRUCTURE_FIELDS;
    if (key === ADDRESS) return ADDRESS_FIELDS;
    return null;
  }

  protected addData(record: XmlRecord, key: string): void {
    if (key === STUDENT) this.students.push(studentOf(record));
    else if (key === STRUCTURE) this.addStructure(record);
    else if (key === ADDRESS) this.addAddress(addressOf(record));
  }

  private addAddress(address: SiecleAddress): void {
    this.addresses.set(address.id, address);
  }

  build(): SiecleStudentsFile {
    return {
      kind: 'eleves',
      fileName: this.fileName,
      params: this.params,
      students: this.students,
      structures: this.structures,
      addresses: this.addresses,
    };
  }

  private addStructure(record: XmlRecord): void {
    const eleveId = (record.parentAttributes['ELEVE_ID'] ?? '').trim();
    const code = valueOf(record, 'CODE_STRUCTURE');
    const type = valueOf(record, 'TYPE_STRUCTURE');
    if (code === '' || (type !== 'D' && type !== 'G')) return;
    let entry = this.structures.get(eleveId);
    if (entry === undefined) {
      entry = { divisions: [], groups: [] };
      this.structures.set(eleveId, entry);
    }
    (type === 'D' ? entry.divisions : entry.groups).push(code);
  }
}

function studentOf(record: XmlRecord): SiecleStudent {
  const invalidDates: Record<string, string> = {};
  const date = (name: string): string | null => {
    const parsed = parseSiecleDate(valueOf(record, name));
    if (parsed.kind === 'invalid') invalidDates[name] = parsed.raw;
    return parsed.kind === 'valid' ? parsed.iso : null;
  };
  return {
    eleveId: attributeOf(record, 'ELEVE_ID'),
    line: record.line,
    ine: valueOf(record, 'ID_NATIONAL'),
    lastName: valueOf(record, 'NOM_DE_FAMILLE'),
    usageName: valueOf(record, 'NOM_USAGE'),
    firstName: valueOf(record, 'PRENOM'),
    firstName2: valueOf(record, 'PRENOM2'),
    firstName3: valueOf(record, 'PRENOM3'),
    birthDate: date('DATE_NAISS'),
    sexCode: valueOf(record, 'CODE_SEXE'),
    regimeCode: valueOf(record, 'CODE_REGIME'),
    entryDate: date('DATE_ENTREE'),
    leftDate: date('DATE_SORTIE'),
    mefCode: valueOf(record, 'CODE_MEF'),
    birthCity: valueOf(record, 'VILLE_NAISS'),
    birthCommuneInsee: valueOf(record, 'CODE_COMMUNE_INSEE_NAISS'),
    birthDepartment: valueOf(record, 'CODE_DEPARTEMENT_NAISS'),
    countryCode: valueOf(record, 'CODE_PAYS'),
    phoneHome: valueOf(record, 'TEL_PERSONNEL'),
    phoneMobile: valueOf(record, 'TEL_PORTABLE'),
    email: valueOf(record, 'MEL'),
    addressId: valueOf(record, 'ADRESSE_ID'),
    invalidDates,
  };
}
