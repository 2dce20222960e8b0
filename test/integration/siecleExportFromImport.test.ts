import { resolve } from 'node:path';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { InfoSheetChangeEntity, InfoSheetRequestEntity } from '../../main/db/entities/infoSheets';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import { openKeyOf } from '../../main/services/infoSheets/submit';
import { xsdProblems } from '../../main/services/siecleExport/xsd';
import type { ApiResult } from '../../shared/api/result';
import type { InfoSheetField } from '../../shared/domain/infoSheet/fields';
import type {
  InfoSheetExportFile,
  InfoSheetExportView,
  InfoSheetRequestView,
} from '../../shared/api/staff';
import { value } from '../helpers/pupitre';
import { emptySchoolHarness, exportsOf, type ImportHarness } from '../helpers/siecleImport';

// Issue 18 §3: the export back to SIECLE from a school imported from SIECLE, through the
// secretariat's review (main/services/infoSheets/review.ts) and the real export call.
const SCHEMA = resolve('assets/siecle/schema_Import_3.1.xsd');
const seed = generateDemoSchool({ seed: 18, studentCount: 30 });
let h: ImportHarness | null = null;
afterEach(async () => {
  await h?.p.cleanup();
  h = null;
});

type Table = 'student' | 'guardian';

/** A family's change waiting for review: a request and its one field, as submit.ts writes them. */
async function pendingChange(
  table: Table,
  siecleId: string,
  field: InfoSheetField,
  newValue: string,
) {
  const m = h!.p.db.manager;
  const [row] = (await m.query(
    `SELECT id, school_id AS "schoolId" FROM ${table} WHERE siecle_id = ?`,
    [siecleId],
  )) as { id: number; schoolId: number }[];
  const [link] = (await m.query(
    'SELECT student_id AS "studentId" FROM student_guardian WHERE guardian_id = ? ORDER BY student_id LIMIT 1',
    [row!.id],
  )) as { studentId: number }[];
  const ref =
    table === 'student'
      ? { studentId: row!.id, guardianId: null }
      : { studentId: link!.studentId, guardianId: row!.id };
  const at = h!.p.clock.now().toISOString();
  const { identifiers } = await m.getRepository(InfoSheetRequestEntity).insert({
    schoolId: row!.schoolId,
    ...ref,
    accountId: null,
    status: 'pending',
    openKey: openKeyOf(ref),
    version: 1,
    submittedAt: at,
    updatedAt: at,
    reviewedBy: null,
    reviewedAt: null,
    comment: '',
  });
  await m.getRepository(InfoSheetChangeEntity).insert({
    requestId: Number(identifiers[0]!.id),
    field,
    oldValue: '',
    newValue,
    status: 'pending',
    comment: '',
    exportId: null,
  });
}

async function staff<T>(name: string, input: unknown): Promise<ApiResult<T>> {
  return (await h!.p.dispatch(name, input, h!.token)) as ApiResult<T>;
}

async function acceptEverything() {
  for (const r of value<InfoSheetRequestView[]>(await staff('infoSheets.queue', {}))) {
    value(await staff('infoSheets.review', { id: r.id, version: r.version, all: 'accepted' }));
  }
}

/** The export's XML, as BEE will read it. */
async function exported(): Promise<string> {
  const made = value<InfoSheetExportView>(await staff('infoSheets.export', {}));
  const file = value<InfoSheetExportFile>(await staff('infoSheets.exportFile', { id: made.id }));
  const [xml] = Object.values(unzipSync(new Uint8Array(file.bytes)));
  return iconv.decode(Buffer.from(xml!), 'ISO-8859-15');
}

/** The first pupil with both guardians, and its légal 1 and 2 in the seed. */
function family(s: typeof seed) {
  const pupil = s.students.find(
    (x) =>
      x.divisionCode !== null &&
      s.links.some((l) => l.studentKey === x.key && l.legalRank === 1) &&
      s.links.some((l) => l.studentKey === x.key && l.legalRank === 2),
  )!;
  const rank = (r: 1 | 2) =>
    s.guardians.find(
      (g) =>
        g.key === s.links.find((l) => l.studentKey === pupil.key && l.legalRank === r)!.guardianKey,
    )!;
  return { pupil, legal1: rank(1), legal2: rank(2) };
}

