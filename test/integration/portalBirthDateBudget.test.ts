import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../shared/api/staff/accounts';
import { AuditLogEntity } from '../../main/db/entities';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { credentialsOf } from '../helpers/pdfText';
import { printLetters } from '../helpers/letterRuns';
import {
  activateAccount,
  giveProvisionalPassword,
  guardianPicker,
  startPortalWorld,
  typed,
  type PortalWorld,
} from '../helpers/portal';
import { ADMIN_PASSWORD, loginToken, value } from '../helpers/pupitre';

// Issue 14: « A date-of-birth proof gets a small hard budget per letter (5 wrong dates, then
// the letter is void and the family is told to ask the school for a new one; staff see why),
// shared across first connection and regroupement, never reset by time alone. »
let w: PortalWorld;
let direction: string;
let address = 10;
beforeAll(async () => {
  w = await startPortalWorld();
  nextGuardian = guardianPicker(w.p);
  direction = await loginToken(w.p, 'direction', ADMIN_PASSWORD);
});
afterAll(async () => w?.cleanup());
beforeEach(() => w.p.clock.set('2026-11-22T09:00:00.000Z'));

const LETTER = 'DCB8RJ2W';
const ASK_SCHOOL = 'Demandez un nouveau courrier à l’établissement';
const browser = () => w.client(`198.51.100.${address++}`);

/** Each test its own guardian account with a letter, the dates of its children. */
let nextGuardian: ReturnType<typeof guardianPicker>;
async function lettered() {
  const { account: unlettered, children } = await nextGuardian();
  await giveProvisionalPassword(w.p, unlettered.id, LETTER);
  const account = await w.p.db.manager
    .getRepository(FamilyAccountEntity)
    .findOneByOrFail({ id: unlettered.id });
  const dates = children.map((c) => ({ d: c.birthDate }));
  const known = new Set(dates.map((r) => r.d));
  // Dates none of its children has, to guess with.
  const wrong = Array.from(
    { length: 40 },
    (_, i) => `2012-01-${String((i % 28) + 1).padStart(2, '0')}`,
  )
    .concat(Array.from({ length: 28 }, (_, i) => `2013-02-${String(i + 1).padStart(2, '0')}`))
    .filter((d) => !known.has(d));
  return { account, right: dates[0]!.d, wrong: [...new Set(wrong)] };
}

async function signedIn(login: string) {
  const family = browser();
  await family.submit('/', '/connexion', { login, password: LETTER });
  await family.get('/premiere-connexion');
  return family;
}

const firstConnection = (family: Awaited<ReturnType<typeof signedIn>>, birthDate: string) =>
  family.post('/premiere-connexion', {
    birthDate: typed(birthDate),
    password: 'Cerf9Violon',
    passwordAgain: 'Cerf9Violon',
    email: 'budget@example.fr',
    emailAgain: 'budget@example.fr',
  });

const misses = async (id: number) =>
  (await w.p.db.manager.getRepository(FamilyAccountEntity).findOneByOrFail({ id })).birthDateMisses;

