import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStsFile } from '../../../main/services/sts/stsFile';
import { SiecleFileError } from '../../../main/services/siecle/types';

const FIXTURES = join(import.meta.dirname, '../../fixtures/sts');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

async function refusal(name: string, bytes: Uint8Array): Promise<SiecleFileError> {
  const error: unknown = await readStsFile(name, bytes).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SiecleFileError);
  return error as SiecleFileError;
}

describe('STS-Web export sts_emp_<UAI>_<année>.xml', () => {
  it('reads subjects, teachers, professeurs principaux, divisions, groups and services', async () => {
    const file = await readStsFile('sts.xml', fixture('sts_emp_0259876Z_2026.xml'));
    expect(file.uaj).toBe('0259876Z');
    expect(file.schoolYear).toBe(2026);
    // Space-padded values are trimmed; the edition label wins.
    expect(file.subjects).toHaveLength(10);
    expect(file.subjects.find((s) => s.code === '030201')).toEqual({
      code: '030201',
      managementCode: 'AGL1',
      shortLabel: 'ANGLAIS LV1',
      longLabel: 'Anglais LV1',
    });
    // FONCTION ENS only: the principal (DIR) and the CPE (EDU) teach nothing.
    expect(file.teachers.map((t) => t.stsId).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => String(10001 + i)),
    );
    expect(file.teachers.find((t) => t.stsId === '10010')).toMatchObject({
      lastName: 'ŒILLET',
      firstName: 'Olivier',
      civility: 'M.',
    });
    expect(file.teachers.find((t) => t.stsId === '10001')?.mainDivisions).toEqual(['6A']);
    expect(file.divisionCodes).toEqual(['6A', '5A', '4A', '3A']);
    expect(file.groups.find((g) => g.code === '5A4A_LAT')?.divisions).toEqual(['5A', '4A']);
    expect(file.services).toContainEqual({
      subjectCode: '020300',
      kind: 'group',
      structureCode: '5A4A_LAT',
      teacherStsId: '10008',
    });
    // Physique-chimie 3A is shared by two teachers: two services.
    expect(
      file.services.filter((s) => s.structureCode === '3A' && s.subjectCode === '061800'),
    ).toHaveLength(2);
    expect(file.services).toHaveLength(30);
    expect(file.serviceElements).toBe(29);
  });

  it('reads an export whose SERVICES are empty (timetable not yet sent to STS)', async () => {
    const file = await readStsFile('vide.xml', fixture('sts_emp_0259876Z_2026_sans_services.xml'));
    expect(file.services).toEqual([]);
    expect(file.serviceElements).toBe(0);
    expect(file.teachers).toHaveLength(10);
  });

  it('refuses EDT_STS, the timetable software’s export, saying which file to take', async () => {
    const error = await refusal('edt.xml', fixture('edt_sts_0259876Z_2026.xml'));
    expect(error.message).toBe(
      'Le fichier edt.xml est l’export de votre logiciel d’emploi du temps vers STS-Web (EDT_STS), pas l’export de STS-Web : dans STS-Web, exportez le fichier « sts_emp_<UAI>_<année>.xml ».',
    );
  });

  it('refuses a SIECLE file and any other root', async () => {
    const error = await refusal('eleves.xml', Buffer.from('<BEE_ELEVES/>'));
    expect(error.message).toMatch(
      /n’est pas un export STS-Web reconnu \(élément racine BEE_ELEVES\)/,
    );
  });

  it('refuses entity expansion (billion laughs) for its DOCTYPE, at its line', async () => {
    const error = await refusal('laughs.xml', fixture('sts_emp_hostile_entites.xml'));
    expect(error.message).toBe(
      'Le fichier laughs.xml contient une déclaration DOCTYPE, refusée par sécurité (ligne 2).',
    );
  });

  it('refuses a huge file once past the size limit, without reading it all', async () => {
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n<STS_EDT><DONNEES><INDIVIDUS>';
    const one = `<INDIVIDU ID="1"><NOM_USAGE>${'X'.repeat(5000)}</NOM_USAGE></INDIVIDU>`;
    const bytes = Buffer.from(head + one.repeat(Math.ceil((31 * 1024 * 1024) / one.length)));
    const error = await refusal('huge.xml', bytes);
    expect(error.message).toBe(
      'Le fichier huge.xml dépasse 30 Mo : c’est trop pour un export STS-Web d’établissement.',
    );
  });

  it('refuses a file of a hundred thousand elements, as it reads them', async () => {
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n<STS_EDT><DONNEES><INDIVIDUS>';
    const one = '<INDIVIDU ID="1"/>';
    const error = await refusal('many.xml', Buffer.from(head + one.repeat(100_001)));
    expect(error.message).toMatch(
      /^Le fichier many\.xml contient plus de 100.000 éléments : ce n’est pas l’export STS-Web d’un établissement\.$/,
    );
  });

  it('refuses a file cut in half, and absurd nesting', async () => {
    const whole = fixture('sts_emp_0259876Z_2026.xml');
    expect((await refusal('cut.xml', whole.subarray(0, 5000))).message).toMatch(/est tronqué/);
    const deep = `<STS_EDT>${'<A>'.repeat(40)}${'</A>'.repeat(40)}</STS_EDT>`;
    expect((await refusal('deep.xml', Buffer.from(deep))).message).toMatch(
      /imbrique plus de 32 niveaux/,
    );
  });
});
