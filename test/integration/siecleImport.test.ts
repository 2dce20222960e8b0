import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import type { StaffActor } from '../../main/services/context';
import type { SchoolSeed } from '../../main/services/school/schoolSeed';
import type {
  GuardianDetail,
  ImportPreview,
  StudentDetail,
  StudentSearchResult,
} from '../../shared/api/staff';
import {
  ADMIN_PASSWORD,
  loginToken,
  startTestPupitre,
  type TestPupitre,
  value,
} from '../helpers/pupitre';
import { writeSiecleExports } from '../helpers/siecleWriter';

const FIXTURES = join(__dirname, '..', 'fixtures', 'siecle');
let p: TestPupitre;
afterEach(async () => p?.cleanup());

/** An empty school with the given UAI, its current year starting in `year`, and a direction session. */
async function emptySchool(uai: string, year: number) {
  p = await startTestPupitre({ empty: true });
  p.clock.set(`${year}-10-15T08:00:00.000Z`);
  value(
    await p.dispatch('setup.createSchool', { kind: 'empty', uai, name: 'Collège d’essai' }, null),
  );
  const token = await loginToken(p, 'direction', ADMIN_PASSWORD);
  return token;
}

async function upload(token: string, fileName: string, bytes: Buffer): Promise<string> {
  const result = await p.dispatch(
    'import.upload',
    { fileName, bytes: new Uint8Array(bytes) },
    token,
  );
  return value<{ uploadId: string }>(result).uploadId;
}

async function preview(token: string, files: Record<string, Buffer>): Promise<ImportPreview> {
  const ids: string[] = [];
  for (const [name, bytes] of Object.entries(files)) ids.push(await upload(token, name, bytes));
  return value<ImportPreview>(await p.dispatch('import.preview', { uploadIds: ids }, token));
}

/** Preview then apply, for tests whose subject is what comes after. */
async function importFiles(token: string, files: Record<string, Buffer>) {
  const pre = await preview(token, files);
  value(await p.dispatch('import.apply', { previewId: pre.previewId }, token));
}

function exportsOf(seed: SchoolSeed, exportDate?: string) {
  const e = writeSiecleExports(seed, exportDate ? { exportDate } : {});
  return {
    'ExportXML_ElevesAvecAdresses.xml': e.eleves,
    'ResponsablesAvecAdresses.xml': e.responsables,
    'Nomenclature.xml': e.nomenclature,
  };
}

/** Every row of the imported tables, to compare a database before and after. */
async function dump() {
  const tables = ['student', 'guardian', 'student_guardian', 'division', 'nomenclature_label'];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = await p.db.manager.query(`SELECT * FROM ${t} ORDER BY id`);
  return out;
}

const search = async (token: string, query: string) =>
  value<StudentSearchResult>(await p.dispatch('students.search', { query }, token)).items;

