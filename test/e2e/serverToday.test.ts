import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWebServer } from '../../main/http/webServer';
import { fixedClock } from '../../main/services/clock';
import { TEST_NOW } from '../helpers/pupitre';
import { CHROMIUM, CHROMIUM_ARGS, E2E_PASSWORD, startE2eServer } from './harness';
import { logIn, openMenu } from './screens/staff';

// The roll, « Saisir un évènement » and « Absentéisme » open on the school's today by the
// server's clock (Sunday 22/11/2026 in Paris here), not on the computer's: a clock set wrong,
// weeks ahead (15/01/2027), opened the roll of a day to come. Needs `npm run build`.
const SHOTS = process.env.PUPITRE_SERVER_TODAY_SHOTS ?? '/tmp/wt-server-today';

let server: RunningWebServer;
let dataDir: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ server, dataDir } = await startE2eServer({ students: 60, clock: fixedClock(TEST_NOW) }));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1366, height: 850 }, locale: 'fr-FR' });
  page.setDefaultTimeout(20_000);
  await page.clock.setSystemTime(new Date('2027-01-15T10:00:00.000Z'));
  await page.goto(server.url);
  await logIn(page, 'direction', E2E_PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('The day a staff page opens on is the server’s, not the browser’s', () => {
  it('« Appel » opens on the Saturday before the server’s Sunday', async () => {
    await openMenu(page, 'Appel');
    const day = page.getByRole('textbox', { name: 'Jour', exact: true });
    await expect.poll(() => day.inputValue()).not.toBe('');
    expect(await day.inputValue()).toBe('21/11/2026');
    await page.screenshot({ path: join(SHOTS, 'roll-server-day-1366.png') });
  });

  it('« Saisir un évènement » starts and ends on the server’s today', async () => {
    await openMenu(page, 'Saisir un évènement');
    const from = page.getByLabel('Du', { exact: true });
    await expect.poll(() => from.inputValue()).not.toBe('');
    expect(await from.inputValue()).toBe('22/11/2026');
    expect(await page.getByLabel('Au', { exact: true }).inputValue()).toBe('22/11/2026');
  });

  it('« Absentéisme » lists the months up to the server’s', async () => {
    await openMenu(page, 'Absentéisme');
    const month = page.getByRole('textbox', { name: 'Mois', exact: true });
    await expect.poll(() => month.inputValue()).not.toBe('');
    expect(await month.inputValue()).toBe('Novembre 2026');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SHOTS, 'absenteeism-server-day-390.png') });
  });
});
