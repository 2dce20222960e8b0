import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseSiecleDate } from '../../../main/services/siecle/dates';
import {
  type SiecleFile,
  type SiecleNomenclatureFile,
  type SiecleResponsablesFile,
  type SiecleStudentsFile,
  readSiecleXmlStream,
} from '../../../main/services/siecle';
import { elevesXml, latin9, studentXml } from './helpers';

async function parse(xml: string): Promise<SiecleFile> {
  return readSiecleXmlStream('test.xml', Readable.from([latin9(xml)]));
}

function withParams(root: string, data: string, params = ''): string {
  return `<?xml version="1.0" encoding="ISO-8859-15"?>
<${root} VERSION="3.1">
  <PARAMETRES>${params}</PARAMETRES>
  <DONNEES>
${data}
  </DONNEES>
</${root}>
`;
}

describe('parseSiecleDate', () => {
  it('reads DD/MM/YYYY and YYYY-MM-DD when they name a real day', () => {
    expect(parseSiecleDate('29/02/2012')).toEqual({ kind: 'valid', iso: '2012-02-29' });
    expect(parseSiecleDate(' 01/09/2024 ')).toEqual({ kind: 'valid', iso: '2024-09-01' });
    expect(parseSiecleDate('2010-12-01')).toEqual({ kind: 'valid', iso: '2010-12-01' });
    expect(parseSiecleDate('29/02/2000')).toEqual({ kind: 'valid', iso: '2000-02-29' });
    expect(parseSiecleDate('')).toEqual({ kind: 'absent' });
  });

  it('keeps impossible or garbled dates raw', () => {
    for (const raw of [
      '31/02/2010',
      '29/02/2011',
      '29/02/1900',
      '2010-13-01',
      '00/01/2010',
      '1/9/2024',
      'hier',
    ]) {
      expect(parseSiecleDate(raw)).toEqual({ kind: 'invalid', raw });
    }
  });
});