describe('SIECLE import of a whole school (generated exports)', () => {
  const seed = generateDemoSchool({ seed: 11, studentCount: 300 });

  it('previews every student and guardian before writing anything, then applies all', async () => {
    const token = await emptySchool(seed.school.uai, 2026);
    const before = await dump();
    const pre = await preview(token, exportsOf(seed));
    expect(await dump()).toEqual(before);
    expect(pre.problems.filter((x) => x.blocking)).toEqual([]);
    expect(pre.canApply).toBe(true);
    expect(pre.files.map((f) => f.kind).sort()).toEqual(['eleves', 'nomenclature', 'responsables']);
    // Clock at 15/10/2026: a later DATE_SORTIE is a pupil still there (« part le … »).
    const leavers = seed.students.filter((s) => s.leftOn && s.leftOn <= '2026-10-15');
    expect(pre.students.added).toHaveLength(seed.students.length - leavers.length);
    expect(pre.students.left.map((l) => l.key).sort()).toEqual(leavers.map((s) => s.key).sort());
    expect(pre.students.unplaced.map((l) => l.key).sort()).toEqual(
      seed.students
        .filter((s) => !s.divisionCode && !leavers.includes(s))
        .map((s) => s.key)
        .sort(),
    );
    expect(pre.guardians.added).toHaveLength(seed.guardians.length);
    expect(pre.links.added).toHaveLength(seed.links.length);
    // Agreement (issue 12): a mother is « responsable légale », a father « responsable légal ».
    const civilityOf = new Map(seed.guardians.map((g) => [g.key, g.civility]));
    for (const link of seed.links.filter((l) => l.legalRank !== null)) {
      const line = pre.links.added.find((l) => l.key === `${link.studentKey}|${link.guardianKey}`);
      expect(line?.detail).toBe(
        `Responsable ${civilityOf.get(link.guardianKey) === 'Mme' ? 'légale' : 'légal'} ${link.legalRank}`,
      );
    }
    expect(pre.guardians.sharedBySiblings.length).toBeGreaterThan(0);
    expect(pre.divisions.added.sort()).toEqual(seed.divisions.map((d) => d.code).sort());
    const someone = pre.students.added[0]!;
    expect(someone.label).toMatch(/^[A-ZÀ-Ÿ' -]+ .+ \(\d[A-Z]\)$/);

    const result = value<{ counts: Record<string, number> }>(
      await p.dispatch('import.apply', { previewId: pre.previewId }, token),
    );
    expect(result.counts).toMatchObject({
      élèvesAjoutés: seed.students.length,
      responsablesAjoutés: seed.guardians.length,
    });

    // Each guardian is one row for all their children, with names and accents intact.
    const shared = seed.guardians.find(
      (g) => seed.links.filter((l) => l.guardianKey === g.key).length >= 2,
    )!;
    const [row] = await p.db.manager.query('SELECT id FROM guardian WHERE siecle_id = ?', [
      shared.key,
    ]);
    const guardian = value<GuardianDetail>(
      await p.dispatch('guardians.get', { id: row.id }, token),
    );
    expect(`${guardian.lastName} ${guardian.firstName}`).toBe(
      `${shared.lastName} ${shared.firstName}`,
    );
    expect(guardian.children.length).toBe(
      seed.links.filter((l) => l.guardianKey === shared.key).length,
    );

    const child = seed.students.find(
      (s) => s.divisionCode && !s.leftOn && /[éèëïçœ'-]/i.test(s.lastName + s.firstName),
    )!;
    const [found] = await search(token, `${child.lastName} ${child.firstName}`);
    expect(found).toMatchObject({
      lastName: child.lastName,
      firstName: child.firstName,
      divisionCode: child.divisionCode,
    });
    const detail = value<StudentDetail>(await p.dispatch('students.get', { id: found!.id }, token));
    expect(detail.guardians.map((g) => g.lastName).sort()).toEqual(
      seed.links
        .filter((l) => l.studentKey === child.key)
        .map((l) => seed.guardians.find((g) => g.key === l.guardianKey)!.lastName)
        .sort(),
    );
    expect(detail.guardians.find((g) => g.legalRank === 1)).toBeDefined();
    // Labels come from the school's nomenclature once imported.
    const regimeLabels: Record<string, string> = {
      demi_pensionnaire: "DEMI-PENSIONNAIRE DANS L'ETABLISSEMENT",
      externe: 'EXTERNE LIBRE',
      interne: "INTERNE DANS L'ETABLISSEMENT",
      interne_externe: 'INTERNE EXTERNE',
    };
    expect(detail.regimeLabel).toBe(regimeLabels[child.regime]);

    const [audit] = value<{ entries: { action: string; details: Record<string, unknown> }[] }>(
      await p.dispatch('audit.list', { action: 'import' }, token),
    ).entries;
    expect(audit).toMatchObject({
      action: 'import.siecle',
      details: { élèvesAjoutés: seed.students.length },
    });
  });

  it('importing the same files twice changes nothing the second time, and says so', async () => {
    const token = await emptySchool(seed.school.uai, 2026);
    const first = await preview(token, exportsOf(seed));
    value(await p.dispatch('import.apply', { previewId: first.previewId }, token));
    const before = await dump();
    const second = await preview(token, exportsOf(seed));
    expect(second.unchanged).toBe(true);
    expect(second.canApply).toBe(false);
    expect(second.students.unchangedCount).toBe(seed.students.length);
    expect(await p.dispatch('import.apply', { previewId: second.previewId }, token)).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: 'Rien à appliquer : la base est déjà à jour de ces fichiers.',
      },
    });
    expect(await dump()).toEqual(before);
  });

  it('applies a later snapshot: moves, leavers, arrivals and changed phones, each named', async () => {
    const token = await emptySchool(seed.school.uai, 2026);
    const first = await preview(token, exportsOf(seed));
    value(await p.dispatch('import.apply', { previewId: first.previewId }, token));

    const later: SchoolSeed = structuredClone(seed);
    const placed = later.students.filter((s) => s.divisionCode && !s.leftOn);
    const mover = placed[0]!;
    const oldDivision = mover.divisionCode!;
    mover.divisionCode = later.divisions.find(
      (d) =>
        d.code !== oldDivision &&
        d.level === later.divisions.find((x) => x.code === oldDivision)!.level,
    )!.code;
    const leaver = placed[1]!;
    leaver.leftOn = '2026-10-10';
    const vanished = placed[2]!;
    later.students = later.students.filter((s) => s !== vanished);
    later.links = later.links.filter((l) => l.studentKey !== vanished.key);
    const usedGuardians = new Set(later.links.map((l) => l.guardianKey));
    later.guardians = later.guardians.filter((g) => usedGuardians.has(g.key));
    const newcomer = {
      ...placed[3]!,
      key: 'NEW0001',
      ine: '9999999999Z',
      firstName: 'Noémie',
      lastName: 'Ærdéval',
    };
    later.students.push(newcomer);
    later.guardians.push({
      ...later.guardians[0]!,
      key: 'PNEW001',
      lastName: 'Ærdéval',
      firstName: 'Loïc',
      email: '',
    });
    later.links.push({
      studentKey: 'NEW0001',
      guardianKey: 'PNEW001',
      relationship: '20',
      legalRank: 1,
      responsibilityLevel: 1,
    });
    const phoneChange = later.guardians.find((g) => g.phoneMobile)!;
    phoneChange.phoneMobile = '07 00 00 00 01';

    const pre = await preview(token, exportsOf(later, '2026-10-14'));
    expect(pre.canApply).toBe(true);
    expect(pre.students.moved).toEqual([
      expect.objectContaining({ key: mover.key, detail: `${oldDivision} → ${mover.divisionCode}` }),
    ]);
    expect(pre.students.left.map((l) => l.key).sort()).toEqual([leaver.key, vanished.key].sort());
    // Agreement by sex (issue 12): « sortie le » for a girl, never « sorti(e) ».
    expect(pre.students.left.find((l) => l.key === vanished.key)!.detail).toBe(
      `Absent de l’export : ${vanished.sex === 'F' ? 'sortie' : 'sorti'} le 14/10/2026`,
    );
    expect(pre.students.left.find((l) => l.key === leaver.key)!.detail).toBe(
      `${leaver.sex === 'F' ? 'Sortie' : 'Sorti'} le 10/10/2026`,
    );
    expect(pre.students.added.map((l) => l.key)).toEqual(['NEW0001']);
    expect(pre.students.added[0]!.label).toContain('ÆRDÉVAL Noémie');
    expect(pre.guardians.added.map((g) => g.key)).toEqual(['PNEW001']);
    expect(pre.guardians.changed.find((g) => g.key === phoneChange.key)!.detail).toContain(
      '→ 07 00 00 00 01',
    );

    value(await p.dispatch('import.apply', { previewId: pre.previewId }, token));
    expect((await search(token, 'ærdéval')).map((s) => s.firstName)).toEqual(['Noémie']);
    const [gone] = await p.db.manager.query('SELECT left_on FROM student WHERE siecle_id = ?', [
      vanished.key,
    ]);
    expect(gone.left_on).toBe('2026-10-14');
    expect((await search(token, vanished.ine)).length).toBe(0);
    const [moved] = await p.db.manager.query(
      'SELECT d.code FROM student s JOIN division d ON d.id = s.division_id WHERE s.siecle_id = ?',
      [mover.key],
    );
    expect(moved.code).toBe(mover.divisionCode);
    // The history stays: the student who left keeps their guardians.
    const [links] = await p.db.manager.query(
      'SELECT COUNT(*) AS n FROM student_guardian sg JOIN student s ON s.id = sg.student_id WHERE s.siecle_id = ?',
      [vanished.key],
    );
    expect(links.n).toBeGreaterThan(0);
    // And the later snapshot imported twice is a no-op too.
    expect((await preview(token, exportsOf(later, '2026-10-14'))).unchanged).toBe(true);
  });

  it('refuses files of another school or another year, names them, and writes nothing', async () => {
    const token = await emptySchool('0251711Z', 2026);
    const before = await dump();
    const pre = await preview(
      token,
      exportsOf({ ...seed, year: { ...seed.year, label: '2025-2026' } }),
    );
    expect(pre.canApply).toBe(false);
    const messages = pre.problems.filter((x) => x.blocking).map((x) => x.message);
    expect(messages).toContain(
      `Le fichier ExportXML_ElevesAvecAdresses.xml est l’export de l’établissement ${seed.school.uai}, pas de Collège d’essai (0251711Z).`,
    );
    expect(messages).toContain(
      'Le fichier ResponsablesAvecAdresses.xml est un export de l’année 2025-2026 ; l’année en cours dans Pupitre est 2026-2027.',
    );
    expect(await p.dispatch('import.apply', { previewId: pre.previewId }, token)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await dump()).toEqual(before);
  });

  it('warns when the students file comes without its guardians file', async () => {
    const token = await emptySchool(seed.school.uai, 2026);
    const e = writeSiecleExports(seed);
    const pre = await preview(token, { 'ElevesSansAdresses.xml': e.eleves });
    expect(pre.problems).toContainEqual(
      expect.objectContaining({
        blocking: false,
        message: expect.stringMatching(/^Fichier des responsables absent/),
      }),
    );
    expect(pre.canApply).toBe(true);
  });

  it('reports duplicate INE and impossible dates, naming the students', async () => {
    const token = await emptySchool(seed.school.uai, 2026);
    const broken = structuredClone(seed);
    broken.students[1]!.ine = broken.students[0]!.ine;
    broken.students[2]!.birthDate = '2013-02-31';
    const pre = await preview(token, exportsOf(broken));
    const texts = pre.problems.map((x) => x.message);
    const [a, b, c] = broken.students;
    expect(
      texts.some((t) => t.startsWith(`INE ${a!.ine} en double`) && t.includes(b!.firstName)),
    ).toBe(true);
    expect(
      texts.some(
        (t) =>
          t.includes(c!.firstName) && t.includes('date de naissance impossible « 31/02/2013 »'),
      ),
    ).toBe(true);
  });
});

