import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { IsNull } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailOutboxEntity } from '../../main/db/entities/mail';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { InfoSheetRequestEntity } from '../../main/db/entities/infoSheets';
import { MINUTE } from '../../main/services/clock';
import { ALREADY_HANDLED, createInfoSheetSubmission } from '../../main/services/infoSheets/submit';
import type { InfoSheetSubmitted, InfoSheetView } from '../../shared/api/portal';
import type { ApiResult } from '../../shared/api/result';
import type {
  InfoSheetExportFile,
  InfoSheetExportView,
  InfoSheetExportWaiting,
  InfoSheetRequestView,
} from '../../shared/api/staff';
import { xsdProblems } from '../../main/services/siecleExport/xsd';
import { readSiecleExport } from '../../main/services/siecle/readExport';
import {
  activateAccount,
  startPortalWorld,
  twoGuardianFamilies,
  type PortalWorld,
  type TwoGuardianFamily,
} from '../helpers/portal';
import { ADMIN_PASSWORD, createStaffUser, loginToken } from '../helpers/pupitre';

// Issue 18: families correct the fiche de renseignements, staff review each field (seed 003
// §3.3, SPEC §7). A real SQLite file, the real dispatchers on both sides.

let w: PortalWorld;
let f: TwoGuardianFamily;
let joint: TwoGuardianFamily;
const tokens = new Map<number, string>();
let direction: string;
let secretariat: string;

