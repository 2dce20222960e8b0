import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../main/services/context';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import { syncAccounts } from '../../main/services/accounts/provisioning';
import { writeNewSchool } from '../../main/services/school/schoolWriter';
import { E2E_PASSWORD, startE2e, type E2eWorld } from './harness';
import { SCREENS_DIR, checkPage, printLetter, typedDate, waitForMail } from './screens/portal';
import { logIn, openMenu, prepareAndDownloadLetters } from './screens/staff';
import { credentialsOf } from '../helpers/pdfText';

// The whole journey of a parent with a letter in hand, on a phone (390 px), in Chromium,
// with no help but the pages: first connection, the e-mail link, a child of another school
// of the same database joined by regroupement, a forgotten password, « mes données ». Every
// portal page passes axe and is screenshot. Then the school's preview shows what they saw.
let world: E2eWorld;
let page: Page;
let portal: string;
const q = <T>(sql: string, params: unknown[] = []) =>
  world.server.pupitre.db.manager.query(sql, params) as Promise<T[]>;

const actorOf = (schoolId: number): StaffActor => ({
  sessionId: 0,
  userId: 1,
  schoolId,
  role: 'direction',
  login: 'direction',
  displayName: 'Secrétariat',
  mustChangePassword: false,
});

/** A long address without a hyphen to break at: no page may grow wider than a phone for it. */
const PARENT_EMAIL =
  'marie.christine.dupontdelafontaine.sainthilaire@messageriefamilialeexemple.fr';

let parent: {
  id: number;
  login: string;
  password: string;
  birthDate: string;
  child: string;
  childId: number;
};
let other: { login: string; password: string; birthDate: string; child: string };

beforeAll(async () => {
  world = await startE2e({ students: 200, portal: true, viewport: { width: 390, height: 844 } });
  page = world.page;
  portal = world.server.portalUrl!;
  const pupitre = world.server.pupitre;
  await q('UPDATE school SET portal_url = ?', [portal.replace(/\/$/, '')]);
  const seed = generateDemoSchool({ seed: 31, studentCount: 20 });
  seed.school.uai = '0250002B';
  seed.school.name = 'Collège Victor-Hugo';
  seed.school.welcomeMessage =
    'Bienvenue au collège Victor-Hugo : les familles y trouvent la vie de la classe.';
  seed.school.address = {
    ...seed.school.address,
    line1: '3 avenue de la Gare',
    postalCode: '25300',
    city: 'Pontarlier',
  };
  seed.school.portalUrl = portal.replace(/\/$/, '');
  const secondSchool = await pupitre.db.transaction(async (m) => {
    const id = await writeNewSchool(m, seed, new Date().toISOString());
    await syncAccounts(m, id, new Date().toISOString());
    return id;
  });

  const [g] = await q<{ id: number; birth_date: string; first_name: string; student_id: number }>(
    `SELECT a.id, s.birth_date, s.first_name, s.id AS student_id FROM family_account a JOIN account_student x ON x.account_id = a.id
       JOIN student s ON s.id = x.student_id WHERE a.kind = 'guardian' AND a.school_id = 1
       AND (SELECT COUNT(*) FROM account_student y WHERE y.account_id = a.id) = 1 ORDER BY a.id LIMIT 1`,
  );
  const letter = await printLetter(pupitre, actorOf(1), g!.id);
  parent = {
    id: g!.id,
    ...letter,
    birthDate: g!.birth_date,
    child: g!.first_name,
    childId: g!.student_id,
  };

  const [h] = await q<{ id: number; birth_date: string; first_name: string }>(
    `SELECT a.id, s.birth_date, s.first_name FROM family_account a JOIN account_student x ON x.account_id = a.id
       JOIN student s ON s.id = x.student_id WHERE a.kind = 'guardian' AND a.school_id = ?
       AND (SELECT COUNT(*) FROM account_student y WHERE y.account_id = a.id) = 1 ORDER BY a.id LIMIT 1`,
    [secondSchool],
  );
  const otherLetter = await printLetter(pupitre, actorOf(secondSchool), h!.id);
  other = { ...otherLetter, birthDate: h!.birth_date, child: h!.first_name };
});
afterAll(async () => world?.close());

async function logInPortal(login: string, password: string, on: Page = page) {
  await on.getByLabel('Votre identifiant').fill(login);
  await on.getByLabel('Votre mot de passe').fill(password);
  await on.getByRole('button', { name: 'Se connecter' }).click();
}

