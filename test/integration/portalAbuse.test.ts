import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { MailOutboxEntity } from '../../main/db/entities/mail';
import { PortalDeviceEntity } from '../../main/db/entities/portal';
import {
  activateAccount,
  giveProvisionalPassword,
  startPortalWorld,
  type PortalWorld,
} from '../helpers/portal';

// What a stranger could try against a family: guess a child's date of birth through the
// regroupement, flood a mailbox through the recovery forms, keep a « known browser » after
// the family changed its password, redirect the address from an open session.
let w: PortalWorld;
let n = 0;
const address = () => ({ address: `198.51.100.${++n}` });
const call = (name: string, input: unknown, token: string | null, origin = address()) =>
  w.p.portal.dispatch.handle(name, input, token, origin);
const code = (r: { result: { ok: boolean; error?: { code: string } } }) =>
  r.result.ok ? 'ok' : r.result.error!.code;

async function guardian(skip: number[] = []) {
  const rows = (await w.p.db.manager.query(
    `SELECT a.id, a.login FROM family_account a WHERE a.kind = 'guardian' AND a.state = 'not_notified'
       AND EXISTS (SELECT 1 FROM account_student x WHERE x.account_id = a.id) ORDER BY a.id`,
  )) as { id: number; login: string }[];
  return rows.find((r) => !skip.includes(r.id))!;
}
const activate = (id: number, email: string) => activateAccount(w.p, id, 'Tigre7Bleu', email);

beforeAll(async () => {
  w = await startPortalWorld();
});
afterAll(async () => w?.cleanup());

describe('a stranger against a family', () => {
  it('cannot guess a never-activated account’s child date of birth through the regroupement', async () => {
    const me = await guardian();
    await activate(me.id, 'moi@example.fr');
    const target = await guardian([me.id]);
    await giveProvisionalPassword(w.p, target.id, 'QW7RT3ZP');
    const session = await call('portal.login', { login: me.login, password: 'Tigre7Bleu' }, null);
    const origin = { address: '203.0.113.99' };
    const answers: string[] = [];
    for (let day = 1; day <= 9; day++) {
      const r = await call(
        'portal.mergePreview',
        { login: target.login, password: 'QW7RT3ZP', birthDate: `0${day}/01/1990` },
        session.issued,
        origin,
      );
      answers.push(code(r));
    }
    expect(answers.slice(0, 5)).toEqual(Array(5).fill('invalid_input'));
    // Past 5 wrong dates the letter is void (issue 14): its password opens nothing any more.
    expect(answers.slice(5)).not.toContain('ok');
    const after = await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: target.id });
    expect(after.birthDateMisses).toBe(5);
    expect(after.passwordHash).toBeNull();
  });

  it('cannot flood a mailbox with « mot de passe oublié »: 3 messages an hour, the same receipt, only the links sent', async () => {
    const victim = await guardian();
    await activate(victim.id, 'boite@example.fr');
    const receipts: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await call('portal.forgotPassword', { login: victim.login }, null);
      receipts.push(code(r));
    }
    expect(receipts).toEqual(Array(6).fill('ok'));
    // The mail is written after the answer (issue 14).
    await w.p.portal.services.auth.settled();
    const mails = await w.p.db.manager
      .getRepository(MailOutboxEntity)
      .countBy({ toAddress: 'boite@example.fr', template: 'account-password-reset' });
    expect(mails).toBe(3);
    const live = (await w.p.db.manager.query(
      `SELECT COUNT(*) AS n FROM account_token WHERE account_id = ? AND purpose = 'reset_password' AND used_at IS NULL`,
      [victim.id],
    )) as { n: number }[];
    // The three links of the hour stay live (a stranger asking cannot void the family's);
    // using one voids them all (portalRemedies).
    expect(Number(live[0]!.n)).toBe(3);
  });

  it('is slowed down after 10 recovery requests from one address', async () => {
    const origin = { address: '203.0.113.200' };
    const answers: string[] = [];
    for (let i = 0; i < 13; i++) {
      answers.push(
        code(await call('portal.forgotLogin', { email: `x${i}@example.fr` }, null, origin)),
      );
    }
    expect(answers.slice(0, 10)).toEqual(Array(10).fill('ok'));
    expect(answers.slice(10)).toContain('too_many_attempts');
  });

  it('loses the « known browser » exemption once the family resets its password', async () => {
    const family = await guardian();
    await activate(family.id, 'famille2@example.fr');
    const login = await call('portal.login', { login: family.login, password: 'Tigre7Bleu' }, null);
    expect(login.result.ok).toBe(true);
    expect(
      await w.p.db.manager.getRepository(PortalDeviceEntity).countBy({ accountId: family.id }),
    ).toBe(1);
    const changed = await call(
      'portal.changePassword',
      { current: 'Tigre7Bleu', password: 'Cerf9Violon', passwordAgain: 'Cerf9Violon' },
      login.issued,
    );
    expect(changed.result.ok).toBe(true);
    expect(
      await w.p.db.manager.getRepository(PortalDeviceEntity).countBy({ accountId: family.id }),
    ).toBe(0);
  });

  it('cannot change the address of an open session without the password', async () => {
    const family = await guardian();
    await activate(family.id, 'famille3@example.fr');
    const login = await call('portal.login', { login: family.login, password: 'Tigre7Bleu' }, null);
    const r = await call(
      'portal.changeEmail',
      { current: 'PasLeBon1', email: 'pirate@example.fr', emailAgain: 'pirate@example.fr' },
      login.issued,
    );
    expect(code(r)).toBe('invalid_input');
    expect(
      await w.p.db.manager
        .getRepository(MailOutboxEntity)
        .countBy({ toAddress: 'pirate@example.fr' }),
    ).toBe(0);
  });
});