describe('SIECLE import of the ministry samples', () => {
  it('imports the double-structure students sample: division 301 and group _301P1', async () => {
    const token = await emptySchool('0660864F', 2019);
    const pre = await preview(token, {
      'eleves_avec_adresse_avec_double_structure.xml': readFileSync(
        join(FIXTURES, 'eleves_avec_adresse_avec_double_structure.xml'),
      ),
    });
    expect(pre.problems.filter((x) => x.blocking)).toEqual([]);
    expect(pre.students.added).toHaveLength(1);
    expect(pre.divisions.added).toEqual(['301']);
    value(await p.dispatch('import.apply', { previewId: pre.previewId }, token));
    const [row] = await p.db.manager.query('SELECT groups, regime, regime_code FROM student');
    expect(row).toEqual({ groups: '_301P1', regime: 'demi_pensionnaire', regime_code: '24' });
  });

  it('reads the guardians and nomenclature samples, and says their students are unknown here', async () => {
    const token = await emptySchool('0140070A', 2018);
    const pre = await preview(token, {
      'responsables_avec_adresses_simple.xml': readFileSync(
        join(FIXTURES, 'responsables_avec_adresses_simple.xml'),
      ),
      'nomenclature_simple.xml': readFileSync(join(FIXTURES, 'nomenclature_simple.xml')),
    });
    expect(pre.problems.filter((x) => x.blocking)).toEqual([]);
    expect(pre.problems.map((x) => x.message)).toContain(
      'Mme ROCK Maryline : responsable d’aucun élève connu de Pupitre, non importé.',
    );
    expect(pre.labels.added).toBeGreaterThan(0);
    value(await p.dispatch('import.apply', { previewId: pre.previewId }, token));
    const [label] = await p.db.manager.query(
      "SELECT label FROM nomenclature_label WHERE list = 'MATIERES' AND code = '020300'",
    );
    expect(label.label).toBe("Langues et cultures de l'Antiquité LATIN");
  });

  it('turns an unreadable sample into a blocking problem naming the file and line, writing nothing', async () => {
    const token = await emptySchool('0752387M', 2019);
    const before = await dump();
    const pre = await preview(token, {
      'eleves_avec_adresse_simple.xml': readFileSync(
        join(FIXTURES, 'eleves_avec_adresse_simple.xml'),
      ),
    });
    expect(pre.canApply).toBe(false);
    expect(pre.problems[0]).toMatchObject({
      blocking: true,
      fileName: 'eleves_avec_adresse_simple.xml',
      line: 139,
    });
    expect(pre.problems[0]!.message).toContain('eleves_avec_adresse_simple.xml');
    expect(await dump()).toEqual(before);
  });
});

