import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import type { RunningWebServer } from '../../main/http/webServer';
import { fixedClock } from '../../main/services/clock';
import type { SchoolLifeEvent } from '../../shared/api/staff';
import { loginToken, testHasher, value } from '../helpers/pupitre';
import { accessibilityViolations, textContrast } from './axe';
import { CHROMIUM, CHROMIUM_ARGS, E2E_PASSWORD, startE2eServer } from './harness';
import { logIn, openMenu, tooWide } from './screens/staff';

// Issue 17 §6, in Chromium: the CPE records an absence on a Monday → the family does not see
// it on Monday, sees it on Tuesday (a clock the test sets; production ignores it); the parent
// justifies it from a phone, the CPE accepts it, the parent reads « Acceptée ».
const SCREENS = process.env.PUPITRE_PORTAL_SCREENS_DIR ?? join(tmpdir(), 'pupitre-ecrans-portail');
const PASSWORD = 'Tigre7Bleu';
/** Paris wall-clock time in November (UTC+1). */
const paris = (day: string, time: string) => `${day}T${time}:00+01:00`;

let server: RunningWebServer;
let dataDir: string;
let browser: Browser;
const clock = fixedClock(paris('2026-11-23', '15:00'));
let family: { login: string; childId: number };

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  ({ server, dataDir } = await startE2eServer({ students: 60, portal: true, clock }));
  const p = server.pupitre;
  await p.db.manager.query(`UPDATE school SET opened_services = 'vie_scolaire'`);
  const [row] = (await p.db.manager.query(
    `SELECT a.id, a.login, x.student_id AS "childId" FROM family_account a
       JOIN account_student x ON x.account_id = a.id WHERE a.kind = 'guardian' ORDER BY a.id LIMIT 1`,
  )) as { id: number; login: string; childId: number }[];
  await p.db.manager.getRepository(FamilyAccountEntity).update(row!.id, {
    passwordHash: await testHasher.hash(PASSWORD),
    state: 'active',
    email: 'famille@example.fr',
    emailConfirmed: true,
  });
  family = { login: row!.login, childId: Number(row!.childId) };
  // The CPE records Monday morning's absence and marks it « publiable en ligne ».
  const direction = await loginToken(p, 'direction', E2E_PASSWORD);
  const event = value<SchoolLifeEvent>(
    await p.dispatch(
      'schoolLife.record',
      {
        studentId: family.childId,
        kind: 'absence',
        startsAt: paris('2026-11-23', '08:00'),
        endsAt: paris('2026-11-23', '12:00'),
      },
      direction,
    ),
  );
  value(
    await p.dispatch(
      'schoolLife.process',
      {
        id: event.id,
        version: event.version,
        motifId: null,
        justified: false,
        publishableOnline: true,
      },
      direction,
    ),
  );
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function phone(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'fr-FR',
  });
  const page = await context.newPage();
  await page.goto(server.portalUrl!);
  await page.getByLabel('Votre identifiant').fill(family.login);
  await page.getByLabel('Votre mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Accueil' }).waitFor();
  return page;
}

const PHONE = { width: 390, height: 844 };

const absenceItem = (page: Page) =>
  page.getByRole('listitem').filter({ hasText: 'Absence — lun. 23/11/2026' });

