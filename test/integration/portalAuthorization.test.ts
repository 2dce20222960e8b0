import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  portalCalls,
  type FamilyView,
  type InfoSheetView,
  type MyData,
} from '../../shared/api/portal';
import type { ApiResult } from '../../shared/api/result';
import { syncAccounts } from '../../main/services/accounts/provisioning';
import { ChildReportEntity } from '../../main/db/entities/portal';
import { InfoSheetRequestEntity } from '../../main/db/entities/infoSheets';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { AbsenceJustificationEntity, SchoolLifeEventEntity } from '../../main/db/entities';
import {
  activateAccount,
  giveProvisionalPassword,
  startPortalWorld,
  type PortalWorld,
} from '../helpers/portal';

// Every portal call, written out (not derived from the contract): a call added without its
// line here fails the first test. Each line says who may call it, and the test below it
// proves that one family cannot reach another family's child through it.
const FAMILY = ['guardian', 'student'];
const GUARDIAN = ['guardian'];
const EXPECTED: Record<keyof typeof portalCalls, 'public' | string[]> = {
  'portal.login': 'public',
  'portal.logout': FAMILY,
  'portal.stage': FAMILY,
  'portal.firstConnection': FAMILY,
  'portal.resendConfirmation': FAMILY,
  'portal.correctEmail': FAMILY,
  'portal.checkConfirmLink': 'public',
  'portal.confirmEmail': 'public',
  'portal.forgotLogin': 'public',
  'portal.forgotPassword': 'public',
  'portal.checkResetLink': 'public',
  'portal.resetPassword': 'public',
  'portal.home': FAMILY,
  'portal.changePassword': FAMILY,
  'portal.changeEmail': FAMILY,
  'portal.mergePreview': GUARDIAN,
  'portal.merge': GUARDIAN,
  'portal.notMyChild': GUARDIAN,
  'portal.myData': FAMILY,
  'portal.schoolLife': FAMILY,
  'portal.justifyAbsence': GUARDIAN,
  'portal.notes': FAMILY,
  'portal.infoSheet': GUARDIAN,
  'portal.infoSheetSubmit': GUARDIAN,
  // Account-level: they touch no child (the digest's content is the account's own children).
  'portal.digestStatus': FAMILY,
  'portal.setDigest': FAMILY,
  'portal.checkUnsubscribeLink': 'public',
  'portal.unsubscribeDigest': 'public',
};

let w: PortalWorld;
interface Family {
  id: number;
  login: string;
  password: string;
  token: string;
  children: { id: number; firstName: string; lastName: string }[];
}
let a: Family;
let b: Family;
let pupil: Family;

const address = { address: '192.0.2.77' };
async function call(name: string, input: unknown, token: string | null) {
  return w.p.portal.dispatch.handle(name, input, token, address);
}
const refusedCode = (r: ApiResult<unknown>) => (r.ok ? 'ok' : r.error.code);

async function activeFamily(
  kind: 'guardian' | 'student',
  skip: number[],
  password: string,
): Promise<Family> {
  const rows = (await w.p.db.manager.query(
    `SELECT a.id, a.login FROM family_account a WHERE a.kind = ? AND EXISTS (SELECT 1 FROM account_student x WHERE x.account_id = a.id) ORDER BY a.id`,
    [kind],
  )) as { id: number; login: string }[];
  const row = rows.find((r) => !skip.includes(r.id))!;
  await activateAccount(w.p, row.id, password, `${row.login}@example.fr`);
  const login = await call('portal.login', { login: row.login, password }, null);
  expect(login.result.ok, JSON.stringify(login.result)).toBe(true);
  const children = (await w.p.db.manager.query(
    `SELECT s.id, s.first_name AS "firstName", s.last_name AS "lastName" FROM account_student x JOIN student s ON s.id = x.student_id WHERE x.account_id = ?`,
    [row.id],
  )) as Family['children'];
  return { id: row.id, login: row.login, password, token: login.issued!, children };
}

