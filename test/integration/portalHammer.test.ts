import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottleEntity } from '../../main/db/entities';
import { PORTAL_RULES } from '../../main/services/portal/portalAuth';
import { keyHash } from '../../main/services/staff/loginThrottle';
import {
  activateAccount,
  lastMailTo,
  linkToken,
  startPortalWorld,
  type PortalClient,
  type PortalWorld,
} from '../helpers/portal';

// Issue 14: a stranger who guesses once a minute, each time from a new address, sets off the
// account lock again and again. The family must still get in within minutes through
// « Mot de passe oublié », and keep getting in while the stranger goes on.
let w: PortalWorld;
beforeAll(async () => {
  w = await startPortalWorld();
});
afterAll(async () => w?.cleanup());

const MINUTE = 60_000;

/** The stranger's count against the account (the lock's key), as stored. */
async function accountFailures(login: string): Promise<number> {
  const row = await w.p.db.manager
    .getRepository(LoginThrottleEntity)
    .findOneBy({ keyHash: keyHash('account', login, '', 'portal') });
  return row?.failures ?? 0;
}
const EMAIL = 'famille.assiegee@example.fr';

async function familyAccount(skip = 0) {
  const rows = (await w.p.db.manager.query(
    `SELECT id, login FROM family_account WHERE kind = 'guardian' AND state = 'not_notified' ORDER BY id LIMIT 1 OFFSET ?`,
    [skip],
  )) as { id: number; login: string }[];
  return rows[0]!;
}

describe('a stranger hammering an account (one guess a minute, each from a new address)', () => {
  it('never keeps the family out: « Mot de passe oublié » lets them in at once, and again and again', async () => {
    const family = await familyAccount();
    await activateAccount(w.p, family.id, 'Tigre7Bleu', EMAIL);
    let guesses = 0;
    const strangerGuesses = async () => {
      guesses++;
      const address = `198.18.${Math.floor(guesses / 200)}.${(guesses % 200) + 1}`;
      const r = await w.p.portal.dispatch.handle(
        'portal.login',
        { login: family.login, password: `Devine${guesses}x` },
        null,
        { address },
      );
      return r.result.ok ? 'ok' : r.result.error!.code;
    };
    const logIn = (browser: PortalClient, password: string) =>
      browser.submit('/', '/connexion', { login: family.login, password });
    const logInAndOut = async (browser: PortalClient, password: string) => {
      const answer = await logIn(browser, password);
      await browser.submit('/accueil', '/deconnexion', {});
      return answer;
    };

    // Half an hour of guessing: the lock is on, and a new browser with the right password is
    // refused like the stranger.
    const before: string[] = [];
    for (let minute = 0; minute < 30; minute++) {
      before.push(await strangerGuesses());
      w.p.clock.advance(MINUTE);
    }
    expect(before).not.toContain('ok');
    while ((await strangerGuesses()) !== 'too_many_attempts') w.p.clock.advance(MINUTE);
    const refused = await logIn(w.client('192.0.2.77'), 'Tigre7Bleu');
    expect(refused.status).toBe(429);
    expect(refused.body).toContain('Mot de passe oublié');

    // The family asks for a link, opens it from the mail and sets a new password.
    const browser = w.client('192.0.2.80');
    const asked = await browser.submit('/mot-de-passe-oublie', '/mot-de-passe-oublie', {
      login: family.login,
    });
    expect(asked.status).toBe(200);
    w.p.clock.advance(MINUTE);
    await strangerGuesses();
    const token = linkToken((await lastMailTo(w.p, EMAIL))!.textBody)!;
    await browser.get(`/mot-de-passe/nouveau?jeton=${token}`);
    const reset = await browser.post('/mot-de-passe/nouveau', {
      token,
      password: 'Cerf9Violon',
      passwordAgain: 'Cerf9Violon',
    });
    expect(reset.location).toBe('/?info=mot-de-passe');
    expect((await logInAndOut(browser, 'Cerf9Violon')).status).toBe(303);

    // Ninety more minutes of guessing: the lock comes back for strangers, never for this
    // browser, and the family's logins hand the stranger no fresh free guesses.
    const after: string[] = [];
    for (let minute = 1; minute <= 90; minute++) {
      w.p.clock.advance(MINUTE);
      after.push(await strangerGuesses());
      if (minute % 10 === 0) {
        const counted = await accountFailures(family.login);
        expect((await logInAndOut(browser, 'Cerf9Violon')).status).toBe(303);
        expect(await accountFailures(family.login)).toBe(counted);
      }
    }
    expect(after).not.toContain('ok');
    // After the reset the stranger had the account's free tries once, then the lock again.
    expect(after.slice(30)).toContain('too_many_attempts');
    expect(await accountFailures(family.login)).toBeGreaterThan(PORTAL_RULES[2]!.free);
  });

  it('the account lock is bounded: a quarter of an hour after the stranger stops, any browser gets in', async () => {
    const family = await familyAccount(2);
    await activateAccount(w.p, family.id, 'Tigre7Bleu', 'famille.patiente@example.fr');
    const answers: string[] = [];
    const guess = async (minute: number) => {
      const r = await w.p.portal.dispatch.handle(
        'portal.login',
        { login: family.login, password: `Devine${minute}y` },
        null,
        { address: `198.19.${Math.floor(minute / 200)}.${(minute % 200) + 1}` },
      );
      answers.push(r.result.ok ? 'ok' : r.result.error!.code);
    };
    // Two hours of guessing, ending on a guess the lock refused: the lock is on right now.
    for (let minute = 0; minute < 120 || answers.at(-1) !== 'too_many_attempts'; minute++) {
      if (minute > 0) w.p.clock.advance(MINUTE);
      await guess(minute);
    }
    expect(answers).not.toContain('ok');
    // Refused guesses are not counted: two hours of hammering leave a count the lock's
    // fifteen-minute cap can always see the end of.
    const newBrowser = () => w.client('192.0.2.99');
    expect(
      (
        await newBrowser().submit('/', '/connexion', {
          login: family.login,
          password: 'Tigre7Bleu',
        })
      ).status,
    ).toBe(429);
    w.p.clock.advance(15 * MINUTE + 1000);
    expect(
      (
        await newBrowser().submit('/', '/connexion', {
          login: family.login,
          password: 'Tigre7Bleu',
        })
      ).status,
    ).toBe(303);
  });

  it('a family’s login from a new browser leaves the stranger’s count as it was: no fresh free guesses', async () => {
    const family = await familyAccount(1);
    await activateAccount(w.p, family.id, 'Tigre7Bleu', 'autre.famille@example.fr');
    for (let i = 0; i < 8; i++) {
      await w.p.portal.dispatch.handle(
        'portal.login',
        { login: family.login, password: `Essai${i}x` },
        null,
        { address: `198.18.250.${i + 1}` },
      );
    }
    const counted = await accountFailures(family.login);
    expect(counted).toBe(8);
    const browser = w.client('192.0.2.90');
    expect(
      (await browser.submit('/', '/connexion', { login: family.login, password: 'Tigre7Bleu' }))
        .status,
    ).toBe(303);
    expect(await accountFailures(family.login)).toBe(counted);
  });
});