describe('a pupil who gives an address', () => {
  it('has an active account at once (it does not expire while the address waits)', async () => {
    const [s] = (await w.p.db.manager.query(
      `SELECT a.id, a.login, st.birth_date FROM family_account a JOIN student st ON st.id = a.student_id WHERE a.state = 'not_notified' ORDER BY a.id LIMIT 1`,
    )) as { id: number; login: string; birth_date: string }[];
    await giveProvisionalPassword(w.p, s!.id, 'HN4KW8PZ');
    const login = await call('portal.login', { login: s!.login, password: 'HN4KW8PZ' }, null);
    const done = await call(
      'portal.firstConnection',
      {
        birthDate: s!.birth_date,
        password: 'Girafe42Nuage',
        passwordAgain: 'Girafe42Nuage',
        email: 'eleve@example.fr',
        emailAgain: 'eleve@example.fr',
      },
      login.issued,
    );
    expect(done.result.ok).toBe(true);
    const row = await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: s!.id });
    expect(row).toMatchObject({ state: 'active', emailConfirmed: false, expiresOn: null });
  });
  it('forgets spent and expired links a month on: the addresses they were sent to do not pile up', async () => {
    const family = await guardian();
    await activate(family.id, 'liens@example.fr');
    await call('portal.forgotPassword', { login: family.login }, null);
    await w.p.portal.services.auth.settled();
    const links = () =>
      w.p.db.manager.query(`SELECT id FROM account_token WHERE account_id = ?`, [
        family.id,
      ]) as Promise<{ id: number }[]>;
    expect(await links()).toHaveLength(1);
    // A week later the link has expired; three weeks after that it is still kept.
    w.p.clock.advance(8 * 86_400_000);
    await w.p.portal.services.auth.purge();
    expect(await links()).toHaveLength(1);
    w.p.clock.advance(31 * 86_400_000);
    await w.p.portal.services.auth.purge();
    expect(await links()).toHaveLength(0);
  });
});