describe('a parent, from the letter to « mes données »', () => {
  it('first connection with the letter’s identifiant and password, then the e-mail link', async () => {
    expect(parent.login).toMatch(/^[a-z0-9.-]+$/);
    expect(parent.password).toMatch(/^[A-Z2-9]{8}$/);
    await page.goto(portal);
    await checkPage(page, '01-connexion');
    await logInPortal(parent.login, parent.password);
    await page.getByRole('heading', { name: 'Première connexion' }).waitFor();
    await checkPage(page, '02-premiere-connexion');

    // A first try with the wrong date of birth: the error is tied to its field.
    await page.getByLabel('Date de naissance de votre enfant').fill('01/01/1990');
    await page.getByLabel('Nouveau mot de passe').fill('Tigre7Bleu');
    await page.getByLabel('Confirmation du mot de passe').fill('Tigre7Bleu');
    await page.getByLabel('Adresse électronique', { exact: false }).first().fill(PARENT_EMAIL);
    await page.getByLabel('Confirmation de l’adresse électronique').fill(PARENT_EMAIL);
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('alert').waitFor();
    await checkPage(page, '03-premiere-connexion-erreur');
    await expect
      .poll(() => page.getByLabel('Date de naissance de votre enfant').getAttribute('aria-invalid'))
      .toBe('true');

    // Issue 13: on a phone the field opens a digits-only keypad, where « / » cannot be
    // typed: the date goes in as eight digits, key by key, as the keypad types it.
    const dateField = page.getByLabel('Date de naissance de votre enfant');
    expect(await dateField.getAttribute('inputmode')).toBe('numeric');
    await dateField.fill('');
    await dateField.pressSequentially(typedDate(parent.birthDate).replaceAll('/', ''));
    await page.getByLabel('Nouveau mot de passe').fill('Tigre7Bleu');
    await page.getByLabel('Confirmation du mot de passe').fill('Tigre7Bleu');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('heading', { name: 'Compte en attente de validation' }).waitFor();
    await checkPage(page, '04-verification-mail');

    const mail = await waitForMail(
      world.dataDir,
      PARENT_EMAIL,
      'Mise à jour de votre adresse mail',
    );
    expect(mail.link).toContain('/confirmer?jeton=');
    await page.goto(mail.link);
    await checkPage(page, '05-confirmer');
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await page.getByText('Création réussie').waitFor();
    await checkPage(page, '06-adresse-confirmee');

    // The same link a second time: refused on opening, before any button (issue 13).
    await page.goto(mail.link);
    await page.getByRole('heading', { name: 'Lien non valable' }).waitFor();
    expect(await page.getByRole('button', { name: 'Confirmer mon adresse' }).count()).toBe(0);
    await checkPage(page, '07-lien-non-valable');
  });

  // Each of the two accounts covers one child (chosen so above): two children once joined.
  it('logs in to the home page, then joins the account of a child in another school', async () => {
    await page.goto(portal);
    await page.getByRole('heading', { name: 'Accueil' }).waitFor();
    await page
      .getByRole('heading', { name: new RegExp(parent.child) })
      .first()
      .waitFor();
    await checkPage(page, '08-accueil');

    await page.getByRole('link', { name: 'Gérer mon compte' }).click();
    await checkPage(page, '09-gerer-mon-compte');
    await page.getByRole('link', { name: 'Regrouper des comptes' }).click();
    await checkPage(page, '10-regrouper');
    // A typo in the other account's password: a form error, and the parent stays logged in.
    await page.getByLabel('Identifiant du compte').fill(other.login);
    await page.getByLabel('Mot de passe du compte').fill(`${other.password}X`);
    await page
      .getByLabel('Date de naissance d’un enfant de ce compte')
      .fill(typedDate(other.birthDate));
    await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('alert').waitFor();
    await page
      .getByText('Identifiant ou mot de passe du compte à regrouper incorrect.')
      .first()
      .waitFor();
    await checkPage(page, '10b-regrouper-erreur');
    expect(await page.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(1);
    await page.getByLabel('Mot de passe du compte').fill(other.password);
    await page
      .getByLabel('Date de naissance d’un enfant de ce compte')
      .fill(typedDate(other.birthDate));
    await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('heading', { name: 'Confirmer le regroupement' }).waitFor();
    await checkPage(page, '11-confirmer-regroupement');
    await page.getByRole('button', { name: 'Valider le regroupement' }).click();
    await page.getByText('Regroupement effectué').waitFor();

    const switcher = page.getByRole('navigation', { name: 'Choisir l’enfant' });
    await switcher.waitFor();
    await checkPage(page, '12-accueil-deux-enfants');
    // The switcher names both children; the one shown is marked current, the other a link.
    await expect.poll(() => switcher.getByRole('listitem').count()).toBe(2);
    const link = switcher.getByRole('link', { name: new RegExp(other.child) });
    if ((await link.count()) > 0) await link.click();
    await page.getByRole('heading', { name: 'Collège Victor-Hugo' }).waitFor();
    await page.getByText('Bienvenue au collège Victor-Hugo').waitFor();
    await expect
      .poll(() => switcher.locator('[aria-current="page"]').innerText())
      .toContain(other.child);
    await checkPage(page, '13-accueil-autre-etablissement');
  });

  it('forgets the password, resets it by the link, and logs in with the new one', async () => {
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByText('Déconnexion effectuée').waitFor();
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await checkPage(page, '14-mot-de-passe-oublie');
    await page.getByLabel('Votre identifiant').fill(parent.login);
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('heading', { name: 'Demande enregistrée' }).waitFor();
    const reference = (await page.locator('.p-reference').textContent())!.trim();
    await checkPage(page, '15-demande-enregistree');

    const mail = await waitForMail(world.dataDir, PARENT_EMAIL, `demande n° ${reference}`);
    await page.goto(mail.link);
    await page.getByRole('heading', { name: 'Nouveau mot de passe' }).waitFor();
    await checkPage(page, '16-nouveau-mot-de-passe');
    await page.getByLabel('Nouveau mot de passe').fill('Cerf9Violon');
    await page.getByLabel('Confirmation du mot de passe').fill('Cerf9Violon');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Votre mot de passe a été changé').waitFor();

    await logInPortal(parent.login, 'Tigre7Bleu');
    await page.getByText('Identifiant ou mot de passe incorrect.').waitFor();
    await checkPage(page, '17-connexion-erreur');
    await logInPortal(parent.login, 'Cerf9Violon');
    await page.getByRole('heading', { name: 'Accueil' }).waitFor();
    await expect.poll(() => page.getByText(/Dernière connexion le/).count()).toBe(1);
  });

  it('reads and downloads « mes données », with both children', async () => {
    await page.getByRole('link', { name: 'Gérer mon compte' }).click();
    await page.getByRole('link', { name: 'Consulter mes données' }).click();
    await page.getByRole('heading', { name: 'Mes données' }).waitFor();
    await checkPage(page, '18-mes-donnees');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger ces données (fichier JSON)' }).click(),
    ]);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      account: { login: string };
      children: { firstName: string }[];
    };
    expect(data.account.login).toBe(parent.login);
    expect(data.children.map((c) => c.firstName)).toEqual(
      expect.arrayContaining([parent.child, other.child]),
    );
  });

  it('reports a child that is not theirs, and reads the footer’s pages', async () => {
    await page.goto(`${portal}accueil?enfant=${parent.childId}`);
    await page.getByRole('link', { name: 'Cet enfant n’est pas le mien' }).click();
    await checkPage(page, '19-pas-mon-enfant');
    await page.getByLabel('Précision pour l’établissement').fill('Erreur de saisie, je pense.');
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.getByText('Votre signalement a été transmis').waitFor();
    for (const [name, link] of [
      ['20-mentions-legales', 'Mentions légales'],
      ['21-donnees-personnelles', 'Données personnelles'],
      ['22-contact', 'Contact'],
    ] as const) {
      await page.getByRole('contentinfo').getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: link }).waitFor();
      await checkPage(page, name);
    }
    await page.getByRole('contentinfo').getByRole('link', { name: 'Aide' }).click();
    await checkPage(page, '23-aide');
    await page.goto(`${portal}page-qui-n-existe-pas`);
    await checkPage(page, '24-page-introuvable');
  });

  it('the school’s preview of this parent shows what the parent saw', async () => {
    await page.goto(`${portal}accueil?enfant=${parent.childId}`);
    await page.getByRole('heading', { name: 'Accueil' }).waitFor();
    // The portal's pages put French no-break spaces before « : » (main/http/portal/render.ts);
    // the words are what is compared.
    const words = (text: string) => text.replace(/\s+/g, ' ').trim();
    const seen = words(await page.locator('.p-grid').innerText());

    const staff = await page
      .context()
      .browser()!
      .newPage({ viewport: { width: 1280, height: 900 } });
    await staff.goto(world.server.url);
    await logIn(staff, 'direction', E2E_PASSWORD);
    await staff.goto(`${world.server.url}#/comptes/${parent.id}/apercu`);
    await staff.getByRole('heading', { name: 'Aperçu du portail' }).waitFor();
    await staff.locator('.portail .p-grid').waitFor();
    // Two children since the regroupement: the preview's child picker shows the same one.
    await staff.getByRole('textbox', { name: 'Enfant' }).click();
    await staff.getByRole('option', { name: new RegExp(parent.child) }).click();
    await expect.poll(() => staff.locator('.portail .p-grid').innerText()).toContain(parent.child);
    const previewed = words(await staff.locator('.portail .p-grid').innerText());
    expect(previewed).toBe(seen);
    await staff.getByRole('link', { name: 'Signalements des familles' }).click();
    await staff.getByRole('cell', { name: 'Erreur de saisie, je pense.' }).waitFor();
    await staff.close();
  });
});

