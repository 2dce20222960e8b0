import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeriodsOverview } from '../../shared/api/staff';
import { slashDate } from '../../shared/domain/frenchDates';
import { addDays, parisDay } from '../../shared/domain/periods';
import { createStaffUser, loginToken, value } from '../helpers/pupitre';
import { accessibilityViolations } from './axe';
import { E2E_PASSWORD, startE2e, type E2eWorld } from './harness';
import { logIn, openMenu } from './screens/staff';

// Issue 16 §2: « Périodes de notation » and « Publication des notes » in Paramètres.
const SHOTS = process.env.PUPITRE_PERIOD_SHOTS ?? '/tmp/wt-periods';

let world: E2eWorld;
let overview: PeriodsOverview;
beforeAll(async () => {
  world = await startE2e({ students: 60 });
  const pupitre = world.server.pupitre;
  const direction = await loginToken(pupitre, 'direction', E2E_PASSWORD);
  await createStaffUser(pupitre, direction, 'prof-histoire', 'teacher');
  overview = value<PeriodsOverview>(await pupitre.dispatch('periods.list', {}, direction));
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => world?.close());

describe('Paramètres: periods and grade publication, by keyboard and mouse', () => {
  it('direction publishes « à date » with Pronote’s delays, fixes an overlap field by field, and reopens T1 for a teacher', async () => {
    const { page } = world;
    await logIn(page, 'direction', E2E_PASSWORD);
    await openMenu(page, 'Paramètres');

    const publication = page.getByRole('region', { name: 'Publication des notes' });
    await publication.getByRole('radio', { name: 'À date d’échéance' }).check();
    await publication.getByRole('button', { name: 'Délais de Pronote (1 et 1)' }).click();
    await expect
      .poll(() => publication.getByLabel('Délai pour l’élève (jours)').inputValue())
      .toBe('1');
    await publication.getByRole('button', { name: 'Enregistrer la publication' }).click();
    await page.getByText('Publication des notes enregistrée').waitFor();

    const periods = page.getByRole('region', { name: 'Périodes de notation' });
    const first = Number(overview.year!.startsOn.slice(0, 4));
    // « à date »: each period now asks for its publication day.
    await periods.getByLabel('Publication des notes (T1)').waitFor();
    const t2Start = periods.getByLabel('Début (T2)');
    await t2Start.fill(`25/11/${first}`);
    await periods.getByRole('button', { name: 'Enregistrer les périodes' }).click();
    await periods
      .getByText(`T2 : chevauche T1, qui finit le 30/11/${first}`, { exact: false })
      .first()
      .waitFor();
    await page.screenshot({ path: `${SHOTS}/periods-overlap-1366.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    // The demo school's periods have no closing day: T1's entry closes a week after it ends.
    const t1 = overview.periods.find((p) => p.code === 'T1')!;
    const closes = addDays(t1.endsOn, 7);
    await t2Start.fill(`01/12/${first}`);
    await periods.getByLabel('Fermeture de la saisie (T1)').fill(slashDate(closes));
    await periods.getByRole('button', { name: 'Enregistrer les périodes' }).click();
    await page.getByText('Périodes enregistrées').waitFor();

    // A reopening ends on the closing day at the earliest, and not in the past.
    const today = parisDay(new Date());
    const until = addDays(closes > today ? closes : today, 10);
    await periods.getByRole('textbox', { name: 'Période' }).click();
    await page.getByRole('option', { name: /^T1 — tous niveaux/ }).click();
    await periods.getByRole('textbox', { name: 'Professeur' }).fill('prof-histoire');
    await page.getByRole('option', { name: 'Test prof-histoire' }).click();
    await periods.getByLabel('Rouverte jusqu’au (inclus)').fill(slashDate(until));
    await periods.getByLabel('Rouverte jusqu’au (inclus)').press('Enter');
    await page.getByText('Saisie rouverte').waitFor();
    const row = periods.getByRole('row', { name: /Test prof-histoire/ });
    await expect.poll(() => row.innerText()).toContain(slashDate(until));
    await page.screenshot({ path: `${SHOTS}/periods-1366.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(600);
    await publication.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/publication-390.png` });
    await periods.getByLabel('Début (T2)').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/periods-390.png` });
    const withdraw = periods.getByRole('button', { name: /Retirer la réouverture/ });
    await withdraw.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/reopenings-390.png` });
    await withdraw.click();
    await page.getByText('Réouverture retirée').waitFor();
    await expect.poll(() => periods.getByText('Aucune réouverture en cours.').count()).toBe(1);
    await page.setViewportSize({ width: 1366, height: 850 });

    await openMenu(page, 'Journal');
    const journal = page.getByRole('table');
    await journal.getByText('Réouverture de la saisie retirée').first().waitFor();
    expect(await journal.innerText()).toContain('Saisie des notes rouverte pour un professeur');
    expect(await journal.innerText()).toContain('Publication des notes modifiée');

    // A teacher reads the periods and the publication settings, and changes nothing.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await logIn(page, 'prof-histoire', 'prof-histoire-Secret1');
    await openMenu(page, 'Paramètres');
    await periods.getByText('Seule la direction modifie les périodes.').waitFor();
    expect(await periods.getByLabel('Début (T2)').inputValue()).toBe(`01/12/${first}`);
    expect(await periods.getByLabel('Début (T2)').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByRole('button', { name: /^Enregistrer/ }).count()).toBe(0);
    expect(await publication.getByRole('radio', { name: 'À date d’échéance' }).isChecked()).toBe(
      true,
    );
    await periods.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/periods-teacher-1366.png` });
    expect(await accessibilityViolations(page)).toEqual([]);

    // The refused overlap is the one 400 the browser logs.
    expect(world.consoleErrors.filter((e) => !/status of 400/.test(e)).join('\n')).toBe('');
  });

  it('direction sets a subject’s coefficient for one division (default 1), by keyboard', async () => {
    const { page } = world;
    // The subjects come from SIECLE's nomenclature (MATIERES), which the demo school lacks.
    await world.server.pupitre.db.manager.query(
      `INSERT INTO nomenclature_label (school_id, list, code, label) VALUES
        (1, 'MATIERES', '061300', 'MATHEMATIQUES'), (1, 'MATIERES', '020700', 'FRANCAIS'),
        (1, 'MATIERES', '030201', 'ANGLAIS LV1')`,
    );
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await logIn(page, 'direction', E2E_PASSWORD);
    await openMenu(page, 'Paramètres');
    const section = page.getByRole('region', { name: 'Coefficients des matières' });
    const maths = section.getByLabel('Coefficient de MATHEMATIQUES');
    await expect.poll(() => maths.inputValue()).toBe('1');
    await maths.fill('1,5');
    await maths.press('Tab');
    await section.getByRole('button', { name: 'Enregistrer les coefficients' }).click();
    await page.getByText('Coefficients enregistrés').waitFor();
    await expect.poll(() => maths.inputValue()).toBe('1,5');
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/coefficients-1366.png` });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(600);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/coefficients-390.png` });
    await page.setViewportSize({ width: 1366, height: 850 });
  });
});
