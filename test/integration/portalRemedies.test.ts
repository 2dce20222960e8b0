import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IsNull } from 'typeorm';
import { AccountTokenEntity, FamilyAccountEntity } from '../../main/db/entities/accounts';
import { PortalDeviceEntity, PortalSessionEntity } from '../../main/db/entities/portal';
import { expireAccounts } from '../../main/services/accounts/expiry';
import { credentialsOf } from '../helpers/pdfText';
import { printLetters } from '../helpers/letterRuns';
import {
  activateAccount,
  giveProvisionalPassword,
  guardianPicker,
  lastMailTo,
  linkToken,
  startPortalWorld,
  typed,
  type PortalClient,
  type PortalWorld,
} from '../helpers/portal';
import { ADMIN_PASSWORD, loginToken, testHasher, value } from '../helpers/pupitre';

// Issue 14 §1: « the school's remedies must end an intruder's access »: every change of
// password, state, reset, closure, regroupement and split ends all the account's sessions,
// forgets its known browsers and voids its pending links, in one transaction with the change.
let w: PortalWorld;
let direction: string;
let address = 10;
beforeAll(async () => {
  w = await startPortalWorld();
  freshGuardian = guardianPicker(w.p);
  direction = await loginToken(w.p, 'direction', ADMIN_PASSWORD);
});
afterAll(async () => w?.cleanup());
beforeEach(() => w.p.clock.set('2026-11-22T09:00:00.000Z'));

const PASSWORD = 'Tigre7Bleu';
const EMAIL = 'famille.remede@example.fr';
const browser = () => w.client(`192.0.2.${address++}`);

/** Each test its own guardian account, with its children's dates of birth. */
let freshGuardian: ReturnType<typeof guardianPicker>;

/** An active account, a session open in another browser, a known browser, a reset link. */
async function intrudedAccount(chosen?: Awaited<ReturnType<typeof freshGuardian>>) {
  const { account, children } = chosen ?? (await freshGuardian());
  const email = `famille.${account.id}@example.fr`;
  await activateAccount(w.p, account.id, PASSWORD, email);
  const intruder = browser();
  const login = await intruder.submit('/', '/connexion', {
    login: account.login,
    password: PASSWORD,
  });
  expect(login.location).toBe('/accueil');
  expect(
    await w.p.db.manager.getRepository(PortalDeviceEntity).countBy({ accountId: account.id }),
  ).toBeGreaterThan(0);
  await browser().submit('/mot-de-passe-oublie', '/mot-de-passe-oublie', { login: account.login });
  const resetLink = linkToken((await lastMailTo(w.p, email))!.textBody)!;
  expect((await browser().get(`/mot-de-passe/nouveau?jeton=${resetLink}`)).status).toBe(200);
  return { account, children, intruder, resetLink };
}

/** The session is gone, the browser no longer « known », the reset link refused. */
async function expectAccessEnded(
  accountId: number,
  intruder: PortalClient,
  resetLink: string,
): Promise<void> {
  expect((await intruder.get('/accueil')).location).toBe('/?info=session');
  const count = async (entity: typeof PortalSessionEntity | typeof PortalDeviceEntity) =>
    w.p.db.manager.getRepository(entity).countBy({ accountId });
  expect(await count(PortalSessionEntity)).toBe(0);
  expect(await count(PortalDeviceEntity)).toBe(0);
  const link = await browser().get(`/mot-de-passe/nouveau?jeton=${resetLink}`);
  expect(link.status).toBe(400);
  expect(link.body).toContain('n’est plus valable');
  // Void, not merely refused because of the account's state: reopened, it stays void.
  const pending = await w.p.db.manager
    .getRepository(AccountTokenEntity)
    .countBy({ accountId, usedAt: IsNull() });
  expect(pending).toBe(0);
}

