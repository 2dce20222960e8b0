import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { InfoSheetChangeEntity } from '../../main/db/entities/infoSheets';
import { startWebServer, type RunningWebServer } from '../../main/http/webServer';
import { testHasher } from '../helpers/pupitre';
import { accessibilityViolations } from './axe';
import { CHROMIUM, CHROMIUM_ARGS, E2E_PASSWORD } from './harness';

// Issue 18 §1 and §4 (family side), in Chromium: légal 1 changes the pupil's mobile and their
// own profession from a phone (390 px); légal 2 is told a change to the pupil waits.
const SCREENS = process.env.PUPITRE_PORTAL_SCREENS_DIR ?? join(tmpdir(), 'pupitre-ecrans-portail');
const PASSWORD = 'Tigre7Bleu';

let server: RunningWebServer;
let dataDir: string;
let browser: Browser;
let family: { studentId: number; login1: string; login2: string };

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
    `SELECT s.id AS "studentId", a1.id AS a1, a1.login AS login1, a2.id AS a2, a2.login AS login2
       FROM student s
       JOIN student_guardian l1 ON l1.student_id = s.id AND l1.legal_rank = 1
       JOIN student_guardian l2 ON l2.student_id = s.id AND l2.legal_rank = 2
       JOIN family_account a1 ON a1.guardian_id = l1.guardian_id
       JOIN family_account a2 ON a2.guardian_id = l2.guardian_id
      ORDER BY s.id LIMIT 1`,
  )) as { studentId: number; a1: number; login1: string; a2: number; login2: string }[];
  for (const id of [row!.a1, row!.a2]) {
    await p.db.manager.getRepository(FamilyAccountEntity).update(id, {
      passwordHash: await testHasher.hash(PASSWORD),
      state: 'active',
      email: `compte${id}@example.fr`,
      emailConfirmed: true,
    });
  }
  family = { studentId: Number(row!.studentId), login1: row!.login1, login2: row!.login2 };
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(login: string, width: number): Promise<Page> {
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
  await page.goto(new URL(`/accueil?enfant=${family.studentId}`, server.portalUrl!).href);
  await page.getByRole('link', { name: 'Fiche de renseignements' }).click();
  await page.getByRole('heading', { name: 'Fiche de renseignements', level: 1 }).waitFor();
  return page;
}

const send = (page: Page) => page.getByRole('button', { name: 'Valider' });

describe('fiche de renseignements, from the family’s phone', () => {
  it('légal 1 changes the pupil’s mobile (a typo first, told beside the field) and their own profession', async () => {
    const parent = await signIn(family.login1, 390);
    await parent
      .getByText('pour signaler un changement de régime, contactez l’établissement')
      .waitFor();
    await parent.screenshot({ path: join(SCREENS, '50-fiche-eleve-390.png'), fullPage: true });
    await parent.getByRole('link', { name: 'Modifier' }).click();
    await parent.getByLabel('Tél. mobile').fill('06 12');
    await send(parent).click();
    await parent.getByText('Le formulaire contient une erreur').waitFor();
    const error = parent.locator('#erreur-champ-phoneMobile');
    expect(await error.innerText()).toMatch(/^Tél\. mobile\s:\snuméro invalide/);
    expect(await parent.getByLabel('Tél. mobile').inputValue()).toBe('06 12');
    expect(await accessibilityViolations(parent)).toEqual([]);
    await parent.screenshot({ path: join(SCREENS, '51-fiche-erreur-390.png'), fullPage: true });

    await parent.getByLabel('Tél. mobile').fill('06 98 76 54 32');
    await send(parent).click();
    await parent.getByText('Vos modifications ont été envoyées à l’établissement.').waitFor();
    await parent
      .getByText('06 98 76 54 32 — en attente de validation par l’établissement')
      .waitFor();

    await parent.getByRole('link', { name: /^Responsable légale? 1$/ }).click();
    await parent.getByRole('link', { name: 'Modifier' }).click();
    await parent
      .getByLabel('Profession ou catégorie socio-professionnelle')
      .selectOption({ label: 'Cadres de la fonction publique' });
    await send(parent).click();
    await parent
      .getByText('Cadres de la fonction publique — en attente de validation par l’établissement')
      .waitFor();
    expect(await accessibilityViolations(parent)).toEqual([]);
    await parent.screenshot({
      path: join(SCREENS, '52-fiche-responsable-390.png'),
      fullPage: true,
    });
    await parent.context().close();

    const changes = await server.pupitre.db.manager.getRepository(InfoSheetChangeEntity).find();
    expect(changes.map((c) => [c.field, c.newValue, c.status]).sort()).toEqual([
      ['phoneMobile', '06 98 76 54 32', 'pending'],
      ['professionCode', '33', 'pending'],
    ]);
  });

  it('légal 2 is told that a change to the pupil waits, and is offered no form for it', async () => {
    const other = await signIn(family.login2, 1366);
    await other
      .getByText('envoyée par l’autre responsable, attend d’être traitée par l’établissement')
      .waitFor();
    expect(await other.getByRole('link', { name: 'Modifier' }).count()).toBe(0);
    expect(await other.getByText('06 98 76 54 32').count()).toBe(0);
    expect(await accessibilityViolations(other)).toEqual([]);
    await other.screenshot({ path: join(SCREENS, '53-fiche-bloquee-1366.png'), fullPage: true });
    // Their own record stays theirs to change; its form, with an error, at 1366 px.
    await other.getByRole('link', { name: /^Responsable légale? 2$/ }).click();
    await other.getByRole('link', { name: 'Modifier' }).click();
    await other.getByLabel('Courriel').fill('pas-une-adresse');
    await send(other).click();
    await other.getByText('Le formulaire contient une erreur').waitFor();
    expect(await other.getByLabel('Courriel').inputValue()).toBe('pas-une-adresse');
    await other.screenshot({ path: join(SCREENS, '54-fiche-erreur-1366.png'), fullPage: true });
    await other.context().close();
  });
});
