import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './axe';
import { E2E_PASSWORD, startE2e, type E2eWorld } from './harness';
import { SCREENS_DIR } from './screens/portal';
import { logIn, openDivision, openMenu, studentRows } from './screens/staff';

let world: E2eWorld;
beforeAll(async () => {
  world = await startE2e();
});
afterAll(async () => world?.close());

describe('a secretary’s day in the staff window (web mode, Chromium)', () => {
  it('log in → division → student → guardian → change a setting → see it in the journal', async () => {
    const { page } = world;
    await logIn(page, 'direction', E2E_PASSWORD);
    expect(await accessibilityViolations(page)).toEqual([]);

    await openMenu(page, 'Élèves');
    await openDivision(page, '4B');
    const rows = await studentRows(page);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows.every((r) => r.includes('4B'))).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    // The first student of the class, opened by its row.
    const firstRow = page.getByRole('row').nth(1);
    const [lastName] = (await firstRow.innerText()).split(/\s+/);
    await firstRow.click();
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(async () => heading.innerText()).toContain(lastName!);
    await page.getByText('Division 4B').first().waitFor();

    const guardianLink = page.getByRole('link', { name: /^(M\.|Mme) / }).first();
    const guardianName = await guardianLink.innerText();
    await guardianLink.click();
    await expect
      .poll(async () => page.getByRole('heading', { level: 1 }).innerText())
      .toBe(guardianName);
    await page.getByRole('heading', { name: 'Enfants' }).waitFor();
    expect(
      await page.getByRole('link', { name: new RegExp(lastName!, 'i') }).count(),
    ).toBeGreaterThanOrEqual(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    await openMenu(page, 'Paramètres');
    const welcome = page.getByLabel('Message d’accueil');
    await welcome.fill(
      'Bienvenue sur le portail du collège — réunion parents-professeurs le 3 décembre.',
    );
    // Named in the portal's « Mentions légales ».
    await page
      .getByLabel('Directeur ou directrice de la publication')
      .fill('M. Karim Benali, principal');
    // Issue 17 §5: the digest's hour, between 7 h and 20 h (never at night).
    await page.getByLabel('Heure d’envoi du résumé quotidien aux familles').fill('8');
    mkdirSync(SCREENS_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENS_DIR, 'staff-parametres.png'), fullPage: true });
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Paramètres enregistrés').waitFor();

    await openMenu(page, 'Journal');
    const journal = page.getByRole('table');
    await journal
      .getByText('réunion parents-professeurs le 3 décembre', { exact: false })
      .first()
      .waitFor();
    expect(await journal.innerText()).toContain('Chef d’établissement (direction)');
    expect(await journal.innerText()).toContain('Karim Benali');
    expect(await journal.innerText()).toContain(
      'Heure du résumé aux familles\u00a0: 17\u00a0h → 8\u00a0h',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(world.consoleErrors.join('\n')).toBe('');
  });

  it('finds a student from the keyboard: type, arrow down, Enter', async () => {
    const { page } = world;
    await openMenu(page, 'Élèves');
    const search = page.getByPlaceholder('Nom, prénom, INE ou responsable');
    await search.focus();
    const before = await studentRows(page);
    await page.keyboard.type('ber');
    // Matches on the student's or a guardian's name: the list narrows, whatever the reason.
    await expect.poll(async () => (await studentRows(page)).length).toBeLessThan(before.length);
    const target = (await studentRows(page))[1]!;
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const [lastName] = target.split(/\s+/);
    await expect
      .poll(async () => page.getByRole('heading', { level: 1 }).innerText())
      .toContain(lastName!);
  });

  it('opens the right student when an INE is typed and Enter pressed at once (barcode scanner)', async () => {
    const { page } = world;
    await openMenu(page, 'Élèves');
    const rows = await studentRows(page);
    const target = rows[7]!.split(/\s+/);
    const [lastName, ine] = [target[0]!, target.at(-1)!];
    const search = page.getByPlaceholder('Nom, prénom, INE ou responsable');
    await search.fill(ine);
    await search.press('Enter');
    await expect
      .poll(async () => page.getByRole('heading', { level: 1 }).innerText())
      .toContain(lastName);
  });

  it('refuses a wrong password in French and keeps the user on the login screen', async () => {
    const { page } = world;
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByLabel('Identifiant').fill('direction');
    await page.getByLabel('Mot de passe', { exact: true }).fill('mauvais-mot-de-passe');
    await page.keyboard.press('Enter');
    await page.getByText('Identifiant ou mot de passe incorrect.').waitFor();
  });
});