describe('staff remedies end every access to the account (issue 14 §1)', () => {
  it('an intruder’s session ends with the staff reset, and the family’s new letter opens the first connection', async () => {
    const { account, intruder, resetLink } = await intrudedAccount();
    const { pages } = await printLetters(w.p, direction, {
      scope: { kind: 'accounts', accountIds: [account.id] },
      reset: true,
    });
    await expectAccessEnded(account.id, intruder, resetLink);
    // The intruder's old password is worth nothing now; the letter's is the family's.
    const old = await browser().submit('/', '/connexion', {
      login: account.login,
      password: PASSWORD,
    });
    expect(old.status).toBe(400);
    const { password } = credentialsOf(pages[0]!);
    const family = await browser().submit('/', '/connexion', {
      login: account.login,
      password: password!,
    });
    expect(family.location).toBe('/premiere-connexion');
  });

  it('closing the account ends it', async () => {
    const { account, intruder, resetLink } = await intrudedAccount();
    value(await w.p.dispatch('accounts.close', { id: account.id }, direction));
    await expectAccessEnded(account.id, intruder, resetLink);
  });

  it('reactivating a closed account does not let back in whoever was in before', async () => {
    const { account, intruder, resetLink } = await intrudedAccount();
    // Closed as an older version did, leaving its sessions behind.
    await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .update(account.id, { state: 'closed', closedReason: 'staff', activatedAt: '2026-10-01' });
    value(await w.p.dispatch('accounts.reactivate', { id: account.id }, direction));
    await expectAccessEnded(account.id, intruder, resetLink);
  });

  it('a refusal coupon (« pour moi-même ») ends it', async () => {
    const { account, intruder, resetLink } = await intrudedAccount();
    value(
      await w.p.dispatch(
        'accounts.recordRefusal',
        { guardianAccountId: account.id, studentAccountIds: [] },
        direction,
      ),
    );
    await expectAccessEnded(account.id, intruder, resetLink);
  });

  it('splitting a regroupement forgets the merged-away account’s browsers and links', async () => {
    const { account, intruder, resetLink } = await intrudedAccount();
    const other = (await freshGuardian()).account;
    // Merged as an older version did, leaving its known browsers and links behind.
    await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .update(account.id, { state: 'closed', closedReason: 'merged', mergedIntoId: other.id });
    value(await w.p.dispatch('accounts.splitMerge', { id: account.id }, direction));
    await expectAccessEnded(account.id, intruder, resetLink);
  });
});

describe('an expiry ends the account’s access (issue 14 §1: « every change of state »)', () => {
  it('an account past its deadline keeps no session, known browser or pending link', async () => {
    const { account, intruder, resetLink } = await intrudedAccount();
    // Its address not confirmed by the deadline (seed 000: « au-delà, le compte sera supprimé »).
    await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .update(account.id, { state: 'awaiting_confirmation', expiresOn: '2026-11-01' });
    expect(await expireAccounts(w.p.db, w.p.clock)).toBeGreaterThan(0);
    await expectAccessEnded(account.id, intruder, resetLink);
  });
});

describe('a regroupement ends the merged-away account’s access (issue 14 §1)', () => {
  it('the other guardian’s sessions, known browsers and reset links end with the merge', async () => {
    // A child with two legal guardians, each with an account.
    const [pair]: { g1: number; g2: number }[] = await w.p.db.manager.query(
      `SELECT x.account_id AS g1, y.account_id AS g2
         FROM account_student x JOIN account_student y ON y.student_id = x.student_id AND y.account_id > x.account_id
         JOIN family_account a ON a.id = x.account_id AND a.kind = 'guardian'
         JOIN family_account b ON b.id = y.account_id AND b.kind = 'guardian'
        ORDER BY x.account_id DESC LIMIT 1`,
    );
    const accounts = w.p.db.manager.getRepository(FamilyAccountEntity);
    const other = await accounts.findOneByOrFail({ id: pair!.g2 });
    const { intruder, resetLink } = await intrudedAccount({ account: other, children: [] });
    const survivor = await accounts.findOneByOrFail({ id: pair!.g1 });
    await activateAccount(w.p, survivor.id, 'Soleil2024', `survivant.${survivor.id}@example.fr`);
    const family = browser();
    await family.submit('/', '/connexion', { login: survivor.login, password: 'Soleil2024' });
    await family.get('/compte/regrouper');
    const preview = await family.post('/compte/regrouper', {
      login: other.login,
      password: PASSWORD,
      birthDate: '',
    });
    expect(preview.body).toContain('Confirmer le regroupement');
    expect((await family.post('/compte/regrouper/valider', {})).location).toBe(
      '/accueil?info=regroupement',
    );
    await expectAccessEnded(other.id, intruder, resetLink);
    expect((await family.get('/accueil')).status).toBe(200);
  });
});