describe('BEE_ELEVES mapping', () => {
  it('maps every student field, trimmed, entities and CDATA decoded', async () => {
    const student = studentXml(7, {
      NOM_DE_FAMILLE: '  DUPONT &amp; FILS ',
      NOM_USAGE: 'MARTIN',
      PRENOM: '<![CDATA[Léa]]>',
      PRENOM2: 'Marie',
      PRENOM3: 'Œdipe',
      DATE_SORTIE: '05/07/2025',
      VILLE_NAISS: 'Lyon',
      CODE_COMMUNE_INSEE_NAISS: '69123',
      CODE_DEPARTEMENT_NAISS: '069',
      TEL_PERSONNEL: '0102030405',
      TEL_PORTABLE: '0607080910',
      MEL: 'lea@example.org',
      ADRESSE_ID: '42',
    });
    const file = (await parse(elevesXml(student))) as SiecleStudentsFile;
    expect(file.params).toEqual({
      uaj: '0750001A',
      schoolYear: 2024,
      exportDate: '2024-09-02',
      exportStamp: null,
    });
    expect(file.students).toEqual([
      {
        eleveId: '7',
        line: 10,
        ine: '0000000007A',
        lastName: 'DUPONT & FILS',
        usageName: 'MARTIN',
        firstName: 'Léa',
        firstName2: 'Marie',
        firstName3: 'Œdipe',
        birthDate: '2012-03-14',
        sexCode: '2',
        regimeCode: '2',
        entryDate: '2024-09-02',
        leftDate: '2025-07-05',
        mefCode: '10010012110',
        birthCity: 'Lyon',
        birthCommuneInsee: '69123',
        birthDepartment: '069',
        countryCode: '100',
        phoneHome: '0102030405',
        phoneMobile: '0607080910',
        email: 'lea@example.org',
        addressId: '42',
        invalidDates: {},
      },
    ]);
  });

  it('puts impossible dates in invalidDates and leaves the ISO field null', async () => {
    const student = studentXml(1, {
      DATE_NAISS: '31/02/2010',
      DATE_ENTREE: '2010-13-01',
      DATE_SORTIE: 'n/c',
    });
    const file = (await parse(elevesXml(student))) as SiecleStudentsFile;
    expect(file.students[0]).toMatchObject({
      birthDate: null,
      entryDate: null,
      leftDate: null,
      invalidDates: { DATE_NAISS: '31/02/2010', DATE_ENTREE: '2010-13-01', DATE_SORTIE: 'n/c' },
    });
  });

  it('ignores nested blocks: last year’s MEF and structure, options, bursaries', async () => {
    const lastYear = `      <SCOLARITE_AN_DERNIER>
        <CODE_MEF>99999999999</CODE_MEF>
        <CODE_STRUCTURE>4 D</CODE_STRUCTURE>
        <MEL>ce.0750001A@ac-paris.fr</MEL>
      </SCOLARITE_AN_DERNIER>
`;
    const structures = `    <STRUCTURES_ELEVE ELEVE_ID="1">
      <STRUCTURE><CODE_STRUCTURE>3A</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE>
      <STRUCTURE><CODE_STRUCTURE>LATIN</CODE_STRUCTURE><TYPE_STRUCTURE>G</TYPE_STRUCTURE></STRUCTURE>
      <STRUCTURE><CODE_STRUCTURE>3A-ESP</CODE_STRUCTURE><TYPE_STRUCTURE>G</TYPE_STRUCTURE></STRUCTURE>
      <STRUCTURE><CODE_STRUCTURE>X</CODE_STRUCTURE><TYPE_STRUCTURE>?</TYPE_STRUCTURE></STRUCTURE>
    </STRUCTURES_ELEVE>
    <STRUCTURES_ELEVE ELEVE_ID="2"/>
`;
    const xml = elevesXml(studentXml(1, {}, lastYear) + studentXml(2), structures).replace(
      '  </DONNEES>',
      '  <OPTIONS><OPTION ELEVE_ID="1"><OPTIONS_ELEVE><CODE_MATIERE>030201</CODE_MATIERE></OPTIONS_ELEVE></OPTION></OPTIONS>\n  <BOURSES/>\n  </DONNEES>',
    );
    const file = (await parse(xml)) as SiecleStudentsFile;
    expect(file.students.map((s) => [s.eleveId, s.mefCode, s.email])).toEqual([
      ['1', '10010012110', ''],
      ['2', '10010012110', ''],
    ]);
    expect([...file.structures]).toEqual([
      ['1', { divisions: ['3A'], groups: ['LATIN', '3A-ESP'] }],
    ]);
  });

  it('reads addresses, the city falling back to the INSEE name, then the foreign town', async () => {
    const addresses = `  <ADRESSES>
    <ADRESSE ADRESSE_ID="1"><LIGNE1_ADRESSE>1 rue de la Paix</LIGNE1_ADRESSE><CODE_POSTAL>75002</CODE_POSTAL><LIBELLE_POSTAL>PARIS</LIBELLE_POSTAL><LL_COMMUNE_INSEE>PARIS 02</LL_COMMUNE_INSEE><CODE_PAYS>100</CODE_PAYS><LL_PAYS>FRANCE</LL_PAYS></ADRESSE>
    <ADRESSE ADRESSE_ID="2"><LIBELLE_POSTAL></LIBELLE_POSTAL><LL_COMMUNE_INSEE>SAINT-ÉTIENNE</LL_COMMUNE_INSEE></ADRESSE>
    <ADRESSE ADRESSE_ID="3"><LIGNE4_ADRESSE>Apt 4</LIGNE4_ADRESSE><COMMUNE_ETRANGERE>Genève</COMMUNE_ETRANGERE><CODE_PAYS>140</CODE_PAYS><LL_PAYS>SUISSE</LL_PAYS></ADRESSE>
  </ADRESSES>
`;
    const xml = elevesXml(studentXml(1)).replace('  </DONNEES>', `${addresses}  </DONNEES>`);
    const file = (await parse(xml)) as SiecleStudentsFile;
    expect(file.addresses.get('1')).toEqual({
      id: '1',
      line1: '1 rue de la Paix',
      line2: '',
      line3: '',
      line4: '',
      postalCode: '75002',
      city: 'PARIS',
      countryCode: '100',
      country: 'FRANCE',
    });
    expect(file.addresses.get('2')?.city).toBe('SAINT-ÉTIENNE');
    expect(file.addresses.get('3')).toMatchObject({
      city: 'Genève',
      line4: 'Apt 4',
      country: 'SUISSE',
    });
  });

  it('gives null params for a garbled year or export date', async () => {
    const xml = withParams(
      'BEE_ELEVES',
      '',
      '<UAJ> 0750001A </UAJ><ANNEE_SCOLAIRE>2024-2025</ANNEE_SCOLAIRE><DATE_EXPORT>32/01/2024</DATE_EXPORT><HORODATAGE>32/01/2024 25:00:00</HORODATAGE>',
    );
    expect((await parse(xml)).params).toEqual({
      uaj: '0750001A',
      schoolYear: null,
      exportDate: null,
      exportStamp: null,
    });
  });
});

