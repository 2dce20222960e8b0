import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activateAccount,
  startPortalWorld,
  type PortalWorld,
} from '../helpers/portal';

let w: PortalWorld;
beforeAll(async () => {
  w = await startPortalWorld();
});
afterAll(async () => w?.cleanup());

/** Two guardian accounts, the first active and logged in from `address`. */
async function twoGuardians(address: string) {
  const [a, b] = await w.p.db.manager.query(
    `SELECT id, login FROM family_account a WHERE kind = 'guardian' AND state = 'not_notified'
       AND EXISTS (SELECT 1 FROM account_student x WHERE x.account_id = a.id) ORDER BY id DESC LIMIT 2`,
  );
  await activateAccount(w.p, a.id, 'Tigre7Bleu', `compte${a.id}@example.fr`);
  await activateAccount(w.p, b.id, 'Cerf9Violon', `compte${b.id}@example.fr`);
  const browser = w.client(address);
  const login = await browser.submit('/', '/connexion', { login: a.login, password: 'Tigre7Bleu' });
  expect(login.location).toBe('/accueil');
  return { browser, mine: a as { id: number; login: string }, other: b as { login: string } };
}

describe('a second identity checked inside a session (issue 13)', () => {
  it('treats a wrong password for the other account of a regroupement as a form error: the parent stays logged in', async () => {
    const { browser, other } = await twoGuardians('192.0.2.80');
    await browser.get('/compte/regrouper');
    const typo = await browser.post('/compte/regrouper', {
      login: other.login,
      password: 'Cerf9Violin',
      birthDate: '',
    });
    expect(typo.status).toBe(400);
    expect(typo.body).toContain('Identifiant ou mot de passe du compte à regrouper incorrect.');
    expect(typo.body).toContain(`value="${other.login}"`);
    expect(browser.cookies.size).toBeGreaterThan(0);
    const home = await browser.get('/accueil');
    expect(home.status).toBe(200);
    // The next try, without the typo, goes through.
    const preview = await browser.post('/compte/regrouper', {
      login: other.login,
      password: 'Cerf9Violon',
      birthDate: '',
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('Confirmer le regroupement');
  });

  it('does not end a session when a wrong login is typed in another tab', async () => {
    const { browser, mine } = await twoGuardians('192.0.2.81');
    const wrong = await browser.submit('/', '/connexion', {
      login: mine.login,
      password: 'Faux12345',
    });
    // The login page itself sends a logged-in family home: post straight to the form.
    expect([303, 400]).toContain(wrong.status);
    expect((await browser.get('/accueil')).status).toBe(200);
  });
});
