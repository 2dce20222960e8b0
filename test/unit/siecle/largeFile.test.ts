import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SiecleStudentsFile,
  readSiecleExport,
  readSiecleXmlStream,
} from '../../../main/services/siecle';
import { latin9, studentXml } from './helpers';

const STUDENTS = 5000;
const MIB = 1024 * 1024;
// Parsing several MB on a busy machine can pass vitest's 5 s default; no timing is asserted.
const SLOW = 60_000;

const LAST_YEAR = `      <SCOLARITE_AN_DERNIER>
        <CODE_MEF>10010012110</CODE_MEF>
        <CODE_STRUCTURE>6E2</CODE_STRUCTURE>
        <CODE_RNE>0750001A</CODE_RNE>
        <DENOM_PRINC>COLLEGE</DENOM_PRINC>
        <DENOM_COMPL>GEORGE SAND</DENOM_COMPL>
        <LL_COMMUNE_INSEE>PARIS 13E  ARRONDISSEMENT</LL_COMMUNE_INSEE>
      </SCOLARITE_AN_DERNIER>
`;

/** Writes a BEE_ELEVES export of 5,000 students piece by piece, as SIECLE would (ISO-8859-15). */
function writeLargeExport(path: string): void {
  const fd = openSync(path, 'w');
  const write = (text: string) => writeSync(fd, latin9(text));
  try {
    write(`<?xml version="1.0" encoding="ISO-8859-15"?>
<BEE_ELEVES VERSION="3.0">
  <PARAMETRES><UAJ>0750001A</UAJ><ANNEE_SCOLAIRE>2024</ANNEE_SCOLAIRE><DATE_EXPORT>02/09/2024</DATE_EXPORT></PARAMETRES>
  <DONNEES>
  <ELEVES>
`);
    for (let id = 1; id <= STUDENTS; id++) {
      write(studentXml(id, { NOM_DE_FAMILLE: `SŒUR${id}`, ADRESSE_ID: `A${id}` }, LAST_YEAR));
    }
    write('  </ELEVES>\n  <OPTIONS>\n');
    for (let id = 1; id <= STUDENTS; id++) {
      write(
        `    <OPTION ELEVE_ID="${id}"><OPTIONS_ELEVE><NUM_OPTION>1</NUM_OPTION><CODE_MODALITE_ELECT>O</CODE_MODALITE_ELECT><CODE_MATIERE>030201</CODE_MATIERE></OPTIONS_ELEVE></OPTION>\n`,
      );
    }
    write('  </OPTIONS>\n  <STRUCTURES>\n');
    for (let id = 1; id <= STUDENTS; id++) {
      write(`    <STRUCTURES_ELEVE ELEVE_ID="${id}">
      <STRUCTURE><CODE_STRUCTURE>${3 + (id % 4)}E${id % 7}</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE>
      <STRUCTURE><CODE_STRUCTURE>GR${id % 11}</CODE_STRUCTURE><TYPE_STRUCTURE>G</TYPE_STRUCTURE></STRUCTURE>
    </STRUCTURES_ELEVE>
`);
    }
    write('  </STRUCTURES>\n  <ADRESSES>\n');
    for (let id = 1; id <= STUDENTS; id++) {
      write(
        `    <ADRESSE ADRESSE_ID="A${id}"><LIGNE1_ADRESSE>${id} rue de l'Œuvre</LIGNE1_ADRESSE><CODE_POSTAL>75013</CODE_POSTAL><LIBELLE_POSTAL>PARIS</LIBELLE_POSTAL><CODE_PAYS>100</CODE_PAYS></ADRESSE>\n`,
      );
    }
    write('  </ADRESSES>\n  </DONNEES>\n</BEE_ELEVES>\n');
  } finally {
    closeSync(fd);
  }
}