describe('the other guardian, and links that are too old', () => {
  it('makes a compte joint: the other guardian’s account joins the parent’s', async () => {
    const [other2] = await q<{ id: number }>(
      `SELECT y.account_id AS id FROM account_student x JOIN account_student y ON y.student_id = x.student_id AND y.account_id <> x.account_id
         JOIN family_account a ON a.id = y.account_id AND a.kind = 'guardian' AND a.state = 'not_notified'
        WHERE x.account_id = ? AND x.student_id = ? LIMIT 1`,
      [parent.id, parent.childId],
    );
    if (!other2) throw new Error('the demo child has a single legal guardian');
    const letter = await printLetter(world.server.pupitre, actorOf(1), other2.id);
    await page.goto(`${portal}compte/regrouper`);
    await page.getByLabel('Identifiant du compte').fill(letter.login);
    await page.getByLabel('Mot de passe du compte').fill(letter.password);
    await page
      .getByLabel('Date de naissance d’un enfant de ce compte')
      .fill(typedDate(parent.birthDate));
    await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('heading', { name: `Enfants du compte ${letter.login}` }).waitFor();
    await page.getByText(/il se connectera désormais avec votre identifiant/).waitFor();
    await checkPage(page, '25b-confirmer-compte-joint');
    await page.getByRole('button', { name: 'Valider le regroupement' }).click();
    await page.getByText('Regroupement effectué').waitFor();
    await page.goto(`${portal}compte`);
    await page.getByText('Compte joint').waitFor();
    await checkPage(page, '25c-gerer-compte-joint');
    const [closed] = await q<{ state: string; merged_into_id: number }>(
      'SELECT state, merged_into_id FROM family_account WHERE id = ?',
      [other2.id],
    );
    expect(closed).toMatchObject({ state: 'closed', merged_into_id: parent.id });
  });

  it('refuses a reset link past its week', async () => {
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByLabel('Votre identifiant').fill(parent.login);
    await page.getByRole('button', { name: 'Valider' }).click();
    const reference = (await page.locator('.p-reference').textContent())!.trim();
    const mail = await waitForMail(world.dataDir, PARENT_EMAIL, `demande n° ${reference}`);
    // A week has gone by (the server runs on the real clock: the link's end is moved instead).
    await q(
      `UPDATE account_token SET expires_at = '2020-01-01T00:00:00.000Z' WHERE reference = ?`,
      [reference],
    );
    await page.goto(mail.link);
    await page.getByRole('heading', { name: 'Lien non valable' }).waitFor();
    await checkPage(page, '26-lien-expire');
  });

  it('changes the address: the new one gets its own e-mail, and the page says the address changed', async () => {
    const newEmail = 'christine.dupontdelafontaine.nouvelleadresse@messageriefamilialeexemple.fr';
    await page.goto(portal);
    await logInPortal(parent.login, 'Cerf9Violon');
    await page.getByRole('heading', { name: 'Accueil' }).waitFor();
    await page.getByRole('link', { name: 'Gérer mon compte' }).click();
    const form = page.locator('form[action="/compte/adresse"]');
    await form.getByLabel('Mot de passe actuel').fill('Cerf9Violon');
    await form.getByLabel('Nouvelle adresse électronique').fill(newEmail);
    await form.getByLabel('Confirmation de l’adresse électronique').fill(newEmail);
    await form.getByRole('button', { name: 'Envoyer le lien de confirmation' }).click();
    await page.getByText('Un lien de confirmation a été envoyé').waitFor();
    await checkPage(page, '27-gerer-mon-compte-adresse-en-attente');

    const mail = await waitForMail(world.dataDir, newEmail, 'Mise à jour de votre adresse mail');
    expect(mail.text).toContain('comme nouvelle adresse du compte');
    expect(mail.text).not.toContain('Vous souhaitez accéder');
    await page.goto(mail.link);
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await page.getByText('Votre nouvelle adresse électronique').waitFor();
    expect(await page.getByText('Création réussie').count()).toBe(0);
    await checkPage(page, '28-nouvelle-adresse-confirmee');
    // A confirmed new address ends every session of the account (issue 14): log in again.
    await page.goto(portal);
    await logInPortal(parent.login, 'Cerf9Violon');
    await page.getByRole('heading', { name: 'Accueil' }).waitFor();
    await page.goto(`${portal}mes-donnees`);
    await checkPage(page, '29-mes-donnees-apres-changement');
  });
});