beforeAll(async () => {
  w = await startPortalWorld();
  a = await activeFamily('guardian', [], 'Tigre7Bleu');
  // B shares no child with A.
  const shared = (await w.p.db.manager.query(
    `SELECT DISTINCT y.account_id AS id FROM account_student x JOIN account_student y ON y.student_id = x.student_id WHERE x.account_id = ?`,
    [a.id],
  )) as { id: number }[];
  b = await activeFamily(
    'guardian',
    shared.map((s) => s.id),
    'Cerf9Violon',
  );
  // A pupil who is none of A's children: asking for A's child must be asking for another's.
  const aChildrenAccounts = (await w.p.db.manager.query(
    `SELECT a.id FROM family_account a JOIN account_student x ON x.student_id = a.student_id
      WHERE a.kind = 'student' AND x.account_id = ?`,
    [a.id],
  )) as { id: number }[];
  pupil = await activeFamily(
    'student',
    aChildrenAccounts.map((s) => s.id),
    'Girafe42Nuage',
  );
});
afterAll(async () => w?.cleanup());

describe('the portal contract', () => {
  it('lists every call in this test, with who may make it', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(portalCalls).sort());
    for (const [name, spec] of Object.entries(portalCalls)) {
      expect(spec.access === 'public' ? 'public' : [...spec.access], name).toEqual(
        EXPECTED[name as keyof typeof EXPECTED],
      );
    }
  });

  for (const [name, access] of Object.entries(EXPECTED)) {
    if (access === 'public') continue;
    it(`${name}: refused without a session, and with a session that has ended`, async () => {
      expect(refusedCode((await call(name, {}, null)).result)).toBe('unauthenticated');
      expect(refusedCode((await call(name, {}, 'jeton-invente-0123456789')).result)).toBe(
        'unauthenticated',
      );
    });
  }
});

