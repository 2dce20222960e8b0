import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateAccount, startPortalWorld, type PortalWorld } from '../helpers/portal';
import { seedNotesSchool, type NotesSchool } from '../helpers/notesSchool';
import { accessibilityViolations } from './axe';
import { CHROMIUM, CHROMIUM_ARGS } from './harness';

// Issue 16 §6 in Chromium: a parent opens « Notes » from the home tile, on a phone (390 px)
// and on a desktop (1366 px) (the page holds no script: its CSP forbids any); the page passes axe and is screenshot for a
// person to look at (not compared).
const SCREENS_DIR = process.env.PUPITRE_NOTES_SCREENS_DIR ?? '/tmp/wt-notes';

let w: PortalWorld;
let s: NotesSchool;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENS_DIR, { recursive: true });
  w = await startPortalWorld({ students: 60 });
  s = await seedNotesSchool(w.p, w.p.clock);
  // Corrected on 21/11, after the family could see it.
  w.p.clock.set('2026-11-21T16:30:00.000Z');
  await s.retype(s.assessments.get('Article de presse')!.id, s.childId, '9');
  w.p.clock.set('2026-11-22T09:00:00.000Z');
  await activateAccount(w.p, s.guardian.id, 'Tigre7Bleu', 'famille@example.fr');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await w?.cleanup();
});

async function loggedIn(width: number): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    locale: 'fr-FR',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(w.portal.url);
  await page.getByLabel('Votre identifiant').fill(s.guardian.login);
  await page.getByLabel('Votre mot de passe').fill('Tigre7Bleu');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Accueil' }).waitFor();
  // The previous visit was on 15/11: what was published since stands out.
  await w.p.db.manager.query('UPDATE family_account SET previous_login_at = ? WHERE id = ?', [
    '2026-11-15T08:00:00.000Z',
    s.guardian.id,
  ]);
  await page.reload();
  return page;
}

describe('the « Notes » page in Chromium', () => {
  for (const width of [390, 1366]) {
    it(`opens from the home tile and reads well at ${width} px`, async () => {
      const page = await loggedIn(width);
      await page.getByText('2 nouvelles notes').waitFor();
      await page.screenshot({ path: join(SCREENS_DIR, `accueil-${width}.png`), fullPage: true });
      await page.getByRole('link', { name: 'Notes', exact: true }).click();
      await page.getByRole('heading', { name: 'Notes', level: 1 }).waitFor();
      // « Comment est calculée cette moyenne ? » opens without script.
      const french = page.locator('#matiere-020700');
      await french.locator('summary').click();
      await expect(french.getByText('soit 11,25/20').isVisible()).resolves.toBe(true);
      expect(await page.locator('.n-tile-new').count()).toBe(2);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENS_DIR, `notes-${width}.png`), fullPage: true });
      await page.screenshot({ path: join(SCREENS_DIR, `notes-${width}-haut.png`) });
      await french.screenshot({ path: join(SCREENS_DIR, `notes-${width}-francais.png`) });
      // No sideways scrolling on a phone.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.context().close();
    });
  }
});