// A full collection before each measure, so that only live memory is counted, not garbage
// the collector has not yet reclaimed. (--expose-gc set at run time, for this worker only.)
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function liveMemory(): number {
  collectGarbage();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

describe('a large export', () => {
  let dir = '';
  let path = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pupitre-siecle-large-'));
    path = join(dir, 'ElevesAvecAdresses.xml');
    writeLargeExport(path);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'reads 5,000 students with their structures and addresses',
    async () => {
      expect(statSync(path).size).toBeGreaterThan(5 * MIB);
      const files = await readSiecleExport('ElevesAvecAdresses.xml', path);
      const [file] = files as SiecleStudentsFile[];
      expect(file?.students).toHaveLength(STUDENTS);
      expect(file?.students[STUDENTS - 1]).toMatchObject({
        eleveId: String(STUDENTS),
        lastName: `SŒUR${STUDENTS}`,
        mefCode: '10010012110',
        addressId: `A${STUDENTS}`,
      });
      expect(file?.structures.size).toBe(STUDENTS);
      expect(file?.structures.get('4999')).toEqual({ divisions: ['6E1'], groups: ['GR5'] });
      expect(file?.addresses.size).toBe(STUDENTS);
      expect(file?.addresses.get('A12')?.line1).toBe("12 rue de l'Œuvre");
    },
    SLOW,
  );

  it(
    'keeps memory proportional to the records kept, not to the file',
    async () => {
      // Each student drags 4 KB of last year's details, all skipped. A kept value, such as the
      // long e-mail, must not pin the 64 KB text chunk it was cut from.
      const skipped = `      <SCOLARITE_AN_DERNIER>\n${'        <DENOM_COMPL>COLLEGE GEORGE SAND DE LA VILLE</DENOM_COMPL>\n'.repeat(70)}      </SCOLARITE_AN_DERNIER>\n`;
      const count = 2000;
      let fileBytes = 0;
      function* content() {
        const header = `<?xml version="1.0" encoding="ISO-8859-15"?>\n<BEE_ELEVES>\n<DONNEES>\n<ELEVES>\n`;
        for (let i = -1; i <= count; i++) {
          const text =
            i < 0
              ? header
              : i < count
                ? studentXml(i, { MEL: `eleve.numero${i}@college.example.org` }, skipped)
                : '</ELEVES>\n</DONNEES>\n</BEE_ELEVES>\n';
          const bytes = latin9(text);
          fileBytes += bytes.length;
          yield bytes;
        }
      }
      const before = liveMemory();
      const file = await readSiecleXmlStream('ElevesSansAdresses.xml', Readable.from(content()));
      const retained = liveMemory() - before;
      expect(file.kind === 'eleves' && file.students[count - 1]?.email).toBe(
        `eleve.numero${count - 1}@college.example.org`,
      );
      expect(fileBytes).toBeGreaterThan(8 * MIB);
      expect(retained).toBeLessThan(fileBytes / 4);
    },
    SLOW,
  );

  it(
    'streams: live memory stays flat while 8 MB of content it skips flow through',
    async () => {
      const option = `    <OPTION ELEVE_ID="1"><OPTIONS_ELEVE><NUM_OPTION>1</NUM_OPTION><CODE_MATIERE>030201</CODE_MATIERE></OPTIONS_ELEVE></OPTION>\n`;
      const block = Buffer.from(option.repeat(500));
      const blocks = Math.ceil((8 * MIB) / block.length);
      const before = liveMemory();
      let peak = 0;
      function* content() {
        yield latin9(
          `<?xml version="1.0" encoding="ISO-8859-15"?>\n<BEE_ELEVES>\n<DONNEES>\n<ELEVES>\n${studentXml(1)}</ELEVES>\n<OPTIONS>\n`,
        );
        for (let i = 0; i < blocks; i++) {
          if (i % 32 === 0) peak = Math.max(peak, liveMemory() - before);
          yield block;
        }
        yield Buffer.from('</OPTIONS>\n</DONNEES>\n</BEE_ELEVES>\n');
      }
      const file = await readSiecleXmlStream('ElevesSansAdresses.xml', Readable.from(content()));
      expect(file.kind === 'eleves' && file.students.length).toBe(1);
      expect(peak).toBeLessThan(4 * MIB);
    },
    SLOW,
  );
});