describe('one family never reaches another family’s child', () => {
  it('portal.home: B’s child is refused to A; A sees only A’s children', async () => {
    const r = await call('portal.home', { child: b.children[0]!.id }, a.token);
    expect(refusedCode(r.result)).toBe('not_found');
    const own = await call('portal.home', {}, a.token);
    const view = (own.result as { value: FamilyView }).value;
    expect(view.children.map((c) => c.studentId).sort()).toEqual(
      a.children.map((c) => c.id).sort(),
    );
  });

  it('portal.home: a student sees only themself', async () => {
    const own = (await call('portal.home', {}, pupil.token)).result as { value: FamilyView };
    expect(own.value.children.map((c) => c.studentId)).toEqual(pupil.children.map((c) => c.id));
    expect(
      refusedCode((await call('portal.home', { child: a.children[0]!.id }, pupil.token)).result),
    ).toBe('not_found');
  });

  it('portal.notes: B’s child is refused to A (and to a pupil), A’s own child is read', async () => {
    const before = (await w.p.db.manager.query('SELECT opened_services AS s FROM school')) as {
      s: string;
    }[];
    await w.p.db.manager.query(`UPDATE school SET opened_services = 'notes'`);
    try {
      const own = (await call('portal.notes', { child: a.children[0]!.id }, a.token)).result;
      expect(own.ok, JSON.stringify(own)).toBe(true);
      for (const [child, token] of [
        [b.children[0]!.id, a.token],
        [a.children[0]!.id, pupil.token],
      ] as const) {
        const r = await call('portal.notes', { child }, token);
        expect(refusedCode(r.result)).toBe('not_found');
        expect(JSON.stringify(r.result)).not.toContain('Trimestre');
      }
    } finally {
      await w.p.db.manager.query('UPDATE school SET opened_services = ?', [before[0]!.s]);
    }
  });

  it('portal.notMyChild: B’s child cannot be reported by A, and no report is stored', async () => {
    const r = await call('portal.notMyChild', { child: b.children[0]!.id, comment: '' }, a.token);
    expect(refusedCode(r.result)).toBe('not_found');
    expect(
      await w.p.db.manager
        .getRepository(ChildReportEntity)
        .countBy({ studentId: b.children[0]!.id }),
    ).toBe(0);
    expect(
      refusedCode(
        (
          await call(
            'portal.notMyChild',
            { child: pupil.children[0]!.id, comment: '' },
            pupil.token,
          )
        ).result,
      ),
    ).toBe('forbidden');
  });

  it('portal.myData: holds A’s children and none of B’s', async () => {
    const r = (await call('portal.myData', {}, a.token)).result as { value: MyData };
    const text = JSON.stringify(r.value);
    for (const c of a.children) expect(text).toContain(c.firstName);
    for (const c of b.children)
      expect(r.value.children.some((x) => x.studentId === c.id)).toBe(false);
    expect(text).not.toContain('password');
    expect(text).not.toContain('$argon2');
    expect(text).not.toContain('scrypt');
  });

  it('portal.infoSheetSubmit: A changes neither B’s child nor another guardian’s record, only A’s own', async () => {
    await w.p.db.manager.query(`UPDATE school SET opened_services = 'fiche_renseignements'`);
    const requests = w.p.db.manager.getRepository(InfoSheetRequestEntity);
    const change = { phoneWork: '01 23 45 67 89' };
    const bChild = await call(
      'portal.infoSheetSubmit',
      { child: b.children[0]!.id, values: { phoneMobile: '06 12 34 56 78' } },
      a.token,
    );
    expect(refusedCode(bChild.result)).toBe('not_found');
    expect(await requests.countBy({ studentId: b.children[0]!.id })).toBe(0);
    const [own] = (await w.p.db.manager.query(
      'SELECT guardian_id AS id FROM family_account WHERE id = ?',
      [a.id],
    )) as { id: number }[];
    // The other guardian of A's child (not in a compte joint with A), or else B's record.
    const others = (await w.p.db.manager.query(
      `SELECT guardian_id AS id FROM student_guardian WHERE student_id = ? AND guardian_id <> ?
       UNION SELECT guardian_id AS id FROM family_account WHERE id = ?`,
      [a.children[0]!.id, own!.id, b.id],
    )) as { id: number }[];
    for (const other of others) {
      const r = await call(
        'portal.infoSheetSubmit',
        { child: a.children[0]!.id, guardian: other.id, values: change },
        a.token,
      );
      expect(refusedCode(r.result)).toBe('not_found');
      expect(await requests.countBy({ guardianId: other.id })).toBe(0);
    }
    expect(
      refusedCode(
        (
          await call(
            'portal.infoSheetSubmit',
            { child: pupil.children[0]!.id, values: { phoneMobile: '06 12 34 56 78' } },
            pupil.token,
          )
        ).result,
      ),
    ).toBe('forbidden');
    // Hidden fields are the family's to tamper with: Object.prototype names are not codes.
    for (const values of [
      { civility: 'constructor' },
      { relationship: 'toString' },
      { professionCode: 'hasOwnProperty' },
    ]) {
      const r = await call(
        'portal.infoSheetSubmit',
        { child: a.children[0]!.id, guardian: own!.id, values },
        a.token,
      );
      expect(refusedCode(r.result)).toBe('invalid_input');
    }
    expect(await requests.countBy({ guardianId: own!.id })).toBe(0);
    const mine = await call(
      'portal.infoSheetSubmit',
      { child: a.children[0]!.id, guardian: own!.id, values: change },
      a.token,
    );
    expect(mine.result.ok, JSON.stringify(mine.result)).toBe(true);
    expect(await requests.countBy({ guardianId: own!.id, status: 'pending' })).toBe(1);
  });

  it('portal.infoSheet: B’s child is refused to A; A’s child shows the pupil and A’s own record only', async () => {
    expect(
      refusedCode((await call('portal.infoSheet', { child: b.children[0]!.id }, a.token)).result),
    ).toBe('not_found');
    expect(
      refusedCode(
        (await call('portal.infoSheet', { child: pupil.children[0]!.id }, pupil.token)).result,
      ),
    ).toBe('forbidden');
    const r = (await call('portal.infoSheet', { child: a.children[0]!.id }, a.token)).result as {
      value: InfoSheetView;
    };
    const [own] = (await w.p.db.manager.query(
      'SELECT guardian_id AS id FROM family_account WHERE id = ?',
      [a.id],
    )) as { id: number }[];
    expect(r.value.records.map((x) => x.guardianId)).toEqual([null, own!.id]);
  });

  it('portal.mergePreview and portal.merge: B’s children need B’s password; a student account is never merged', async () => {
    const wrong = await call(
      'portal.mergePreview',
      { login: b.login, password: 'Tigre7Bleu' },
      a.token,
    );
    // A form error about B's account: A's own session goes on (issue 13).
    expect(refusedCode(wrong.result)).toBe('invalid_input');
    expect(wrong.ended).toBe(false);
    expect(refusedCode((await call('portal.merge', {}, a.token)).result)).toBe('conflict');
    const student = await call(
      'portal.mergePreview',
      { login: pupil.login, password: pupil.password },
      a.token,
    );
    expect(refusedCode(student.result)).toBe('invalid_input');
    expect(
      refusedCode(
        (await call('portal.mergePreview', { login: a.login, password: a.password }, pupil.token))
          .result,
      ),
    ).toBe('forbidden');
    const view = (await call('portal.home', {}, a.token)).result as { value: FamilyView };
    expect(view.value.children.length).toBe(a.children.length);
  });

  it('portal.login, stage, logout: a session is one account’s; logging out ends only it', async () => {
    expect(
      refusedCode(
        (await call('portal.login', { login: a.login, password: b.password }, null)).result,
      ),
    ).toBe('unauthenticated');
    const other = await call('portal.login', { login: b.login, password: b.password }, null);
    const stage = (await call('portal.stage', {}, other.issued)).result as {
      value: { login: string };
    };
    expect(stage.value.login).toBe(b.login);
    await call('portal.logout', {}, other.issued);
    expect(refusedCode((await call('portal.stage', {}, other.issued)).result)).toBe(
      'unauthenticated',
    );
    expect(
      ((await call('portal.stage', {}, a.token)).result as { value: { login: string } }).value
        .login,
    ).toBe(a.login);
  });

  it('portal.firstConnection: a child’s date of birth from another family does not prove the account', async () => {
    const fresh = (await w.p.db.manager.query(
      `SELECT a.id, a.login FROM family_account a WHERE a.kind = 'guardian' AND a.state = 'not_notified' AND a.id NOT IN (?, ?) AND EXISTS (SELECT 1 FROM account_student x WHERE x.account_id = a.id) ORDER BY a.id LIMIT 1`,
      [a.id, b.id],
    )) as { id: number; login: string }[];
    await giveProvisionalPassword(w.p, fresh[0]!.id, 'HX4KQ9MZ');
    const session = await call(
      'portal.login',
      { login: fresh[0]!.login, password: 'HX4KQ9MZ' },
      null,
    );
    const [bChild] = (await w.p.db.manager.query('SELECT birth_date FROM student WHERE id = ?', [
      b.children[0]!.id,
    ])) as { birth_date: string }[];
    const [own] = (await w.p.db.manager.query(
      'SELECT s.birth_date FROM account_student x JOIN student s ON s.id = x.student_id WHERE x.account_id = ?',
      [fresh[0]!.id],
    )) as { birth_date: string }[];
    if (own!.birth_date === bChild!.birth_date) return; // twins across families: nothing to prove
    const r = await call(
      'portal.firstConnection',
      {
        birthDate: bChild!.birth_date,
        password: 'Lama5Orange',
        passwordAgain: 'Lama5Orange',
        email: 'x@example.fr',
        emailAgain: 'x@example.fr',
      },
      session.issued,
    );
    expect(refusedCode(r.result)).toBe('invalid_input');
    // Until the first connection is made, nothing else is open.
    expect(refusedCode((await call('portal.home', {}, session.issued)).result)).toBe('forbidden');
  });

  it('portal.changePassword, changeEmail, resendConfirmation, correctEmail: change A’s own account only', async () => {
    const before = await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: b.id });
    const changed = await call(
      'portal.changeEmail',
      { current: a.password, email: 'nouvelle@example.fr', emailAgain: 'nouvelle@example.fr' },
      a.token,
    );
    expect(changed.result.ok).toBe(true);
    expect(
      refusedCode(
        (
          await call(
            'portal.correctEmail',
            { email: 'y@example.fr', emailAgain: 'y@example.fr' },
            a.token,
          )
        ).result,
      ),
    ).toBe('conflict');
    const resent = await call('portal.resendConfirmation', {}, a.token);
    expect(resent.result.ok).toBe(true);
    const after = await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: b.id });
    expect(after).toEqual(before);
    const wrong = await call(
      'portal.changePassword',
      { current: b.password, password: 'Lama5Orange', passwordAgain: 'Lama5Orange' },
      a.token,
    );
    expect(refusedCode(wrong.result)).toBe('invalid_input');
  });

  it('portal.checkConfirmLink, confirmEmail, checkResetLink, resetPassword: a link acts on its own account, once', async () => {
    for (const name of [
      'portal.checkConfirmLink',
      'portal.confirmEmail',
      'portal.checkResetLink',
    ]) {
      expect(refusedCode((await call(name, { token: 'x'.repeat(43) }, null)).result)).toBe(
        'not_found',
      );
    }
    const reset = await call(
      'portal.resetPassword',
      { token: 'y'.repeat(43), password: 'Lama5Orange', passwordAgain: 'Lama5Orange' },
      null,
    );
    expect(refusedCode(reset.result)).toBe('not_found');
  });

  it('portal.forgotLogin, forgotPassword: the same answer for a family’s address and a stranger’s', async () => {
    const known = (await call('portal.forgotLogin', { email: `${b.login}@example.fr` }, null))
      .result as { value: { reference: string } };
    const unknown = (await call('portal.forgotLogin', { email: 'personne@example.fr' }, null))
      .result as { value: { reference: string } };
    expect(Object.keys(known.value)).toEqual(Object.keys(unknown.value));
    const p1 = (await call('portal.forgotPassword', { login: b.login }, null)).result;
    const p2 = (await call('portal.forgotPassword', { login: 'personne.inconnue' }, null)).result;
    expect(p1.ok && p2.ok).toBe(true);
  });

  it('portal.schoolLife: B’s child is refused to A, and A’s child to a pupil', async () => {
    await w.p.db.manager.query(`UPDATE school SET opened_services = 'vie_scolaire'`);
    expect(
      refusedCode((await call('portal.schoolLife', { child: b.children[0]!.id }, a.token)).result),
    ).toBe('not_found');
    expect(
      refusedCode(
        (await call('portal.schoolLife', { child: a.children[0]!.id }, pupil.token)).result,
      ),
    ).toBe('not_found');
    const own = await call('portal.schoolLife', { child: a.children[0]!.id }, a.token);
    expect(own.result.ok).toBe(true);
  });

  it('portal.justifyAbsence: neither B’s child nor B’s child’s absence through A’s own child; never a pupil', async () => {
    await w.p.db.manager.query(`UPDATE school SET opened_services = 'vie_scolaire'`);
    const schoolId = (
      (await w.p.db.manager.query('SELECT school_id FROM student WHERE id = ?', [
        b.children[0]!.id,
      ])) as { school_id: number }[]
    )[0]!.school_id;
    const inserted = await w.p.db.manager.getRepository(SchoolLifeEventEntity).insert({
      schoolId,
      studentId: b.children[0]!.id,
      kind: 'absence',
      startsAt: '2026-11-16T07:00:00.000Z',
      endsAt: '2026-11-16T11:00:00.000Z',
      minutes: null,
      motifId: null,
      justified: false,
      publishableOnline: true,
      familyNotifiedAt: null,
      familyNotifiedBy: null,
      sanctionKind: null,
      suspended: false,
      comment: '',
      rollKey: null,
      recordedBy: null,
      recordedAt: '2026-11-16T07:05:00.000Z',
      processed: true,
      version: 1,
    });
    const bEvent = Number(inserted.identifiers[0]!.id);
    const [motif] = (await w.p.db.manager.query(
      `SELECT id FROM motif WHERE school_id = ? AND open_to_families = 1 LIMIT 1`,
      [schoolId],
    )) as { id: number }[];
    const ask = (child: number, token: string) =>
      call('portal.justifyAbsence', { child, event: bEvent, motif: motif!.id, comment: '' }, token);
    expect(refusedCode((await ask(b.children[0]!.id, a.token)).result)).toBe('not_found');
    expect(refusedCode((await ask(a.children[0]!.id, a.token)).result)).toBe('not_found');
    expect(refusedCode((await ask(pupil.children[0]!.id, pupil.token)).result)).toBe('forbidden');
    expect(await w.p.db.manager.getRepository(AbsenceJustificationEntity).count()).toBe(0);
    // B, whose child it is, may.
    expect((await ask(b.children[0]!.id, b.token)).result.ok).toBe(true);
  });

  it('a guardian unlinked by an import sees that child no more, at once', async () => {
    const child = a.children[0]!;
    await w.p.db.manager.query(
      `DELETE FROM student_guardian WHERE student_id = ? AND guardian_id = (SELECT guardian_id FROM family_account WHERE id = ?)`,
      [child.id, a.id],
    );
    const schoolId = (
      (await w.p.db.manager.query('SELECT school_id FROM student WHERE id = ?', [child.id])) as {
        school_id: number;
      }[]
    )[0]!.school_id;
    await w.p.db.transaction((m) => syncAccounts(m, schoolId, new Date().toISOString()));
    expect(refusedCode((await call('portal.home', { child: child.id }, a.token)).result)).toBe(
      'not_found',
    );
  });
});
