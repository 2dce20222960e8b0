import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { startWebServer, type RunningWebServer } from '../../main/http/webServer';
import type { InfoSheetRequestView } from '../../shared/api/staff';
import { loginToken, testHasher, value } from '../helpers/pupitre';
import { accessibilityViolations } from './axe';
import { CHROMIUM, CHROMIUM_ARGS, E2E_PASSWORD } from './harness';
import { logIn, openMenu } from './screens/staff';

// Issue 18 §2–§3 in Chromium, the staff side of the fiche de renseignements: a family asks to
// change the pupil's mobile and e-mail; the secretariat accepts the phone and refuses the
// e-mail with a comment, the pupil's record shows the new phone, then « Préparer l'export »
// refuses while a required value is missing (the pupil and the field named) and, once it is
// there, makes the « import privé » zip downloaded from the list of exports.
const SCREENS = process.env.PUPITRE_STAFF_SCREENS_DIR ?? join(tmpdir(), 'wt-fichestaff');
const NEW_PHONE = '07 12 34 56 78';

let server: RunningWebServer;
let dataDir: string;
let browser: Browser;
let pupil: { id: number; lastName: string; division: string };

async function openPage(width: number): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    locale: 'fr-FR',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await logIn(page, 'direction', E2E_PASSWORD);
  return page;
}

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'pupitre-e2e-fiche-'));
  server = await startWebServer({
    dataDir,
    port: 0,
    rendererDir: join(__dirname, '..', '..', 'dist', 'renderer'),
    demo: true,
    demoStudentCount: 60,
    adminPassword: E2E_PASSWORD,
    hasher: testHasher,
    portalPort: 0,
  });
  const p = server.pupitre;
  await p.db.manager.query(`UPDATE school SET opened_services = 'notes,fiche_renseignements'`);
  const [row] = (await p.db.manager.query(
    `SELECT a.id, a.login, s.id AS "studentId", s.last_name AS "lastName",
            s.first_name AS "firstName", d.code AS division
       FROM student s
       JOIN division d ON d.id = s.division_id
       JOIN student_guardian l ON l.student_id = s.id AND l.legal_rank = 1
       JOIN family_account a ON a.guardian_id = l.guardian_id
      ORDER BY s.id LIMIT 1`,
  )) as {
    id: number;
    login: string;
    studentId: number;
    lastName: string;
    firstName: string;
    division: string;
  }[];
  pupil = {
    id: Number(row!.studentId),
    lastName: row!.lastName,
    division: row!.division,
  };
  // SIECLE's régime and MEF, which the demo school may leave empty: the export needs them.
  await p.db.manager.query(
    `UPDATE student SET regime_code = '2', mef_code = '10310019110' WHERE id = ?`,
    [pupil.id],
  );
  await p.db.manager.getRepository(FamilyAccountEntity).update(row!.id, {
    passwordHash: await testHasher.hash('Tigre7Bleu'),
    state: 'active',
    email: 'famille@example.fr',
    emailConfirmed: true,
  });
  const login = await p.portal.dispatch.handle(
    'portal.login',
    { login: row!.login, password: 'Tigre7Bleu' },
    null,
    { address: '192.0.2.40' },
  );
  const submitted = await p.portal.dispatch.handle(
    'portal.infoSheetSubmit',
    { child: pupil.id, values: { phoneMobile: NEW_PHONE, email: 'nouvelle.adresse@exemple.fr' } },
    login.issued!,
    { address: '192.0.2.40' },
  );
  expect(submitted.result.ok).toBe(true);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('« Fiches de renseignements » (issue 18 §2–§3)', () => {
  it('staff accept the phone, refuse the e-mail with a comment; the record shows the phone', async () => {
    const page = await openPage(1366);
    await openMenu(page, 'Fiches de renseignements');
    await page.getByRole('heading', { name: 'Fiches de renseignements', level: 1 }).waitFor();
    await page.getByText('1 demande en attente').waitFor();
    // Filtered by division: another division has nothing, the pupil's has the request.
    const [other] = (await server.pupitre.db.manager.query(
      `SELECT code FROM division WHERE code <> ? ORDER BY code LIMIT 1`,
      [pupil.division],
    )) as { code: string }[];
    const chooseDivision = async (code: string) => {
      await page.getByRole('textbox', { name: 'Division' }).fill(code);
      await page.getByRole('option', { name: code, exact: true }).click();
    };
    await chooseDivision(other!.code);
    await page.getByText('Aucune demande à traiter dans cette division.').waitFor();
    await chooseDivision(pupil.division);
    await page.getByText('1 demande en attente').waitFor();
    // Opened from the keyboard: the request's header is a button.
    await page.getByRole('button', { name: new RegExp(pupil.lastName, 'i') }).focus();
    await page.keyboard.press('Enter');
    const phone = page.getByRole('listitem', { name: 'Tél. mobile' });
    await expect.poll(() => phone.innerText()).toContain(`→ ${NEW_PHONE}`);
    await phone.getByLabel('Accepter').check();
    const email = page.getByRole('listitem', { name: 'Courriel' });
    await email.getByLabel('Refuser').check();
    await email
      .getByLabel('Commentaire pour la famille (Courriel)')
      .fill('Merci de nous écrire depuis l’adresse connue.');
    await page.screenshot({ path: join(SCREENS, 'fiches-demande-1366.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Demande traitée' });
    await expect.poll(() => notice.innerText()).toMatch(/1 modification acceptée \(Tél\. mobile\)/);
    expect(await notice.innerText()).toMatch(/1 modification refusée \(Courriel\)/);
    expect(await notice.innerText()).toContain('Un courriel en informe la famille.');
    await page.getByText('0 demande en attente').waitFor();
    await page.getByText('1 changement accepté attend d’être envoyé à SIECLE (1 élève).').waitFor();

    await page.goto(`${server.url}#/eleves/${pupil.id}`);
    await page.getByText(NEW_PHONE).waitFor();
    expect(await page.locator('body').innerText()).not.toContain('nouvelle.adresse@exemple.fr');
    await page.context().close();
  });

  it('« Préparer l’export »: a missing value is named and nothing kept; then the zip downloads', async () => {
    const page = await openPage(1366);
    await openMenu(page, 'Fiches de renseignements');
    const prepare = page.getByRole('button', { name: 'Préparer l’export' });
    await server.pupitre.db.manager.query(`UPDATE student SET mef_code = '' WHERE id = ?`, [
      pupil.id,
    ]);
    await prepare.click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Export refusé' });
    await expect.poll(() => refusal.innerText()).toMatch(/MEF\u00a0: valeur manquante/);
    expect(await refusal.innerText()).toMatch(new RegExp(pupil.lastName, 'i'));
    await page.screenshot({ path: join(SCREENS, 'fiches-export-refus-1366.png'), fullPage: true });
    expect(await page.getByText('Aucun export pour l’instant.').count()).toBe(1);
    await server.pupitre.db.manager.query(
      `UPDATE student SET mef_code = '10310019110' WHERE id = ?`,
      [pupil.id],
    );
    await prepare.click();
    const table = page.getByRole('table', { name: 'Exports vers SIECLE' });
    await table.waitFor();
    const row = table.getByRole('row').nth(1);
    expect(await row.innerText()).toMatch(/^1\s.+\s1\s/s);
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: /Télécharger .+\.zip/ }).click();
    const file = await download;
    const zipName = file.suggestedFilename();
    expect(zipName).toMatch(/^\w{8}PRIVE2026\d{14}\.zip$/);
    const entries = unzipSync(readFileSync((await file.path())!));
    expect(Object.keys(entries)).toEqual([zipName.replace(/\.zip$/, '.xml')]);
    await page.screenshot({ path: join(SCREENS, 'fiches-export-1366.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('at 390 px: a request opened, and a decision that lost the race is said plainly', async () => {
    const p = server.pupitre;
    const [row] = (await p.db.manager.query(
      `SELECT s.id FROM student s WHERE s.id <> ? AND s.division_id IS NOT NULL ORDER BY s.id LIMIT 1`,
      [pupil.id],
    )) as { id: number }[];
    const [account] = (await p.db.manager.query(
      `SELECT a.id, a.login FROM family_account a
         JOIN student_guardian l ON l.guardian_id = a.guardian_id AND l.legal_rank = 1
        WHERE l.student_id = ?`,
      [row!.id],
    )) as { id: number; login: string }[];
    await p.db.manager.getRepository(FamilyAccountEntity).update(account!.id, {
      passwordHash: await testHasher.hash('Tigre8Vert'),
      state: 'active',
      email: 'autre@example.fr',
      emailConfirmed: true,
    });
    const login = await p.portal.dispatch.handle(
      'portal.login',
      { login: account!.login, password: 'Tigre8Vert' },
      null,
      { address: '192.0.2.41' },
    );
    await p.portal.dispatch.handle(
      'portal.infoSheetSubmit',
      { child: row!.id, values: { phoneHome: '03 81 22 33 44' } },
      login.issued!,
      { address: '192.0.2.41' },
    );
    const page = await openPage(390);
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await openMenu(page, 'Fiches de renseignements');
    await page.getByText('1 demande en attente').waitFor();
    await page.locator('.mantine-Accordion-control').first().click();
    await page.getByRole('button', { name: 'Tout accepter' }).click();
    await page.screenshot({ path: join(SCREENS, 'fiches-demande-390.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    // Another workstation handles it first: the second decision is told so, plainly.
    const direction = await loginToken(p, 'direction', E2E_PASSWORD);
    const [request] = value<InfoSheetRequestView[]>(
      await p.dispatch('infoSheets.queue', {}, direction),
    );
    value(
      await p.dispatch(
        'infoSheets.review',
        { id: request!.id, version: request!.version, all: 'refused' },
        direction,
      ),
    );
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Demande déjà traitée' });
    await expect
      .poll(() => notice.innerText())
      .toContain(
        'Cette demande a déjà été traitée par quelqu’un d’autre\u00a0: rechargez la liste.',
      );
    await page.getByText('0 demande en attente').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator('section', { hasText: 'Export vers SIECLE' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENS, 'fiches-export-390.png'), fullPage: true });
    await page.context().close();
  });
});
