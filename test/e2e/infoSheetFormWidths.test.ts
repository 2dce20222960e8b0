import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import type { RunningWebServer } from '../../main/http/webServer';
import { testHasher } from '../helpers/pupitre';
import { CHROMIUM, CHROMIUM_ARGS, startE2eServer } from './harness';

// The family's fiche form (« Modifier »), Chromium, on a phone and a desktop: every field of a
// section as wide as its neighbours, so that « Sexe » is not a thumb-sized box beside « Nom de
// famille » and its value reads whole.
const SCREENS = process.env.PUPITRE_PORTAL_SCREENS_DIR ?? join(tmpdir(), 'pupitre-ecrans-fiche');
const PASSWORD = 'Tigre7Bleu';

let server: RunningWebServer;
let dataDir: string;
let browser: Browser;
let family: { studentId: number; login: string };

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  ({ server, dataDir } = await startE2eServer({ students: 20, portal: true }));
  const p = server.pupitre;
  await p.db.manager.query(`UPDATE school SET opened_services = 'fiche_renseignements'`);
  [family] = (await p.db.manager.query(
    `SELECT s.id AS "studentId", a.login
       FROM student s
       JOIN student_guardian l ON l.student_id = s.id AND l.legal_rank = 1
       JOIN family_account a ON a.guardian_id = l.guardian_id
      ORDER BY s.id LIMIT 1`,
  )) as [typeof family];
  const [account] = (await p.db.manager.query(`SELECT id FROM family_account WHERE login = ?`, [
    family.login,
  ])) as [{ id: number }];
  await p.db.manager.getRepository(FamilyAccountEntity).update(account.id, {
    passwordHash: await testHasher.hash(PASSWORD),
    state: 'active',
    email: 'fiche@example.fr',
    emailConfirmed: true,
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function ficheForm(width: number): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: width < 500 ? 844 : 850 },
    locale: 'fr-FR',
  });
  const page = await context.newPage();
  await page.goto(server.portalUrl!);
  await page.getByLabel('Votre identifiant').fill(family.login);
  await page.getByLabel('Votre mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Accueil' }).waitFor();
  const form = `/fiche-renseignements?enfant=${family.studentId}&onglet=eleve&modifier=1`;
  await page.goto(new URL(form, server.portalUrl!).href);
  await page.getByRole('button', { name: 'Valider' }).waitFor();
  return page;
}

const widthOf = async (page: Page, label: string) =>
  (await page.getByLabel(label, { exact: true }).boundingBox())!.width;

describe('the fiche form’s choices are as wide as the text fields', () => {
  it.each([390, 1366])('at %i px, « Sexe » is as wide as « Nom de famille »', async (width) => {
    const page = await ficheForm(width);
    const sex = await widthOf(page, 'Sexe');
    const name = await widthOf(page, 'Nom de famille');
    expect(Math.round(sex)).toBe(Math.round(name));
    // On a phone the field spans the form, not the width of « Masculin ».
    if (width === 390) expect(sex).toBeGreaterThan(300);
    await page.getByLabel('Sexe', { exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENS, `fiche-formulaire-sexe-${width}.png`) });
    await page.context().close();
  });
});
