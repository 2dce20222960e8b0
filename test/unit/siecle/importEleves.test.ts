import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readImportEleves } from '../../../main/services/siecle/importElevesReader';
import { expectSiecleError, readFixture } from './helpers';

// The reader of IMPORT_ELEVES (the « import privé » flow) that proves Pupitre's export reads
// back (issue 18): built on the SIECLE reader's streaming parts, it must read another
// software's flow too, and tie each nested record to its owner.

describe('IMPORT_ELEVES read with the SIECLE reader’s parts', () => {
  it('reads DossierSCO’s flow: parameters, the person, the pupil, the LEGAL link and the schooling', async () => {
    const read = await readImportEleves(
      'export_siecle_IMPORT_ELEVES.xml',
      readFixture('export_siecle_IMPORT_ELEVES.xml'),
    );
    expect(read).toMatchObject({
      uaj: '0750680G',
      schoolYear: '2017',
      importDate: '2018-01-23',
      number: '1',
      software: 'DOSSIERSCO',
    });
    expect(read.persons).toEqual([
      expect.objectContaining({
        id: '11111',
        civilityCode: '1',
        lastName: 'HugoHugo',
        professionCode: '10',
        phoneWork: '0555131415',
        acceptsSms: true,
        sharesAddress: true,
        address: null,
      }),
    ]);
    expect(read.pupils).toEqual([
      expect.objectContaining({
        id: '12345',
        lastName: 'Ford',
        birthDate: '2002-01-01',
        email: 'victorhugo@test.fr',
        regimeCode: '3',
        mefCode: '20111010110',
        legals: [{ personId: '11111', relationshipCode: '1', hostsPupil: false }],
      }),
    ]);
  });

  it('an address nested in the second person only is that person’s, never the first’s', async () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-15"?>
<IMPORT_ELEVES VERSION="3.1"><DONNEES><PERSONNES>
<PERSONNE><ID_PRV_PER>1</ID_PRV_PER><NOM_DE_FAMILLE>Sans</NOM_DE_FAMILLE></PERSONNE>
<PERSONNE><ID_PRV_PER>2</ID_PRV_PER><NOM_DE_FAMILLE>Cœur</NOM_DE_FAMILLE>
<ADRESSE><LIGNE1_ADRESSE>3 rue de l'Église</LIGNE1_ADRESSE><CODE_POSTAL>25000</CODE_POSTAL>
<LL_POSTAL>Besançon</LL_POSTAL><CODE_PAYS>100</CODE_PAYS></ADRESSE></PERSONNE>
</PERSONNES><ELEVES/></DONNEES></IMPORT_ELEVES>`;
    const read = await readImportEleves('a.xml', iconv.encode(xml, 'ISO-8859-15'));
    expect(read.persons.map((p) => [p.id, p.lastName, p.address?.city ?? null])).toEqual([
      ['1', 'Sans', null],
      ['2', 'Cœur', 'Besançon'],
    ]);
    expect(read.persons[1]!.address).toEqual({
      line1: "3 rue de l'Église",
      line2: '',
      postalCode: '25000',
      city: 'Besançon',
      countryCode: '100',
    });
  });

  it('a file declared ISO-8859-15 but saved again as UTF-8 is refused, as on import', async () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-15"?>
<IMPORT_ELEVES><DONNEES><PERSONNES><PERSONNE><ID_PRV_PER>1</ID_PRV_PER><NOM_DE_FAMILLE>Cœur</NOM_DE_FAMILLE></PERSONNE></PERSONNES></DONNEES></IMPORT_ELEVES>`;
    await expectSiecleError(readImportEleves('b.xml', Buffer.from(xml, 'utf8')), 'UTF-8');
  });
});
