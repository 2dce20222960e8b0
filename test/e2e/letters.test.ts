import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testHasher } from '../helpers/pupitre';
import { credentialsOf, pdfPages } from '../helpers/pdfText';
import { LONGEST_IDENTIFIANT } from '../helpers/letterFixtures';
import { accessibilityViolations } from './axe';
import { E2E_PASSWORD, startE2e, type E2eWorld, STAFF_SCREENS_DIR } from './harness';
import { logIn, openMenu, prepareAndDownloadLetters } from './screens/staff';

// A secretary prints the letters of one division, resets one account and e-mails a letter,
// in the staff window (web mode, Chromium), as a new user would find their way.
let world: E2eWorld;
let db: Database.Database;
beforeAll(async () => {
  world = await startE2e({ students: 200 });
  db = new Database(join(world.dataDir, 'pupitre.sqlite'), { readonly: true, fileMustExist: true });
});
afterAll(async () => {
  db?.close();
  await world?.close();
});

const hashOf = (login: string) =>
  (
    db.prepare('SELECT password_hash FROM family_account WHERE login = ?').get(login) as {
      password_hash: string;
    }
  ).password_hash;

/** Where this test's screenshots go (looked at by a person, not compared). */
const SCREENS = STAFF_SCREENS_DIR;

/** The page at 1366 px and at a phone's 390 px, for a person to look at. */
async function screenshots(page: Page, name: string) {
  mkdirSync(SCREENS, { recursive: true });
  const size = page.viewportSize();
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // The window's layout settles (navigation drawer) before the picture.
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SCREENS, `${name}-${width}.png`) });
  }
  if (size) await page.setViewportSize(size);
}

/** The modal's plan → « Préparer le PDF » → « Télécharger le PDF »: the PDF's pages as text. */
async function prepareAndDownload(page: Page): Promise<string[]> {
  return (await prepareAndDownloadLetters(page)).pages;
}

async function totalOf(page: Page, group: string): Promise<number> {
  const label = await page
    .getByRole('button', { name: new RegExp(`^Établissement, ${group} :`) })
    .getAttribute('aria-label');
  return Number(/: (\d+)$/.exec(label ?? '')?.[1] ?? 0);
}