const address = { address: '192.0.2.30' };
async function family<T>(accountId: number, name: string, input: unknown) {
  const { result } = await w.p.portal.dispatch.handle(name, input, tokens.get(accountId)!, address);
  return result as ApiResult<T>;
}
async function staff<T>(token: string, name: string, input: unknown) {
  const { result } = await w.p.dispatch.handle(name, input, token, address);
  return result as ApiResult<T>;
}
const ok = <T>(r: ApiResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const submit = (accountId: number, child: number, values: object, guardian?: number) =>
  family<InfoSheetSubmitted>(accountId, 'portal.infoSheetSubmit', { child, guardian, values });
const queue = async (divisionId?: number) =>
  ok(await staff<InfoSheetRequestView[]>(direction, 'infoSheets.queue', { divisionId }));

async function login(accountId: number, password: string) {
  const account = await w.p.db.manager
    .getRepository(FamilyAccountEntity)
    .findOneByOrFail({ id: accountId });
  await activateAccount(w.p, accountId, password, `${account.login}@example.fr`);
  const r = await w.p.portal.dispatch.handle(
    'portal.login',
    { login: account.login, password },
    null,
    address,
  );
  tokens.set(accountId, r.issued!);
}

beforeAll(async () => {
  w = await startPortalWorld();
  await w.p.db.manager.query(`UPDATE school SET opened_services = 'notes,fiche_renseignements'`);
  const both = await twoGuardianFamilies(w.p, { placed: true });
  f = both[0]!;
  joint = both.find((x) => x.divisionId !== f.divisionId && x.a1 !== f.a1 && x.a2 !== f.a2)!;
  for (const [i, id] of [f.a1, f.a2, joint.a1].entries()) await login(id, `Tigre${i}Bleu7`);
  // A compte joint: légal 2's account regrouped into légal 1's (SPEC §4.4).
  await w.p.db.manager
    .getRepository(FamilyAccountEntity)
    .update(joint.a2, { mergedIntoId: joint.a1, state: 'closed', closedReason: 'merged' });
  direction = await loginToken(w.p, 'direction', ADMIN_PASSWORD);
  secretariat = (await createStaffUser(w.p, direction, 'secretaire', 'secretariat')).token;
});
afterAll(async () => w?.cleanup());

describe('the family submits (seed 003 §3.3)', () => {
  it('légal 1 changes the pupil’s mobile and their own profession: two requests wait, old → new', async () => {
    const pupil = ok(await submit(f.a1, f.studentId, { phoneMobile: '+33 6 98 76 54 32' }));
    expect(pupil.status).toBe('pending');
    expect(pupil.changes).toEqual([
      expect.objectContaining({ field: 'phoneMobile', newValue: '06 98 76 54 32' }),
    ]);
    w.p.clock.advance(MINUTE);
    const own = ok(await submit(f.a1, f.studentId, { professionCode: '33' }, f.g1));
    expect(own.changes.map((c) => [c.label, c.newValue])).toEqual([
      ['Profession ou catégorie socio-professionnelle', '33'],
    ]);
  });

  it('« les deux parents peuvent mettre à jour les données de l’élève mais pas simultanément »', async () => {
    const r = await submit(f.a2, f.studentId, { phoneHome: '03 81 00 00 00' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'conflict' });
    expect(!r.ok && r.error.message).toContain('envoyée par l’autre responsable, attend');
    // Légal 2's own record is theirs to change meanwhile.
    expect(ok(await submit(f.a2, f.studentId, { phoneWork: '03 81 11 22 33' }, f.g2)).status).toBe(
      'pending',
    );
  });

  it('the fiche shows a pending change as pending to its sender, and to the other guardian only that one waits', async () => {
    const view = async (accountId: number) =>
      ok(await family<InfoSheetView>(accountId, 'portal.infoSheet', { child: f.studentId }));
    const mine = (await view(f.a1)).records[0]!;
    expect(mine.blockedBecause).toBeNull();
    expect(mine.fields.find((x) => x.field === 'phoneMobile')!.pending).toBe('06 98 76 54 32');
    expect(mine.locked.map((x) => x.reason)).toContain(
      'Le régime n’est pas modifiable : pour signaler un changement de régime, contactez l’établissement.',
    );
    const theirs = await view(f.a2);
    expect(theirs.records[0]!.blockedBecause).toContain('envoyée par l’autre responsable');
    expect(theirs.records[0]!.fields.every((x) => x.pending === null)).toBe(true);
    // Légal 2 sees the pupil and their own record, never légal 1's.
    expect(theirs.records.map((x) => x.guardianId)).toEqual([null, f.g2]);
  });

  it('« en cas de mise à jour successive d’un même champ, seule la dernière modification est conservée »', async () => {
    const again = ok(
      await submit(f.a1, f.studentId, { phoneMobile: '07 11 22 33 44', email: 'eleve@exemple.fr' }),
    );
    expect(again.changes.map((c) => [c.field, c.newValue])).toEqual([
      ['phoneMobile', '07 11 22 33 44'],
      ['email', 'eleve@exemple.fr'],
    ]);
    const requests = await w.p.db.manager
      .getRepository(InfoSheetRequestEntity)
      .findBy({ studentId: f.studentId, guardianId: IsNull() });
    expect(requests.filter((r) => r.status === 'pending')).toHaveLength(1);
    // Taking the e-mail back to the school's value drops that change, the mobile stays.
    const [before] = (await w.p.db.manager.query('SELECT email FROM student WHERE id = ?', [
      f.studentId,
    ])) as { email: string }[];
    const back = ok(await submit(f.a1, f.studentId, { email: before!.email }));
    expect(back.changes.map((c) => c.field)).toEqual(['phoneMobile']);
  });

  it('a submission that changes nothing closes itself', async () => {
    const [g] = (await w.p.db.manager.query('SELECT phone_work FROM guardian WHERE id = ?', [
      f.g2,
    ])) as { phone_work: string }[];
    const closed = ok(await submit(f.a2, f.studentId, { phoneWork: g!.phone_work }, f.g2));
    expect(closed).toEqual({ status: 'closed', changes: [] });
    const closedRows = await w.p.db.manager
      .getRepository(InfoSheetRequestEntity)
      .countBy({ guardianId: f.g2, status: 'closed' });
    expect(closedRows).toBe(1);
    // Submitting the record as it stands, with nothing waiting, opens nothing.
    expect(ok(await submit(f.a2, f.studentId, { phoneWork: g!.phone_work }, f.g2))).toEqual({
      status: 'closed',
      changes: [],
    });
    expect(
      await w.p.db.manager.getRepository(InfoSheetRequestEntity).countBy({ guardianId: f.g2 }),
    ).toBe(1);
    expect(
      await w.p.db.manager
        .getRepository(InfoSheetRequestEntity)
        .countBy({ guardianId: f.g2, status: 'pending' }),
    ).toBe(0);
  });

  it('bad input: French errors field by field, régime refused with its reason, nothing stored', async () => {
    const r = await submit(f.a1, f.studentId, {
      phoneHome: '12',
      birthDate: '31/02/2012',
      regime: 'interne',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.fields).toEqual({
      phoneHome: expect.stringContaining('Tél. domicile : numéro invalide'),
      birthDate: 'Né(e) le : une date réelle, JJ/MM/AAAA.',
      regime:
        'Le régime n’est pas modifiable : pour signaler un changement de régime, contactez l’établissement.',
    });
    const pending = (await queue()).find(
      (q) => q.studentId === f.studentId && q.record === 'student',
    );
    expect(pending!.changes.map((c) => c.field)).toEqual(['phoneMobile']);
  });

  it('hidden fields tampered with Object.prototype names are refused, nothing stored', async () => {
    const before = await w.p.db.manager.getRepository(InfoSheetRequestEntity).count();
    const pupil = await submit(f.a1, f.studentId, { sex: 'hasOwnProperty' });
    expect(pupil.ok).toBe(false);
    if (pupil.ok) return;
    expect(pupil.error.fields).toEqual({
      sex: 'Sexe : choisissez masculin ou féminin dans la liste.',
    });
    const own = await submit(
      f.a1,
      f.studentId,
      { civility: 'constructor', relationship: 'toString', professionCode: '__proto__' },
      f.g1,
    );
    expect(own.ok).toBe(false);
    if (own.ok) return;
    expect(Object.keys(own.error.fields ?? {}).sort()).toEqual([
      'civility',
      'professionCode',
      'relationship',
    ]);
    expect(await w.p.db.manager.getRepository(InfoSheetRequestEntity).count()).toBe(before);
  });

  it('a compte joint edits both guardians’ records (seed 004)', async () => {
    ok(await submit(joint.a1, joint.studentId, { phoneWork: '01 40 00 00 01' }, joint.g1));
    const other = ok(
      await submit(joint.a1, joint.studentId, { phoneWork: '01 40 00 00 02' }, joint.g2),
    );
    expect(other.status).toBe('pending');
    // The browser may fill only the holder's own record from its profile, never the other's.
    const sheet = ok(
      await family<InfoSheetView>(joint.a1, 'portal.infoSheet', { child: joint.studentId }),
    );
    expect(sheet.records.map((r) => [r.guardianId, r.holderOwn])).toEqual([
      [null, false],
      [joint.g1, true],
      [joint.g2, false],
    ]);
  });
});

describe('staff review (issue 18 §2)', () => {
  it('the queue is oldest first, and filters by division', async () => {
    const all = await queue();
    expect(all.map((r) => r.submittedAt)).toEqual([...all.map((r) => r.submittedAt)].sort());
    expect(all[0]).toMatchObject({
      studentId: f.studentId,
      record: 'student',
      recordLabel: 'Élève',
    });
    const mine = await queue(f.divisionId);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.divisionCode === all[0]!.divisionCode)).toBe(true);
    expect(mine.some((r) => r.studentId === joint.studentId)).toBe(false);
  });

  it('two staff review the same request at once: exactly one succeeds, the other is told', async () => {
    const request = (await queue()).find(
      (r) => r.studentId === f.studentId && r.record === 'student',
    )!;
    const input = { id: request.id, version: request.version, all: 'accepted' };
    const answers = await Promise.all([
      staff<InfoSheetRequestView>(direction, 'infoSheets.review', input),
      staff<InfoSheetRequestView>(secretariat, 'infoSheets.review', input),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    const lost = answers.find((a) => !a.ok)!;
    expect(!lost.ok && lost.error).toEqual({
      code: 'conflict',
      message: 'Cette demande a déjà été traitée par quelqu’un d’autre : rechargez la liste.',
    });
    const [s] = (await w.p.db.manager.query('SELECT phone_mobile FROM student WHERE id = ?', [
      f.studentId,
    ])) as { phone_mobile: string }[];
    expect(s!.phone_mobile).toBe('07 11 22 33 44');
    // The pupil's record is free again: légal 2 may now submit.
    expect(ok(await submit(f.a2, f.studentId, { phoneHome: '03 81 00 00 00' })).status).toBe(
      'pending',
    );
  });

  it('accept one field, refuse another with a comment: one transaction, one e-mail saying both', async () => {
    ok(
      await submit(f.a1, f.studentId, { phoneWork: '03 20 00 00 00', professionCode: '33' }, f.g1),
    );
    const request = (await queue()).find((r) => r.guardianId === f.g1)!;
    const phone = request.changes.find((c) => c.field === 'phoneWork')!;
    const job = request.changes.find((c) => c.field === 'professionCode')!;
    expect(job.newShown).toBe('Cadres de la fonction publique');
    const done = ok(
      await staff<InfoSheetRequestView>(secretariat, 'infoSheets.review', {
        id: request.id,
        version: request.version,
        decisions: [
          { changeId: phone.id, decision: 'accepted' },
          { changeId: job.id, decision: 'refused', comment: 'Justificatif demandé' },
        ],
        comment: 'Merci.',
      }),
    );
    expect(done.changes.map((c) => [c.field, c.status, c.comment])).toEqual([
      ['professionCode', 'refused', 'Justificatif demandé'],
      ['phoneWork', 'accepted', ''],
    ]);
    const [g] = (await w.p.db.manager.query(
      'SELECT phone_work, profession_code FROM guardian WHERE id = ?',
      [f.g1],
    )) as { phone_work: string; profession_code: string }[];
    expect(g!.phone_work).toBe('03 20 00 00 00');
    expect(g!.profession_code).not.toBe('33');
    const account = await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: f.a1 });
    const mails = await w.p.db.manager.getRepository(MailOutboxEntity).find({
      where: { toAddress: account.email, template: 'info-sheet-reviewed' },
      order: { id: 'ASC' },
    });
    expect(mails).toHaveLength(2);
    const text = w.p.mailer.openBody(mails[1]!.textBody);
    expect(text).toContain('de votre fiche de responsable');
    expect(text).toContain('Modifications acceptées\u00a0:\n– Tél. travail');
    expect(text).toContain(
      'Modifications refusées\u00a0:\n– Profession ou catégorie socio-professionnelle (Justificatif demandé)',
    );
    expect(text).toContain('Merci.');
    const first = w.p.mailer.openBody(mails[0]!.textBody);
    expect(first).toContain('Modifications acceptées\u00a0:\n– Tél. mobile');
    const audit = (await w.p.db.manager.query(
      `SELECT details FROM audit_log WHERE action = 'infoSheet.review' ORDER BY id`,
    )) as { details: string }[];
    expect(audit).toHaveLength(2);
    // Field names in the journal, never the family's values.
    expect(audit[1]!.details).toContain('Tél. travail');
    expect(audit[1]!.details).not.toContain('03 20 00 00 00');
  });

  it('a review of a version the family has since changed is refused, and changes nothing', async () => {
    const request = (await queue()).find((r) => r.guardianId === joint.g1)!;
    ok(await submit(joint.a1, joint.studentId, { phoneWork: '01 40 00 00 09' }, joint.g1));
    const r = await staff(direction, 'infoSheets.review', {
      id: request.id,
      version: request.version,
      all: 'accepted',
    });
    expect(!r.ok && r.error.message).toBe(
      'La famille a modifié cette demande depuis que vous l’avez ouverte : rechargez-la avant de la traiter.',
    );
    const [g] = (await w.p.db.manager.query('SELECT phone_work FROM guardian WHERE id = ?', [
      joint.g1,
    ])) as { phone_work: string }[];
    expect(g!.phone_work).not.toBe('01 40 00 00 09');
  });

  it('every change needs a decision', async () => {
    const request = (await queue()).find((r) => r.guardianId === joint.g2)!;
    const r = await staff(direction, 'infoSheets.review', {
      id: request.id,
      version: request.version,
    });
    expect(!r.ok && r.error).toMatchObject({
      code: 'invalid_input',
      fields: { phoneWork: 'Tél. travail : acceptez ou refusez ce changement.' },
    });
    expect((await queue()).some((q) => q.id === request.id)).toBe(true);
  });
});

