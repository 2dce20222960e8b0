import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const SHOTS = process.env.PUPITRE_SERVER_TODAY_SHOTS ?? join(tmpdir(), 'pupitre-jour-du-serveur');

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
  it('« Famille avisée » in « À traiter » defaults to the server’s today, and a day after it is « dans le futur »', async () => {
    await page.setViewportSize({ width: 1366, height: 850 });
    const db = server.pupitre.db.manager;
    const [pupil] = (await db.query(
      `SELECT id, first_name AS "first", last_name AS "last" FROM student
        WHERE division_id IS NOT NULL ORDER BY id LIMIT 1`,
    )) as [{ id: number; first: string; last: string }];
    await db.query(
      `INSERT INTO school_life_event (school_id, student_id, kind, starts_at, ends_at, recorded_at, version)
       VALUES (1, ?, 'absence', '2026-11-20T07:00:00.000Z', '2026-11-20T11:00:00.000Z',
         '2026-11-20T07:00:00.000Z', 1)`,
      [pupil.id],
    );
    await openMenu(page, 'Vie scolaire › À traiter');
    const name = `${pupil.last.toLocaleUpperCase('fr-FR')} ${pupil.first}`;
    await page.getByRole('button', { name: `Traiter absence de ${name}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Famille avisée' }).click();
    await page.getByRole('option', { name: 'Téléphone' }).click();
    const day = dialog.getByLabel('Avisée le');
    await expect.poll(() => day.inputValue()).toBe('22/11/2026');
    await page.waitForTimeout(300); // the dialog fades in
    await page.screenshot({ path: join(SHOTS, 'process-server-day-1366.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SHOTS, 'process-server-day-390.png') });
    // The computer thinks it is 15/01/2027: the day after the server's is refused all the same,
    // by the window itself (nothing sent).
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('schoolLife.process')) sent.push(r.url());
    });
    await day.fill('23/11/2026');
    await dialog.getByRole('textbox', { name: 'À' }).fill('09:00');
    await dialog.getByRole('button', { name: 'Enregistrer le traitement' }).click();
    await dialog.getByText(/ne peuvent pas être dans le futur/).waitFor();
    expect(sent).toEqual([]);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
  });

  it('« Absentéisme » without the server’s today says why, and exports nothing', async () => {
    await page.setViewportSize({ width: 1366, height: 850 });
    await page.route('**/api/periods.list', (route) => route.abort());
    try {
      // Opened afresh (the page asks the server's today each time it opens).
      await openMenu(page, 'Absentéisme');
      const alert = page.getByRole('alert').filter({ hasText: 'Liste indisponible' });
      await alert.getByText(/serveur/i).waitFor();
      expect(await page.getByRole('button', { name: 'Exporter en CSV' }).isDisabled()).toBe(true);
      await page.screenshot({ path: join(SHOTS, 'absenteeism-no-today-1366.png') });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(SHOTS, 'absenteeism-no-today-390.png') });
    } finally {
      await page.unroute('**/api/periods.list');
    }
  });
});