describe('import uploads', () => {
  it('keep only the file name, never a path, and refuse another user’s upload', async () => {
    const token = await emptySchool('0251711Z', 2026);
    const result = value<{ fileName: string }>(
      await p.dispatch(
        'import.upload',
        { fileName: '..\\..\\C:\\Windows\\eleves.xml', bytes: new Uint8Array([60]) },
        token,
      ),
    );
    expect(result.fileName).toBe('eleves.xml');
    const actor: StaffActor = {
      sessionId: 0,
      userId: 999,
      schoolId: 1,
      role: 'direction',
      login: 'x',
      displayName: 'x',
      mustChangePassword: false,
    };
    const mine = await p.services.imports.receive(
      actor,
      'a.xml',
      Readable.from([Buffer.from('<a/>')]),
    );
    expect(await p.dispatch('import.preview', { uploadIds: [mine.uploadId] }, token)).toMatchObject(
      { ok: false, error: { code: 'not_found' } },
    );
  });
});

describe('uploaded files', () => {
  it('are deleted once applied or cancelled, and none survive a restart', async () => {
    const { readdirSync, existsSync } = await import('node:fs');
    const token = await emptySchool('0251711Z', 2026);
    const uploadDir = join(p.dir, 'imports');
    const pre = await preview(token, { 'a.xml': Buffer.from('<BEE_ELEVES/>') });
    expect(readdirSync(uploadDir)).toHaveLength(1);
    value(await p.dispatch('import.cancel', { previewId: pre.previewId }, token));
    expect(readdirSync(uploadDir)).toHaveLength(0);
    await upload(token, 'b.xml', Buffer.from('<BEE_ELEVES/>'));
    expect(readdirSync(uploadDir)).toHaveLength(1);
    const { createImportService } = await import('../../main/services/import/importService');
    createImportService({ db: p.db, clock: p.clock, uploadDir });
    expect(existsSync(uploadDir) ? readdirSync(uploadDir) : []).toHaveLength(0);
  });
});

