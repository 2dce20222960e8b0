import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { InfoSheetChangeEntity } from '../../main/db/entities/infoSheets';
import { MailOutboxEntity } from '../../main/db/entities/mail';
import type { RunningWebServer } from '../../main/http/webServer';
import { xsdProblems } from '../../main/services/siecleExport/xsd';
import type { InfoSheetRequestView } from '../../shared/api/staff';
import { loginToken, testHasher, value } from '../helpers/pupitre';
import { accessibilityViolations } from './axe';
import { CHROMIUM, CHROMIUM_ARGS, E2E_PASSWORD, startE2eServer } from './harness';
import { logIn, openMenu } from './screens/staff';

// Issue 18 §4 in Chromium, the whole journey of the fiche de renseignements: légal 1 changes
// the pupil's mobile and their own profession from a phone (390 px) → légal 2, signed in, is
// told a change waits → the secretariat accepts the phone and refuses the profession with a
// comment → both e-mails say so → the pupil's record in the staff window and the portal show
// the accepted values → the SIECLE export holds the phone and validates against the XSD; and a
// compte joint edits both guardians' records. One web server for all of it (CI time).
const SCREENS = process.env.PUPITRE_PORTAL_SCREENS_DIR ?? join(tmpdir(), 'pupitre-ecrans-fiche');
const PASSWORD = 'Tigre7Bleu';
const NEW_PHONE = '06 98 76 54 32';
const PROFESSION = 'Cadres de la fonction publique';
const COMMENT = 'Merci de joindre un justificatif.';

interface Family {
  studentId: number;
  lastName: string;
  division: string;
  a1: number;
  login1: string;
  a2: number;
  login2: string;
}
let server: RunningWebServer;
let dataDir: string;
let browser: Browser;
let family: Family;
let joint: Family;

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  ({ server, dataDir } = await startE2eServer({ students: 60, portal: true }));
  const p = server.pupitre;
  await p.db.manager.query(`UPDATE school SET opened_services = 'notes,fiche_renseignements'`);
  const rows = (await p.db.manager.query(
    `SELECT s.id AS "studentId", s.last_name AS "lastName", d.code AS division,
            a1.id AS a1, a1.login AS login1, a2.id AS a2, a2.login AS login2
       FROM student s
       JOIN division d ON d.id = s.division_id
       JOIN student_guardian l1 ON l1.student_id = s.id AND l1.legal_rank = 1
       JOIN student_guardian l2 ON l2.student_id = s.id AND l2.legal_rank = 2
       JOIN family_account a1 ON a1.guardian_id = l1.guardian_id
       JOIN family_account a2 ON a2.guardian_id = l2.guardian_id
      ORDER BY s.id`,
  )) as Family[];
  family = rows[0]!;
  // Another family altogether: none of its accounts is one of the first family's.
  const first = [family.a1, family.a2];
  joint = rows.find((r) => !first.includes(r.a1) && !first.includes(r.a2))!;
  // SIECLE's régime and MEF, which the demo school leaves empty: the export needs them.
  await p.db.manager.query(
    `UPDATE student SET regime_code = '2', mef_code = '10310019110' WHERE id = ?`,
    [family.studentId],
  );
  for (const id of [family.a1, family.a2, joint.a1]) {
    await p.db.manager.getRepository(FamilyAccountEntity).update(id, {
      passwordHash: await testHasher.hash(PASSWORD),
      state: 'active',
      email: `compte${id}@example.fr`,
      emailConfirmed: true,
    });
  }
  // A compte joint: légal 2's account regrouped into légal 1's (SPEC §4.4).
  await p.db.manager
    .getRepository(FamilyAccountEntity)
    .update(joint.a2, { mergedIntoId: joint.a1, state: 'closed', closedReason: 'merged' });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function portalFiche(login: string, studentId: number, width: number): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: width < 500 ? 844 : 850 },
    locale: 'fr-FR',
  });
  const page = await context.newPage();
  await page.goto(server.portalUrl!);
  await page.getByLabel('Votre identifiant').fill(login);
  await page.getByLabel('Votre mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Accueil' }).waitFor();
  await page.goto(new URL(`/accueil?enfant=${studentId}`, server.portalUrl!).href);
  await page.getByRole('link', { name: 'Fiche de renseignements' }).click();
  await page.getByRole('heading', { name: 'Fiche de renseignements', level: 1 }).waitFor();
  return page;
}