describe('the family’s own changes end the other browsers’ access (issue 14 §1, §2)', () => {
  it('a password change: the other browser is out, the reset link void, this browser stays in', async () => {
    const { account, intruder, resetLink } = await intrudedAccount();
    const family = browser();
    await family.submit('/', '/connexion', { login: account.login, password: PASSWORD });
    const changed = await family.submit('/compte', '/compte/mot-de-passe', {
      current: PASSWORD,
      password: 'Cerf9Violon',
      passwordAgain: 'Cerf9Violon',
    });
    expect(changed.location).toBe('/compte?info=mot-de-passe-change');
    expect((await family.get('/accueil')).status).toBe(200);
    expect((await intruder.get('/accueil')).location).toBe('/?info=session');
    expect((await browser().get(`/mot-de-passe/nouveau?jeton=${resetLink}`)).status).toBe(400);
    // Only the browser that made the change was given a session.
    expect(
      await w.p.db.manager.getRepository(PortalSessionEntity).countBy({ accountId: account.id }),
    ).toBe(1);
  });

  it('an address change: the reset link sent to the old mailbox is void at once; confirmed, every session ends', async () => {
    const { account, intruder, resetLink } = await intrudedAccount();
    const family = browser();
    await family.submit('/', '/connexion', { login: account.login, password: PASSWORD });
    const asked = await family.submit('/compte', '/compte/adresse', {
      current: PASSWORD,
      email: 'nouvelle.adresse@example.fr',
      emailAgain: 'nouvelle.adresse@example.fr',
    });
    expect(asked.location).toBe('/compte?info=adresse');
    expect((await browser().get(`/mot-de-passe/nouveau?jeton=${resetLink}`)).status).toBe(400);
    const confirm = linkToken((await lastMailTo(w.p, 'nouvelle.adresse@example.fr'))!.textBody)!;
    const mailbox = browser();
    await mailbox.get(`/confirmer?jeton=${confirm}`);
    expect((await mailbox.post('/confirmer', { token: confirm })).status).toBe(200);
    await expectAccessEnded(account.id, intruder, resetLink);
    expect((await family.get('/accueil')).location).toBe('/?info=session');
  });
});

describe('a session is re-checked against the account’s version on every request (issue 14 §1)', () => {
  it('a change of password made by any path ends the sessions opened before it', async () => {
    const { account, intruder } = await intrudedAccount();
    const family = browser();
    await family.submit('/', '/connexion', { login: account.login, password: PASSWORD });
    expect((await intruder.get('/accueil')).status).toBe(200);
    // A change that does not go through endAccountAccess: only the version moves.
    await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .update(account.id, { passwordVersion: account.passwordVersion + 1 });
    expect((await intruder.get('/accueil')).location).toBe('/?info=session');
    expect((await family.get('/accueil')).location).toBe('/?info=session');
    const again = browser();
    await again.submit('/', '/connexion', { login: account.login, password: PASSWORD });
    expect((await again.get('/accueil')).status).toBe(200);
  });
});

