import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginToken } from '../helpers/pupitre';
import { accessibilityViolations } from './axe';
import { E2E_PASSWORD, startE2e, type E2eWorld, STAFF_SCREENS_DIR } from './harness';
import { logIn, openMenu } from './screens/staff';

const FIXTURES = join(__dirname, '..', 'fixtures', 'sts');
const SHOTS = join(STAFF_SCREENS_DIR, 'sts');
let world: E2eWorld;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  world = await startE2e({ students: 120 });
  // Two users called Paul Martin: the import must ask which one teaches maths.
  const { pupitre } = world.server;
  const token = await loginToken(pupitre, 'direction', E2E_PASSWORD);
  for (const login of ['paul.martin', 'paul.martin2']) {
    const created = await pupitre.dispatch(
      'users.create',
      { login, displayName: 'Paul MARTIN', role: 'teacher' },
      token,
    );
    expect(created.ok).toBe(true);
  }
});
afterAll(async () => world?.close());

async function shootNarrow(name: string) {
  const { page } = world;
  await page.setViewportSize({ width: 390, height: 844 });
  // The side navigation slides away when the window narrows: shoot once it has.
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${SHOTS}/${name}-390.png` });
  await page.screenshot({ path: `${SHOTS}/${name}-390-full.png`, fullPage: true });
  await page.setViewportSize({ width: 1366, height: 850 });
  await page.waitForTimeout(300);
}

it('the direction imports STS-Web: EDT_STS refused, questions answered, services listed by division', async () => {
  const { page } = world;
  await logIn(page, 'direction', E2E_PASSWORD);
  await openMenu(page, 'Import STS-Web');
  await page.getByRole('heading', { name: 'Import STS-Web' }).waitFor();

  const input = page.locator('input[type=file]');
  await input.setInputFiles(join(FIXTURES, 'edt_sts_0259876Z_2026.xml'));
  await page.getByRole('button', { name: 'Analyser le fichier' }).click();
  await page
    .getByText('logiciel d’emploi du temps vers STS-Web (EDT_STS)', { exact: false })
    .waitFor();
  await page.screenshot({ path: `${SHOTS}/sts-refused-1366.png`, fullPage: true });

  await input.setInputFiles(join(FIXTURES, 'sts_emp_0259876Z_2026.xml'));
  await page.getByRole('button', { name: 'Analyser le fichier' }).click();
  await page.getByText('Aperçu', { exact: false }).first().waitFor();
  await page.getByText('À vous de décider', { exact: false }).waitFor();
  await page
    .getByText(/^Services ajoutés \(30\)/)
    .first()
    .waitFor();
  const apply = page.getByRole('button', { name: 'Appliquer l’import' });
  // Not before the question about M. MARTIN is answered.
  expect(await apply.isDisabled()).toBe(true);
  await page.screenshot({ path: `${SHOTS}/sts-preview-1366.png`, fullPage: true });
  expect(await accessibilityViolations(page)).toEqual([]);
  await shootNarrow('sts-preview');
  await page.getByRole('radio', { name: /^C’est Paul MARTIN \(paul\.martin\)$/ }).check();
  await apply.click();
  await page
    .getByText('30 services ajoutés, 9 enseignants créés (sans mot de passe)', { exact: false })
    .waitFor();
  await page.getByRole('button', { name: 'Confirmer l’import' }).click();
  await page.getByRole('heading', { name: 'Import terminé' }).waitFor();
  await page.getByText('Enseignants créés', { exact: true }).waitFor();
  await page.screenshot({ path: `${SHOTS}/sts-done-1366.png`, fullPage: true });

  // The same file again: nothing to change.
  await page.getByRole('button', { name: 'Nouvel import' }).click();
  await input.setInputFiles(join(FIXTURES, 'sts_emp_0259876Z_2026.xml'));
  await page.getByRole('button', { name: 'Analyser le fichier' }).click();
  await page.getByText('Pupitre est déjà à jour de cet export STS-Web', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Terminer' }).click();

  await openMenu(page, 'Services d’enseignement');
  const section3A = page.getByRole('region', { name: '3A', exact: true });
  await section3A.getByText('Professeur principal', { exact: false }).waitFor();
  expect(await section3A.getByRole('row').count()).toBe(1 + 8);
  await page.screenshot({ path: `${SHOTS}/services-1366.png`, fullPage: true });
  expect(await accessibilityViolations(page)).toEqual([]);
  await shootNarrow('services');

  // By hand: Latin in 3A for Théo BLANC.
  await page.getByRole('button', { name: 'Ajouter un service' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Matière' }).fill('LCA');
  await page.getByRole('option', { name: 'LCA latin (020300)' }).click();
  await dialog.getByRole('textbox', { name: 'Division' }).click();
  await page.getByRole('option', { name: '3A', exact: true }).click();
  await dialog.getByRole('textbox', { name: 'Enseignant' }).fill('BLANC');
  await page.getByRole('option', { name: 'Théo BLANC' }).click();
  await page.screenshot({ path: `${SHOTS}/service-form-1366.png` });
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await section3A.getByText('Saisi à la main').waitFor();
  expect(await section3A.getByRole('row').count()).toBe(1 + 9);

  // Mme DURAND, created by the import without a password, gets one from the direction; as
  // professeur principal of 6A she sees all of 6A and her own Français in 5A, and edits nothing.
  const { pupitre } = world.server;
  const token = await loginToken(pupitre, 'direction', E2E_PASSWORD);
  const durand = (await pupitre.db.manager.query(
    "SELECT id FROM staff_user WHERE login = 'marie.durand'",
  )) as { id: number }[];
  const reset = await pupitre.dispatch('users.resetPassword', { id: durand[0]!.id }, token);
  if (!reset.ok) throw new Error(reset.error.message);
  const temporary = (reset.value as { temporaryPassword: string }).temporaryPassword;
  const durandToken = await loginToken(pupitre, 'marie.durand', temporary);
  const changed = await pupitre.dispatch(
    'session.changePassword',
    { currentPassword: temporary, newPassword: 'Durand2026x' },
    durandToken,
  );
  expect(changed.ok).toBe(true);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await logIn(page, 'marie.durand', 'Durand2026x');
  await openMenu(page, 'Services d’enseignement');
  await page.getByText('Vos services, et ceux des divisions', { exact: false }).waitFor();
  expect(await page.getByRole('region', { name: '6A', exact: true }).getByRole('row').count()).toBe(
    1 + 6,
  );
  expect(await page.getByRole('region', { name: '5A', exact: true }).getByRole('row').count()).toBe(
    1 + 1,
  );
  expect(await page.getByRole('region').count()).toBe(2);
  expect(await page.getByRole('button', { name: 'Ajouter un service' }).count()).toBe(0);
  await page.screenshot({ path: `${SHOTS}/services-teacher-1366.png`, fullPage: true });
  await shootNarrow('services-teacher');

  // The refused EDT_STS file is the one 400 the browser logs.
  expect(world.consoleErrors.filter((e) => !/status of 400/.test(e)).join('\n')).toBe('');
});
