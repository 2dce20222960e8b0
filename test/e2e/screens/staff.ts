import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { pdfPages } from '../../helpers/pdfText';

// Screen helpers: how a person finds things on the staff window, by role and French label.

export async function logIn(page: Page, login: string, password: string) {
  await page.getByLabel('Identifiant').fill(login);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
}

export async function openMenu(page: Page, entry: string) {
  const link = page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: entry, exact: true });
  await link.click();
  // The click only starts the navigation: until the entry is the current page, the previous
  // screen's rows are still there for the next locator to find.
  await link.and(page.locator('[aria-current="page"]')).waitFor();
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

/**
 * The letters dialog's plan → « Préparer le PDF » → « Télécharger le PDF »: the PDF's pages
 * as text and the name the download offers, then the dialog closed.
 */
export async function prepareAndDownloadLetters(
  page: Page,
): Promise<{ pages: string[]; fileName: string }> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Préparer le PDF' }).click();
  await dialog.getByRole('button', { name: 'Télécharger le PDF' }).waitFor({ timeout: 60_000 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Télécharger le PDF' }).click(),
  ]);
  const pages = await pdfPages(new Uint8Array(readFileSync(await download.path())));
  await dialog.getByRole('button', { name: 'Fermer', exact: true }).click();
  return { pages, fileName: download.suggestedFilename() };
}

/** What in the staff page's main area reaches past the screen's right edge (a phone's 390 px). */
export async function tooWide(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // A table's header is kept for screen readers only, clipped to a pixel, on a phone.
    const out = [...document.querySelectorAll('main *')]
      .filter((e) => !e.closest('thead') && e.getBoundingClientRect().right > width + 1)
      .map((e) => `${e.tagName}.${e.className}`.slice(0, 80));
    if (document.documentElement.scrollWidth > width) out.push('document');
    return out;
  });
}

/**
 * The toasts' lines that are not read whole: a word wider than the toast (Mantine then cuts it
 * with « … »), or text reaching past its box or past the screen. Empty when every toast shown
 * can be read to its last letter.
 */
export async function cutToastText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    const screen = document.documentElement.clientWidth;
    const parts = document.querySelectorAll(
      '[role="alert"] .mantine-Notification-title, [role="alert"] .mantine-Notification-description',
    );
    for (const part of parts) {
      const box = part.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(part);
      // The text's own extent, whatever the box clips of it.
      const text = range.getBoundingClientRect();
      const clipped =
        part.scrollWidth > part.clientWidth ||
        part.scrollHeight > part.clientHeight ||
        text.right > box.right + 0.5 ||
        text.bottom > box.bottom + 0.5 ||
        box.left < 0 ||
        box.right > screen;
      if (clipped) cut.push(`${part.textContent ?? ''} (${Math.round(box.width)} px)`);
    }
    return cut;
  });
}