describe('known browsers and sessions (issue 14 §3)', () => {
  it('the browser known with the letter’s provisional password is forgotten at the first connection', async () => {
    const { account, children } = await freshGuardian();
    await giveProvisionalPassword(w.p, account.id, 'DCB8RJ2W');
    const family = browser();
    await family.submit('/', '/connexion', { login: account.login, password: 'DCB8RJ2W' });
    const devices = () =>
      w.p.db.manager.getRepository(PortalDeviceEntity).countBy({ accountId: account.id });
    expect(await devices()).toBe(1);
    await family.get('/premiere-connexion');
    const done = await family.post('/premiere-connexion', {
      birthDate: typed(children[0]!.birthDate),
      password: 'Cerf9Violon',
      passwordAgain: 'Cerf9Violon',
      email: 'premiere@example.fr',
      emailAgain: 'premiere@example.fr',
    });
    expect(done.status).toBe(303);
    expect(await devices()).toBe(0);
  });

  it('sessions and known browsers are capped per account, the oldest out', async () => {
    const { account } = await freshGuardian();
    await activateAccount(w.p, account.id, PASSWORD, EMAIL);
    const first = browser();
    await first.submit('/', '/connexion', { login: account.login, password: PASSWORD });
    for (let i = 0; i < 14; i++) {
      await browser().submit('/', '/connexion', { login: account.login, password: PASSWORD });
    }
    const repo = (e: typeof PortalSessionEntity | typeof PortalDeviceEntity) =>
      w.p.db.manager.getRepository(e).countBy({ accountId: account.id });
    expect(await repo(PortalSessionEntity)).toBe(10);
    expect(await repo(PortalDeviceEntity)).toBe(10);
    expect((await first.get('/accueil')).location).toBe('/?info=session');
  });
});

/**
 * Runs `remedy` inside the next password check or hash, after the hasher's work and before
 * the service's transaction: a remedy committed while the family was proving itself.
 */
function duringNextHasherCall(method: 'verify' | 'hash', remedy: () => Promise<unknown>) {
  const original = testHasher[method] as (...args: string[]) => Promise<unknown>;
  (testHasher as unknown as Record<string, unknown>)[method] = async (...args: string[]) => {
    (testHasher as unknown as Record<string, unknown>)[method] = original;
    const result = await original.apply(testHasher, args);
    await remedy();
    return result;
  };
}

const bumpVersion = (accountId: number) =>
  w.p.db.manager.query(
    'UPDATE family_account SET password_version = password_version + 1 WHERE id = ?',
    [accountId],
  );