async function staffPage(width: number): Promise<Page> {
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

const send = (page: Page) => page.getByRole('button', { name: 'Valider' });
const guardianTab = (page: Page | Locator, rank: 1 | 2) =>
  page.getByRole('link', { name: new RegExp(`^Responsable légale? ${rank}$`) });
const pendingText = (shown: string) => `${shown} — en attente de validation par l’établissement`;

describe('fiche de renseignements, from the family to SIECLE (issue 18 §4)', () => {
  it('légal 1, on a phone, changes the pupil’s mobile (a typo first, told beside the field) and their own profession', async () => {
    const parent = await portalFiche(family.login1, family.studentId, 390);
    await parent
      .getByText('pour signaler un changement de régime, contactez l’établissement')
      .waitFor();
    await parent.screenshot({ path: join(SCREENS, '50-fiche-eleve-390.png'), fullPage: true });
    await parent.getByText('cliquez sur le bouton « Modifier » pour actualiser').waitFor();
    await parent.getByRole('link', { name: 'Modifier' }).click();
    // The parent's browser must not fill the pupil's fields with the parent's own data.
    for (const label of ['Tél. mobile', 'Courriel', 'Né(e) le', 'Nom de famille']) {
      expect(await parent.getByLabel(label, { exact: true }).getAttribute('autocomplete')).toBe(
        'off',
      );
    }
    await parent.getByLabel('Tél. mobile').fill('06 12');
    await send(parent).click();
    await parent.getByText('Le formulaire contient une erreur').waitFor();
    const error = parent.locator('#erreur-champ-phoneMobile');
    expect(await error.innerText()).toMatch(/^Tél\. mobile\s:\snuméro invalide/);
    expect(await parent.getByLabel('Tél. mobile').inputValue()).toBe('06 12');
    expect(await accessibilityViolations(parent)).toEqual([]);
    await parent.screenshot({ path: join(SCREENS, '51-fiche-erreur-390.png'), fullPage: true });

    await parent.getByLabel('Tél. mobile').fill(NEW_PHONE);
    await send(parent).click();
    await parent.getByText('Vos modifications ont été envoyées à l’établissement.').waitFor();
    await parent.getByText(pendingText(NEW_PHONE)).waitFor();

    // The waiting value's note is read with its field.
    await parent.getByRole('link', { name: 'Modifier' }).click();
    const mobile = parent.getByLabel('Tél. mobile');
    const noteId = (await mobile.getAttribute('aria-describedby')) ?? '';
    expect(await parent.locator(`[id="${noteId}"]`).innerText()).toBe(
      'Valeur en attente de validation par l’établissement.',
    );

    await guardianTab(parent, 1).click();
    await parent.getByRole('link', { name: 'Modifier' }).click();
    expect(await parent.getByLabel('Tél. mobile').getAttribute('autocomplete')).toBe('tel');
    await parent
      .getByLabel('Profession ou catégorie socio-professionnelle')
      .selectOption({ label: PROFESSION });
    await send(parent).click();
    await parent.getByText(pendingText(PROFESSION)).waitFor();
    expect(await accessibilityViolations(parent)).toEqual([]);
    await parent.screenshot({
      path: join(SCREENS, '52-fiche-responsable-390.png'),
      fullPage: true,
    });
    await parent.context().close();

    const changes = await server.pupitre.db.manager.getRepository(InfoSheetChangeEntity).find();
    expect(changes.map((c) => [c.field, c.newValue, c.status]).sort()).toEqual([
      ['phoneMobile', NEW_PHONE, 'pending'],
      ['professionCode', '33', 'pending'],
    ]);
  });

  it('légal 2, signed in, is told a change to the pupil waits, and is offered no form for it', async () => {
    const other = await portalFiche(family.login2, family.studentId, 1366);
    await other
      .getByText('envoyée par l’autre responsable, attend d’être traitée par l’établissement')
      .waitFor();
    expect(await other.getByRole('link', { name: 'Modifier' }).count()).toBe(0);
    expect(await other.getByText(NEW_PHONE).count()).toBe(0);
    expect(await accessibilityViolations(other)).toEqual([]);
    await other.screenshot({ path: join(SCREENS, '53-fiche-bloquee-1366.png'), fullPage: true });
    // Their own record stays theirs to change; its form, with an error, at 1366 px.
    await guardianTab(other, 2).click();
    await other.getByRole('link', { name: 'Modifier' }).click();
    await other.getByLabel('Courriel').fill('pas-une-adresse');
    await send(other).click();
    await other.getByText('Le formulaire contient une erreur').waitFor();
    expect(await other.getByLabel('Courriel').inputValue()).toBe('pas-une-adresse');
    await other.screenshot({ path: join(SCREENS, '54-fiche-erreur-1366.png'), fullPage: true });
    await other.context().close();
  });

  it('the staff « Aperçu du portail » shows the fiche as each parent sees it, read-only (1366 and 390 px)', async () => {
    const page = await staffPage(1366);
    await page.goto(`${server.url}#/comptes/${family.a1}/apercu`);
    await page.getByRole('heading', { name: 'Aperçu du portail' }).waitFor();
    const fiche = page.getByRole('region', { name: 'Aperçu de la fiche de renseignements' });
    await fiche.getByText(pendingText(NEW_PHONE)).waitFor();
    // The portal's French spacing: no plain space before « : » (nor inside « »).
    expect(await fiche.innerText()).not.toMatch(/ [:;?!»]|« /);
    await guardianTab(fiche, 1).click();
    await fiche.getByText(pendingText(PROFESSION)).waitFor();
    // « Modifier » does nothing here: no form, nothing to send.
    const url = page.url();
    await fiche.getByRole('link', { name: 'Modifier' }).click();
    expect(page.url()).toBe(url);
    expect(await fiche.getByRole('button', { name: 'Valider' }).count()).toBe(0);
    await fiche.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENS, 'apercu-fiche-1366.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();

    const narrow = await staffPage(390);
    await narrow.goto(`${server.url}#/comptes/${family.a2}/apercu`);
    const other = narrow.getByRole('region', { name: 'Aperçu de la fiche de renseignements' });
    await other
      .getByText('envoyée par l’autre responsable, attend d’être traitée par l’établissement')
      .waitFor();
    expect(await other.getByText(NEW_PHONE).count()).toBe(0);
    await other.screenshot({ path: join(SCREENS, 'apercu-fiche-390.png') });
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await narrow.context().close();
  });

  it('the secretariat accepts the phone and refuses the profession with a comment; both e-mails say which', async () => {
    const page = await staffPage(1366);
    await openMenu(page, 'Fiches de renseignements');
    await page.getByRole('heading', { name: 'Fiches de renseignements', level: 1 }).waitFor();
    await page.getByText('2 demandes en attente').waitFor();
    // Filtered by division: another division has nothing, the pupil's has both requests.
    const [other] = (await server.pupitre.db.manager.query(
      `SELECT code FROM division WHERE code <> ? ORDER BY code LIMIT 1`,
      [family.division],
    )) as { code: string }[];
    const chooseDivision = async (code: string) => {
      await page.getByRole('textbox', { name: 'Division' }).fill(code);
      await page.getByRole('option', { name: code, exact: true }).click();
    };
    await chooseDivision(other!.code);
    await page.getByText('Aucune demande à traiter dans cette division.').waitFor();
    await chooseDivision(family.division);
    await page.getByText('2 demandes en attente').waitFor();

    // Oldest first: the pupil's record, opened from the keyboard (its header is a button).
    await page
      .getByRole('button', { name: new RegExp(family.lastName, 'i') })
      .first()
      .focus();
    await page.keyboard.press('Enter');
    const phone = page.getByRole('listitem', { name: 'Tél. mobile' });
    await expect.poll(() => phone.innerText()).toContain(`→ ${NEW_PHONE}`);
    await phone.getByLabel('Accepter').check();
    await page.screenshot({ path: join(SCREENS, 'fiches-demande-1366.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    let notice = page.getByRole('alert').filter({ hasText: 'Demande traitée' });
    await expect
      .poll(() => notice.innerText())
      .toMatch(/1\smodification acceptée \(Tél\. mobile\)/);
    expect(await notice.innerText()).toContain('Un courriel en informe la famille.');
    await page.getByText('1 demande en attente').waitFor();

    await page.locator('.mantine-Accordion-control').first().click();
    const job = page.getByRole('listitem', {
      name: 'Profession ou catégorie socio-professionnelle',
    });
    await expect.poll(() => job.innerText()).toContain(`→ ${PROFESSION}`);
    await job.getByLabel('Refuser').check();
    await job
      .getByLabel('Commentaire pour la famille (Profession ou catégorie socio-professionnelle)')
      .fill(COMMENT);
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    notice = page.getByRole('alert').filter({ hasText: 'modification refusée' });
    await expect
      .poll(() => notice.innerText())
      .toMatch(/1\smodification refusée \(Profession ou catégorie socio-professionnelle\)/);
    await page
      .getByText('Aucune demande à traiter dans cette division.', { exact: true })
      .waitFor();
    expect(await page.getByText(/0\sdemande en attente/).count()).toBe(0);
    await page.getByText('1 changement accepté attend d’être envoyé à SIECLE (1 élève).').waitFor();

    // Both e-mails, to légal 1's account, in the outbox.
    const p = server.pupitre;
    const mails = await p.db.manager.getRepository(MailOutboxEntity).find({
      where: { toAddress: `compte${family.a1}@example.fr`, template: 'info-sheet-reviewed' },
      order: { id: 'ASC' },
    });
    expect(mails).toHaveLength(2);
    const [accepted, refused] = mails.map((m) => p.mailer.openBody(m.textBody));
    expect(accepted).toContain('Modifications acceptées\u00a0:\n– Tél. mobile');
    expect(accepted).not.toContain('Modifications refusées');
    expect(refused).toContain('de votre fiche de responsable');
    expect(refused).toContain(
      `Modifications refusées\u00a0:\n– Profession ou catégorie socio-professionnelle (${COMMENT})`,
    );
    expect(refused).not.toContain('Modifications acceptées');

    // The pupil's record in the staff window shows the new phone.
    await page.goto(`${server.url}#/eleves/${family.studentId}`);
    await page.getByText(NEW_PHONE).waitFor();
    await page.context().close();
  });

  it('the portal shows the accepted values: the new phone held, the profession as it was', async () => {
    const parent = await portalFiche(family.login1, family.studentId, 1366);
    await parent.getByText(NEW_PHONE, { exact: true }).waitFor();
    expect(await parent.getByText('en attente de validation').count()).toBe(0);
    await guardianTab(parent, 1).click();
    await parent.waitForURL(/onglet=\d+/);
    await parent.getByText('Profession ou catégorie socio-professionnelle').first().waitFor();
    const body = await parent.locator('main').innerText();
    expect(body).not.toContain(PROFESSION);
    expect(body).not.toContain('en attente de validation');
    await parent.context().close();
  });

  it('« Préparer l’export »: a missing value is named and nothing kept; then the zip holds the phone and validates', async () => {
    const page = await staffPage(1366);
    await openMenu(page, 'Fiches de renseignements');
    const prepare = page.getByRole('button', { name: 'Préparer l’export' });
    const db = server.pupitre.db.manager;
    await db.query(`UPDATE student SET mef_code = '' WHERE id = ?`, [family.studentId]);
    await prepare.click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Export refusé' });
    await expect.poll(() => refusal.innerText()).toMatch(/MEF\u00a0: valeur manquante/);
    expect(await refusal.innerText()).toMatch(new RegExp(family.lastName, 'i'));
    await page.screenshot({ path: join(SCREENS, 'fiches-export-refus-1366.png'), fullPage: true });
    expect(await page.getByText('Aucun export pour l’instant.').count()).toBe(1);
    await db.query(`UPDATE student SET mef_code = '10310019110' WHERE id = ?`, [family.studentId]);
    await prepare.click();
    // The guide's path in BEE, where the secretariat drops the zip.
    const notice = page.getByText(/Dossiers depuis logiciel privé/);
    await notice.waitFor();
    expect(await notice.innerText()).toContain(
      'déposez-le dans BEE, menu «\u00a0Importations › Dossiers depuis logiciel privé\u00a0».',
    );
    await page.screenshot({ path: join(SCREENS, 'fiches-export-pret-1366.png') });
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
    const xmlName = zipName.replace(/\.zip$/, '.xml');
    expect(Object.keys(entries)).toEqual([xmlName]);
    const xml = iconv.decode(Buffer.from(entries[xmlName]!), 'ISO-8859-15');
    expect(xml).toContain(`<TEL_PORTABLE>${NEW_PHONE}</TEL_PORTABLE>`);
    expect(await xsdProblems(xml, resolve('assets/siecle/schema_Import_3.1.xsd'))).toEqual([]);
    await page.screenshot({ path: join(SCREENS, 'fiches-export-1366.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('at 390 px: a request opened, and a decision that lost the race is said plainly', async () => {
    const p = server.pupitre;
    const login = await p.portal.dispatch.handle(
      'portal.login',
      { login: family.login2, password: PASSWORD },
      null,
      { address: '192.0.2.41' },
    );
    const sent = await p.portal.dispatch.handle(
      'portal.infoSheetSubmit',
      { child: family.studentId, values: { phoneHome: '03 81 22 33 44' } },
      login.issued!,
      { address: '192.0.2.41' },
    );
    expect(sent.result.ok).toBe(true);
    const page = await staffPage(390);
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
    await page.getByText('Aucune demande à traiter.', { exact: true }).waitFor();
    expect(await page.getByText('0 demande en attente').count()).toBe(0);
    await page.context().close();
  });

  it('a compte joint edits both guardians’ records (SPEC §7)', async () => {
    const holder = await portalFiche(joint.login1, joint.studentId, 1366);
    await holder.getByText('concernant l’élève et les responsables légaux.').waitFor();
    for (const [rank, phoneWork] of [
      [1, '01 40 00 00 01'],
      [2, '01 40 00 00 02'],
    ] as const) {
      await guardianTab(holder, rank).click();
      await holder.getByRole('link', { name: 'Modifier' }).click();
      // Only the holder's own record (légal 1) may be filled from the browser's profile.
      expect(await holder.getByLabel('Tél. travail').getAttribute('autocomplete')).toBe(
        rank === 1 ? 'tel' : 'off',
      );
      await holder.getByLabel('Tél. travail').fill(phoneWork);
      await send(holder).click();
      await holder.getByText(pendingText(phoneWork)).waitFor();
    }
    await holder.screenshot({ path: join(SCREENS, '55-fiche-compte-joint-1366.png') });
    await holder.context().close();
    const [g1, g2] = (await server.pupitre.db.manager.query(
      `SELECT c.new_value AS phone FROM info_sheet_change c
         JOIN info_sheet_request r ON r.id = c.request_id
         JOIN student_guardian l ON l.guardian_id = r.guardian_id AND l.student_id = r.student_id
        WHERE r.student_id = ? AND c.status = 'pending' ORDER BY l.legal_rank`,
      [joint.studentId],
    )) as { phone: string }[];
    expect([g1?.phone, g2?.phone]).toEqual(['01 40 00 00 01', '01 40 00 00 02']);

    // The holder refused e-mails: the review does not claim « un courriel en informe la famille ».
    await server.pupitre.db.manager
      .getRepository(FamilyAccountEntity)
      .update(joint.a1, { noEmail: true });
    const page = await staffPage(1366);
    await openMenu(page, 'Fiches de renseignements');
    await page.getByText('2 demandes en attente').waitFor();
    await page.locator('.mantine-Accordion-control').first().click();
    await page.getByRole('button', { name: 'Tout accepter' }).click();
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Demande traitée' });
    await expect
      .poll(() => notice.innerText())
      .toContain(
        'n’a pas d’adresse électronique ou refuse les courriels\u00a0: aucun courriel envoyé, la réponse se lit sur le portail.',
      );
    expect(await notice.innerText()).not.toContain('Un courriel en informe la famille.');
    await page.screenshot({ path: join(SCREENS, 'fiches-sans-courriel-1366.png') });
    await page.context().close();
  });
});