describe('BEE_RESPONSABLES mapping', () => {
  it('derives the responsibility level from the older RESP_LEGAL', async () => {
    const link = (eleve: string, personne: string, inner: string) =>
      `<RESPONSABLE_ELEVE><ELEVE_ID>${eleve}</ELEVE_ID><PERSONNE_ID>${personne}</PERSONNE_ID>${inner}</RESPONSABLE_ELEVE>`;
    const xml = withParams(
      'BEE_RESPONSABLES',
      `<RESPONSABLES>
${link('1', '10', '<RESP_LEGAL>1</RESP_LEGAL><CODE_PARENTE>20</CODE_PARENTE>')}
${link('1', '11', '<RESP_LEGAL>2</RESP_LEGAL><CODE_PARENTE>10</CODE_PARENTE>')}
${link('1', '12', '<RESP_LEGAL>0</RESP_LEGAL><CODE_PARENTE>38</CODE_PARENTE>')}
${link('2', '10', '<NIVEAU_RESPONSABILITE>2</NIVEAU_RESPONSABILITE><RESP_LEGAL>0</RESP_LEGAL>')}
</RESPONSABLES>`,
    );
    const file = (await parse(xml)) as SiecleResponsablesFile;
    expect(
      file.links.map((l) => [
        l.eleveId,
        l.personneId,
        l.responsibilityLevel,
        l.legacyLegalRank,
        l.relationshipCode,
      ]),
    ).toEqual([
      ['1', '10', '1', '1', '20'],
      ['1', '11', '1', '2', '10'],
      ['1', '12', '3', '0', '38'],
      ['2', '10', '2', '0', ''],
    ]);
    expect(file.links[0]?.line).toBe(6);
  });

  it('reads true/false flags as well as 1/0', async () => {
    const xml = withParams(
      'BEE_RESPONSABLES',
      `<PERSONNES><PERSONNE PERSONNE_ID="5"><NOM_DE_FAMILLE>NGUYEN</NOM_DE_FAMILLE><ACCEPTE_SMS>true</ACCEPTE_SMS><COMMUNICATION_ADRESSE>0</COMMUNICATION_ADRESSE><TEL_PROFESSIONNEL>0144556677</TEL_PROFESSIONNEL></PERSONNE></PERSONNES>`,
    );
    const file = (await parse(xml)) as SiecleResponsablesFile;
    expect(file.persons[0]).toMatchObject({
      personneId: '5',
      lastName: 'NGUYEN',
      acceptsSms: true,
      sharesAddress: false,
      phoneWork: '0144556677',
      civility: '',
    });
  });
});

describe('BEE_NOMENCLATURES mapping', () => {
  it('collects divisions and coded lists, and skips lists without codes', async () => {
    const xml = withParams(
      'BEE_NOMENCLATURES',
      `<DIVISIONS>
  <DIVISION CODE_STRUCTURE="3A"><LIBELLE_LONG>3e A</LIBELLE_LONG></DIVISION>
  <DIVISION CODE_STRUCTURE="3B"><LIBELLE_COURT>3B</LIBELLE_COURT><LIBELLE_LONG>Troisième B</LIBELLE_LONG></DIVISION>
</DIVISIONS>
<CIVILITES><CIVILITE CODE_CIVILITE="1"><LIBELLE_COURT>M.</LIBELLE_COURT><LIBELLE_LONG>MONSIEUR</LIBELLE_LONG></CIVILITE></CIVILITES>
<PAYS><UN_PAYS><CODE>140</CODE><LIBELLE>Suisse</LIBELLE></UN_PAYS></PAYS>
<PROGRAMMES><PROGRAMME><CODE_MEF>1</CODE_MEF><CODE_MATIERE>2</CODE_MATIERE></PROGRAMME></PROGRAMMES>
<MATIERES><MATIERE CODE_MATIERE="030201"><LIBELLE_LONG>ANGLAIS LV1</LIBELLE_LONG></MATIERE></MATIERES>
<MEFS><MEF CODE_MEF="10010012110"><FORMATION>6EME</FORMATION><LIBELLE_LONG>6EME</LIBELLE_LONG></MEF></MEFS>`,
    );
    const file = (await parse(xml)) as SiecleNomenclatureFile;
    expect(file.divisions).toEqual(
      new Map([
        ['3A', '3e A'],
        ['3B', 'Troisième B'],
      ]),
    );
    expect([...file.codeLists.keys()]).toEqual(['CIVILITES', 'PAYS']);
    expect(file.codeLists.get('CIVILITES')?.get('1')).toBe('MONSIEUR');
    expect(file.codeLists.get('PAYS')?.get('140')).toBe('Suisse');
    expect(file.subjects.get('030201')).toBe('ANGLAIS LV1');
    expect(file.mefs.get('10010012110')).toEqual({ formation: '6EME', label: '6EME' });
  });
});