describe('a remedy committed while the family proves itself wins (issue 14, review)', () => {
  const count = (
    entity: typeof PortalSessionEntity | typeof PortalDeviceEntity,
    accountId: number,
  ) => w.p.db.manager.getRepository(entity).countBy({ accountId });

  it('a login whose password was checked before a staff remedy gets no session and no known browser', async () => {
    const { account } = await freshGuardian();
    await activateAccount(w.p, account.id, PASSWORD, EMAIL);
    duringNextHasherCall('verify', () => bumpVersion(account.id));
    const login = await browser().submit('/', '/connexion', {
      login: account.login,
      password: PASSWORD,
    });
    expect(login.status).toBe(400);
    expect(login.body).toContain('réessayez');
    expect(await count(PortalSessionEntity, account.id)).toBe(0);
    expect(await count(PortalDeviceEntity, account.id)).toBe(0);
  });

  it('a first connection overlapping a re-print does not overwrite the new letter’s password', async () => {
    const { account, children } = await freshGuardian();
    await giveProvisionalPassword(w.p, account.id, 'DCB8RJ2W');
    const family = browser();
    await family.submit('/', '/connexion', { login: account.login, password: 'DCB8RJ2W' });
    await family.get('/premiere-connexion');
    let letterHash = '';
    duringNextHasherCall('hash', async () => {
      letterHash = await testHasher.hash('K7Q2M9PX');
      await w.p.db.manager.query(
        'UPDATE family_account SET password_hash = ?, password_version = password_version + 1 WHERE id = ?',
        [letterHash, account.id],
      );
    });
    const done = await family.post('/premiere-connexion', {
      birthDate: typed(children[0]!.birthDate),
      password: 'Cerf9Violon',
      passwordAgain: 'Cerf9Violon',
      email: 'premiere.course@example.fr',
      emailAgain: 'premiere.course@example.fr',
    });
    expect(done.status).not.toBe(303);
    const after = await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: account.id });
    expect(after.passwordHash).toBe(letterHash);
    expect(after.state).toBe('provisional');
    expect(await lastMailTo(w.p, 'premiere.course@example.fr')).toBeNull();
  });

  it('a password change overlapping a closure does not reopen the account', async () => {
    const { account } = await freshGuardian();
    await activateAccount(w.p, account.id, PASSWORD, EMAIL);
    const family = browser();
    await family.submit('/', '/connexion', { login: account.login, password: PASSWORD });
    await family.get('/compte');
    duringNextHasherCall('hash', async () =>
      value(await w.p.dispatch('accounts.close', { id: account.id }, direction)),
    );
    const changed = await family.post('/compte/mot-de-passe', {
      current: PASSWORD,
      password: 'Cerf9Violon',
      passwordAgain: 'Cerf9Violon',
    });
    expect(changed.location).not.toBe('/compte?info=mot-de-passe-change');
    const after = await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: account.id });
    expect(after.state).toBe('closed');
    expect(await count(PortalSessionEntity, account.id)).toBe(0);
    expect((await family.get('/accueil')).location).toBe('/?info=session');
  });

  it('an address change overlapping a staff reset sends no confirmation link', async () => {
    const { account } = await freshGuardian();
    await activateAccount(w.p, account.id, PASSWORD, EMAIL);
    const family = browser();
    await family.submit('/', '/connexion', { login: account.login, password: PASSWORD });
    await family.get('/compte');
    duringNextHasherCall('verify', () =>
      printLetters(w.p, direction, {
        scope: { kind: 'accounts', accountIds: [account.id] },
        reset: true,
      }),
    );
    const asked = await family.post('/compte/adresse', {
      current: PASSWORD,
      email: 'intrus.course@example.fr',
      emailAgain: 'intrus.course@example.fr',
    });
    expect(asked.location).not.toBe('/compte?info=adresse');
    expect(await lastMailTo(w.p, 'intrus.course@example.fr')).toBeNull();
    const pending = await w.p.db.manager
      .getRepository(AccountTokenEntity)
      .countBy({ accountId: account.id, usedAt: IsNull() });
    expect(pending).toBe(0);
  });
});

describe('a family’s password change voids an intruder’s address change (issue 14, review)', () => {
  it('the confirmation link an intruder asked for is refused once the family changed its password', async () => {
    const { account, intruder } = await intrudedAccount();
    await intruder.get('/compte');
    const asked = await intruder.post('/compte/adresse', {
      current: PASSWORD,
      email: 'intrus.adresse@example.fr',
      emailAgain: 'intrus.adresse@example.fr',
    });
    expect(asked.location).toBe('/compte?info=adresse');
    const link = linkToken((await lastMailTo(w.p, 'intrus.adresse@example.fr'))!.textBody)!;
    const family = browser();
    await family.submit('/', '/connexion', { login: account.login, password: PASSWORD });
    const changed = await family.submit('/compte', '/compte/mot-de-passe', {
      current: PASSWORD,
      password: 'Cerf9Violon',
      passwordAgain: 'Cerf9Violon',
    });
    expect(changed.location).toBe('/compte?info=mot-de-passe-change');
    const opened = await browser().get(`/confirmer?jeton=${link}`);
    expect(opened.status).toBe(400);
    expect(opened.body).toContain('n’est plus valable');
    const after = await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: account.id });
    expect(after.email).toBe(`famille.${account.id}@example.fr`);
  });
});

/**
 * Two guardians of one child, both active; the first one logged in on the regroupement page,
 * about to prove the other's password. `order` picks a different pair for each test.
 */
