import { describe, expect, it } from 'vitest';
import { readSiecleExport } from '../../../main/services/siecle';
import { expectSiecleError, readFixture, useTempDir } from './helpers';
import { writeZip } from './zipWriter';

const MIB = 1024 * 1024;
const responsables = () => readFixture('responsables_avec_adresses_simple.xml');

describe('hostile and damaged zips', () => {
  const temp = useTempDir();
  const read = (zip: Buffer, limits = {}) =>
    readSiecleExport('ExportXML.zip', temp.write('upload.zip', zip), limits);

  it('refuses an entry whose announced size passes the limit, before inflating it', async () => {
    // 50 MiB of zeros deflate to about 50 KB; the limit is lowered to keep the test light.
    const bomb = writeZip([{ name: 'ElevesSansAdresses.xml', data: Buffer.alloc(50 * MIB) }]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const error = await expectSiecleError(
      read(bomb, { maxFileBytes: MIB }),
      'Le fichier ElevesSansAdresses.xml (dans ExportXML.zip) fait 50 Mo : c’est trop pour un export SIECLE d’établissement (1 Mo au plus).',
    );
    expect(error.fileName).toBe('ElevesSansAdresses.xml (dans ExportXML.zip)');
  });

  it('stops inflating an entry whose header lies about its size', async () => {
    const liar = writeZip([
      { name: 'ElevesSansAdresses.xml', data: Buffer.alloc(50 * MIB), declaredSize: 1000 },
    ]);
    await expectSiecleError(
      read(liar, { maxFileBytes: MIB }),
      'Le fichier ElevesSansAdresses.xml (dans ExportXML.zip) se décompresse au-delà des 1000 octets annoncés par l’archive : archive abîmée ou piégée, refusée.',
    );
  });

  it('refuses an absurd compression ratio even within the size limit', async () => {
    const zeros = writeZip([{ name: 'Nomenclature.xml', data: Buffer.alloc(20 * MIB) }]);
    await expectSiecleError(
      read(zeros),
      'Le fichier Nomenclature.xml (dans ExportXML.zip) se décompresse ',
      ' fois plus gros qu’il n’est compressé : archive piégée (« bombe zip »), refusée.',
    );
  });

  it('refuses too many entries', async () => {
    const many = writeZip(
      Array.from({ length: 21 }, (_, i) => ({ name: `f${i}.xml`, data: responsables() })),
    );
    await expectSiecleError(
      read(many),
      'L’archive ExportXML.zip contient 21 fichiers : c’est trop pour des exports SIECLE (20 au plus).',
    );
  });

  it('refuses an entry that is not XML, naming it', async () => {
    const mixed = writeZip([
      { name: 'Responsables.xml', data: responsables() },
      { name: 'notes.pdf', data: Buffer.from('%PDF-1.4') },
    ]);
    await expectSiecleError(
      read(mixed),
      'L’archive ExportXML.zip contient « notes.pdf », qui n’est pas un fichier XML : elle ne doit contenir que des exports SIECLE.',
    );
  });

  it('refuses a zip with no XML in it', async () => {
    await expectSiecleError(
      read(writeZip([{ name: 'export/' }])),
      'L’archive ExportXML.zip ne contient aucun fichier XML : choisissez l’export SIECLE lui-même.',
    );
  });

  it('refuses a file named .zip that is not one, and a zip cut short', async () => {
    const notZip = temp.write('fake.zip', readFixture('nomenclature_simple.xml'));
    await expectSiecleError(
      readSiecleExport('ExportXML_Nomenclature.zip', notZip),
      'Le fichier ExportXML_Nomenclature.zip n’est pas une archive ZIP lisible (elle est peut-être tronquée) : réexportez-la depuis SIECLE.',
    );
    const whole = writeZip([{ name: 'Responsables.xml', data: responsables() }]);
    await expectSiecleError(
      read(whole.subarray(0, whole.length - 30)),
      'Le fichier ExportXML.zip n’est pas une archive ZIP lisible',
    );
  });

  it('refuses entry names that climb out of the archive (zip slip)', async () => {
    const zip = writeZip([{ name: '../../ElevesSansAdresses.xml', data: responsables() }]);
    await expectSiecleError(
      read(zip),
      'L’archive ExportXML.zip est abîmée ou d’un format non pris en charge : réexportez-la depuis SIECLE.',
    );
  });

  it('refuses an entry whose CRC does not match', async () => {
    const zip = writeZip([{ name: 'Responsables.xml', data: responsables(), declaredCrc: 12345 }]);
    await expectSiecleError(
      read(zip),
      'Le fichier Responsables.xml (dans ExportXML.zip) est abîmé dans l’archive (somme de contrôle incorrecte) : réexportez-la depuis SIECLE.',
    );
  });

  it('refuses an entry whose compressed data is garbage', async () => {
    const zip = writeZip([{ name: 'Responsables.xml', data: responsables() }]);
    // 0xFF opens a deflate block of the reserved type 3: zlib fails at once.
    zip.fill(0xff, 30 + 'Responsables.xml'.length, 30 + 'Responsables.xml'.length + 8);
    await expectSiecleError(
      read(zip),
      'Le fichier Responsables.xml (dans ExportXML.zip) est abîmé dans l’archive (données compressées invalides)',
    );
  });

  it('refuses an entry protected by a password', async () => {
    const zip = writeZip([{ name: 'Responsables.xml', data: responsables(), encrypted: true }]);
    await expectSiecleError(
      read(zip),
      'Le fichier Responsables.xml (dans ExportXML.zip) est protégé par un mot de passe : Pupitre ne peut pas le lire.',
    );
  });

  it('names the entry and the line when an XML inside the zip is malformed', async () => {
    const zip = writeZip([
      { name: 'Responsables.xml', data: responsables() },
      { name: 'ElevesAvecAdresses.xml', data: readFixture('eleves_avec_adresse_simple.xml') },
    ]);
    const error = await expectSiecleError(
      read(zip),
      'Le fichier ElevesAvecAdresses.xml (dans ExportXML.zip) est mal formé ligne 139, colonne 25 : balise fermante </STRUCTURES_ELEVE>',
    );
    expect(error.line).toBe(139);
  });

  it('refuses an IMPORT_ELEVES file inside a zip', async () => {
    const zip = writeZip([
      { name: 'import.xml', data: readFixture('export_siecle_IMPORT_ELEVES.xml') },
    ]);
    await expectSiecleError(
      read(zip),
      'Le fichier import.xml (dans ExportXML.zip) n’est pas un export SIECLE reconnu (élément racine IMPORT_ELEVES)',
    );
  });
});