describe('vie scolaire, from the CPE’s record to the family’s phone', () => {
  it('Monday’s absence is not shown on Monday; on Tuesday it is, and the week counts it', async () => {
    const monday = await phone();
    await monday.getByRole('link', { name: 'Vie scolaire' }).click();
    await monday.getByRole('heading', { name: 'Vie scolaire', level: 1 }).waitFor();
    expect(await absenceItem(monday).count()).toBe(0);
    await monday.context().close();

    clock.set(paris('2026-11-24', '07:30'));
    const tuesday = await phone();
    // The home tile counts it (« 1 demi-journée d’absence ce trimestre »).
    await tuesday.getByText('1 demi-journée d’absence ce trimestre').waitFor();
    await tuesday.getByRole('link', { name: 'Vie scolaire' }).click();
    await absenceItem(tuesday).waitFor();
    const week = tuesday.getByRole('row').filter({ hasText: '23/11' });
    // « Numéro semaine | Du | Au | Nombre de demi-journées » (the year gives way on a phone).
    expect((await week.innerText()).replace(/\s+/g, ' ').trim()).toBe('48 lun. 23/11 sam. 28/11 1');
    expect(await accessibilityViolations(tuesday)).toEqual([]);
    await tuesday.screenshot({ path: join(SCREENS, '40-vie-scolaire-390.png'), fullPage: true });
    await tuesday.context().close();
  });

  it('the parent justifies it; the CPE accepts it in « Justificatifs en ligne »; the parent reads « Acceptée »', async () => {
    const parent = await phone();
    await parent.getByRole('link', { name: 'Vie scolaire' }).click();
    const item = absenceItem(parent);
    await item.getByText('Justifier cette absence').click();
    await item.getByLabel('Motif (obligatoire)').selectOption({ label: 'Maladie de l’enfant' });
    await item.getByLabel('Commentaire (facultatif)').fill('Fièvre, certificat remis lundi.');
    await item.getByRole('button', { name: 'Envoyer le justificatif' }).click();
    await parent.getByText('Votre justificatif a été envoyé').waitFor();
    await absenceItem(parent).getByText('En attente de la vie scolaire').waitFor();

    const staff = await browser.newPage({ viewport: { width: 1366, height: 850 } });
    await staff.goto(server.url);
    await logIn(staff, 'direction', E2E_PASSWORD);
    await openMenu(staff, 'Justificatifs en ligne');
    const row = staff.getByRole('row').filter({ hasText: 'Fièvre, certificat remis lundi.' });
    await row.waitFor();
    await staff.screenshot({ path: join(SCREENS, '41-justificatifs-en-ligne-1366.png') });
    // The pupil named as everywhere in the staff window, « JOUFFROY Arcade ».
    const [child] = (await server.pupitre.db.manager.query(
      'SELECT last_name AS "lastName", first_name AS "firstName" FROM student WHERE id = ?',
      [family.childId],
    )) as { lastName: string; firstName: string }[];
    expect(await row.innerText()).toContain(
      `${child!.lastName.toLocaleUpperCase('fr-FR')} ${child!.firstName}`,
    );
    // Times as French typography writes them: « de 8 h à 12 h », never « 08:00 ».
    expect(await row.innerText()).toContain('Le 23/11/2026 de 8\u00a0h à 12\u00a0h');
    expect(await row.innerText()).not.toMatch(/\d\d:\d\d/);

    // On a phone: one card per justificatif and per motif, nothing wider than the screen.
    await staff.setViewportSize(PHONE);
    await expect.poll(() => tooWide(staff), { timeout: 5_000 }).toEqual([]);
    // Refused without a comment: told on the comment field, which takes the focus (as the
    // roll does), never in a toast that covered the page's title on a phone.
    await row.getByRole('button', { name: 'Refuser' }).click();
    const commentField = row.getByLabel('Commentaire pour la famille');
    await expect
      .poll(() => commentField.getAttribute('aria-invalid'), { timeout: 5_000 })
      .toBe('true');
    expect(await row.innerText()).toContain('dites à la famille pourquoi');
    expect(await commentField.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await staff.getByRole('alert').filter({ hasText: 'Action refusée' }).count()).toBe(0);
    expect(await accessibilityViolations(staff)).toEqual([]);
    // The field's error keeps WCAG AA's 4.5:1 on the card.
    expect(await textContrast(row.locator('.mantine-TextInput-error'))).toBeGreaterThanOrEqual(4.5);
    await staff.screenshot({
      path: join(SCREENS, '41-justificatifs-en-ligne-390.png'),
      fullPage: true,
    });
    await staff.goto(`${server.url}#/vie-scolaire/motifs`);
    await staff
      .getByRole('table')
      .getByRole('checkbox', { name: /^Légitime/ })
      .first()
      .waitFor();
    await expect.poll(() => tooWide(staff), { timeout: 5_000 }).toEqual([]);
    await staff.screenshot({ path: join(SCREENS, '43-motifs-390.png'), fullPage: true });
    await staff.setViewportSize({ width: 1366, height: 850 });
    await openMenu(staff, 'Justificatifs en ligne');
    await row.getByRole('button', { name: 'Accepter' }).click();
    await staff.getByText('Justificatif accepté').waitFor();
    await staff.close();

    await parent.reload();
    await absenceItem(parent).getByText('Acceptée').waitFor();
    expect(await absenceItem(parent).innerText()).toContain('Justifiée');
    await parent.context().close();
  });

  it('a sanction reaches the parent only once « famille avisée » is set; a dispense never does', async () => {
    // Seed 003 §3.5: sanctions are shown « si la famille a été avisée »; non-présences
    // autorisées are never published, whatever their flags.
    const p = server.pupitre;
    const direction = await loginToken(p, 'direction', E2E_PASSWORD);
    for (const input of [
      {
        kind: 'sanction',
        sanctionKind: 'warning',
        startsAt: paris('2026-11-23', '10:00'),
        endsAt: paris('2026-11-23', '10:00'),
      },
      {
        kind: 'exemption',
        startsAt: paris('2026-11-23', '13:00'),
        endsAt: paris('2026-11-23', '17:00'),
        publishableOnline: true,
      },
    ]) {
      value(
        await p.dispatch('schoolLife.record', { studentId: family.childId, ...input }, direction),
      );
    }
    clock.set(paris('2026-11-24', '09:00'));
    const sanctionItem = (page: Page) =>
      page.getByRole('listitem').filter({ hasText: 'Avertissement — lun. 23/11/2026' });
    const dispenseItem = (page: Page) => page.getByRole('listitem').filter({ hasText: 'Dispense' });

    const before = await phone();
    await before.getByRole('link', { name: 'Vie scolaire' }).click();
    await absenceItem(before).waitFor();
    expect(await sanctionItem(before).count()).toBe(0);
    expect(await dispenseItem(before).count()).toBe(0);
    await before.context().close();

    // The CPE notes « famille avisée » par téléphone from « À traiter ».
    const [child] = (await p.db.manager.query(
      'SELECT first_name AS "first", last_name AS "last" FROM student WHERE id = ?',
      [family.childId],
    )) as { first: string; last: string }[];
    const staff = await browser.newPage({ viewport: { width: 1366, height: 850 } });
    await staff.goto(server.url);
    await logIn(staff, 'direction', E2E_PASSWORD);
    await openMenu(staff, 'Vie scolaire › À traiter');
    const name = `${child!.last.toLocaleUpperCase('fr-FR')} ${child!.first}`;
    await staff.getByRole('button', { name: `Traiter sanction de ${name}` }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Famille avisée' }).click();
    await staff.getByRole('option', { name: 'Téléphone' }).click();
    await dialog.getByLabel('Avisée le').fill('24/11/2026');
    await dialog.getByRole('textbox', { name: 'À' }).fill('08:45');
    await dialog.getByRole('button', { name: 'Enregistrer le traitement' }).click();
    await staff.getByText('1 évènement traité.').waitFor();
    await staff.close();

    const after = await phone();
    await after.getByRole('link', { name: 'Vie scolaire' }).click();
    await sanctionItem(after).waitFor();
    expect(await dispenseItem(after).count()).toBe(0);
    await after.screenshot({
      path: join(SCREENS, '42-vie-scolaire-sanction-390.png'),
      fullPage: true,
    });
    await after.context().close();
  });
});
