import { ExportBuilder } from './exportBuilder';
import { ADDRESS_FIELDS, addressOf, attributeOf, flagOf, keepOnly, valueOf } from './fields';
import type { SiecleAddress, SiecleLink, SieclePerson, SiecleResponsablesFile } from './types';
import type { FieldFilter, XmlRecord } from './xmlRecords';

/** BEE_RESPONSABLES (ResponsablesAvecAdresses): persons, their links to students, addresses. */

const PERSON = 'DONNEES/PERSONNES/PERSONNE';
const LINK = 'DONNEES/RESPONSABLES/RESPONSABLE_ELEVE';
const ADDRESS = 'DONNEES/ADRESSES/ADRESSE';

const PERSON_FIELDS = keepOnly(
  'LC_CIVILITE',
  'NOM_DE_FAMILLE',
  'PRENOM',
  'TEL_PERSONNEL',
  'TEL_PORTABLE',
  'TEL_PROFESSIONNEL',
  'MEL',
  'ACCEPTE_SMS',
  'COMMUNICATION_ADRESSE',
  'ADRESSE_ID',
  'CODE_PROFESSION',
);
const LINK_FIELDS = keepOnly(
  'ELEVE_ID',
  'PERSONNE_ID',
  'NIVEAU_RESPONSABILITE',
  'RESP_LEGAL',
  'CODE_PARENTE',
);

export class ResponsablesBuilder extends ExportBuilder<SiecleResponsablesFile> {
  private readonly persons: SieclePerson[] = [];
  private readonly links: SiecleLink[] = [];
  private readonly addresses = new Map<string, SiecleAddress>();

  protected dataRecordAt(key: string): FieldFilter | null {
    if (key === PERSON) return PERSON_FIELDS;
    if (key === LINK) return LINK_FIELDS;
    if (key === ADDRESS) return ADDRESS_FIELDS;
    return null;
  }

  protected addData(record: XmlRecord, key: string): void {
    if (key === PERSON) this.persons.push(personOf(record));
    else if (key === LINK) this.links.push(linkOf(record));
    else if (key === ADDRESS) this.addAddress(addressOf(record));
  }

  private addAddress(address: SiecleAddress): void {
    this.addresses.set(address.id, address);
  }

  build(): SiecleResponsablesFile {
    return {
      kind: 'responsables',
      fileName: this.fileName,
      params: this.params,
      persons: this.persons,
      links: this.links,
      addresses: this.addresses,
    };
  }
}

function personOf(record: XmlRecord): SieclePerson {
  return {
    personneId: attributeOf(record, 'PERSONNE_ID'),
    line: record.line,
    civility: valueOf(record, 'LC_CIVILITE'),
    lastName: valueOf(record, 'NOM_DE_FAMILLE'),
    firstName: valueOf(record, 'PRENOM'),
    phoneHome: valueOf(record, 'TEL_PERSONNEL'),
    phoneMobile: valueOf(record, 'TEL_PORTABLE'),
    phoneWork: valueOf(record, 'TEL_PROFESSIONNEL'),
    email: valueOf(record, 'MEL'),
    acceptsSms: flagOf(record, 'ACCEPTE_SMS'),
    sharesAddress: flagOf(record, 'COMMUNICATION_ADRESSE'),
    addressId: valueOf(record, 'ADRESSE_ID'),
    professionCode: valueOf(record, 'CODE_PROFESSION'),
  };
}

function linkOf(record: XmlRecord): SiecleLink {
  const legacyLegalRank = valueOf(record, 'RESP_LEGAL');
  return {
    line: record.line,
    eleveId: valueOf(record, 'ELEVE_ID'),
    personneId: valueOf(record, 'PERSONNE_ID'),
    responsibilityLevel:
      valueOf(record, 'NIVEAU_RESPONSABILITE') || levelFromLegacy(legacyLegalRank),
    legacyLegalRank,
    relationshipCode: valueOf(record, 'CODE_PARENTE'),
  };
}

/** Older exports: RESP_LEGAL 1 and 2 are the two legal guardians, 0 a person to contact. */
function levelFromLegacy(rank: string): string {
  if (rank === '1' || rank === '2') return '1';
  if (rank === '0') return '3';
  return '';
}
