import { resolve } from 'node:path';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { In } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { GuardianEntity, StudentEntity, StudentGuardianEntity } from '../../main/db/entities';
import type { GuardianRow, StudentRow } from '../../main/db/entities/rows';
import {
  readImportEleves,
  type ImportElevesAddress,
} from '../../main/services/siecle/importElevesReader';
import { xsdProblems } from '../../main/services/siecleExport/xsd';
import type { InfoSheetSubmitted } from '../../shared/api/portal';
import type { ApiResult } from '../../shared/api/result';
import type {
  InfoSheetExportFile,
  InfoSheetExportView,
  InfoSheetRequestView,
} from '../../shared/api/staff';
import { isFrance } from '../../shared/domain/infoSheet/postcode';
import {
  activateAccount,
  startPortalWorld,
  twoGuardianFamilies,
  type PortalWorld,
  type TwoGuardianFamily,
} from '../helpers/portal';
import { ADMIN_PASSWORD, loginToken } from '../helpers/pupitre';

// Issue 18, « Done when »: an export of several pupils validates against the XSD and reads
// back with the project's own SIECLE reader where the fields overlap. The families' changes go
// through the portal and the secretariat's review; the file is read back with the SIECLE
// reader's streaming parts (main/services/siecle/importElevesReader.ts) and compared, field by
// field, with the school's records after the accepted changes.

let w: PortalWorld;
let families: TwoGuardianFamily[];
let direction: string;
const tokens = new Map<number, string>();
const address = { address: '192.0.2.31' };