describe('a student', () => {
  it('uses the portal before confirming the e-mail address', async () => {
    const [s] = await q<{ id: number; birth_date: string }>(
      `SELECT a.id, s.birth_date FROM family_account a JOIN student s ON s.id = a.student_id WHERE a.school_id = 1 ORDER BY a.id LIMIT 1`,
    );
    const letter = await printLetter(world.server.pupitre, actorOf(1), s!.id);
    const context = await page
      .context()
      .browser()!
      .newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
    const pupil = await context.newPage();
    await pupil.goto(portal);
    await pupil.getByLabel('Votre identifiant').fill(letter.login);
    await pupil.getByLabel('Votre mot de passe').fill(letter.password);
    await pupil.getByRole('button', { name: 'Se connecter' }).click();
    await pupil.getByLabel('Votre date de naissance').fill(typedDate(s!.birth_date));
    await pupil.getByLabel('Nouveau mot de passe').fill('Girafe42Nuage');
    await pupil.getByLabel('Confirmation du mot de passe').fill('Girafe42Nuage');
    await pupil
      .getByLabel('Adresse électronique', { exact: false })
      .first()
      .fill('eleve.e2e@example.fr');
    await pupil.getByLabel('Confirmation de l’adresse électronique').fill('eleve.e2e@example.fr');
    await pupil.getByRole('button', { name: 'Valider' }).click();
    await pupil.getByText('Création réussie').waitFor();
    await pupil.getByRole('heading', { name: 'Accueil' }).waitFor();
    await checkPage(pupil, '25-accueil-eleve');
    await context.close();
  });
});

