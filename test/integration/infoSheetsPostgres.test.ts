import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPupitre, type Pupitre } from '../../main/bootstrap';
import { openDatabase, type Database } from '../../main/db/database';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { fixedClock } from '../../main/services/clock';
import type { StaffActor } from '../../main/services/context';
import { unexportedInfoSheetWarnings } from '../../main/services/infoSheets/importConflicts';
import { createInfoSheetReview } from '../../main/services/infoSheets/review';
import { ALREADY_HANDLED, createInfoSheetSubmission } from '../../main/services/infoSheets/submit';
import { createInfoSheetExport } from '../../main/services/siecleExport/exportService';
import type { InfoSheetRequestView } from '../../shared/api/staff';
import { ADMIN_PASSWORD, TEST_NOW, testHasher, value } from '../helpers/pupitre';
import { emptyPostgres } from '../helpers/postgres';

// Two workstations on one PostgreSQL database (académie-wide installs) review the same fiche
// request at the same instant: each process has its own connection pool and transaction
// queue, so only the version in the UPDATE's WHERE clause keeps one of them from winning
// twice (issue 18 §2). Runs where PUPITRE_TEST_POSTGRES_URL names a database it may wipe.
const url = process.env.PUPITRE_TEST_POSTGRES_URL;

describe.skipIf(!url)('fiche de renseignements on PostgreSQL', () => {
  let p: Pupitre;
  let other: Database;
  let dir: string;

  /** The demo school's direction as the services take it, without a session. */
  async function directionActor(): Promise<StaffActor> {
    const [direction] = (await p.db.manager.query(
      `SELECT id, school_id AS "schoolId" FROM staff_user WHERE login = 'direction'`,
    )) as { id: number; schoolId: number }[];
    return {
      sessionId: 1,
      userId: direction!.id,
      schoolId: direction!.schoolId,
      role: 'direction',
      login: 'direction',
      displayName: 'Direction',
      mustChangePassword: false,
    };
  }

  beforeAll(async () => {
    await emptyPostgres(url!);
    dir = mkdtempSync(join(tmpdir(), 'pupitre-pg-fiche-'));
    p = await startPupitre({
      dataDir: dir,
      postgresUrl: url!,
      secretKey: Buffer.alloc(32, 7),
      clock: fixedClock(TEST_NOW),
      hasher: testHasher,
      adminPassword: ADMIN_PASSWORD,
      demoStudentCount: 40,
      manualMail: true,
    });
    value(await p.dispatch('setup.createSchool', { kind: 'demo' }, null));
    other = await openDatabase({ postgresUrl: url! });
  });
  afterAll(async () => {
    await other?.close();
    await p?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('of two workstations reviewing the same request at once, exactly one succeeds', async () => {
    await p.db.manager.query(`UPDATE school SET opened_services = 'fiche_renseignements'`);
    const [row] = (await p.db.manager.query(
      `SELECT a.id AS "accountId", a.login, l.student_id AS "studentId"
         FROM family_account a JOIN student_guardian l ON l.guardian_id = a.guardian_id
        WHERE l.legal_rank = 1 ORDER BY a.id LIMIT 1`,
    )) as { accountId: number; login: string; studentId: number }[];
    await p.db.manager.getRepository(FamilyAccountEntity).update(row!.accountId, {
      passwordHash: await testHasher.hash('Tigre7Bleu'),
      state: 'active',
      email: 'famille@example.fr',
      emailConfirmed: true,
    });
    const address = { address: '192.0.2.40' };
    const login = await p.portal.dispatch.handle(
      'portal.login',
      { login: row!.login, password: 'Tigre7Bleu' },
      null,
      address,
    );
    const submitted = await p.portal.dispatch.handle(
      'portal.infoSheetSubmit',
      { child: row!.studentId, values: { phoneMobile: '06 55 44 33 22' } },
      login.issued!,
      address,
    );
    expect(submitted.result.ok, JSON.stringify(submitted.result)).toBe(true);

    const actor = await directionActor();
    const here = p.services.infoSheetReview;
    const there = createInfoSheetReview({
      db: other,
      clock: fixedClock(TEST_NOW),
      mailer: p.mailer,
    });
    const [request] = (await here.queue(actor)) as InfoSheetRequestView[];
    const input = {
      id: request!.id,
      version: request!.version,
      decisions: [],
      all: 'accepted' as const,
      comment: '',
    };
    const answers = await Promise.allSettled([
      here.review(actor, input),
      there.review(actor, input),
    ]);
    expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const lost = answers.find((a) => a.status === 'rejected') as PromiseRejectedResult;
    expect((lost.reason as { code: string; message: string }).message).toBe(
      'Cette demande a déjà été traitée par quelqu’un d’autre : rechargez la liste.',
    );
    const mails = (await p.db.manager.query(
      `SELECT COUNT(*) AS n FROM mail_outbox WHERE template = 'info-sheet-reviewed'`,
    )) as { n: string }[];
    expect(Number(mails[0]!.n)).toBe(1);
    const audits = (await p.db.manager.query(
      `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'infoSheet.review'`,
    )) as { n: string }[];
    expect(Number(audits[0]!.n)).toBe(1);
    const [pupil] = (await p.db.manager.query('SELECT phone_mobile FROM student WHERE id = $1', [
      row!.studentId,
    ])) as { phone_mobile: string }[];
    expect(pupil!.phone_mobile).toBe('06 55 44 33 22');

    // An import before the export would overwrite the accepted phone: its preview says so.
    const siecleSays = {
      students: [{ id: row!.studentId, values: { phoneMobile: '0611111111' } }],
      guardians: [],
    };
    const overwrites = () => unexportedInfoSheetWarnings(p.db.manager, actor.schoolId, siecleSays);
    expect(await overwrites()).toEqual([
      expect.stringContaining(
        'Tél. mobile : SIECLE apporte « 06 11 11 11 11 » et remplacerait « 06 55 44 33 22 »',
      ),
    ]);

    // The export back to SIECLE on the same engine: one file, then nothing left to send.
    await p.db.manager.query(
      `UPDATE student SET regime_code = '2', mef_code = '10310019110' WHERE id = $1`,
      [row!.studentId],
    );
    // Légal 2 lives abroad, as a SIECLE import leaves it: LL_PAYS and its CODE_PAYS.
    await p.db.manager.query(
      `UPDATE guardian SET address_country = 'BELGIQUE', address_country_code = '131',
              address_city = 'TOURNAI', address_postal_code = ''
        WHERE id = (SELECT guardian_id FROM student_guardian WHERE student_id = $1 AND legal_rank = 2)`,
      [row!.studentId],
    );
    expect(await p.services.infoSheetExport.waiting(actor)).toEqual({
      changeCount: 1,
      studentCount: 1,
    });
    const sent = await p.services.infoSheetExport.create(actor);
    expect(sent).toMatchObject({ number: 1, changeCount: 1 });
    expect(await p.services.infoSheetExport.waiting(actor)).toEqual({
      changeCount: 0,
      studentCount: 0,
    });
    // Listed with who made it, and downloaded again as the same bytes' zip, journaled.
    const [listed] = await p.services.infoSheetExport.list(actor);
    const [who] = (await p.db.manager.query('SELECT display_name FROM staff_user WHERE id = $1', [
      actor.userId,
    ])) as { display_name: string }[];
    expect(listed).toMatchObject({ id: sent.id, createdBy: who!.display_name });
    const file = await p.services.infoSheetExport.file(actor, sent.id);
    expect(file.fileName).toBe(sent.fileName);
    expect(Buffer.from(file.bytes).subarray(0, 2).toString()).toBe('PK');
    const [xml] = Object.values(unzipSync(new Uint8Array(file.bytes)));
    expect(Buffer.from(xml!).toString('latin1')).toContain('<CODE_PAYS>131</CODE_PAYS>');
    await expect(p.services.infoSheetExport.create(actor)).rejects.toThrow(
      'Aucun changement accepté depuis le dernier export.',
    );
    expect(await overwrites()).toEqual([]);

    // Two workstations export at the same instant: one file, the other told.
    const again = await p.portal.dispatch.handle(
      'portal.infoSheetSubmit',
      { child: row!.studentId, values: { phoneMobile: '06 55 44 33 21' } },
      login.issued!,
      address,
    );
    expect(again.result.ok, JSON.stringify(again.result)).toBe(true);
    const [next] = await here.queue(actor);
    await here.review(actor, { ...input, id: next!.id, version: next!.version });
    const thereExport = createInfoSheetExport({ db: other, clock: fixedClock(TEST_NOW) });
    const exports = await Promise.allSettled([
      p.services.infoSheetExport.create(actor),
      thereExport.create(actor),
    ]);
    expect(exports.filter((e) => e.status === 'fulfilled')).toHaveLength(1);
    const refused = (exports.find((e) => e.status === 'rejected') as PromiseRejectedResult)
      .reason as Error;
    expect([
      'Un autre export vient d’être fait depuis un autre poste : rechargez la liste des exports.',
      'Aucun changement accepté depuis le dernier export.',
    ]).toContain(refused.message);
    const numbers = (await p.db.manager.query(
      'SELECT number FROM info_sheet_export ORDER BY number',
    )) as { number: number }[];
    expect(numbers.map((n) => n.number)).toEqual([1, 2]);
  });

  it('a review committed on another workstation while the family submits is not undone', async () => {
    const [row] = (await p.db.manager.query(
      `SELECT a.id AS "accountId", a.login, a.school_id AS "schoolId", l.student_id AS "studentId"
         FROM family_account a JOIN student_guardian l ON l.guardian_id = a.guardian_id
        WHERE l.legal_rank = 1 ORDER BY a.id DESC LIMIT 1`,
    )) as { accountId: number; login: string; schoolId: number; studentId: number }[];
    const family = { role: 'guardian' as const, sessionId: 0, stage: 'home' as const, ...row! };
    const actor = await directionActor();
    const there = createInfoSheetReview({
      db: other,
      clock: fixedClock(TEST_NOW),
      mailer: p.mailer,
    });
    let reviewElsewhere = false;
    const submit = createInfoSheetSubmission({
      db: p.db,
      clock: fixedClock(TEST_NOW),
      afterRead: async () => {
        if (!reviewElsewhere) return;
        const mine = (await there.queue(actor)).find((r) => r.studentId === row!.studentId)!;
        await there.review(actor, {
          id: mine.id,
          version: mine.version,
          decisions: [],
          all: 'accepted',
          comment: '',
        });
      },
    });
    const child = row!.studentId;
    await submit(family, { child, values: { phoneHome: '03 81 40 40 40' } });
    reviewElsewhere = true;
    await expect(
      submit(family, { child, values: { phoneHome: '03 81 40 40 41' } }),
    ).rejects.toThrow(ALREADY_HANDLED);
    const [request] = (await p.db.manager.query(
      `SELECT r.status, c.new_value AS "newValue", s.phone_home AS "phoneHome"
         FROM info_sheet_request r JOIN info_sheet_change c ON c.request_id = r.id
         JOIN student s ON s.id = r.student_id WHERE r.student_id = $1`,
      [child],
    )) as { status: string; newValue: string; phoneHome: string }[];
    expect(request).toEqual({
      status: 'reviewed',
      newValue: '03 81 40 40 40',
      phoneHome: '03 81 40 40 40',
    });
  });
});
