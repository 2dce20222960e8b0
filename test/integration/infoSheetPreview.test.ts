import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { InfoSheetChangeEntity } from '../../main/db/entities/infoSheets';
import type { InfoSheetView } from '../../shared/api/portal';
import type { ApiResult } from '../../shared/api/result';
import {
  activateAccount,
  startPortalWorld,
  twoGuardianFamilies,
  type PortalWorld,
  type TwoGuardianFamily,
} from '../helpers/portal';
import { ADMIN_PASSWORD, loginToken } from '../helpers/pupitre';

// Issue 18 and issue 8 §4: the staff « Aperçu du portail » shows the fiche de renseignements
// exactly as the family reads it (tabs, values, waiting changes), and nothing can be sent
// from it: no staff call submits a fiche, and the portal takes only a family's session.

let w: PortalWorld;
let f: TwoGuardianFamily;
let direction: string;
const tokens = new Map<number, string>();
const address = { address: '192.0.2.60' };
const PASSWORD = 'Tigre7Bleu';

async function family<T>(accountId: number, name: string, input: unknown) {
  const { result } = await w.p.portal.dispatch.handle(name, input, tokens.get(accountId)!, address);
  return result as ApiResult<T>;
}
async function staff<T>(name: string, input: unknown, token = direction) {
  const { result } = await w.p.dispatch.handle(name, input, token, address);
  return result as ApiResult<T>;
}
const ok = <T>(r: ApiResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const changeCount = () => w.p.db.manager.getRepository(InfoSheetChangeEntity).count();

beforeAll(async () => {
  w = await startPortalWorld({ students: 40 });
  await w.p.db.manager.query(`UPDATE school SET opened_services = 'notes,fiche_renseignements'`);
  const [row] = await twoGuardianFamilies(w.p);
  f = row!;
  for (const id of [f.a1, f.a2]) {
    const account = await w.p.db.manager.getRepository(FamilyAccountEntity).findOneByOrFail({ id });
    await activateAccount(w.p, id, PASSWORD, `${account.login}@example.fr`);
    const r = await w.p.portal.dispatch.handle(
      'portal.login',
      { login: account.login, password: PASSWORD },
      null,
      address,
    );
    tokens.set(id, r.issued!);
  }
  direction = await loginToken(w.p, 'direction', ADMIN_PASSWORD);
  ok(
    await family(f.a1, 'portal.infoSheetSubmit', {
      child: f.studentId,
      values: { phoneMobile: '06 98 76 54 32' },
    }),
  );
  ok(
    await family(f.a1, 'portal.infoSheetSubmit', {
      child: f.studentId,
      guardian: f.g1,
      values: { professionCode: '33' },
    }),
  );
});
afterAll(async () => w?.cleanup());

describe('« Aperçu du portail »: the fiche de renseignements (issue 18)', () => {
  it('is the family’s own read model: légal 1 sees its waiting values, légal 2 only that one waits', async () => {
    for (const account of [f.a1, f.a2]) {
      const seen = ok(
        await family<InfoSheetView>(account, 'portal.infoSheet', { child: f.studentId }),
      );
      const preview = ok(
        await staff<InfoSheetView>('accounts.previewInfoSheet', {
          id: account,
          child: f.studentId,
        }),
      );
      expect(preview).toEqual(seen);
    }
    const first = ok(await staff<InfoSheetView>('accounts.previewInfoSheet', { id: f.a1 }));
    expect(first.records.map((r) => r.label)).toEqual(['Élève', expect.stringMatching(/ 1$/)]);
    const mobile = first.records[0]!.fields.find((x) => x.field === 'phoneMobile')!;
    expect(mobile.pending).toBe('06 98 76 54 32');
    const job = first.records[1]!.fields.find((x) => x.field === 'professionCode')!;
    expect(job.pending).toBe('33');
    const other = ok(await staff<InfoSheetView>('accounts.previewInfoSheet', { id: f.a2 }));
    expect(other.records[0]!.blockedBecause).toContain('l’autre responsable');
    expect(other.records[0]!.fields.every((x) => x.pending === null)).toBe(true);
    // Each opening is journaled, with the page and without the family's values.
    const journaled = (await w.p.db.manager.query(
      `SELECT details FROM audit_log WHERE action = 'account.preview' AND details LIKE '%fiche%'`,
    )) as { details: string }[];
    expect(journaled.length).toBeGreaterThanOrEqual(4);
    expect(journaled[0]!.details).not.toContain('06 98');
  });

  it('nothing can be sent from it: no staff call submits a fiche, the portal refuses a staff session', async () => {
    const before = await changeCount();
    const input = { child: f.studentId, values: { phoneMobile: '07 00 00 00 00' } };
    const asStaff = await staff('portal.infoSheetSubmit', input);
    expect(asStaff.ok).toBe(false);
    const staffTokenOnPortal = await w.p.portal.dispatch.handle(
      'portal.infoSheetSubmit',
      input,
      direction,
      address,
    );
    expect(staffTokenOnPortal.result).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    // The preview's form (csrf "") posted to the portal without a family's cookie.
    const anonymous = await w
      .client('192.0.2.61')
      .post(
        '/fiche-renseignements',
        { child: String(f.studentId), phoneMobile: '07 00 00 00 00' },
        '',
      );
    expect(anonymous.status).toBeGreaterThanOrEqual(300);
    expect(await changeCount()).toBe(before);
  });

  it('a pupil’s account has no fiche, and a child not on the account is refused', async () => {
    const [pupilAccount] = (await w.p.db.manager.query(
      `SELECT id FROM family_account WHERE kind = 'student' ORDER BY id LIMIT 1`,
    )) as { id: number }[];
    const pupilOnly = await staff('accounts.previewInfoSheet', { id: pupilAccount!.id });
    expect(!pupilOnly.ok && pupilOnly.error.message).toBe(
      'La fiche de renseignements est celle des responsables : un compte élève ne la voit pas.',
    );
    const [stranger] = (await w.p.db.manager.query(
      `SELECT id FROM student WHERE id NOT IN
         (SELECT student_id FROM account_student WHERE account_id = ?) ORDER BY id LIMIT 1`,
      [f.a1],
    )) as { id: number }[];
    const r = await staff('accounts.previewInfoSheet', { id: f.a1, child: stranger!.id });
    expect(!r.ok && r.error.code).toBe('forbidden');
    const none = await staff('accounts.previewInfoSheet', { id: 999_999 });
    expect(!none.ok && none.error.code).toBe('not_found');
  });
});
