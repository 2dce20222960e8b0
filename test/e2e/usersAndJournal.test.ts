import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './axe';
import { E2E_PASSWORD, startE2e, type E2eWorld, STAFF_SCREENS_DIR } from './harness';
import { logIn, openMenu, tooWide } from './screens/staff';

const SHOTS = STAFF_SCREENS_DIR;
const WIDE = { width: 1366, height: 850 };
const PHONE = { width: 390, height: 844 };

let world: E2eWorld;
beforeAll(async () => {
  world = await startE2e({ students: 60 });
});
afterAll(async () => world?.close());

describe('users and the journal (issue 12)', () => {
  it('a role change and a deactivation are confirmed, naming the person and what they lose; a name can be changed; the journal says it in French and filters by author', async () => {
    const { page } = world;
    await logIn(page, 'direction', E2E_PASSWORD);
    await openMenu(page, 'Utilisateurs');
    await page.getByRole('button', { name: 'Ajouter un utilisateur' }).click();
    const adding = page.getByRole('dialog', { name: 'Ajouter un utilisateur' });
    await adding.getByRole('textbox', { name: 'Nom affiché' }).fill('Claire Martin');
    await adding.getByRole('textbox', { name: 'Rôle' }).click();
    await page.getByRole('option', { name: 'Secrétariat' }).click();
    await adding.getByRole('button', { name: 'Créer l’utilisateur' }).click();
    await page.getByRole('button', { name: 'J’ai noté le mot de passe' }).click();

    // Role change: nothing is saved before the confirmation, which says what is lost.
    await page.getByRole('textbox', { name: 'Rôle de Claire Martin' }).click();
    await page.getByRole('option', { name: 'CPE / vie scolaire' }).click();
    const dialog = page.getByRole('dialog', { name: 'Changer le rôle de Claire Martin' });
    await dialog.waitFor();
    const said = await dialog.innerText();
    expect(said).toContain('l’import SIECLE');
    expect(said).toContain('les comptes des familles et les courriers de notification');
    expect(await accessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    expect(await page.getByRole('textbox', { name: 'Rôle de Claire Martin' }).inputValue()).toBe(
      'Secrétariat',
    );
    await page.getByRole('textbox', { name: 'Rôle de Claire Martin' }).click();
    await page.getByRole('option', { name: 'CPE / vie scolaire' }).click();
    await dialog.getByRole('button', { name: 'Changer le rôle' }).click();
    await page.getByText('Claire Martin : rôle « CPE / vie scolaire ».').waitFor();

    // A new display name.
    await page.getByRole('button', { name: 'Modifier le nom affiché de Claire Martin' }).click();
    const rename = page.getByRole('dialog', { name: 'Modifier le nom affiché' });
    await rename.getByRole('textbox', { name: 'Nom affiché' }).fill('Claire Martin-Roux');
    await rename.getByRole('button', { name: 'Enregistrer' }).click();
    await page
      .getByRole('button', { name: 'Modifier le nom affiché de Claire Martin-Roux' })
      .waitFor();

    // Deactivation, confirmed.
    await page.getByRole('switch', { name: 'Compte actif : Claire Martin-Roux' }).click();
    const off = page.getByRole('dialog', { name: 'Désactiver le compte de Claire Martin-Roux' });
    expect(await off.innerText()).toContain('la connexion à Pupitre');
    await off.getByRole('button', { name: 'Désactiver le compte' }).click();
    await page.getByText('Claire Martin-Roux : compte désactivé.').waitFor();

    await openMenu(page, 'Journal');
    const journal = page.getByRole('table');
    await journal.getByText('Rôle : secrétariat → CPE / vie scolaire').waitFor();
    await journal.getByText('Nom affiché : Claire Martin → Claire Martin-Roux').waitFor();

    await page.getByRole('textbox', { name: 'Auteur' }).click();
    await page.getByRole('option', { name: /Claire Martin-Roux/ }).click();
    await page.getByText('Aucune entrée pour ces critères.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(world.consoleErrors.join('\n')).toBe('');
  });

  it('in an English browser (en-US) the journal’s dates read JJ/MM/AAAA and its actions are chosen by their French label', async () => {
    const context = await world.browser.newContext({ locale: 'en-US', viewport: WIDE });
    try {
      const page = await context.newPage();
      await page.goto(world.server.url);
      await logIn(page, 'direction', E2E_PASSWORD);
      await openMenu(page, 'Journal');
      const table = page.getByRole('table', { name: 'Journal des actions' });
      await table.waitFor();
      const from = page.getByRole('textbox', { name: 'Du', exact: true });
      expect(await from.getAttribute('type')).not.toBe('date');
      expect(await from.getAttribute('placeholder')).toBe('JJ/MM/AAAA');
      expect(
        await page.getByRole('textbox', { name: 'Au', exact: true }).getAttribute('type'),
      ).not.toBe('date');
      // Tomorrow, typed the French way: nothing yet.
      await from.fill(frenchDay(1));
      await page.getByText('Aucune entrée pour ces critères.').waitFor();
      await from.fill(frenchDay(0));
      await table.waitFor();
      // A month first, as an English field would want it, is refused in words.
      await page.getByRole('textbox', { name: 'Au', exact: true }).fill('03/31/2027');
      await page.getByRole('textbox', { name: 'Au', exact: true }).blur();
      await page.getByText('Écrivez la date JJ/MM/AAAA', { exact: false }).waitFor();
      await page.getByRole('textbox', { name: 'Au', exact: true }).fill('');

      // The action by its French label, not its code; the server gets the code.
      const action = page.getByRole('textbox', { name: 'Action' });
      expect(await action.getAttribute('placeholder')).not.toMatch(/session\.login/);
      await action.fill('connexion');
      await page.getByRole('option', { name: 'Connexion', exact: true }).click();
      await expect.poll(async () => rowActions(page)).not.toEqual([]);
      const actions = await rowActions(page);
      expect(new Set(actions)).toEqual(new Set(['session.login']));
      expect(await accessibilityViolations(page)).toEqual([]);
      await shoot(page, 'journal-en-US');
    } finally {
      await context.close();
    }
  });

  it('at 390 px the users and the journal are one card per row, nothing wider than the screen; the shortcuts hint of the students page is hidden', async () => {
    const { page } = world;
    await page.setViewportSize(PHONE);
    try {
      for (const [route, name] of [
        ['utilisateurs', 'users'],
        ['journal', 'journal'],
      ] as const) {
        await page.goto(`${world.server.url}#/${route}`);
        await page.getByRole('table').waitFor();
        await page.getByRole('table').getByRole('row').nth(1).waitFor();
        // The app shell slides its menu away when the window narrows: measure once it has.
        await expect.poll(() => tooWide(page), { timeout: 5_000 }).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
      }
      // The role selector of the users page, whole on the screen.
      await page.goto(`${world.server.url}#/utilisateurs`);
      const role = page.getByRole('textbox', { name: /^Rôle de / }).first();
      const box = (await role.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);

      await page.goto(`${world.server.url}#/eleves`);
      const search = page.getByRole('searchbox', { name: 'Rechercher un élève' });
      await search.waitFor();
      expect(await page.getByText(/^Raccourcis/).isVisible()).toBe(false);
      await page.screenshot({ path: `${SHOTS}/students-390.png` });
      await page.setViewportSize(WIDE);
      await page.getByText(/^Raccourcis/).waitFor();
      await page.screenshot({ path: `${SHOTS}/students-1366.png` });
    } finally {
      await page.setViewportSize(WIDE);
    }
  });
});

/** Today plus `days`, as a French user types it: « 07/03/2027 ». */
function frenchDay(days: number): string {
  const day = new Date();
  day.setDate(day.getDate() + days);
  return [day.getDate(), day.getMonth() + 1]
    .map((n) => String(n).padStart(2, '0'))
    .concat(String(day.getFullYear()))
    .join('/');
}

/** The action codes shown under each journal line's French label. */
async function rowActions(page: Page): Promise<string[]> {
  return page
    .getByRole('table', { name: 'Journal des actions' })
    .locator('tbody td[data-label="Action"] .mantine-Text-root:nth-child(2)')
    .allInnerTexts();
}

/** Elements that reach past the right edge of the window: what would need sideways scrolling. */
async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const [suffix, size] of [
    ['1366', WIDE],
    ['390', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${SHOTS}/${name}-${suffix}.png`, fullPage: true });
  }
  await page.setViewportSize(WIDE);
}