const ok = <T>(r: ApiResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
async function submit(accountId: number, child: number, values: object, guardian?: number) {
  const { result } = await w.p.portal.dispatch.handle(
    'portal.infoSheetSubmit',
    { child, guardian, values },
    tokens.get(accountId)!,
    address,
  );
  return ok(result as ApiResult<InfoSheetSubmitted>);
}
async function staff<T>(name: string, input: unknown) {
  const { result } = await w.p.dispatch.handle(name, input, direction, address);
  return ok(result as ApiResult<T>);
}

beforeAll(async () => {
  w = await startPortalWorld();
  await w.p.db.manager.query(`UPDATE school SET opened_services = 'notes,fiche_renseignements'`);
  const both = await twoGuardianFamilies(w.p, { placed: true });
  // Three pupils whose four guardians are theirs alone: each change belongs to one pupil.
  const seen = new Set<number>();
  families = both
    .filter((x) => {
      if (seen.has(x.g1) || seen.has(x.g2)) return false;
      seen.add(x.g1).add(x.g2);
      return true;
    })
    .slice(0, 3);
  expect(families).toHaveLength(3);
  for (const [i, fam] of families.entries()) {
    for (const id of [fam.a1, fam.a2]) {
      const account = await w.p.db.manager
        .getRepository(FamilyAccountEntity)
        .findOneByOrFail({ id });
      await activateAccount(w.p, id, `Tigre${i}Bleu7`, `${account.login}@example.fr`);
      const r = await w.p.portal.dispatch.handle(
        'portal.login',
        { login: account.login, password: `Tigre${i}Bleu7` },
        null,
        address,
      );
      tokens.set(id, r.issued!);
    }
  }
  // The demo school holds no SIECLE codes for régime and MEF; an imported school does.
  // Every pupil: brothers and sisters who follow légal 1's move leave in the export too.
  await w.p.db.manager.query(`UPDATE student SET regime_code = '2', mef_code = '10310019110'`);
  direction = await loginToken(w.p, 'direction', ADMIN_PASSWORD);
});
afterAll(async () => w?.cleanup());

async function acceptEverything() {
  for (const r of await staff<InfoSheetRequestView[]>('infoSheets.queue', {})) {
    await staff('infoSheets.review', { id: r.id, version: r.version, all: 'accepted' });
  }
}

function expectAddress(read: ImportElevesAddress | null, held: GuardianRow | StudentRow) {
  const france = isFrance(held.country);
  expect(read).toEqual({
    line1: held.addressLine1,
    line2: held.addressLine2,
    postalCode: france ? held.postalCode : '',
    city: held.city,
    countryCode: france ? '100' : held.country,
  });
}

describe('IMPORT_ELEVES read back (issue 18 « Done when »)', () => {
  it('three pupils, both guardians, phones, professions, addresses, accents in ISO-8859-15: each value read back is the school’s record after the accepted changes', async () => {
    const [one, two, three] = families as [TwoGuardianFamily, TwoGuardianFamily, TwoGuardianFamily];
    // Accents ISO-8859-15 holds and ISO-8859-1 does not (œ is 0xBD), through the fiche itself.
    await submit(one.a1, one.studentId, {
      lastName: 'Lœwy-Françon',
      firstName: 'Zoé',
      phoneMobile: '07 11 22 33 44',
      email: 'zoe.loewy@exemple.fr',
    });
    await submit(
      one.a1,
      one.studentId,
      {
        lastName: 'Cœurdevey',
        firstName: 'Hélène',
        professionCode: '33',
        addressLine1: "12 rue de l'Église",
        addressLine2: 'Bâtiment Œillet',
        postalCode: '25000',
        city: 'Besançon',
        phoneMobile: '06 98 76 54 32',
      },
      one.g1,
    );
    await submit(
      one.a2,
      one.studentId,
      { relationship: '39', phoneWork: '03 81 11 22 33', professionCode: '52' },
      one.g2,
    );
    await submit(
      two.a1,
      two.studentId,
      { email: 'parent.deux@exemple.fr', phoneHome: '03 20 00 00 00' },
      two.g1,
    );
    await submit(
      two.a2,
      two.studentId,
      {
        addressLine1: '4 place Saint-François',
        addressLine2: '',
        postalCode: '69003',
        city: 'Lyon',
        phoneMobile: '+41 22 123 45 67',
      },
      two.g2,
    );
    await submit(three.a2, three.studentId, { phoneHome: '01 40 00 00 00' });
    await submit(three.a1, three.studentId, { professionCode: '99', acceptsSms: '0' }, three.g1);
    await acceptEverything();

    const made = await staff<InfoSheetExportView>('infoSheets.export', {});
    const file = await staff<InfoSheetExportFile>('infoSheets.exportFile', { id: made.id });
    const name = made.fileName.replace(/\.zip$/, '.xml');
    const bytes = unzipSync(file.bytes)[name]!;
    const xml = iconv.decode(Buffer.from(bytes), 'ISO-8859-15');
    expect(await xsdProblems(xml, resolve('assets/siecle/schema_Import_3.1.xsd'))).toEqual([]);
    // œ is 0xBD in ISO-8859-15: written as one byte, not as UTF-8's two.
    expect(Buffer.from(bytes).includes(Buffer.from('L\xBDwy', 'latin1'))).toBe(true);

    const read = await readImportEleves(name, bytes);
    const [school] = (await w.p.db.manager.query('SELECT uai FROM school')) as { uai: string }[];
    expect(read).toMatchObject({ uaj: school!.uai, number: '1', software: 'PUPITRE' });

    const m = w.p.db.manager;
    // The three pupils, and those whose address is « identique » to that of a légal 1 who moved.
    const followers = await m.getRepository(StudentGuardianEntity).findBy({
      guardianId: one.g1,
      legalRank: 1,
    });
    const following = await m.getRepository(StudentEntity).findBy({
      id: In(followers.map((l) => l.studentId)),
      addressSameAsGuardian1: true,
    });
    const ids = [...new Set([...families.map((x) => x.studentId), ...following.map((s) => s.id)])];
    const students = await m.getRepository(StudentEntity).findBy({ id: In(ids) });
    const links = await m
      .getRepository(StudentGuardianEntity)
      .findBy({ studentId: In(ids), legalRank: In([1, 2]) });
    const guardians = await m
      .getRepository(GuardianEntity)
      .findBy({ id: In(links.map((l) => l.guardianId)) });
    expect(read.pupils.map((p) => Number(p.id)).sort()).toEqual([...ids].sort());
    expect(read.persons.map((p) => Number(p.id)).sort()).toEqual(guardians.map((g) => g.id).sort());

    // The values the families typed are the school's now (the comparison below is not
    // between two unchanged copies).
    const s1 = students.find((s) => s.id === one.studentId)!;
    expect([s1.lastName, s1.firstName, s1.phoneMobile]).toEqual([
      'Lœwy-Françon',
      'Zoé',
      '07 11 22 33 44',
    ]);
    expect(guardians.find((g) => g.id === one.g1)).toMatchObject({
      lastName: 'Cœurdevey',
      city: 'Besançon',
      professionCode: '33',
    });

    for (const s of students) {
      const p = read.pupils.find((x) => x.id === String(s.id))!;
      expect(p).toMatchObject({
        ine: s.ine,
        lastName: s.lastName,
        firstName: s.firstName,
        firstName2: s.firstName2,
        firstName3: s.firstName3,
        birthDate: s.birthDate,
        sexCode: s.sex === 'M' ? '1' : '2',
        birthCity: s.birthCommune,
        phoneHome: s.phoneHome,
        phoneMobile: s.phoneMobile,
        email: s.email,
        regimeCode: s.regimeCode,
        mefCode: s.mefCode,
      });
      if (s.addressLine1 || s.city) expectAddress(p.address, s);
      else expect(p.address).toBeNull();
      const held = links
        .filter((l) => l.studentId === s.id)
        .sort((a, b) => (a.legalRank ?? 0) - (b.legalRank ?? 0));
      expect(p.legals).toEqual(
        held.map((l) => ({
          personId: String(l.guardianId),
          relationshipCode: l.relationship,
          hostsPupil: l.legalRank === 1 && s.addressSameAsGuardian1,
        })),
      );
    }
    expect(links.find((l) => l.guardianId === one.g2)!.relationship).toBe('39');

    for (const g of guardians) {
      const p = read.persons.find((x) => x.id === String(g.id))!;
      expect(p).toMatchObject({
        civilityCode: g.civility === 'M.' ? '1' : '2',
        lastName: g.lastName,
        firstName: g.firstName,
        sharesAddress: g.sharesAddress,
        professionCode: g.professionCode || '99',
        phoneHome: g.phoneHome,
        phoneWork: g.phoneWork,
        phoneMobile: g.phoneMobile,
        acceptsSms: g.acceptsSms,
        email: g.email,
      });
      expectAddress(p.address, g);
    }
  });

  it('another root is refused by name', async () => {
    const bytes = iconv.encode(
      '<?xml version="1.0" encoding="ISO-8859-15"?><BEE_ELEVES/>',
      'latin1',
    );
    await expect(readImportEleves('x.xml', bytes)).rejects.toThrow(
      'Le fichier x.xml n’est pas un flux IMPORT_ELEVES (élément racine BEE_ELEVES).',
    );
  });
});