describe('a compte joint’s review', () => {
  it('the holder is told whose record it was: the other guardian’s, by name', async () => {
    const request = (await queue()).find((r) => r.guardianId === joint.g2)!;
    ok(
      await staff(direction, 'infoSheets.review', {
        id: request.id,
        version: request.version,
        all: 'refused',
      }),
    );
    const holder = await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: joint.a1 });
    const [g2] = (await w.p.db.manager.query(
      'SELECT civility, first_name AS "firstName", last_name AS "lastName" FROM guardian WHERE id = ?',
      [joint.g2],
    )) as { civility: string; firstName: string; lastName: string }[];
    const [mail] = await w.p.db.manager.getRepository(MailOutboxEntity).find({
      where: { toAddress: holder.email, template: 'info-sheet-reviewed' },
      order: { id: 'DESC' },
      take: 1,
    });
    const text = w.p.mailer.openBody(mail!.textBody);
    expect(text).toContain(
      `de la fiche de responsable de ${`${g2!.civility} ${g2!.firstName} ${g2!.lastName}`.trim()}`,
    );
    expect(text).toContain('Modifications refusées\u00a0:\n– Tél. travail');
  });
});

describe('back to SIECLE: the « import privé » (issue 18 §3)', () => {
  const exportNow = () => staff<InfoSheetExportView>(direction, 'infoSheets.export', {});
  // The demo school holds no SIECLE codes for régime and MEF; an imported school does.
  beforeAll(async () => {
    await w.p.db.manager.query(
      `UPDATE student SET regime_code = '2', mef_code = '10310019110' WHERE id IN (?, ?)`,
      [f.studentId, joint.studentId],
    );
  });

  it('accepted changes since the last export leave as one valid zip, NUM_ENVOI counting', async () => {
    const waiting = () => staff<InfoSheetExportWaiting>(direction, 'infoSheets.exportWaiting', {});
    expect(ok(await waiting())).toEqual({ changeCount: 2, studentCount: 1 });
    const first = ok(await exportNow());
    expect(ok(await waiting())).toEqual({ changeCount: 0, studentCount: 0 });
    const [school] = (await w.p.db.manager.query('SELECT uai FROM school')) as { uai: string }[];
    expect(first.number).toBe(1);
    expect(first.fileName).toMatch(new RegExp(`^${school!.uai}PRIVE2026\\d{14}\\.zip$`));
    expect(first.changeCount).toBe(2);
    const file = ok(
      await staff<InfoSheetExportFile>(direction, 'infoSheets.exportFile', { id: first.id }),
    );
    expect(file.fileName).toBe(first.fileName);
    // The zip holds pupils' records: downloading it again is journaled, its content is not.
    const [journaled] = (await w.p.db.manager.query(
      `SELECT details FROM audit_log WHERE action = 'infoSheet.exportDownload'`,
    )) as { details: string }[];
    expect(JSON.parse(journaled!.details)).toEqual({ envoi: 1, fichier: first.fileName });
    const files = unzipSync(file.bytes);
    const name = first.fileName.replace(/\.zip$/, '.xml');
    expect(Object.keys(files)).toEqual([name]);
    const xml = iconv.decode(Buffer.from(files[name]!), 'ISO-8859-15');
    expect(xml).toContain('<TEL_PORTABLE>07 11 22 33 44</TEL_PORTABLE>');
    expect(xml).toContain('<TEL_PROFESSIONNEL>03 20 00 00 00</TEL_PROFESSIONNEL>');
    expect(xml).toContain('<NUM_ENVOI>1</NUM_ENVOI>');
    expect(await xsdProblems(xml, resolve('assets/siecle/schema_Import_3.1.xsd'))).toEqual([]);
    // The project's own SIECLE reader opens the zip and decodes its declared ISO-8859-15 down
    // to the root, which it then names: it reads exports from SIECLE, not flows back to it.
    const onDisk = join(w.p.dir, first.fileName);
    writeFileSync(onDisk, file.bytes);
    await expect(readSiecleExport(first.fileName, onDisk)).rejects.toThrow(
      `Le fichier ${name} (dans ${first.fileName}) n’est pas un export SIECLE reconnu (élément racine IMPORT_ELEVES)`,
    );
    // Nothing new accepted: nothing to send.
    const again = await exportNow();
    expect(!again.ok && again.error.message).toBe(
      'Aucun changement accepté depuis le dernier export.',
    );
  });

  it('a required value missing: refused with the pupil and the field named, nothing recorded', async () => {
    const request = (await queue()).find(
      (r) => r.studentId === f.studentId && r.record === 'student',
    )!;
    ok(
      await staff(direction, 'infoSheets.review', {
        id: request.id,
        version: request.version,
        all: 'accepted',
      }),
    );
    await w.p.db.manager.query(`UPDATE student SET mef_code = '' WHERE id = ?`, [f.studentId]);
    const refused = await exportNow();
    expect(!refused.ok && refused.error.code).toBe('invalid_input');
    expect(!refused.ok && refused.error.message).toMatch(
      /^Export refusé\. .+, MEF : valeur manquante\./,
    );
    expect(
      ok(await staff<InfoSheetExportView[]>(direction, 'infoSheets.exports', {})),
    ).toHaveLength(1);
    await w.p.db.manager.query(`UPDATE student SET mef_code = '10310019110' WHERE id = ?`, [
      f.studentId,
    ]);
    const second = ok(await exportNow());
    expect(second).toMatchObject({ number: 2, changeCount: 1 });
    expect(
      ok(await staff<InfoSheetExportView[]>(direction, 'infoSheets.exports', {})).map(
        (e) => e.number,
      ),
    ).toEqual([2, 1]);
  });
});

