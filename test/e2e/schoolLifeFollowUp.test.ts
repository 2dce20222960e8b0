import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchoolLifeEvent } from '../../shared/api/staff';
import { slashDate } from '../../shared/domain/frenchDates';
import { parisDay } from '../../shared/domain/publication/parisDays';
import { isoWeekday } from '../../shared/domain/vieScolaire/halfDays';
import { parisInstantAt } from '../../shared/domain/vieScolaire/rollSlots';
import { pdfPages } from '../helpers/pdfText';
import { createStaffUser, loginToken, value } from '../helpers/pupitre';
import { accessibilityViolations } from './axe';
import { E2E_PASSWORD, startE2e, type E2eWorld } from './harness';
import { logIn, openMenu, tooWide } from './screens/staff';

// Issue 17 §3: the CPE's queue and the absentéisme watch (L131-8).
const SHOTS = process.env.PUPITRE_SCHOOL_LIFE_SHOTS ?? '/tmp/wt-cpe';

let world: E2eWorld;
beforeAll(async () => {
  world = await startE2e({ students: 60 });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => world?.close());

/** The second Monday of the current month (Paris) and the day after: school days, this month. */
function secondMondayOfThisMonth(): [string, string] {
  const month = parisDay(new Date()).slice(0, 7);
  let day = 8;
  while (isoWeekday(`${month}-${String(day).padStart(2, '0')}`) !== 1) day += 1;
  const monday = `${month}-${String(day).padStart(2, '0')}`;
  return [monday, `${month}-${String(day + 1).padStart(2, '0')}`];
}

describe('Vie scolaire › À traiter, and the watch', () => {
  it('the CPE processes a queued absence by keyboard, and sees a pupil with four unjustified half-days on the watch list', async () => {
    const pupitre = world.server.pupitre;
    const direction = await loginToken(pupitre, 'direction', E2E_PASSWORD);
    const cpe = await createStaffUser(pupitre, direction, 'cpe-e2e', 'cpe');
    const pupils = (await pupitre.db.manager.query(
      'SELECT id, last_name AS "lastName", first_name AS "firstName" FROM student ORDER BY id LIMIT 2',
    )) as { id: number; lastName: string; firstName: string }[];
    const [absentOnce, absentTwoDays] = pupils as [(typeof pupils)[0], (typeof pupils)[0]];
    const [monday, tuesday] = secondMondayOfThisMonth();
    const absence = (studentId: number, day: string) =>
      pupitre.dispatch(
        'schoolLife.record',
        {
          studentId,
          kind: 'absence',
          startsAt: parisInstantAt(day, '08:00').toISOString(),
          endsAt: parisInstantAt(day, '17:00').toISOString(),
        },
        cpe.token,
      );
    const queued = value<SchoolLifeEvent>(await absence(absentOnce.id, monday));
    value(await absence(absentTwoDays.id, monday));
    value(await absence(absentTwoDays.id, tuesday));

    const { page } = world;
    await logIn(page, 'cpe-e2e', cpe.password);
    // The roll names pupils as the rest of the window does: « BARTHELET Gaël ».
    await openMenu(page, 'Appel');
    const firstPupil = page.getByRole('row').nth(1).getByRole('cell').first();
    await firstPupil.waitFor();
    expect(await firstPupil.innerText()).toMatch(/^[^a-zà-ÿ\n]+ [A-ZÀ-Ý][a-zà-ÿ]/u);
    await openMenu(page, 'Vie scolaire › À traiter');
    await page.getByText('3 évènements à traiter').waitFor();
    await page.screenshot({ path: `${SHOTS}/queue-1366.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    // Keyboard only: the row's « Traiter », the motif typed and chosen, two ticks, save.
    const name = `${absentOnce.lastName.toLocaleUpperCase('fr-FR')} ${absentOnce.firstName}`;
    await page.getByRole('button', { name: `Traiter absence de ${name}` }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Motif' }).waitFor();
    await expect
      .poll(() =>
        dialog
          .getByRole('textbox', { name: 'Motif' })
          .evaluate((el) => el === document.activeElement),
      )
      .toBe(true);
    await page.keyboard.type('Maladie de l');
    // On a loaded machine the list may open after the keys: each key waits for what it acts on.
    await page.getByRole('option', { name: /^Maladie de l’enfant/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => dialog.getByRole('textbox', { name: 'Motif' }).inputValue())
      .toMatch(/^Maladie de l’enfant/);
    for (const tick of ['Justifiée', 'Publiable en ligne']) {
      const box = dialog.getByRole('checkbox', { name: tick });
      await page.keyboard.press('Tab');
      await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Space');
      await expect.poll(() => box.isChecked()).toBe(true);
    }
    await page.screenshot({ path: `${SHOTS}/process-1366.png` });
    await page.keyboard.press('Tab'); // Famille avisée
    await page.keyboard.press('Tab'); // Annuler
    await page.keyboard.press('Tab'); // Enregistrer le traitement
    await page.keyboard.press('Enter');
    await page.getByText('1 évènement traité.').waitFor();
    await page.getByText('2 évènements à traiter').waitFor();
    const processed = (await pupitre.db.manager.query(
      'SELECT e.processed, e.justified, e.publishable_online AS "publishable", m.label FROM school_life_event e JOIN motif m ON m.id = e.motif_id WHERE e.id = ?',
      [queued.id],
    )) as { processed: number; justified: number; publishable: number; label: string }[];
    expect(processed).toEqual([
      { processed: 1, justified: 1, publishable: 1, label: 'Maladie de l’enfant' },
    ]);

    // The notice printed from the queue (web mode: GET absence-notice.pdf) says « famille
    // avisée » par courrier on the row.
    const watched = `${absentTwoDays.lastName.toLocaleUpperCase('fr-FR')} ${absentTwoDays.firstName}`;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: `Imprimer l’avis d’absence de ${watched}` })
        .first()
        .click(),
    ]);
    const notice = await pdfPages(new Uint8Array(readFileSync(await download.path())));
    expect(notice.length).toBeGreaterThan(0);
    expect(notice[0]!.replace(/\s+/g, ' ')).toContain(
      `${absentTwoDays.firstName} ${absentTwoDays.lastName.toLocaleUpperCase('fr-FR')}`,
    );
    await page
      .getByRole('row')
      .filter({ hasText: watched })
      .first()
      .getByText('Courrier', { exact: true })
      .waitFor();

    await openMenu(page, 'Absentéisme');
    // The queue's two rows of the same pupil match too until the page has changed.
    await page.getByRole('heading', { name: 'Absentéisme' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: watched });
    await row.waitFor();
    // The four half-days listed: Monday and Tuesday, morning and afternoon.
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain(
      `4 demi-journées ${slashDate(monday)} matin, ${slashDate(monday)} après-midi, ${slashDate(tuesday)} matin, ${slashDate(tuesday)} après-midi`,
    );
    expect(await page.getByRole('row').filter({ hasText: name }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/watch-1366.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    // « Signalé à la DSDEN le … », today by default, by keyboard.
    await page.getByRole('button', { name: `Signaler ${watched} à la DSDEN` }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: 'Signalé à la DSDEN le' }).waitFor();
    await page.keyboard.press('Enter');
    await row.getByText(`Signalé le ${slashDate(parisDay(new Date()))}`).waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    // A fresh page (no toast over the list); the shell's navbar slides away when the window
    // narrows: shoot once it has.
    await page.reload();
    await row.waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/watch-390.png`, fullPage: true });
    await page.goto(`${world.server.url}#/vie-scolaire`);
    await page.reload();
    await page.getByText('2 évènements à traiter').waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/queue-390.png`, fullPage: true });
    expect(world.consoleErrors).toEqual([]);
  });

  it('« Saisir un évènement »: a retard refused first in French, then saved; the queue processes two absences at once; a motif added', async () => {
    const { page } = world;
    await page.setViewportSize({ width: 1366, height: 850 });
    await openMenu(page, 'Saisir un évènement');
    await page.getByRole('heading', { name: 'Saisir un évènement' }).waitFor();
    await page.getByRole('textbox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Retard' }).click();
    await page.getByRole('button', { name: 'Enregistrer l’évènement' }).click();
    await page.getByText('Choisissez l’élève.').waitFor();
    const pupil = (
      (await world.server.pupitre.db.manager.query(
        'SELECT last_name AS "lastName", first_name AS "firstName" FROM student ORDER BY id DESC LIMIT 1',
      )) as { lastName: string; firstName: string }[]
    )[0]!;
    await page.getByRole('textbox', { name: 'Élève' }).fill(pupil.lastName.slice(0, 5));
    await page
      .getByRole('option', {
        name: new RegExp(`^${pupil.lastName.toLocaleUpperCase('fr-FR')} ${pupil.firstName}`),
      })
      .first()
      .click();
    await page.getByRole('textbox', { name: 'Minutes de retard' }).fill('12');
    await page.screenshot({ path: `${SHOTS}/record-1366.png`, fullPage: true });
    await page.getByRole('button', { name: 'Enregistrer l’évènement' }).click();
    await page.getByText(/^Évènement enregistré pour .+ retard, le /).waitFor();
    expect(await page.getByText('Choisissez l’élève.').count()).toBe(0);
    const late = value<SchoolLifeEvent[]>(
      await world.server.pupitre.dispatch(
        'schoolLife.queue',
        {},
        await loginToken(world.server.pupitre, 'direction', E2E_PASSWORD),
      ),
    ).filter((e) => e.kind === 'lateness');
    expect(late.map((e) => [e.studentName, e.minutes])).toEqual([
      [`${pupil.lastName.toLocaleUpperCase('fr-FR')} ${pupil.firstName}`, 12],
    ]);
    // Several at once: the week's absences of the queue, filtered by type, one answer.
    await openMenu(page, 'Vie scolaire › À traiter');
    await page.getByText('3 évènements à traiter').waitFor();
    await page.getByRole('textbox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Absence', exact: true }).click();
    await page.getByText('2 évènements à traiter').waitFor();
    await page.getByRole('checkbox', { name: 'Tout sélectionner' }).check();
    await page.getByRole('button', { name: 'Traiter les 2 sélectionnés' }).click();
    await page.getByRole('dialog', { name: 'Traiter 2 évènements' }).waitFor();
    await page.getByRole('checkbox', { name: 'Publiable en ligne' }).check();
    await page.getByRole('button', { name: 'Enregistrer le traitement' }).click();
    await page.getByText('2 évènements traités.').waitFor();
    await page.getByText('Rien à traiter avec ces filtres.').waitFor();
    // One of the two was printed (« famille avisée » par courrier), the other not: each kept
    // its own, the dialog's default when they differ.
    const told = (await world.server.pupitre.db.manager.query(
      `SELECT family_notified_by AS "by", processed, publishable_online AS "publishable" FROM school_life_event WHERE kind = 'absence' AND processed = ? ORDER BY starts_at, id`,
      [1],
    )) as { by: string | null; processed: number; publishable: number }[];
    expect(told.slice(-2).map((r) => [r.by, r.publishable])).toEqual([
      ['courrier', 1],
      [null, 1],
    ]);

    await openMenu(page, 'Motifs d’absence');
    await page.getByRole('cell', { name: 'Maladie de l’enfant', exact: true }).waitFor();
    await page
      .getByRole('textbox', { name: 'Nouveau motif' })
      .fill('Journée défense et citoyenneté');
    await page.keyboard.press('Enter');
    await page.getByRole('cell', { name: 'Journée défense et citoyenneté', exact: true }).waitFor();
    expect(
      await page
        .getByRole('checkbox', {
          name: 'Ouvert aux familles\u00a0: Journée défense et citoyenneté',
        })
        .isChecked(),
    ).toBe(true);
    await page.screenshot({ path: `${SHOTS}/motifs-1366.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    // One card per motif (each cell is also named after its column), within the screen.
    await page.getByRole('cell').getByText('Maladie de l’enfant', { exact: true }).waitFor();
    await expect.poll(() => tooWide(page), { timeout: 5_000 }).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/motifs-390.png`, fullPage: true });
    await page.goto(`${world.server.url}#/vie-scolaire/saisir`);
    await page.getByRole('heading', { name: 'Saisir un évènement' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/record-390.png`, fullPage: true });
    expect(world.consoleErrors).toEqual([]);
  });
});
