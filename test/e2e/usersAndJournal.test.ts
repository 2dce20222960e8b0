import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './axe';
import { E2E_PASSWORD, startE2e, type E2eWorld } from './harness';
import { logIn, openMenu } from './screens/staff';

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
});
