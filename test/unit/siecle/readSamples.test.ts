import { describe, expect, it } from 'vitest';
import {
  type SiecleFile,
  type SiecleNomenclatureFile,
  type SiecleResponsablesFile,
  type SiecleStudentsFile,
  readSiecleExport,
} from '../../../main/services/siecle';
import { fixturePath, readFixture, useTempDir } from './helpers';
import { writeZip } from './zipWriter';

function only<K extends SiecleFile['kind']>(files: SiecleFile[], kind: K) {
  expect(files).toHaveLength(1);
  const [file] = files;
  expect(file?.kind).toBe(kind);
  return file as Extract<SiecleFile, { kind: K }>;
}

async function readSample(name: string) {
  return readSiecleExport(name, fixturePath(name));
}

function checkDoubleStructure(file: SiecleStudentsFile) {
  expect(file.params).toEqual({
    uaj: '0660864F',
    schoolYear: 2019,
    exportDate: '2019-08-29',
    exportStamp: '2019-08-29T09:45:58',
  });
  expect(file.students).toHaveLength(1);
  const [student] = file.students;
  expect(student).toMatchObject({
    eleveId: '1541944',
    line: 11,
    ine: '070876696HA',
    lastName: 'ESCAGLIA',
    firstName: 'Jeanine',
    firstName2: '',
    birthDate: '2002-06-21',
    sexCode: '1',
    regimeCode: '24',
    entryDate: '2016-09-01',
    leftDate: null,
    // This year's MEF, not SCOLARITE_AN_DERNIER's 10210001110.
    mefCode: '10310019110',
    birthCommuneInsee: '92024',
    birthDepartment: '092',
    countryCode: '100',
    birthCity: '',
    invalidDates: {},
  });
  expect(file.structures.get('1541944')).toEqual({ divisions: ['301'], groups: ['_301P1'] });
  expect(file.addresses.size).toBe(0);
}

function checkResponsables(file: SiecleResponsablesFile) {
  expect(file.params).toEqual({
    uaj: '0140070A',
    schoolYear: 2018,
    exportDate: '2019-06-05',
    exportStamp: '2019-06-05T09:11:46',
  });
  expect(file.persons.map((p) => [p.personneId, p.lastName, p.firstName])).toEqual([
    ['209401', 'ROCK', 'Maryline'],
    ['209406', 'TRUC', 'Bidule'],
    ['209400', 'LOVELACE', 'Ada'],
  ]);
  expect(file.persons[0]).toEqual({
    personneId: '209401',
    line: 11,
    civility: 'MME',
    lastName: 'ROCK',
    firstName: 'Maryline',
    phoneHome: '+33231204444',
    phoneMobile: '+33764444288',
    phoneWork: '',
    email: 'rock33445570@hotmail.fr',
    acceptsSms: true,
    sharesAddress: true,
    addressId: '189317',
    professionCode: '75',
  });
  expect(file.persons[1]).toMatchObject({ acceptsSms: false, sharesAddress: false });
  expect(file.links).toEqual([
    {
      line: 55,
      eleveId: '610308',
      personneId: '209401',
      responsibilityLevel: '1',
      legacyLegalRank: '',
      relationshipCode: '10',
    },
    {
      line: 65,
      eleveId: '610308',
      personneId: '209406',
      responsibilityLevel: '1',
      legacyLegalRank: '',
      relationshipCode: '10',
    },
    {
      line: 75,
      eleveId: '610305',
      personneId: '209400',
      responsibilityLevel: '1',
      legacyLegalRank: '',
      relationshipCode: '10',
    },
  ]);
  expect(file.addresses.get('189317')).toEqual({
    id: '189317',
    line1: '18 RUE DES HOMMETS',
    line2: 'MEZIDON CANON',
    line3: '',
    line4: '',
    postalCode: '14270',
    city: 'MEZIDON VALLEE D AUGE',
    countryCode: '100',
    country: 'FRANCE',
  });
}

function checkNomenclatureSimple(file: SiecleNomenclatureFile) {
  expect(file.params.uaj).toBe('0140070A');
  expect(file.mefs).toEqual(new Map([['10110001110', { formation: '5G', label: '5ème' }]]));
  expect(file.subjects).toEqual(new Map([['020300', "Langues et cultures de l'Antiquité LATIN"]]));
  // PROGRAMMES and OPTIONS_OBLIGATOIRES relate codes; they are not code lists.
  expect(file.codeLists.size).toBe(0);
  expect(file.divisions.size).toBe(0);
}