describe('an accepted move of légal 1', () => {
  it('a pupil whose address is « identique à celle du responsable légal 1 » follows it', async () => {
    await w.p.db.manager.query('UPDATE student SET address_same_as_guardian1 = ? WHERE id = ?', [
      true,
      joint.studentId,
    ]);
    ok(
      await submit(
        joint.a1,
        joint.studentId,
        {
          addressLine1: '3 rue Neuve',
          addressLine2: '',
          postalCode: '25000',
          city: 'BESANÇON',
          country: 'FRANCE',
        },
        joint.g1,
      ),
    );
    const request = (await queue()).find((r) => r.guardianId === joint.g1)!;
    expect(request.changes.map((c) => c.field)).toContain('addressLine1');
    ok(
      await staff(secretariat, 'infoSheets.review', {
        id: request.id,
        version: request.version,
        all: 'accepted',
      }),
    );
    const [s] = (await w.p.db.manager.query(
      'SELECT address_line1, address_postal_code, address_city FROM student WHERE id = ?',
      [joint.studentId],
    )) as { address_line1: string; address_postal_code: string; address_city: string }[];
    expect(s).toEqual({
      address_line1: '3 rue Neuve',
      address_postal_code: '25000',
      address_city: 'BESANÇON',
    });
  });
});

