import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  type SiecleStudentsFile,
  readSiecleExport,
  readSiecleXmlStream,
} from '../../../main/services/siecle';
import { elevesXml, expectSiecleError, latin9, studentXml, useTempDir } from './helpers';

const NAMES = { NOM_DE_FAMILLE: 'CŒUR', PRENOM: 'Chloé', VILLE_NAISS: 'Vœuil-et-Giget' };

/** The line where the first non-ASCII character of the text stands. */
function firstAccentLine(text: string): number {
  return text.split('\n').findIndex((line) => /[^\x20-\x7e]/.test(line)) + 1;
}

/** The bytes one at a time: every multi-byte character is split across chunks. */
function byteByByte(bytes: Buffer): Readable {
  return Readable.from([...bytes].map((byte) => Buffer.from([byte])));
}

describe('encodings SIECLE writes', () => {
  const temp = useTempDir();

  it('decodes ISO-8859-15: œ (0xBD) and Œ (0xBC) come out right', async () => {
    const bytes = latin9(elevesXml(studentXml(1, NAMES)));
    expect(bytes.includes(0xbd)).toBe(true);
    const [file] = await readSiecleExport('ElevesSansAdresses.xml', temp.write('e.xml', bytes));
    const [student] = (file as SiecleStudentsFile).students;
    expect(student).toMatchObject({
      lastName: 'CŒUR',
      firstName: 'Chloé',
      birthCity: 'Vœuil-et-Giget',
    });
  });

  it('decodes UTF-8, declared or not, with or without a byte-order mark', async () => {
    const declared = Buffer.from(elevesXml(studentXml(1, NAMES), '', 'UTF-8'), 'utf8');
    const undeclared = Buffer.from(
      elevesXml(studentXml(1, NAMES)).replace(' encoding="ISO-8859-15"', ''),
      'utf8',
    );
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), declared]);
    for (const bytes of [declared, undeclared, withBom]) {
      const file = (await readSiecleXmlStream(
        'e.xml',
        Readable.from([bytes]),
      )) as SiecleStudentsFile;
      expect(file.students[0]?.lastName).toBe('CŒUR');
      expect(file.students[0]?.birthCity).toBe('Vœuil-et-Giget');
    }
  });

  it('decodes characters split across chunks, in both encodings', async () => {
    const utf8 = Buffer.from(elevesXml(studentXml(1, NAMES), '', 'UTF-8'), 'utf8');
    const iso = latin9(elevesXml(studentXml(1, NAMES)));
    for (const bytes of [utf8, iso]) {
      const file = (await readSiecleXmlStream('e.xml', byteByByte(bytes))) as SiecleStudentsFile;
      expect(file.students[0]).toMatchObject({ lastName: 'CŒUR', firstName: 'Chloé' });
    }
  });

  it('reads ISO-8859-1 and windows-1252 as declared', async () => {
    const text = elevesXml(studentXml(1, { PRENOM: 'Zoé' }), '', 'ISO-8859-1');
    const file = (await readSiecleXmlStream(
      'e.xml',
      Readable.from([Buffer.from(text, 'latin1')]),
    )) as SiecleStudentsFile;
    expect(file.students[0]?.firstName).toBe('Zoé');

    // 0x80 is € in windows-1252 (and a control character in ISO-8859-1 proper).
    const euro = Buffer.from(
      elevesXml(studentXml(1, { PRENOM: 'Zoé\x80' }), '', 'windows-1252'),
      'latin1',
    );
    const other = (await readSiecleXmlStream('e.xml', Readable.from([euro]))) as SiecleStudentsFile;
    expect(other.students[0]?.firstName).toBe('Zoé€');
  });

  it('does not take an accented capital followed by a symbol for UTF-8 in a real ISO file', async () => {
    // C9 AB (« É« ») is a valid UTF-8 sequence, but the é (E9) elsewhere is not.
    const bytes = latin9(elevesXml(studentXml(1, { NOM_DE_FAMILLE: 'CAFÉ«', PRENOM: 'Léa' })));
    const file = (await readSiecleXmlStream('e.xml', Readable.from([bytes]))) as SiecleStudentsFile;
    expect(file.students[0]).toMatchObject({ lastName: 'CAFÉ«', firstName: 'Léa' });
  });
});

describe('encodings that lie', () => {
  const temp = useTempDir();

  it('refuses UTF-8 bytes declared ISO-8859-15, with the line of the first accent', async () => {
    const text = elevesXml(studentXml(1, NAMES));
    const path = temp.write('ElevesSansAdresses.xml', Buffer.from(text, 'utf8'));
    const line = firstAccentLine(text);
    const error = await expectSiecleError(
      readSiecleExport('ElevesSansAdresses.xml', path),
      `Le fichier ElevesSansAdresses.xml se déclare en ISO-8859-15 mais il est encodé en UTF-8 (ligne ${line}) : réexportez-le depuis SIECLE sans le modifier.`,
    );
    expect(error.line).toBe(line);
    expect(error.fileName).toBe('ElevesSansAdresses.xml');
  });

  it('refuses a UTF-8 byte-order mark before an ISO-8859-15 declaration', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      latin9(elevesXml(studentXml(1))),
    ]);
    await expectSiecleError(
      readSiecleExport('e.xml', temp.write('e.xml', bytes)),
      'Le fichier e.xml se déclare en ISO-8859-15 mais il est encodé en UTF-8 (ligne 1)',
    );
  });

  it('refuses ISO-8859-15 bytes declared UTF-8, with the line', async () => {
    const text = elevesXml(studentXml(1, NAMES), '', 'UTF-8');
    const path = temp.write('Eleves.xml', latin9(text));
    const line = firstAccentLine(text);
    const error = await expectSiecleError(
      readSiecleExport('Eleves.xml', path),
      `Le fichier Eleves.xml se déclare en UTF-8 mais contient des caractères ISO-8859 (ligne ${line}) : réexportez-le depuis SIECLE sans le modifier.`,
    );
    expect(error.line).toBe(line);
  });

  it('refuses ISO-8859-15 bytes without a declaration (UTF-8 by default)', async () => {
    const text = elevesXml(studentXml(1, NAMES)).replace(' encoding="ISO-8859-15"', '');
    await expectSiecleError(
      readSiecleExport('Eleves.xml', temp.write('Eleves.xml', latin9(text))),
      `Le fichier Eleves.xml ne déclare pas d’encodage (il devrait donc être en UTF-8) mais contient des caractères ISO-8859 (ligne ${firstAccentLine(text)})`,
    );
  });

  it('refuses encodings SIECLE does not write', async () => {
    const shiftJis = Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?>\n<BEE_ELEVES/>\n');
    await expectSiecleError(
      readSiecleExport('e.xml', temp.write('e.xml', shiftJis)),
      'Le fichier e.xml est encodé en « Shift_JIS », que Pupitre ne lit pas : un export SIECLE est en ISO-8859-15 ou en UTF-8.',
    );
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('<BEE_ELEVES/>', 'utf16le'),
    ]);
    await expectSiecleError(
      readSiecleExport('e16.xml', temp.write('e16.xml', utf16)),
      'Le fichier e16.xml est encodé en « UTF-16 », que Pupitre ne lit pas',
    );
  });
});