async function mergeUnderway(order: 'ASC' | 'DESC', otherMail: string, survivorMail: string) {
  const [pair]: { g1: number; g2: number }[] = await w.p.db.manager.query(
    `SELECT x.account_id AS g1, y.account_id AS g2
       FROM account_student x JOIN account_student y ON y.student_id = x.student_id AND y.account_id > x.account_id
       JOIN family_account a ON a.id = x.account_id AND a.kind = 'guardian' AND a.state <> 'closed'
       JOIN family_account b ON b.id = y.account_id AND b.kind = 'guardian' AND b.state <> 'closed'
      ORDER BY x.account_id ${order} LIMIT 1`,
  );
  const accounts = w.p.db.manager.getRepository(FamilyAccountEntity);
  await activateAccount(w.p, pair!.g2, PASSWORD, `${otherMail}.${pair!.g2}@example.fr`);
  await activateAccount(w.p, pair!.g1, 'Soleil2024', `${survivorMail}.${pair!.g1}@example.fr`);
  const other = await accounts.findOneByOrFail({ id: pair!.g2 });
  const survivor = await accounts.findOneByOrFail({ id: pair!.g1 });
  const holder = browser();
  await holder.submit('/', '/connexion', { login: survivor.login, password: 'Soleil2024' });
  await holder.get('/compte/regrouper');
  return { accounts, other, holder };
}

describe('a regroupement proof does not outlive a remedy on the other account (issue 14, review)', () => {
  it('the other account reset by the school after the proof cannot be merged with its old password', async () => {
    const { accounts, other, holder } = await mergeUnderway('ASC', 'autre', 'preuve');
    const preview = await holder.post('/compte/regrouper', {
      login: other.login,
      password: PASSWORD,
      birthDate: '',
    });
    expect(preview.body).toContain('Confirmer le regroupement');
    await printLetters(w.p, direction, {
      scope: { kind: 'accounts', accountIds: [other.id] },
      reset: true,
    });
    const merged = await holder.post('/compte/regrouper/valider', {});
    expect(merged.location).not.toBe('/accueil?info=regroupement');
    expect((await accounts.findOneByOrFail({ id: other.id })).state).toBe('provisional');
  });

  it('a remedy committed while the preview checks the other account’s password voids the proof', async () => {
    const { accounts, other, holder } = await mergeUnderway('DESC', 'course', 'course');
    duringNextHasherCall('verify', () => bumpVersion(other.id));
    const preview = await holder.post('/compte/regrouper', {
      login: other.login,
      password: PASSWORD,
      birthDate: '',
    });
    expect(preview.body).toContain('Confirmer le regroupement');
    const merged = await holder.post('/compte/regrouper/valider', {});
    expect(merged.location).not.toBe('/accueil?info=regroupement');
    expect((await accounts.findOneByOrFail({ id: other.id })).state).toBe('active');
  });
});

describe('the backstop’s version moves with every change of state or recovery address (issue 14, review)', () => {
  it('an expiry and a confirmed new address each move the account’s version', async () => {
    const accounts = w.p.db.manager.getRepository(FamilyAccountEntity);
    const { account } = await freshGuardian();
    await activateAccount(w.p, account.id, PASSWORD, EMAIL);
    const family = browser();
    await family.submit('/', '/connexion', { login: account.login, password: PASSWORD });
    await family.submit('/compte', '/compte/adresse', {
      current: PASSWORD,
      email: 'version.adresse@example.fr',
      emailAgain: 'version.adresse@example.fr',
    });
    const confirm = linkToken((await lastMailTo(w.p, 'version.adresse@example.fr'))!.textBody)!;
    const before = (await accounts.findOneByOrFail({ id: account.id })).passwordVersion;
    const mailbox = browser();
    await mailbox.get(`/confirmer?jeton=${confirm}`);
    expect((await mailbox.post('/confirmer', { token: confirm })).status).toBe(200);
    const confirmed = (await accounts.findOneByOrFail({ id: account.id })).passwordVersion;
    expect(confirmed).toBe(before + 1);
    await accounts.update(account.id, { state: 'awaiting_confirmation', expiresOn: '2026-11-01' });
    expect(await expireAccounts(w.p.db, w.p.clock)).toBeGreaterThan(0);
    expect((await accounts.findOneByOrFail({ id: account.id })).passwordVersion).toBe(
      confirmed + 1,
    );
  });
});
