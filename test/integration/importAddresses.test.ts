import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import type { SchoolSeed } from '../../main/services/school/schoolSeed';
import { emptySchoolHarness, exportsOf, type ImportHarness } from '../helpers/siecleImport';

// Issue 14: « the e-mailed letter goes where the SIECLE field parses » and « the SIECLE
// import accepts U+202E … in names, while staff-typed names refuse them ». A real
// SIECLE-shaped ResponsablesAvecAdresses file, with the hostile values written as SIECLE's
// XML carries them (character references, since ISO-8859-15 has no U+202E).
let h: ImportHarness;
afterEach(async () => h?.p.cleanup());

const LIST = 'pierre.royer@exemple.com;autre.parent@exemple.org';
const CRLF_BCC_XML = 'pierre.royer@exemple.com&#13;&#10;Bcc: intrus@exemple.net';
const RLO_NAME_XML = '&#x202E;nimda';

/** The seed's files, with placeholders replaced by raw XML (ISO-8859-15 kept byte for byte). */
function hostileExports(seed: SchoolSeed, replacements: Record<string, string>) {
  const files = exportsOf(seed);
  let xml = files['ResponsablesAvecAdresses.xml'].toString('latin1');
  for (const [from, to] of Object.entries(replacements)) xml = xml.replace(from, to);
  return { ...files, 'ResponsablesAvecAdresses.xml': Buffer.from(xml, 'latin1') };
}

function school() {
  const seed = generateDemoSchool({ seed: 14, studentCount: 30 });
  const linked = seed.guardians.filter((g) => seed.links.some((l) => l.guardianKey === g.key));
  const [listed, bcc, reversed] = linked;
  listed!.email = LIST;
  bcc!.email = 'placeholder.bcc@exemple.fr';
  reversed!.firstName = 'PLACEHOLDERRLO';
  return { seed, listed: listed!, bcc: bcc!, reversed: reversed! };
}

describe('values read from SIECLE follow the rules staff-typed values follow', () => {
  it('keeps no address out of a list or a CRLF + « Bcc: » MEL and blocks a name with U+202E, each shown in the preview', async () => {
    const { seed, listed, bcc, reversed } = school();
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const files = hostileExports(seed, {
      'placeholder.bcc@exemple.fr': CRLF_BCC_XML,
      PLACEHOLDERRLO: RLO_NAME_XML,
    });
    const pre = await h.preview(files);

    const listProblem = pre.problems.find((p) => p.message.includes(LIST));
    expect(listProblem).toMatchObject({
      blocking: false,
      fileName: 'ResponsablesAvecAdresses.xml',
    });
    expect(listProblem!.message).toContain(listed.lastName.toUpperCase());
    expect(listProblem!.message).toMatch(
      /écartée, plusieurs adresses dans un même champ : une seule adresse est acceptée\. Corrigez-la dans SIECLE/,
    );
    const bccProblem = pre.problems.find((p) => p.message.includes('Bcc'));
    expect(bccProblem).toMatchObject({ blocking: false });
    expect(bccProblem!.message).toContain(
      '« pierre.royer@exemple.com[U+000D][U+000A]Bcc: intrus@exemple.net » écartée, caractères invisibles ou de contrôle',
    );
    expect(bccProblem!.message).toContain(bcc.lastName.toUpperCase());

    const nameProblem = pre.problems.find((p) => p.message.includes('[U+202E]'));
    expect(nameProblem).toMatchObject({ blocking: true });
    expect(nameProblem!.message).toContain(
      `${reversed.lastName.toUpperCase()} [U+202E]nimda : prénom « [U+202E]nimda » contient des caractères invisibles ou de contrôle`,
    );
    // Nothing shown in the preview obeys the override.
    expect(JSON.stringify(pre)).not.toContain('\u202e');
    expect(pre.canApply).toBe(false);
  });

  it('imports the school with the bad addresses kept empty, never guessed', async () => {
    const { seed, listed, bcc, reversed } = school();
    reversed.firstName = 'Claire';
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const pre = await h.importFiles(
      hostileExports(seed, { 'placeholder.bcc@exemple.fr': CRLF_BCC_XML }),
    );
    expect(pre.canApply).toBe(true);
    const rows = (await h.p.db.manager.query(
      'SELECT siecle_id, email FROM guardian WHERE siecle_id IN (?, ?)',
      [listed.key, bcc.key],
    )) as { siecle_id: string; email: string }[];
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.email).toBe('');
    const all = (await h.p.db.manager.query('SELECT email FROM guardian')) as { email: string }[];
    expect(all.filter((r) => /pierre\.royer|autre\.parent|intrus/.test(r.email))).toEqual([]);
  });

  it('blocks a later export that renames a known guardian with U+202E, the change shown as codes', async () => {
    const { seed, reversed } = school();
    const clean = structuredClone(seed);
    clean.guardians.find((g) => g.key === reversed.key)!.firstName = 'Claire';
    clean.guardians.forEach((g) => {
      if (g.email === LIST || g.email === 'placeholder.bcc@exemple.fr') g.email = '';
    });
    h = await emptySchoolHarness(seed.school.uai, 2026);
    await h.importFiles(exportsOf(clean));
    const before = await h.dump();

    const pre = await h.preview(hostileExports(seed, { PLACEHOLDERRLO: RLO_NAME_XML }));
    expect(pre.canApply).toBe(false);
    expect(pre.problems.filter((p) => p.blocking).map((p) => p.message)).toEqual([
      expect.stringContaining('prénom « [U+202E]nimda » contient des caractères invisibles'),
    ]);
    expect(JSON.stringify(pre)).toContain('Prénom : Claire → [U+202E]nimda');
    expect(JSON.stringify(pre)).not.toContain('\u202e');
    expect(await h.dump()).toEqual(before);
  });
});

describe('a pupil’s names and MEL from the students file', () => {
  it('a zero-width space in a second first name blocks; a list in MEL is kept empty', async () => {
    const seed = generateDemoSchool({ seed: 15, studentCount: 20 });
    const pupil = seed.students.find((s) => s.divisionCode && !s.leftOn)!;
    pupil.firstName2 = 'PLACEHOLDERZWSP';
    pupil.email = 'eleve@exemple.fr,parent@exemple.fr';
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const files = exportsOf(seed);
    const eleves = files['ExportXML_ElevesAvecAdresses.xml']
      .toString('latin1')
      .replace('PLACEHOLDERZWSP', 'Ma&#x200B;rie');
    const pre = await h.preview({
      ...files,
      'ExportXML_ElevesAvecAdresses.xml': Buffer.from(eleves, 'latin1'),
    });
    const name = `${pupil.lastName.toUpperCase()} ${pupil.firstName}`;
    expect(pre.problems).toContainEqual(
      expect.objectContaining({
        blocking: true,
        fileName: 'ExportXML_ElevesAvecAdresses.xml',
        message: expect.stringContaining(
          `${name} (${pupil.divisionCode}) : deuxième prénom « Ma[U+200B]rie » contient des caractères invisibles`,
        ),
      }),
    );
    expect(pre.problems).toContainEqual(
      expect.objectContaining({
        blocking: false,
        message: expect.stringContaining(
          '« eleve@exemple.fr,parent@exemple.fr » écartée, plusieurs adresses dans un même champ',
        ),
      }),
    );
    expect(pre.canApply).toBe(false);
  });
});
