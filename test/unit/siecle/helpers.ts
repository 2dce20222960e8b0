import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { SiecleFileError } from '../../../main/services/siecle';

const FIXTURES = join(import.meta.dirname, '../../fixtures/siecle');

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

export function readFixture(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

/** A fresh temporary folder per test, removed afterwards; `write` puts a file in it. */
export function useTempDir() {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pupitre-siecle-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    path: (name: string) => join(dir, name),
    write(name: string, content: Uint8Array | string): string {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

// The eight places where ISO-8859-15 differs from ISO-8859-1.
const LATIN9_SPECIALS: Record<string, string> = {
  '€': '\xa4',
  Š: '\xa6',
  š: '\xa8',
  Ž: '\xb4',
  ž: '\xb8',
  Œ: '\xbc',
  œ: '\xbd',
  Ÿ: '\xbe',
};

/** Text as SIECLE writes it: ISO-8859-15 bytes (Node has no encoder for it). */
export function latin9(text: string): Buffer {
  // ¤ ¦ ¨ ´ ¸ ¼ ½ ¾ and everything past U+00FF have no place in ISO-8859-15.
  const missing = /[\u00a4\u00a6\u00a8\u00b4\u00b8\u00bc-\u00be\u0100-\uffff]/.exec(
    text.replace(/[€ŠšŽžŒœŸ]/g, ''),
  );
  if (missing) throw new Error(`${missing[0]} n’existe pas en ISO-8859-15`);
  return Buffer.from(
    text.replace(/[€ŠšŽžŒœŸ]/g, (char) => LATIN9_SPECIALS[char] ?? char),
    'latin1',
  );
}

/** One ELEVE element of a BEE_ELEVES export; `extra` goes inside, after the usual fields. */
export function studentXml(id: number, fields: Record<string, string> = {}, extra = ''): string {
  const values: Record<string, string> = {
    ID_NATIONAL: `0${String(id).padStart(9, '0')}A`,
    NOM_DE_FAMILLE: `NOM${id}`,
    PRENOM: `Prénom${id}`,
    DATE_NAISS: '14/03/2012',
    CODE_SEXE: String((id % 2) + 1),
    CODE_REGIME: '2',
    DATE_ENTREE: '02/09/2024',
    CODE_MEF: '10010012110',
    CODE_PAYS: '100',
    ...fields,
  };
  const children = Object.entries(values)
    .map(([name, value]) => `      <${name}>${value}</${name}>`)
    .join('\n');
  return `    <ELEVE ELEVE_ID="${id}">\n${children}\n${extra}    </ELEVE>\n`;
}

/** A whole BEE_ELEVES document around the given ELEVE elements and STRUCTURES content. */
export function elevesXml(students: string, structures = '', encoding = 'ISO-8859-15'): string {
  return `<?xml version="1.0" encoding="${encoding}"?>
<BEE_ELEVES VERSION="3.0">
  <PARAMETRES>
    <UAJ>0750001A</UAJ>
    <ANNEE_SCOLAIRE>2024</ANNEE_SCOLAIRE>
    <DATE_EXPORT>02/09/2024</DATE_EXPORT>
  </PARAMETRES>
  <DONNEES>
  <ELEVES>
${students}  </ELEVES>
  <STRUCTURES>
${structures}  </STRUCTURES>
  </DONNEES>
</BEE_ELEVES>
`;
}

/** Awaits a rejection and checks it is a SiecleFileError whose message holds every fragment. */
export async function expectSiecleError(
  promise: Promise<unknown>,
  ...fragments: string[]
): Promise<SiecleFileError> {
  const error: unknown = await promise.then(
    () => new Error('la lecture aurait dû échouer'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SiecleFileError);
  const siecleError = error as SiecleFileError;
  for (const fragment of fragments) expect(siecleError.message).toContain(fragment);
  return siecleError;
}