describe('a guardian living abroad (CODE_PAYS kept from the import)', () => {
  it('SIECLE’s « BELGIQUE » and its code 131 go through the import, an accepted change and back to SIECLE, valid against the XSD', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const abroad = structuredClone(seed);
    const { legal2 } = family(abroad);
    Object.assign(legal2.address, {
      line1: '12 GRAND-PLACE',
      line2: '',
      postalCode: '',
      city: 'TOURNAI',
      country: 'BELGIQUE',
      countryCode: '131',
    });
    await h.importFiles(exportsOf(abroad, '2026-09-20'));
    const [held] = (await h.p.db.manager.query(
      'SELECT address_country AS country, address_country_code AS code FROM guardian WHERE siecle_id = ?',
      [legal2.key],
    )) as { country: string; code: string }[];
    expect(held).toEqual({ country: 'BELGIQUE', code: '131' });

    await pendingChange('guardian', legal2.key, 'phoneMobile', '+32 470 12 34 56');
    await acceptEverything();
    const xml = await exported();
    expect(xml).toContain('<COMMUNE_ETRANGERE>TOURNAI</COMMUNE_ETRANGERE>');
    expect(xml).toContain('<CODE_PAYS>131</CODE_PAYS>');
    expect(await xsdProblems(xml, SCHEMA)).toEqual([]);
  });

  it('a country the family typed (« Belgique ») is coded from its name; one Pupitre cannot code is refused, pupil and field named, nothing recorded', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const { legal1 } = family(seed);
    await h.importFiles(exportsOf(seed, '2026-09-20'));
    await pendingChange('guardian', legal1.key, 'country', 'Belgiqe');
    await acceptEverything();
    const refused = await staff('infoSheets.export', {});
    expect(refused.ok).toBe(false);
    const message = refused.ok ? '' : refused.error.message;
    expect(message).toContain(
      `${legal1.civility} ${legal1.lastName.toUpperCase()} ${legal1.firstName}, Pays : Pupitre ne connaît pas le code INSEE du pays « Belgiqe »`,
    );
    expect(value<InfoSheetExportView[]>(await staff('infoSheets.exports', {}))).toEqual([]);

    // The family writes it out; the secretariat accepts: the export now holds the code.
    await pendingChange('guardian', legal1.key, 'country', 'Belgique');
    await acceptEverything();
    const xml = await exported();
    expect(xml).toContain('<CODE_PAYS>131</CODE_PAYS>');
    expect(await xsdProblems(xml, SCHEMA)).toEqual([]);
  });
});

describe('what the export refuses names the pupil or guardian and the field', () => {
  async function refusal(): Promise<string> {
    const r = await staff('infoSheets.export', {});
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.error.message;
  }

  it('a typographic apostrophe is sent as SIECLE’s straight one; an emoji is refused, guardian and field named, and alone', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const { legal1 } = family(seed);
    await h.importFiles(exportsOf(seed, '2026-09-20'));
    await pendingChange('guardian', legal1.key, 'city', 'Chez nous 🏠 Besançon');
    await acceptEverything();
    const who = `${legal1.civility} ${legal1.lastName.toUpperCase()} ${legal1.firstName}`;
    const message = await refusal();
    expect(message).toContain(`${who}, Commune : SIECLE (ISO-8859-15) ne connaît pas « 🏠 » dans`);
    expect(message).not.toContain('« B »');

    await pendingChange('guardian', legal1.key, 'city', 'L’HAŸ-LES-ROSES');
    await acceptEverything();
    const xml = await exported();
    expect(xml).toContain('L&apos;HAŸ-LES-ROSES');
    expect(await xsdProblems(xml, SCHEMA)).toEqual([]);
  });

  it('what the XSD refuses is said in French with the pupil and the field, libxml’s text as the detail', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const { pupil } = family(seed);
    await h.importFiles(exportsOf(seed, '2026-09-20'));
    await pendingChange('student', pupil.key, 'phoneMobile', '06 12 34 56 78');
    await acceptEverything();
    // A date no calendar has, as an old database may hold one.
    await h.p.db.manager.query(`UPDATE student SET birth_date = '2013-02-30' WHERE siecle_id = ?`, [
      pupil.key,
    ]);
    expect(await refusal()).toBe(
      `Export refusé. Élève ${pupil.lastName.toUpperCase()} ${pupil.firstName}, Date de naissance : « 2013-02-30 » n’est pas une valeur que SIECLE accepte ici (détail : Element 'DATE_NAISS': '2013-02-30' is not a valid value of the atomic type 'xs:date'.)`,
    );
    expect(value<InfoSheetExportView[]>(await staff('infoSheets.exports', {}))).toEqual([]);
  });
});

describe('an accepted move of légal 1 reaches SIECLE for every pupil who follows it', () => {
  it('brothers and sisters « identique au responsable légal 1 » leave in the export with the new address', async () => {
    h = await emptySchoolHarness(seed.school.uai, 2026);
    const siblings = structuredClone(seed);
    const { pupil, legal1 } = family(siblings);
    const other = siblings.students.find(
      (x) =>
        x.key !== pupil.key &&
        x.divisionCode !== null &&
        siblings.links.some((l) => l.studentKey === x.key && l.legalRank === 1),
    )!;
    siblings.links.find((l) => l.studentKey === other.key && l.legalRank === 1)!.guardianKey =
      legal1.key;
    await h.importFiles(exportsOf(siblings, '2026-09-20'));
    // As SIECLE says it when the pupils' ADRESSE_ID is légal 1's.
    await h.p.db.manager.query(
      'UPDATE student SET address_same_as_guardian1 = ? WHERE siecle_id IN (?, ?)',
      [true, pupil.key, other.key],
    );
    await pendingChange('guardian', legal1.key, 'addressLine1', '3 RUE DES TILLEULS');
    await acceptEverything();
    expect(
      value<{ changeCount: number; studentCount: number }>(
        await staff('infoSheets.exportWaiting', {}),
      ),
    ).toEqual({ changeCount: 1, studentCount: 2 });
    const xml = await exported();
    const eleves = xml.split('<ELEVE>').slice(1);
    expect(eleves).toHaveLength(2);
    for (const e of eleves) {
      expect(e).toContain('<LIGNE1_ADRESSE>3 RUE DES TILLEULS</LIGNE1_ADRESSE>');
      expect(e).toContain('<HEBERGE_ELEVE>true</HEBERGE_ELEVE>');
    }
    expect(xml).toContain(`<NOM_DE_FAMILLE>${other.lastName}</NOM_DE_FAMILLE>`);
    expect(await xsdProblems(xml, SCHEMA)).toEqual([]);
  });
});
