import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWebServer } from '../../main/http/webServer';
import { fixedClock } from '../../main/services/clock';
import { FUTURE_PREVIEW } from '../../shared/api/staff/familyPortal';
import { seedNotesSchool, type NotesSchool } from '../helpers/notesSchool';
import { TEST_NOW } from '../helpers/pupitre';
import { CHROMIUM, CHROMIUM_ARGS, E2E_PASSWORD, startE2eServer } from './harness';
import { logIn } from './screens/staff';

// Issue 16 §6: the staff « Aperçu du portail » at a chosen date shows the family's notes page
// as it read it that day (web mode, the built staff window, Chromium). Needs `npm run build`.
const SCREENS_DIR = process.env.PUPITRE_NOTES_SCREENS_DIR ?? '/tmp/wt-notes';

let server: RunningWebServer;
let dataDir: string;
let s: NotesSchool;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const clock = fixedClock(TEST_NOW);
  ({ server, dataDir } = await startE2eServer({ students: 60, clock }));
  s = await seedNotesSchool(server.pupitre, clock);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('« Aperçu du portail »: the notes page at a chosen date', () => {
  it('opens on the school’s today by the server’s clock, not on the browser’s later day', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
    page.setDefaultTimeout(20_000);
    // The computer's clock is weeks ahead of the server's (22/11/2026, 10:00 in Paris): the
    // first view must not tell the user the day is still to come.
    await page.clock.setSystemTime(new Date('2027-01-15T10:00:00.000Z'));
    await page.goto(server.url);
    await logIn(page, 'direction', E2E_PASSWORD);
    await page.goto(`${server.url}#/comptes/${s.guardian.id}/apercu`);
    await page.getByRole('heading', { name: 'Aperçu du portail' }).waitFor();
    const notes = page.getByRole('region', { name: 'Aperçu des notes' });
    await expect.poll(() => notes.locator('.n-table tbody tr').count()).toBe(7);
    expect(await page.getByLabel('À la date du').inputValue()).toBe('22/11/2026');
    expect(await page.getByText(FUTURE_PREVIEW).count()).toBe(0);
    expect(await page.getByText('Aperçu au 22/11/2026', { exact: false }).count()).toBe(1);
    await page.screenshot({ path: join(SCREENS_DIR, 'apercu-jour-serveur-1366.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENS_DIR, 'apercu-jour-serveur-390.png') });
    // The server's today stays the latest day: the next one is refused before any call.
    await page.getByLabel('À la date du').fill('23/11/2026');
    await page.getByText(FUTURE_PREVIEW).waitFor();
    await page.close();
  });

  it('shows on 05/10/2026 only the marks published by then, and today all of them', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
    page.setDefaultTimeout(20_000);
    await page.goto(server.url);
    await logIn(page, 'direction', E2E_PASSWORD);
    await page.goto(`${server.url}#/comptes/${s.guardian.id}/apercu`);
    await page.getByRole('heading', { name: 'Aperçu du portail' }).waitFor();
    const date = page.getByLabel('À la date du');
    await date.fill('05/10/2026');
    const notes = page.getByRole('region', { name: 'Aperçu des notes' });
    await expect.poll(async () => (await notes.locator('.n-table tbody tr').count()) || 0).toBe(2);
    expect(await notes.locator('.n-table').allInnerTexts()).toEqual([
      expect.stringContaining('Oral'),
      expect.stringContaining('DS 1 — fractions'),
    ]);
    await notes.screenshot({ path: join(SCREENS_DIR, 'apercu-notes-2026-10-05.png') });
    await date.fill('22/11/2026');
    await expect.poll(() => notes.locator('.n-table tbody tr').count()).toBe(7);
    await page.screenshot({ path: join(SCREENS_DIR, 'apercu-notes-1366.png'), fullPage: true });
    // A day still to come would show marks families cannot read yet: the field refuses it,
    // and nothing of the family's page stays on screen.
    await date.fill('31/12/2099');
    await page
      .getByText(
        'L’aperçu montre ce que la famille voyait : choisissez une date passée ou aujourd’hui.',
      )
      .waitFor();
    await expect.poll(() => notes.count()).toBe(0);
    await page.screenshot({ path: join(SCREENS_DIR, 'apercu-date-future-1366.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENS_DIR, 'apercu-date-future-390.png') });
    await page.close();
  });
});