describe('letters, as a secretary prints them', () => {
  it('prints the letters of division 4B: one page per account, each with its identifiant and children', async () => {
    const { page } = world;
    await logIn(page, 'direction', E2E_PASSWORD);
    await openMenu(page, 'Campagne de courriers');
    await page.getByRole('heading', { name: 'Campagne des comptes' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    const notNotifiedBefore = await totalOf(page, 'Non notifiés');
    // One family of 4B gets the longest identifiant the rule allows: printed whole.
    const writable = new Database(join(world.dataDir, 'pupitre.sqlite'));
    const [longAccount] = writable
      .prepare(
        `SELECT a.id FROM family_account a JOIN account_student x ON x.account_id = a.id
           JOIN student s ON s.id = x.student_id JOIN division d ON d.id = s.division_id
          WHERE d.code = '4B' AND a.kind = 'guardian' LIMIT 1`,
      )
      .all() as { id: number }[];
    writable
      .prepare('UPDATE family_account SET login = ? WHERE id = ?')
      .run(LONGEST_IDENTIFIANT, longAccount!.id);
    writable.close();

    await page.getByRole('textbox', { name: 'Division' }).click();
    await page.getByRole('option', { name: '4B', exact: true }).click();
    await page.getByRole('button', { name: 'Imprimer les courriers…' }).click();
    await page
      .getByRole('dialog')
      .getByText(/courriers à imprimer/)
      .waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await expect
      .poll(() =>
        page.getByRole('checkbox', { name: 'Seulement les comptes jamais notifiés' }).isChecked(),
      )
      .toBe(true);
    await screenshots(page, 'letters-dialog-first');
    const pages = await prepareAndDownload(page);

    const expected = db
      .prepare(
        `SELECT DISTINCT a.login FROM family_account a JOIN account_student x ON x.account_id = a.id
           JOIN student s ON s.id = x.student_id JOIN division d ON d.id = s.division_id WHERE d.code = '4B'`,
      )
      .all() as { login: string }[];
    expect(pages).toHaveLength(expected.length);
    const printed = pages.map(credentialsOf);
    expect(printed.map((c) => c.login).sort()).toEqual(expected.map((e) => e.login).sort());
    expect(printed.map((c) => c.login)).toContain(LONGEST_IDENTIFIANT);
    for (const [i, { login, password }] of printed.entries()) {
      expect(await testHasher.verify(password!, hashOf(login!))).toBe(true);
      const children = db
        .prepare(
          `SELECT s.first_name FROM family_account a JOIN account_student x ON x.account_id = a.id
             JOIN student s ON s.id = x.student_id WHERE a.login = ?`,
        )
        .all(login) as { first_name: string }[];
      for (const child of children) expect(pages[i]).toContain(child.first_name);
    }
    await page.reload();
    await page.getByRole('heading', { name: 'Campagne des comptes' }).waitFor();
    expect(await totalOf(page, 'Non notifiés')).toBe(notNotifiedBefore - pages.length);
    expect(await totalOf(page, 'Notifiés')).toBe(pages.length);

    // Printing 4B again: letters already handed out are left valid unless staff untick.
    await page.getByRole('textbox', { name: 'Division' }).click();
    await page.getByRole('option', { name: '4B', exact: true }).click();
    await page.getByRole('button', { name: 'Imprimer les courriers…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`${pages.length} comptes déjà notifiés laissés de côté`).waitFor();
    await expect
      .poll(() => dialog.getByRole('button', { name: 'Préparer le PDF' }).isDisabled())
      .toBe(true);
    const keepValid =
      'Les courriers déjà remis restent valables\u202f: aucun mot de passe provisoire déjà imprimé n’est remplacé.';
    await dialog.getByText(keepValid, { exact: true }).waitFor();
    await dialog.getByRole('checkbox', { name: 'Seulement les comptes jamais notifiés' }).uncheck();
    await dialog.getByText(`${pages.length} réimpressions`).waitFor();
    // Unticked, the note would read as describing the re-print, which replaces passwords.
    expect(await dialog.getByText(keepValid, { exact: true }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshots(page, 'letters-dialog-reprint');
    await dialog.getByRole('button', { name: 'Fermer', exact: true }).click();
  });

  it('resets one account: the old password stops working, and its page shows the letter in its history', async () => {
    const { page } = world;
    const [row] = db
      .prepare(
        // Not the account renamed above (its search name was left as it was).
        `SELECT id, login FROM family_account WHERE state = 'provisional' AND kind = 'guardian' AND login <> ? LIMIT 1`,
      )
      .all(LONGEST_IDENTIFIANT) as { id: number; login: string }[];
    const oldHash = hashOf(row!.login);
    await openMenu(page, 'Comptes des familles');
    await page.getByLabel('Rechercher un compte').fill(row!.login);
    await page
      .getByRole('row', { name: new RegExp(row!.login) })
      .getByRole('link')
      .click();
    await page.getByRole('heading', { name: 'Historique' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Réinitialiser (nouveau mot de passe)' }).click();
    // One confirmation (issue 13 §3): the letter's dialog, which says the letter handed out
    // stops working.
    await page
      .getByRole('dialog')
      .getByText('son mot de passe provisoire cessera de fonctionner', { exact: false })
      .waitFor();
    const { pages: resetPages, fileName } = await prepareAndDownloadLetters(page);
    // The download says whom it is for.
    expect(fileName).toMatch(/^courriers-\d{4}-\d{2}-\d{2}-reinitialisation-.+\.pdf$/);
    const { login, password } = credentialsOf(resetPages[0]!);
    expect(login).toBe(row!.login);
    expect(hashOf(login!)).not.toBe(oldHash);
    expect(await testHasher.verify(password!, hashOf(login!))).toBe(true);
    await page.getByRole('cell', { name: 'Courrier de notification' }).first().waitFor();
  });

  it('e-mails a letter: it leaves through the outbox with the PDF attached', async () => {
    const { page } = world;
    const [row] = db
      .prepare(
        `SELECT a.login FROM family_account a JOIN guardian g ON g.id = a.guardian_id WHERE g.email <> '' AND a.state = 'not_notified' LIMIT 1`,
      )
      .all() as { login: string }[];
    await openMenu(page, 'Comptes des familles');
    await page.getByLabel('Rechercher un compte').fill(row!.login);
    await page
      .getByRole('row', { name: new RegExp(row!.login) })
      .getByRole('link')
      .click();
    await page.getByRole('button', { name: 'Envoyer le courrier par courriel' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Envoyer par courriel' }).click();
    await dialog.getByText(/mis en file d’envoi/).waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Fermer', exact: true }).click();

    await openMenu(page, 'Courriels');
    await page.getByRole('heading', { name: 'Courriels' }).waitFor();
    await page
      .getByText(/votre courrier de notification/)
      .first()
      .waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    const folder = join(world.dataDir, 'courriels');
    await expect.poll(() => readdirSync(folder).length, { timeout: 10_000 }).toBe(1);
    const mail = await simpleParser(readFileSync(join(folder, readdirSync(folder)[0]!)));
    expect(mail.attachments[0]!.contentType).toBe('application/pdf');
    const [attached] = await pdfPages(new Uint8Array(mail.attachments[0]!.content));
    const { login, password } = credentialsOf(attached!);
    expect(login).toBe(row!.login);
    expect(await testHasher.verify(password!, hashOf(login!))).toBe(true);
  });
  it('prints the rest of the school as one PDF a division, in a zip; one division downloads alone', async () => {
    const { page } = world;
    const waiting = (
      db.prepare(`SELECT login FROM family_account WHERE state = 'not_notified'`).all() as {
        login: string;
      }[]
    ).map((row) => row.login);
    await openMenu(page, 'Campagne de courriers');
    await page.getByRole('heading', { name: 'Campagne des comptes' }).waitFor();
    await page.getByRole('radio', { name: 'Tout l’établissement' }).check();
    await page.getByRole('button', { name: 'Imprimer les courriers…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/courriers à imprimer/).waitFor();
    await dialog.getByRole('radio', { name: /Un PDF par division/ }).check();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshots(page, 'letters-dialog-split');
    await dialog.getByRole('button', { name: 'Préparer les PDF' }).click();
    const zipButton = dialog.getByRole('button', { name: 'Télécharger le fichier .zip' });
    await zipButton.waitFor({ timeout: 120_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), zipButton.click()]);
    expect(download.suggestedFilename()).toMatch(/^courriers-\d{4}-\d\d-\d\d-.+\.zip$/);
    const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
    // Every letter still to print (4B was printed above), each in its carrier's division.
    const printed: string[] = [];
    for (const [name, bytes] of Object.entries(zip)) {
      for (const text of await pdfPages(bytes)) {
        printed.push(credentialsOf(text).login!);
        const division = /Remis à l’élève .+? \(([^)]+)\)/.exec(text.replace(/\s+/g, ' '))?.[1];
        // A family whose children are in no division has its own part, last.
        expect(name).toBe(`${name.slice(0, 3)}${division?.toLowerCase() ?? 'sans-division'}.pdf`);
      }
    }
    expect(printed.sort()).toEqual(waiting.sort());
    expect(Object.keys(zip).length).toBeGreaterThan(1);
    await dialog.getByRole('button', { name: 'Fermer', exact: true }).click();

    const first = Object.keys(zip)[0]!;
    await page
      .getByRole('button', { name: /^Télécharger une division du lot/ })
      .first()
      .click();
    const [alone] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem').first().click(),
    ]);
    expect(alone.suggestedFilename()).toMatch(new RegExp(`-${first}$`));
    const bytes = readFileSync(await alone.path());
    expect(bytes.equals(Buffer.from(zip[first]!))).toBe(true);
    expect((await pdfPages(new Uint8Array(bytes))).length).toBeGreaterThan(0);
  });
});