describe('a guardian of two children', () => {
  it('the lien de parenté waits while a request from the other child’s fiche waits', async () => {
    const [g] = (await w.p.db.manager.query(
      `SELECT a.id AS "accountId", a.guardian_id AS "guardianId",
              MIN(l.student_id) AS c1, MAX(l.student_id) AS c2
         FROM family_account a JOIN student_guardian l ON l.guardian_id = a.guardian_id
        WHERE a.id NOT IN (?, ?, ?, ?)
        GROUP BY a.id, a.guardian_id HAVING COUNT(*) >= 2 ORDER BY a.id LIMIT 1`,
      [f.a1, f.a2, joint.a1, joint.a2],
    )) as { accountId: number; guardianId: number; c1: number; c2: number }[];
    await login(g!.accountId, 'Lama5Orange');
    ok(await submit(g!.accountId, g!.c1, { phoneWork: '01 45 00 00 00' }, g!.guardianId));
    const [link] = (await w.p.db.manager.query(
      'SELECT relationship FROM student_guardian WHERE student_id = ? AND guardian_id = ?',
      [g!.c2, g!.guardianId],
    )) as { relationship: string }[];
    const r = await submit(
      g!.accountId,
      g!.c2,
      { relationship: link!.relationship === '50' ? '90' : '50' },
      g!.guardianId,
    );
    expect(!r.ok && r.error.fields?.relationship).toContain(
      'une demande envoyée depuis la fiche d’un autre de vos enfants attend',
    );
    // The rest of the record folds into the waiting request, whichever child's fiche.
    const folded = ok(
      await submit(g!.accountId, g!.c2, { phoneWork: '01 45 00 00 01' }, g!.guardianId),
    );
    expect(folded.changes.map((c) => c.newValue)).toEqual(['01 45 00 00 01']);
  });
});