describe('the budget of dates of birth per letter (issue 14)', () => {
  it('5 wrong dates at the first connection void the letter: the right one is refused, staff see why', async () => {
    const { account, right, wrong } = await lettered();
    const family = await signedIn(account.login);
    for (let i = 0; i < 4; i++) {
      const answer = await firstConnection(family, wrong[i]!);
      expect(answer.status).toBe(400);
      expect(answer.body).not.toContain(ASK_SCHOOL);
    }
    const fifth = await firstConnection(family, wrong[4]!);
    expect(fifth.body).toContain(ASK_SCHOOL);
    const sixth = await firstConnection(family, right);
    expect(sixth.status).toBe(400);
    expect(sixth.body).toContain(ASK_SCHOOL);
    const row = await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: account.id });
    expect(row.state).toBe('provisional');
    expect(row.passwordHash).toBeNull();
    // The letter's password no longer opens the account.
    const late = await browser().post('/connexion', { login: account.login, password: LETTER });
    expect(late.location ?? '').not.toBe('/premiere-connexion');
    const staff = value<AccountDetail>(
      await w.p.dispatch('accounts.get', { id: account.id }, direction),
    );
    expect(staff.letterVoided).toBe(true);
    const journal = await w.p.db.manager
      .getRepository(AuditLogEntity)
      .findOneByOrFail({ action: 'account.letter_voided', targetId: String(account.id) });
    expect(journal.details).toContain('date de naissance');
    for (const d of [right, ...wrong.slice(0, 5)]) expect(journal.details).not.toContain(d);
  });

  it('a new letter from the school gives a new budget, and its password works', async () => {
    const { account, right, wrong } = await lettered();
    const family = await signedIn(account.login);
    for (let i = 0; i < 5; i++) await firstConnection(family, wrong[i]!);
    expect(await misses(account.id)).toBe(5);
    const { pages } = await printLetters(w.p, direction, {
      scope: { kind: 'accounts', accountIds: [account.id] },
      reset: true,
    });
    const { password } = credentialsOf(pages[0]!);
    expect(await misses(account.id)).toBe(0);
    const staff = value<AccountDetail>(
      await w.p.dispatch('accounts.get', { id: account.id }, direction),
    );
    expect(staff.letterVoided).toBe(false);
    const again = browser();
    await again.submit('/', '/connexion', { login: account.login, password: password! });
    await again.get('/premiere-connexion');
    expect((await firstConnection(again, right)).status).toBe(303);
  });

  it('10 wrong dates typed at the same time never count past the budget', async () => {
    const { account, wrong } = await lettered();
    const families = [];
    for (let i = 0; i < 10; i++) families.push(await signedIn(account.login));
    await Promise.all(families.map((f, i) => firstConnection(f, wrong[i]!)));
    expect(await misses(account.id)).toBe(5);
    const voided = await w.p.db.manager
      .getRepository(AuditLogEntity)
      .countBy({ action: 'account.letter_voided', targetId: String(account.id) });
    expect(voided).toBe(1);
  });
  // Last: it moves the clock weeks ahead.
  it('wrong dates at the first connection and at a regroupement share the budget, and days passing do not reset it', async () => {
    const { account, wrong } = await lettered();
    const family = await signedIn(account.login);
    for (let i = 0; i < 3; i++) await firstConnection(family, wrong[i]!);
    w.p.clock.set('2026-11-29T09:00:00.000Z');
    // Another guardian who holds the letter tries it in a regroupement.
    const holderRow = (
      await w.p.db.manager.query(
        `SELECT id FROM family_account WHERE kind = 'guardian' AND id <> ? ORDER BY id DESC LIMIT 1`,
        [account.id],
      )
    )[0] as { id: number };
    await activateAccount(w.p, holderRow.id, 'Tigre7Bleu', 'holder@example.fr');
    const holder = await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: holderRow.id });
    // Each attempt from a browser signed in afresh: weeks pass between them.
    const regroup = async (birthDate: string) => {
      const merging = browser();
      await merging.submit('/', '/connexion', { login: holder.login, password: 'Tigre7Bleu' });
      await merging.get('/compte/regrouper');
      return merging.post('/compte/regrouper', {
        login: account.login,
        password: LETTER,
        birthDate: typed(birthDate),
      });
    };
    expect((await regroup(wrong[3]!)).status).toBe(400);
    expect(await misses(account.id)).toBe(4);
    w.p.clock.set('2026-12-20T09:00:00.000Z');
    expect((await regroup(wrong[4]!)).body).toContain(ASK_SCHOOL);
    w.p.clock.set('2027-01-10T09:00:00.000Z');
    expect(await misses(account.id)).toBe(5);
    const desk = await loginToken(w.p, 'direction', ADMIN_PASSWORD);
    const staff = value<AccountDetail>(
      await w.p.dispatch('accounts.get', { id: account.id }, desk),
    );
    expect(staff.letterVoided).toBe(true);
  });
});
