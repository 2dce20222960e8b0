import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { PortalSessionEntity } from '../../main/db/entities/portal';
import {
  giveProvisionalPassword,
  guardianWithChildren,
  lastMailTo,
  linkToken,
  startPortalWorld,
  typed,
  type PortalWorld,
} from '../helpers/portal';

let w: PortalWorld;
beforeAll(async () => {
  w = await startPortalWorld();
});
afterAll(async () => w?.cleanup());

describe('first connection, confirmation, login (seed 004 « Première connexion »)', () => {
  it('takes a responsable from the letter to the home page, blocked until the e-mail link is followed', async () => {
    const { account, children } = await guardianWithChildren(w.p);
    await giveProvisionalPassword(w.p, account.id, 'DCB8RJ2W');
    const browser = w.client();

    const bad = await browser.submit('/', '/connexion', {
      login: account.login,
      password: 'FAUX1234',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Identifiant ou mot de passe incorrect.');

    const login = await browser.submit('/', '/connexion', {
      login: account.login,
      password: 'DCB8RJ2W',
    });
    expect(login.status).toBe(303);
    expect(login.location).toBe('/premiere-connexion');

    // Before the first connection, the home page is not reachable.
    expect((await browser.get('/accueil')).location).toBe('/premiere-connexion');

    await browser.get('/premiere-connexion');
    const wrongDate = await browser.post('/premiere-connexion', {
      birthDate: '01/01/1990',
      password: 'Tigre7Bleu',
      passwordAgain: 'Tigre7Bleu',
      email: 'parent@example.fr',
      emailAgain: 'parent@example.fr',
    });
    expect(wrongDate.status).toBe(400);
    expect(wrongDate.body).toContain('elle ne correspond à aucun des enfants');
    expect(wrongDate.body).toContain('aria-invalid="true"');
    // What was typed comes back, never a password.
    expect(wrongDate.body).toContain('value="parent@example.fr"');
    expect(wrongDate.body).not.toContain('Tigre7Bleu');

    const common = await browser.post('/premiere-connexion', {
      birthDate: typed(children[0]!.birthDate),
      password: 'Soleil2024',
      passwordAgain: 'Soleil2024',
      email: 'parent@example.fr',
      emailAgain: 'parent@example.fr',
    });
    expect(common.body).toContain('trop courant');

    const done = await browser.post('/premiere-connexion', {
      birthDate: typed(children[0]!.birthDate),
      password: 'Tigre7Bleu',
      passwordAgain: 'Tigre7Bleu',
      email: 'parent@example.fr',
      emailAgain: 'parent@example.fr',
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/verification');
    expect((await browser.get('/accueil')).location).toBe('/verification');
    const waiting = await browser.get('/verification');
    expect(waiting.body).toContain('Compte en attente de validation');
    expect(waiting.body).toContain('parent@example.fr');

    const mail = await lastMailTo(w.p, 'parent@example.fr');
    expect(mail?.subject).toBe('Message des services en ligne - Mise à jour de votre adresse mail');
    const token = linkToken(mail!.textBody)!;
    expect(mail!.textBody).toContain('http://127.0.0.1/familles/confirmer?jeton=');
    // The working link is not readable in the database while the message waits.
    expect(mail!.sealedBody).not.toContain(token);
    expect(mail!.sealedBody.startsWith('scellé:')).toBe(true);

    // Opening the link spends nothing (mail scanners open links): the button does.
    const stranger = w.client('198.51.100.7');
    const page = await stranger.get(`/confirmer?jeton=${token}`);
    expect(page.body).toContain('Confirmer mon adresse');
    const confirmed = await stranger.post('/confirmer', { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toContain('Création réussie');
    await stranger.get(`/confirmer?jeton=${token}`);
    const again = await stranger.post('/confirmer', { token });
    expect(again.status).toBe(400);
    expect(again.body).toContain('n’est plus valable');

    const home = await browser.get('/accueil');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Accueil');
    const row = await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: account.id });
    expect(row.state).toBe('active');
    expect(row.emailConfirmed).toBe(true);
    expect(row.passwordHash).not.toContain('Tigre7Bleu');
  });

  it('lets a student use the portal before the e-mail is confirmed', async () => {
    const student = await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneOrFail({ where: { kind: 'student' }, order: { id: 'ASC' } });
    await giveProvisionalPassword(w.p, student.id, 'KQ7MZP3X');
    const [own] = await w.p.db.manager.query('SELECT birth_date FROM student WHERE id = ?', [
      student.studentId,
    ]);
    const browser = w.client('192.0.2.20');
    await browser.submit('/', '/connexion', { login: student.login, password: 'KQ7MZP3X' });
    await browser.get('/premiere-connexion');
    const done = await browser.post('/premiere-connexion', {
      birthDate: typed((own as { birth_date: string }).birth_date),
      password: 'Girafe42Nuage',
      passwordAgain: 'Girafe42Nuage',
      email: 'eleve@example.fr',
      emailAgain: 'eleve@example.fr',
    });
    expect(done.location).toBe('/accueil?info=bienvenue');
    const home = await browser.get('/accueil?info=bienvenue');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Création réussie');
  });
});

describe('recovery answers the same whether or not the account exists (SPEC §4.3)', () => {
  it('mot de passe oublié: a reference, a one-week link, nothing changed before it is used, every session ended after', async () => {
    const { account } = await guardianWithChildren(w.p);
    const row = await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: account.id });
    expect(row.state).toBe('active');
    const session = w.client('192.0.2.30');
    expect(
      (await session.submit('/', '/connexion', { login: row.login, password: 'Tigre7Bleu' }))
        .location,
    ).toBe('/accueil');

    const anon = w.client('203.0.113.5');
    const known = await anon.submit('/mot-de-passe-oublie', '/mot-de-passe-oublie', {
      login: row.login,
    });
    const unknown = await anon.submit('/mot-de-passe-oublie', '/mot-de-passe-oublie', {
      login: 'personne.inconnue',
    });
    const strip = (html: string) =>
      html.replace(/\d{4}-\d{4}/g, 'REF').replace(/value="[^"]+"/g, '');
    expect(known.status).toBe(200);
    expect(strip(known.body)).toBe(strip(unknown.body));
    const reference = /p-reference">(\d{4}-\d{4})/.exec(known.body)![1]!;

    const mail = await lastMailTo(w.p, 'parent@example.fr');
    expect(mail!.subject).toContain(`demande n° ${reference}`);
    const token = linkToken(mail!.textBody)!;
    // Nothing has changed yet: the old password still works.
    expect(
      (
        await w
          .client('192.0.2.31')
          .submit('/', '/connexion', { login: row.login, password: 'Tigre7Bleu' })
      ).status,
    ).toBe(303);

    const form = await anon.get(`/mot-de-passe/nouveau?jeton=${token}`);
    expect(form.body).toContain(row.login);
    const reset = await anon.post('/mot-de-passe/nouveau', {
      token,
      password: 'Cerf9Violon',
      passwordAgain: 'Cerf9Violon',
    });
    expect(reset.location).toBe('/?info=mot-de-passe');
    expect((await session.get('/accueil')).location).toBe('/?info=session');
    expect(
      await w.p.db.manager.getRepository(PortalSessionEntity).countBy({ accountId: row.id }),
    ).toBe(0);
    expect((await anon.get(`/mot-de-passe/nouveau?jeton=${token}`)).status).toBe(400);
    expect(
      (
        await w
          .client('192.0.2.32')
          .submit('/', '/connexion', { login: row.login, password: 'Tigre7Bleu' })
      ).status,
    ).toBe(400);
    expect(
      (
        await w
          .client('192.0.2.33')
          .submit('/', '/connexion', { login: row.login, password: 'Cerf9Violon' })
      ).location,
    ).toBe('/accueil');
  });

  it('a reset link expires after one week', async () => {
    const { account } = await guardianWithChildren(w.p);
    const anon = w.client('203.0.113.6');
    await anon.submit('/mot-de-passe-oublie', '/mot-de-passe-oublie', { login: account.login });
    const token = linkToken((await lastMailTo(w.p, 'parent@example.fr'))!.textBody)!;
    const later = new Date(w.p.clock.now().getTime() + 7 * 86_400_000 + 60_000);
    w.p.clock.set(later.toISOString());
    try {
      const page = await anon.get(`/mot-de-passe/nouveau?jeton=${token}`);
      expect(page.status).toBe(400);
      expect(page.body).toContain('n’est plus valable');
    } finally {
      w.p.clock.set('2026-11-22T09:00:00.000Z');
    }
  });
});

describe('the portal server', () => {
  it('refuses a form posted without its token, and sends its security headers', async () => {
    const browser = w.client('192.0.2.40');
    const page = await browser.get('/');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).not.toContain('<script');
    const forged = await browser.post('/connexion', { login: 'x', password: 'y' }, 'jeton-forge');
    expect(forged.status).toBe(403);
    expect(forged.body).toContain('Formulaire expiré');
  });

  it('does not answer the staff API', async () => {
    const res = await w.portal.app.inject({
      method: 'POST',
      url: '/api/session.login',
      payload: {},
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('links in e-mails do not outlive their use', () => {
  it('a sent message keeps no working link in the database, and its .eml goes after a week', async () => {
    const { readdirSync, statSync, utimesSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { MailOutboxEntity } = await import('../../main/db/entities/mail');
    const { tidyMailFolder } = await import('../../main/mail/transports');
    await w.p.mailer.work();
    const sent = await w.p.db.manager
      .getRepository(MailOutboxEntity)
      .findBy({ template: 'account-confirm-email', status: 'sent' });
    expect(sent.length).toBeGreaterThan(0);
    for (const row of sent) {
      expect(row.textBody).not.toMatch(/jeton=/);
      expect(row.htmlBody).not.toMatch(/jeton=/);
    }
    const folder = join(w.p.dir, 'courriels');
    const confidential = readdirSync(folder).filter((f) => f.endsWith('-confidentiel.eml'));
    expect(confidential.length).toBeGreaterThan(0);
    const now = new Date();
    expect(tidyMailFolder(folder, now)).toBe(0);
    const old = new Date(now.getTime() - 8 * 86_400_000);
    utimesSync(join(folder, confidential[0]!), old, old);
    expect(tidyMailFolder(folder, now)).toBe(1);
    expect(() => statSync(join(folder, confidential[0]!))).toThrow();
  });
});