describe('a guardian with no profession on file', () => {
  it('changes a phone with the whole form sent, the empty profession with it, without picking one', async () => {
    await w.p.db.manager.query(`UPDATE guardian SET profession_code = '' WHERE id = ?`, [joint.g1]);
    const form = { professionCode: '', relationship: '', phoneMobile: '06 55 44 33 22' };
    const [link] = (await w.p.db.manager.query(
      'SELECT relationship FROM student_guardian WHERE student_id = ? AND guardian_id = ?',
      [joint.studentId, joint.g1],
    )) as { relationship: string }[];
    await w.p.db.manager.query(
      `UPDATE student_guardian SET relationship = '' WHERE student_id = ? AND guardian_id = ?`,
      [joint.studentId, joint.g1],
    );
    const sent = ok(await submit(joint.a1, joint.studentId, form, joint.g1));
    expect(sent.changes.map((c) => [c.field, c.newValue])).toContainEqual([
      'phoneMobile',
      '06 55 44 33 22',
    ]);
    expect(sent.changes.map((c) => c.field)).not.toContain('professionCode');
    expect(sent.changes.map((c) => c.field)).not.toContain('relationship');
    // A code the school holds is still not the family's to empty.
    await w.p.db.manager.query(`UPDATE guardian SET profession_code = '52' WHERE id = ?`, [
      joint.g1,
    ]);
    const emptied = await submit(joint.a1, joint.studentId, { professionCode: '' }, joint.g1);
    expect(!emptied.ok && emptied.error.fields?.professionCode).toBe(
      'Profession ou catégorie socio-professionnelle : choisissez une valeur de la liste.',
    );
    await w.p.db.manager.query(
      `UPDATE student_guardian SET relationship = ? WHERE student_id = ? AND guardian_id = ?`,
      [link!.relationship, joint.studentId, joint.g1],
    );
  });
});