describe('readSiecleExport on the sample .xml files', () => {
  it('reads the double-structure student: division 301, group _301P1, this year’s MEF', async () => {
    checkDoubleStructure(
      only(await readSample('eleves_avec_adresse_avec_double_structure.xml'), 'eleves'),
    );
  });

  it('reads the responsables: 3 persons, their links, the shared address', async () => {
    checkResponsables(
      only(await readSample('responsables_avec_adresses_simple.xml'), 'responsables'),
    );
  });

  it('reads the nomenclature excerpts with their accents', async () => {
    checkNomenclatureSimple(only(await readSample('nomenclature_simple.xml'), 'nomenclature'));

    const levels = only(await readSample('nomenclature_tout_niveau.xml'), 'nomenclature');
    expect([...levels.mefs.entries()]).toEqual([
      ['10010012110', { formation: '6EME', label: '6ème' }],
      ['10110001110', { formation: '5G', label: '5ème' }],
      ['10210001110', { formation: '4G', label: '4ème' }],
      ['10310019110', { formation: '3EME', label: '3ème' }],
    ]);
    expect(levels.subjects.size).toBe(0);

    const maths = only(
      await readSample('nomenclature_code_modalite_elec_double.xml'),
      'nomenclature',
    );
    expect(maths.subjects.get('061300')).toBe('Mathématiques');
    expect(maths.mefs.get('20211010110')).toEqual({
      formation: 'TS SVT',
      label: 'Terminale scientifique svt',
    });
  });

  it('reads the full 2019-20 nomenclature: MEFs, subjects and every code list', async () => {
    const file = only(await readSample('Nomenclature-2019-20.xml'), 'nomenclature');
    expect(file.params).toEqual({
      uaj: '0750680G',
      schoolYear: 2019,
      exportDate: '2019-07-08',
      exportStamp: '2019-07-08T17:46:24',
    });
    expect(file.mefs.size).toBe(29);
    expect(file.mefs.get('20010018110')).toEqual({
      formation: '2-GT',
      label: '2nde générale et technologique',
    });
    expect(file.subjects.size).toBe(108);
    expect(file.subjects.get('006600')).toBe('Accompagnement personnalisé');
    expect([...file.codeLists.keys()]).toEqual([
      'MODALITES_ELECTION',
      'REGIMES',
      'LIENS_PARENTE',
      'NIVEAUX_RESPONSABILITE',
      'BOURSES',
      'PROFESSIONS',
      'PROVENANCES',
      'MOTIFS_SORTIE',
      'STATUTS_ELEVE',
      'CONTRATS',
      'TYPES_ETABLISSEMENT',
      'CIVILITES',
      'MODALITES_COURS',
    ]);
    const sizes = Object.fromEntries([...file.codeLists].map(([name, list]) => [name, list.size]));
    expect(sizes).toMatchObject({ REGIMES: 22, LIENS_PARENTE: 11, PROFESSIONS: 41, CIVILITES: 2 });
    // LIBELLE_EDITION when there is one, else LIBELLE_LONG, else the PCS long label.
    expect(file.codeLists.get('LIENS_PARENTE')?.get('10')).toBe('Mère');
    expect(file.codeLists.get('NIVEAUX_RESPONSABILITE')?.get('2')).toBe(
      "Personne en charge de l'élève",
    );
    expect(file.codeLists.get('REGIMES')?.get('2')).toBe("DEMI-PENSIONNAIRE DANS L'ETABLISSEMENT");
    expect(file.codeLists.get('PROFESSIONS')?.get('48')).toBe('Contremaîtres, agents de maîtrise');
    expect(file.divisions.size).toBe(0);
  });
});

describe('readSiecleExport on the same files zipped', () => {
  const temp = useTempDir();

  it('reads every .xml of a zip, in order, whatever the names, skipping folders', async () => {
    const zip = writeZip([
      { name: 'export/' },
      {
        name: 'export/ElevesSansAdresses.xml',
        data: readFixture('eleves_avec_adresse_avec_double_structure.xml'),
      },
      { name: 'export/fichier.XML', data: readFixture('responsables_avec_adresses_simple.xml') },
      { name: 'Nomenclature.xml', data: readFixture('nomenclature_simple.xml'), method: 'store' },
    ]);
    const files = await readSiecleExport('ExportXML.zip', temp.write('upload-1', zip));
    expect(files.map((f) => [f.kind, f.fileName])).toEqual([
      ['eleves', 'export/ElevesSansAdresses.xml (dans ExportXML.zip)'],
      ['responsables', 'export/fichier.XML (dans ExportXML.zip)'],
      ['nomenclature', 'Nomenclature.xml (dans ExportXML.zip)'],
    ]);
    checkDoubleStructure(files[0] as SiecleStudentsFile);
    checkResponsables(files[1] as SiecleResponsablesFile);
    checkNomenclatureSimple(files[2] as SiecleNomenclatureFile);
  });

  it('reads a zip by its content even when its name says .xml', async () => {
    const zip = writeZip([
      { name: 'Nomenclature.xml', data: readFixture('Nomenclature-2019-20.xml') },
    ]);
    const [file] = await readSiecleExport('Nomenclature.xml', temp.write('n.xml', zip));
    expect(file?.kind).toBe('nomenclature');
    expect((file as SiecleNomenclatureFile).codeLists.get('LIENS_PARENTE')?.get('20')).toBe('Père');
  });

  it('ignores the __MACOSX folder a Mac adds when it compresses', async () => {
    const zip = writeZip([
      {
        name: 'ResponsablesAvecAdresses.xml',
        data: readFixture('responsables_avec_adresses_simple.xml'),
      },
      { name: '__MACOSX/._ResponsablesAvecAdresses.xml', data: Buffer.from([0, 5, 22, 7]) },
    ]);
    const files = await readSiecleExport('Responsables.zip', temp.write('r.zip', zip));
    expect(files.map((f) => f.kind)).toEqual(['responsables']);
  });
});
