import { afterAll, beforeAll, expect, it } from 'vitest';
import { startE2e, type E2eWorld } from './harness';

let world: E2eWorld;
beforeAll(async () => {
  world = await startE2e({ empty: true, generatedPassword: true });
});
afterAll(async () => world?.close());

it('first start on an empty database: create the school, note the password once, choose a personal one', async () => {
  const { page } = world;
  await page.getByRole('heading', { name: 'Bienvenue dans Pupitre' }).waitFor();
  await page.getByLabel('UAI (code établissement)').fill('0251711A');
  await page.getByLabel('Nom de l’établissement').fill('Lycée Claude Nicolas Ledoux');
  await page.getByRole('button', { name: 'Créer mon établissement' }).click();
  await page.getByText('UAI : la lettre de contrôle de 0251711 est Z, pas A.').waitFor();

  await page.getByLabel('UAI (code établissement)').fill('0251711Z');
  await page.getByRole('button', { name: 'Créer mon établissement' }).click();
  const secret = page.locator('.secret-value');
  await secret.waitFor();
  const password = (await secret.innerText()).trim();
  expect(password).toMatch(/^[A-HJ-NP-Z2-9]{12}$/);
  await page
    .getByRole('button', { name: 'J’ai noté le mot de passe, aller à la connexion' })
    .click();

  await page.getByLabel('Identifiant').fill('direction');
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.keyboard.press('Enter');
  // A generated password must be replaced before anything else.
  await page.getByLabel('Mot de passe actuel').fill(password);
  await page.getByLabel('Nouveau mot de passe').fill('Ledoux2026ok');
  await page.getByLabel('Confirmation du mot de passe').fill('Ledoux2026ok');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
  expect(await page.getByRole('banner').innerText()).toContain('Lycée Claude Nicolas Ledoux');
  expect(world.consoleErrors.join('\n')).toBe('');
});
