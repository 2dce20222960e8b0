import { resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  buildImportEleves,
  type ExportPerson,
  type ExportPupil,
} from '../../main/services/siecleExport/importEleves';
import { exportBaseName, packExport, unencodable } from '../../main/services/siecleExport/pack';
import { xsdErrors, xsdProblems } from '../../main/services/siecleExport/xsd';
import { frenchXsdError } from '../../main/services/siecleExport/xsdFrench';

const SCHEMA = resolve('assets/siecle/schema_Import_3.1.xsd');
const params = {
  uai: '0251711Z',
  schoolYear: 2026,
  today: '2026-12-06',
  schoolYearStartsOn: '2026-09-01',
  number: 3,
};
const home = {
  line1: '1 rue du Moulin',
  line2: '',
  postalCode: '59580',
  city: 'EMERCHICOURT',
  country: 'FRANCE',
  countryCode: '100',
};
const mother: ExportPerson = {
  id: 11,
  civility: 'Mme',
  lastName: 'Lœwy',
  firstName: 'Anne-Sophie',
  address: home,
  sharesAddress: true,
  professionCode: '52',
  phoneHome: '03 27 00 00 00',
  phoneWork: '',
  phoneMobile: '06 12 34 56 78',
  acceptsSms: true,
  email: 'anne.loewy@exemple.fr',
};
const father: ExportPerson = {
  ...mother,
  id: 12,
  civility: 'M.',
  firstName: 'Paul',
  address: {
    line1: '12 Grand-Place',
    line2: '',
    postalCode: 'B-7500',
    city: 'TOURNAI',
    // As the import keeps it: SIECLE's LL_PAYS and its CODE_PAYS.
    country: 'BELGIQUE',
    countryCode: '131',
  },
  professionCode: '',
  email: '',
};
const pupil = (id: number, firstName: string, extra: Partial<ExportPupil> = {}): ExportPupil => ({
  id,
  ine: `12345678${id}AB`.slice(0, 11),
  lastName: 'Lœwy',
  firstName,
  firstName2: '',
  firstName3: '',
  sex: 'F',
  birthDate: '2013-04-04',
  birthCountry: 'FRANCE',
  birthCommune: 'BESANÇON',
  address: home,
  addressSameAsGuardian1: true,
  phoneHome: '',
  phoneMobile: '07 11 22 33 44',
  email: '',
  regimeCode: '2',
  mefCode: '10310019110',
  divisionCode: '5B',
  guardians: [
    { rank: 1, relationship: '10', person: mother },
    { rank: 2, relationship: '20', person: father },
  ],
  ...extra,
});