describe('a re-print after a first connection (issue 13)', () => {
  // A mother did her first connection and has not clicked her confirmation link yet when the
  // school re-prints her child's division: the letter recalls her identifiant only and her
  // password stays hers, until staff reset that one account.
  it('a division re-print leaves her chosen password; a reset leads to the first connection and voids her link', async () => {
    const email = 'mere.reimpression@example.fr';
    const [mother] = await q<{ id: number; birth_date: string; division: string }>(
      `SELECT a.id, s.birth_date, d.code AS division FROM family_account a
         JOIN account_student x ON x.account_id = a.id JOIN student s ON s.id = x.student_id
         JOIN division d ON d.id = s.division_id
        WHERE a.kind = 'guardian' AND a.school_id = 1 AND a.state = 'not_notified'
          AND s.id <> ? ORDER BY a.id LIMIT 1`,
      [parent.childId],
    );
    const letter = await printLetter(world.server.pupitre, actorOf(1), mother!.id);
    const context = await page
      .context()
      .browser()!
      .newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
    const phone = await context.newPage();
    await phone.goto(portal);
    await logInPortal(letter.login, letter.password, phone);
    await phone.getByLabel('Date de naissance de votre enfant').fill(typedDate(mother!.birth_date));
    await phone.getByLabel('Nouveau mot de passe').fill('Loutre5Sable');
    await phone.getByLabel('Confirmation du mot de passe').fill('Loutre5Sable');
    await phone.getByLabel('Adresse électronique', { exact: false }).first().fill(email);
    await phone.getByLabel('Confirmation de l’adresse électronique').fill(email);
    await phone.getByRole('button', { name: 'Valider' }).click();
    await phone.getByRole('heading', { name: 'Compte en attente de validation' }).waitFor();
    const confirmation = await waitForMail(
      world.dataDir,
      email,
      'Mise à jour de votre adresse mail',
    );
    expect(confirmation.link).toContain('/confirmer?jeton=');

    // Staff re-print her child's division, « Seulement les comptes jamais notifiés » unticked.
    const staff = await page
      .context()
      .browser()!
      .newPage({ viewport: { width: 1366, height: 900 } });
    await staff.goto(world.server.url);
    await logIn(staff, 'direction', E2E_PASSWORD);
    await openMenu(staff, 'Campagne de courriers');
    await staff.getByRole('heading', { name: 'Campagne des comptes' }).waitFor();
    await staff.getByRole('textbox', { name: 'Division' }).click();
    await staff.getByRole('option', { name: mother!.division, exact: true }).click();
    await staff.getByRole('button', { name: 'Imprimer les courriers…' }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: 'Seulement les comptes jamais notifiés' }).uncheck();
    await dialog.getByText(/dont le titulaire a choisi son mot de passe/).waitFor();
    await staff.screenshot({ path: join(SCREENS_DIR, '30-staff-reimpression-division.png') });
    const reprint = await prepareAndDownloadLetters(staff);
    const hers = reprint.pages.filter((text) => credentialsOf(text).login === letter.login);
    expect(hers).toHaveLength(1);
    expect(credentialsOf(hers[0]!)).toEqual({ login: letter.login, password: null });
    expect(hers[0]).toContain('inchangé, non imprimé sur ce courrier');

    // Her chosen password still works, and still asks her to confirm her address.
    await phone.getByRole('button', { name: 'Se déconnecter' }).click();
    await logInPortal(letter.login, 'Loutre5Sable', phone);
    await phone.getByRole('heading', { name: 'Compte en attente de validation' }).waitFor();
    await checkPage(phone, '31-apres-reimpression-en-attente');

    // Staff reset her one account from « Comptes des familles ».
    await openMenu(staff, 'Comptes des familles');
    await staff.getByLabel('Rechercher un compte').fill(letter.login);
    await staff
      .getByRole('row', { name: new RegExp(letter.login) })
      .getByRole('link')
      .click();
    await staff.getByRole('button', { name: 'Réinitialiser (nouveau mot de passe)' }).click();
    await dialog
      .getByText('le mot de passe choisi par la famille cessera de fonctionner')
      .waitFor();
    const reset = credentialsOf((await prepareAndDownloadLetters(staff)).pages[0]!);
    expect(reset.login).toBe(letter.login);
    expect(reset.password).toMatch(/^[A-Z2-9]{8}$/);
    await staff.close();

    // The session opened with her chosen password is over; that password no longer works.
    await phone.reload();
    await phone.getByLabel('Votre identifiant').waitFor();
    expect(await phone.getByRole('heading', { name: 'Première connexion' }).count()).toBe(0);
    await logInPortal(letter.login, 'Loutre5Sable', phone);
    await phone.getByText('Identifiant ou mot de passe incorrect.').waitFor();
    // The provisional password leads to the first-connection form, not to « en attente ».
    await logInPortal(letter.login, reset.password!, phone);
    await phone.getByRole('heading', { name: 'Première connexion' }).waitFor();
    expect(
      await phone.getByRole('heading', { name: 'Compte en attente de validation' }).count(),
    ).toBe(0);
    await checkPage(phone, '32-apres-reinitialisation-premiere-connexion');
    // Her first confirmation link, from before the reset, is void.
    await phone.goto(confirmation.link);
    await phone.getByRole('heading', { name: 'Lien non valable' }).waitFor();
    expect(await phone.getByRole('button', { name: 'Confirmer mon adresse' }).count()).toBe(0);
    await checkPage(phone, '33-lien-d-avant-la-reinitialisation');
    await context.close();
  });
});