describe('a family edit and a staff review at the same moment', () => {
  it('a review committed between the family’s read and write is not undone: the family is told', async () => {
    const [row] = (await w.p.db.manager.query(
      `SELECT a.id AS "accountId", a.login, a.school_id AS "schoolId", l.student_id AS "studentId"
         FROM family_account a JOIN student_guardian l ON l.guardian_id = a.guardian_id
        WHERE l.legal_rank = 1 AND a.id NOT IN (?, ?, ?) ORDER BY a.id LIMIT 1`,
      [f.a1, f.a2, joint.a1],
    )) as { accountId: number; login: string; schoolId: number; studentId: number }[];
    const actor = { role: 'guardian' as const, sessionId: 0, stage: 'home' as const, ...row! };
    // Another workstation's review, as it lands: the request reviewed, its version moved.
    let reviewElsewhere = false;
    const submit = createInfoSheetSubmission({
      db: w.p.db,
      clock: w.p.clock,
      afterRead: async (m) => {
        if (!reviewElsewhere) return;
        await m.query(
          `UPDATE info_sheet_request SET status = 'reviewed', open_key = NULL, version = version + 1
            WHERE student_id = ? AND status = 'pending'`,
          [row!.studentId],
        );
      },
    });
    const child = row!.studentId;
    expect((await submit(actor, { child, values: { phoneHome: '03 81 40 40 40' } })).status).toBe(
      'pending',
    );
    reviewElsewhere = true;
    await expect(submit(actor, { child, values: { phoneHome: '03 81 40 40 41' } })).rejects.toThrow(
      ALREADY_HANDLED,
    );
    const [change] = (await w.p.db.manager.query(
      `SELECT c.new_value AS "newValue" FROM info_sheet_change c
         JOIN info_sheet_request r ON r.id = c.request_id WHERE r.student_id = ?`,
      [child],
    )) as { newValue: string }[];
    expect(change!.newValue).toBe('03 81 40 40 40');

    // The review screen says whether the holder will get an e-mail: an account with no
    // address, or one that refused e-mails, is not told « un courriel en informe la famille ».
    const accounts = w.p.db.manager.getRepository(FamilyAccountEntity);
    const shown = async () =>
      (await queue()).find((r) => r.studentId === child && r.record === 'student')!.holderMail;
    await accounts.update(row!.accountId, { email: 'famille@example.fr', noEmail: false });
    expect(await shown()).toBe('email');
    await accounts.update(row!.accountId, { noEmail: true });
    expect(await shown()).toBe('no_email');
    await accounts.update(row!.accountId, { email: '', noEmail: false });
    expect(await shown()).toBe('no_email');
  });
});