describe('the « import privé » file (IMPORT_ELEVES, schema_Import_3.1.xsd)', () => {
  it('an export of several pupils, siblings sharing their guardians, validates against the XSD', async () => {
    const { xml, problems } = buildImportEleves(
      [pupil(101, 'Zoé'), pupil(102, 'Léon', { sex: 'M', firstName2: 'Élie' }), pupil(103, 'Ève')],
      params,
    );
    expect(problems).toEqual([]);
    expect(await xsdProblems(xml, SCHEMA)).toEqual([]);
    expect(xml.match(/<PERSONNE>/g)).toHaveLength(2);
    expect(xml.match(/<ELEVE>/g)).toHaveLength(3);
    expect(xml).toContain('<NUM_ENVOI>3</NUM_ENVOI>');
    expect(xml).toContain('<DATE_IMPORT>06/12/2026</DATE_IMPORT>');
    expect(xml).toContain('<COMMUNE_ETRANGERE>TOURNAI</COMMUNE_ETRANGERE>');
    expect(xml).toContain('<CODE_PAYS>131</CODE_PAYS>');
  });

  it('the XSD refuses what breaks it (a stray element), so validation is not a formality', async () => {
    const { xml } = buildImportEleves([pupil(101, 'Zoé')], params);
    const broken = xml.replace('<LOGICIEL>', '<truc_pas_bon/><LOGICIEL>');
    expect((await xsdProblems(broken, SCHEMA)).join('\n')).toContain('truc_pas_bon');
  });

  it('a required value missing: refused with the pupil and the field named', () => {
    const { problems } = buildImportEleves(
      [
        pupil(101, 'Zoé', { mefCode: '' }),
        pupil(102, 'Léon', {
          guardians: [{ rank: 1, relationship: '1', person: { ...mother, civility: '' } }],
        }),
      ],
      params,
    );
    expect(problems).toEqual([
      { who: 'LŒWY Anne-Sophie', field: 'Civilité', message: 'valeur manquante.' },
      { who: 'Élève LŒWY Zoé', field: 'MEF', message: 'valeur manquante.' },
      {
        who: 'Élève LŒWY Léon',
        field: 'Lien avec l’élève (responsable légal 1)',
        message: '2 caractères attendus.',
      },
    ]);
  });

  it('a country a family typed gets its INSEE code from its name; a name without one is refused with advice that works', async () => {
    const typed = { ...father.address, country: 'Belgique', countryCode: '' };
    const coded = buildImportEleves(
      [
        pupil(101, 'Zoé', {
          birthCountry: 'Espagne',
          guardians: [{ rank: 1, relationship: '10', person: { ...father, address: typed } }],
        }),
      ],
      params,
    );
    expect(coded.problems).toEqual([]);
    expect(coded.xml).toContain('<CODE_PAYS>131</CODE_PAYS>');
    expect(coded.xml).toContain('<CODE_PAYS_NAT>134</CODE_PAYS_NAT>');
    expect(await xsdProblems(coded.xml, SCHEMA)).toEqual([]);

    const misspelt = { ...typed, country: 'Belgiqe' };
    const { problems } = buildImportEleves(
      [
        pupil(101, 'Zoé', {
          guardians: [{ rank: 1, relationship: '10', person: { ...father, address: misspelt } }],
        }),
      ],
      params,
    );
    expect(problems).toEqual([
      {
        who: 'M. LŒWY Paul',
        field: 'Pays',
        message:
          'Pupitre ne connaît pas le code INSEE du pays « Belgiqe ». Faites écrire le nom du pays en toutes lettres (par exemple « BELGIQUE ») dans la fiche de renseignements et acceptez cette correction, ou saisissez cette adresse directement dans SIECLE.',
      },
    ]);
  });

  it('packs one ISO-8859-15 XML named like its zip, <UAI>PRIVE<année><horodatage>', () => {
    const { xml } = buildImportEleves([pupil(101, 'Zoé')], params);
    const base = exportBaseName('0251711Z', 2026, new Date('2026-12-06T13:30:05Z'));
    expect(base).toBe('0251711ZPRIVE202620261206143005');
    const files = unzipSync(packExport(base, xml));
    expect(Object.keys(files)).toEqual([`${base}.xml`]);
    const bytes = files[`${base}.xml`]!;
    // « œ » is 0xBD in ISO-8859-15 (it does not exist in ISO-8859-1).
    expect(bytes.includes(0xbd)).toBe(true);
    expect(iconv.decode(Buffer.from(bytes), 'ISO-8859-15')).toBe(xml);
    expect(strFromU8(bytes.slice(0, 44))).toBe('<?xml version="1.0" encoding="ISO-8859-15"?>');
    expect(unencodable('Lœwy Ł Zoé')).toEqual(['Ł']);
  });

  it('a character ISO-8859-15 lacks is named alone, even after an emoji (two UTF-16 units)', () => {
    expect(unencodable('a🏠bc d')).toEqual(['🏠']);
    expect(unencodable('🏠Ł')).toEqual(['🏠', 'Ł']);
  });

  it('the typographic apostrophe iPhones type becomes SIECLE’s straight one, not a refusal', async () => {
    const dArc = { ...mother, lastName: 'D’Arc' };
    const { xml, problems } = buildImportEleves(
      [
        pupil(101, 'Zoé', {
          birthCommune: 'L’HAŸ-LES-ROSES',
          guardians: [{ rank: 1, relationship: '10', person: dArc }],
        }),
      ],
      params,
    );
    expect(problems).toEqual([]);
    expect(xml).toContain('<VILLE_NAISS>L&apos;HAŸ-LES-ROSES</VILLE_NAISS>');
    expect(xml).toContain('<NOM_DE_FAMILLE>D&apos;Arc</NOM_DE_FAMILLE>');
    expect(unencodable(xml)).toEqual([]);
    expect(await xsdProblems(xml, SCHEMA)).toEqual([]);
  });

  it('a value ISO-8859-15 cannot hold is refused with the pupil or guardian and the field named', () => {
    const { problems } = buildImportEleves(
      [
        pupil(101, 'Zoé', {
          birthCommune: 'Besançon 🏠',
          guardians: [{ rank: 1, relationship: '10', person: { ...mother, firstName: 'Łucja' } }],
        }),
      ],
      params,
    );
    expect(problems.map((p) => [p.who, p.field, p.message.split(' dans ')[0]])).toEqual([
      ['Mme LŒWY Łucja', 'Prénom', 'SIECLE (ISO-8859-15) ne connaît pas « Ł »'],
      ['Élève LŒWY Zoé', 'Commune de naissance', 'SIECLE (ISO-8859-15) ne connaît pas « 🏠 »'],
    ]);
  });

  it('what the XSD refuses is said in French with the pupil and field, libxml’s text kept as the detail', async () => {
    const { xml, problems, places } = buildImportEleves(
      [pupil(101, 'Zoé', { birthDate: '2013-02-30' })],
      params,
    );
    expect(problems).toEqual([]);
    const errors = await xsdErrors(xml, SCHEMA);
    expect(errors.map((e) => frenchXsdError(e, places))).toEqual([
      expect.stringMatching(
        /^Élève LŒWY Zoé, Date de naissance : « 2013-02-30 » n’est pas une valeur que SIECLE accepte ici \(détail : Element 'DATE_NAISS': .+\)$/,
      ),
    ]);
  });

  it.each([
    [
      "Schemas validity error : Element 'CODE_POSTAL': [facet 'length'] The value has a length of '4'; this differs from the allowed length of '5'.",
      '4 caractères, SIECLE en attend exactement 5',
    ],
    [
      "Schemas validity error : Element 'TEL_PORTABLE': [facet 'maxLength'] The value has a length of '24'; this exceeds the allowed maximum length of '20'.",
      '24 caractères, SIECLE en accepte 20 au plus',
    ],
    [
      "Schemas validity error : Element 'ELEVES': Missing child element(s). Expected is ( ELEVE ).",
      'une valeur obligatoire manque',
    ],
  ])('libxml’s « %s » in French', (raw, french) => {
    const places = new Map([[17, { who: 'Mme LŒWY Anne', field: 'Code postal' }]]);
    expect(frenchXsdError({ line: 17, message: raw }, places)).toBe(
      `Mme LŒWY Anne, Code postal : ${french} (détail : ${raw.replace('Schemas validity error : ', '')})`,
    );
  });
});
