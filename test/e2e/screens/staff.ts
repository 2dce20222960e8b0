import type { Page } from 'playwright-core';

// Screen helpers: how a person finds things on the staff window, by role and French label.

export async function logIn(page: Page, login: string, password: string) {
  await page.getByLabel('Identifiant').fill(login);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
}

export async function openMenu(page: Page, entry: string) {
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: entry, exact: true })
    .click();
}

export async function openDivision(page: Page, code: string) {
  await page.getByRole('link', { name: code, exact: true }).click();
  await page.getByRole('heading', { name: `Élèves — ${code}` }).waitFor();
}

/** The rows of the student list, as the text a person reads. */
export async function studentRows(page: Page): Promise<string[]> {
  const rows = page.getByRole('row');
  await rows.nth(1).waitFor();
  return (await rows.allInnerTexts()).slice(1);
}

export async function searchStudents(page: Page, query: string) {
  const field = page
    .getByRole('searchbox')
    .or(page.getByPlaceholder('Nom, prénom, INE ou responsable'))
    .first();
  await field.fill(query);
}