describe('preview wording', () => {
  it('names a MEF change by the nomenclature’s label, not its code', async () => {
    const seed = generateDemoSchool({ seed: 11, studentCount: 60 });
    const token = await emptySchool(seed.school.uai, 2026);
    const first = await preview(token, exportsOf(seed));
    value(await p.dispatch('import.apply', { previewId: first.previewId }, token));
    const later = structuredClone(seed);
    const student = later.students.find((s) => s.divisionCode?.startsWith('5'))!;
    student.divisionCode = later.divisions.find((d) => d.level === '4e')!.code;
    const pre = await preview(token, exportsOf(later));
    expect(pre.students.changed.find((l) => l.key === student.key)!.detail).toBe('MEF : 5e → 4e');
  });
});

describe('awkward exports', () => {
  const seed = generateDemoSchool({ seed: 21, studentCount: 80 });
  const twoParents = seed.students.find(
    (s) => seed.links.filter((l) => l.studentKey === s.key && l.legalRank !== null).length === 2,
  )!;

  it('a repeated or dangling guardian link does not push légal 2 out of its rank', async () => {
    const token = await emptySchool(seed.school.uai, 2026);
    const odd = structuredClone(seed);
    const legal = odd.links.filter((l) => l.studentKey === twoParents.key && l.legalRank !== null);
    // A link to a person the file does not hold, and légal 1 listed twice, both before légal 2.
    odd.links.unshift({ ...legal[0]!, guardianKey: 'FANTOME' }, { ...legal[0]! });
    const pre = await preview(token, exportsOf(odd));
    const messages = pre.problems.map((x) => x.message);
    expect(messages).toContain(
      'Lien vers la personne FANTOME, absente du fichier des responsables : ignoré.',
    );
    expect(
      messages.some((m) =>
        m.startsWith(`Lien en double entre la personne ${legal[0]!.guardianKey}`),
      ),
    ).toBe(true);
    value(await p.dispatch('import.apply', { previewId: pre.previewId }, token));
    const ranks: { siecle_id: string; legal_rank: number }[] = await p.db.manager.query(
      `SELECT g.siecle_id, sg.legal_rank FROM student_guardian sg JOIN guardian g ON g.id = sg.guardian_id
       JOIN student s ON s.id = sg.student_id WHERE s.siecle_id = ? AND sg.legal_rank IS NOT NULL ORDER BY sg.legal_rank`,
      [twoParents.key],
    );
    expect(ranks.map((r) => [r.siecle_id, r.legal_rank])).toEqual(
      legal.map((l) => [l.guardianKey, l.legalRank]),
    );
  });

  it('keeps légal 1 and légal 2 where they were when a later export lists them the other way round', async () => {
    const token = await emptySchool(seed.school.uai, 2026);
    await importFiles(token, exportsOf(seed));
    const before = await dump();
    const swapped = structuredClone(seed);
    for (const link of swapped.links) {
      if (link.studentKey === twoParents.key && link.legalRank !== null)
        link.legalRank = link.legalRank === 1 ? 2 : 1;
    }
    const pre = await preview(token, exportsOf(swapped));
    expect(pre.unchanged).toBe(true);
    expect(await dump()).toEqual(before);
  });

  it('a student who comes back after leaving is named in the preview', async () => {
    const token = await emptySchool(seed.school.uai, 2026);
    const without = structuredClone(seed);
    without.students = without.students.filter((s) => s.key !== twoParents.key);
    without.links = without.links.filter((l) => l.studentKey !== twoParents.key);
    await importFiles(token, exportsOf(seed));
    await importFiles(token, exportsOf(without, '2026-10-05'));
    const back = await preview(token, exportsOf(seed, '2026-10-12'));
    expect(back.students.changed).toContainEqual(
      expect.objectContaining({
        key: twoParents.key,
        detail: `De retour dans l’établissement (${twoParents.sex === 'F' ? 'sortie' : 'sorti'} le 05/10/2026)`,
      }),
    );
  });

  it('importing the students file alone keeps "same address as légal 1" as the guardians file set it', async () => {
    const token = await emptySchool(seed.school.uai, 2026);
    await importFiles(token, exportsOf(seed));
    const before = await dump();
    const files = writeSiecleExports(seed);
    const alone = await preview(token, {
      'eleves.xml': files.eleves,
      'nomenclature.xml': files.nomenclature,
    });
    expect(alone.unchanged).toBe(true);
    expect(await dump()).toEqual(before);
  });

  it('cuts a value longer than its column, and says so; an address too long is kept empty, never cut', async () => {
    const token = await emptySchool(seed.school.uai, 2026);
    const long = structuredClone(seed);
    long.students[0]!.phoneHome = '0'.repeat(40);
    long.students[0]!.email = `${'a'.repeat(300)}@exemple.fr`;
    const pre = await preview(token, exportsOf(long));
    const messages = pre.problems.map((x) => x.message);
    expect(messages).toContainEqual(
      expect.stringContaining('Téléphone domicile trop long (40 caractères, 30 au plus), tronqué.'),
    );
    // A cut address is another address: issue 14, nothing guessed.
    expect(messages).toContainEqual(
      expect.stringContaining('@exemple.fr » écartée, 254 caractères au plus.'),
    );
    value(await p.dispatch('import.apply', { previewId: pre.previewId }, token));
    const [row] = await p.db.manager.query(
      'SELECT email, phone_home FROM student WHERE siecle_id = ?',
      [long.students[0]!.key],
    );
    expect(row.phone_home).toHaveLength(30);
    expect(row.email).toBe('');
  });

  it('warns when a student is placed in two divisions, naming both', async () => {
    const token = await emptySchool(seed.school.uai, 2026);
    const e = writeSiecleExports(seed);
    const student = seed.students.find((s) => s.divisionCode)!;
    const other = seed.divisions.find((d) => d.code !== student.divisionCode)!.code;
    const xml = e.eleves
      .toString('latin1')
      .replace(
        `<STRUCTURES_ELEVE ELEVE_ID="${student.key}"><STRUCTURE>`,
        `<STRUCTURES_ELEVE ELEVE_ID="${student.key}"><STRUCTURE><CODE_STRUCTURE>${other}</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE><STRUCTURE>`,
      );
    const pre = await preview(token, { 'eleves.xml': Buffer.from(xml, 'latin1') });
    expect(pre.problems.map((x) => x.message)).toContainEqual(
      expect.stringContaining(
        `inscrit dans plusieurs divisions (${other}, ${student.divisionCode})`,
      ),
    );
  });
});
