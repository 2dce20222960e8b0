import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './axe';
import { E2E_PASSWORD, startE2e, type E2eWorld } from './harness';
import { cutToastText, logIn, openMenu } from './screens/staff';

// Issue 17 §5: « End of year: an archive export for the school…, then the purge of vie
// scolaire data past the retention the school sets…, refused without a recent archive » — and
// refused when an event to erase changed after the archive, said in the confirm step itself.
const SHOTS = process.env.PUPITRE_END_OF_YEAR_SHOTS ?? join(tmpdir(), 'pupitre-fin-d-annee');

let world: E2eWorld;
beforeAll(async () => {
  world = await startE2e({ students: 60 });
  mkdirSync(SHOTS, { recursive: true });
  // Two absences of last school year (the demo's current year starts on 1 September).
  const db = world.server.pupitre.db.manager;
  const [pupil] = (await db.query(
    `SELECT id FROM student WHERE division_id IS NOT NULL ORDER BY id LIMIT 1`,
  )) as [{ id: number }];
  for (const day of ['2025-10-06', '2025-10-07']) {
    await db.query(
      `INSERT INTO school_life_event (school_id, student_id, kind, starts_at, ends_at, recorded_at, version)
       VALUES (1, ?, 'absence', ?, ?, ?, 1)`,
      [pupil.id, `${day}T06:00:00.000Z`, `${day}T15:00:00.000Z`, `${day}T06:00:00.000Z`],
    );
  }
});
afterAll(async () => world?.close());

describe('Fin d’année', () => {
  it('the direction archives, then purges after a confirm step naming how many events go', async () => {
    const { page } = world;
    await logIn(page, 'direction', E2E_PASSWORD);
    await openMenu(page, 'Fin d’année');
    await page.getByText('Purge impossible pour l’instant').waitFor();
    await page.getByText(/Faites d’abord l’archive \(CSV\)/).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Purger…' }).isDisabled()).toBe(true);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger l’archive (CSV)' }).click();
    expect((await download).suggestedFilename()).toMatch(
      /^vie-scolaire-archive-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    await page.getByText('Archive enregistrée : 2 évènements.').waitFor();
    // The time as the product writes it in a sentence (« 8 h 12 »), not « 14:15 ».
    await page
      .getByText(/^Dernière archive\s: le \d\d\/\d\d\/\d{4} à\s\d{1,2}\sh(\s\d\d)?\.$/)
      .waitFor();
    await page.getByText(/2\sévènements plus anciens seraient effacés/).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Purger…' }).isDisabled()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/end-of-year-1366.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    // While the direction reads the page, the CPE gives one of them a motif: the archive no
    // longer shows it as it is. The confirm step says so, in the dialog, and erases nothing.
    const db = world.server.pupitre.db.manager;
    await db.query(
      `UPDATE school_life_event SET motif_id = (SELECT MIN(id) FROM motif), updated_at = ?
        WHERE id = (SELECT MIN(id) FROM school_life_event)`,
      [new Date().toISOString()],
    );
    await page.getByRole('button', { name: 'Purger…' }).click();
    let dialog = page.getByRole('dialog', { name: 'Confirmer la purge' });
    await dialog
      .getByText(/2\sévènements antérieurs au 01\/09\/2026 seront définitivement effacés/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Effacer 2 évènements' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.getByText('Purge refusée, rien n’a été effacé').waitFor();
    await refusal
      .getByText(/1\sévènement à effacer a été modifié après la dernière archive/)
      .waitFor();
    await refusal.getByText(/Refaites l’archive \(CSV\) et réimprimez les PDF/).waitFor();
    await expect
      .poll(() => dialog.getByRole('button', { name: 'Effacer 2 évènements' }).isDisabled())
      .toBe(true);
    // The browser logs the refused call (409 Conflict) itself: expected here, and only that.
    expect(world.consoleErrors.splice(0)).toEqual([expect.stringContaining('409')]);
    await page.waitForTimeout(300); // the dialog fades in
    await page.screenshot({ path: `${SHOTS}/end-of-year-refused-1366.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/end-of-year-refused-390.png` });
    // The whole text of the refusal fits the phone's width (no line cut off at the right).
    const box = await refusal.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    // The page follows: its notice says the same, and « Purger… » waits for a new archive.
    await page
      .getByText(/1\sévènement à effacer a été modifié après la dernière archive/)
      .waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Purger…' }).isDisabled()).toBe(true);
    const again = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger l’archive (CSV)' }).click();
    await again;
    await expect.poll(() => page.getByRole('button', { name: 'Purger…' }).isDisabled()).toBe(false);
    // On a phone the toast is read whole: it once showed « Archive enregistré… / 2 évènem… ».
    const toast = page.getByRole('alert').filter({ hasText: 'Archive enregistrée' });
    await expect.poll(() => toast.count()).toBe(1);
    await expect.poll(() => cutToastText(page)).toEqual([]);
    await page.waitForTimeout(300); // the toast slides in
    await page.screenshot({ path: `${SHOTS}/end-of-year-archive-toast-390.png` });
    await page.setViewportSize({ width: 1366, height: 850 });

    await page.getByRole('button', { name: 'Purger…' }).click();
    dialog = page.getByRole('dialog', { name: 'Confirmer la purge' });
    await dialog
      .getByText(/2\sévènements antérieurs au 01\/09\/2026 seront définitivement effacés/)
      .waitFor();
    await page.waitForTimeout(300); // the dialog fades in
    await page.screenshot({ path: `${SHOTS}/end-of-year-confirm-1366.png` });

    // A request that gets no answer: the purge may have run, so not « rien n’a été effacé »,
    // and the button stays usable (the count it sends guards a second try).
    await page.route('**/api/schoolLife.purge', (route) => route.abort());
    await dialog.getByRole('button', { name: 'Effacer 2 évènements' }).click();
    const failure = dialog.getByRole('alert');
    await failure.getByText(/Le serveur Pupitre ne répond pas/).waitFor();
    expect(await failure.getByText('Purge refusée, rien n’a été effacé').count()).toBe(0);
    expect(await dialog.getByRole('button', { name: 'Effacer 2 évènements' }).isDisabled()).toBe(
      false,
    );
    await page.unroute('**/api/schoolLife.purge');
    world.consoleErrors.splice(0); // the aborted request, logged by the browser itself

    // One more old event recorded before the archive (a late import): the count changed, the
    // server refuses, and the dialog offers the new count to confirm again.
    const [pupil] = (await db.query(
      `SELECT student_id AS id FROM school_life_event ORDER BY id LIMIT 1`,
    )) as [{ id: number }];
    await db.query(
      `INSERT INTO school_life_event (school_id, student_id, kind, starts_at, ends_at, recorded_at, version)
       VALUES (1, ?, 'absence', '2025-10-08T06:00:00.000Z', '2025-10-08T15:00:00.000Z',
         '2025-10-08T06:00:00.000Z', 1)`,
      [pupil.id],
    );
    await dialog.getByRole('button', { name: 'Effacer 2 évènements' }).click();
    const changed = dialog.getByRole('alert');
    await changed.getByText('Purge refusée, rien n’a été effacé').waitFor();
    await changed.getByText(/a changé \(3 au lieu de 2\)/).waitFor();
    const again3 = dialog.getByRole('button', { name: 'Effacer 3 évènements' });
    await again3.waitFor();
    await expect.poll(() => again3.isDisabled()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/end-of-year-count-changed-1366.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/end-of-year-count-changed-390.png` });
    await page.setViewportSize({ width: 1366, height: 850 });
    expect(world.consoleErrors.splice(0)).toEqual([expect.stringContaining('409')]);
    await again3.click();
    await page.getByText('Purge faite : 3 évènements effacés.').waitFor();
    const [{ n }] = (await db.query(`SELECT COUNT(*) AS n FROM school_life_event`)) as [
      { n: number },
    ];
    expect(n).toBe(0);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/end-of-year-390.png`, fullPage: true });
    expect(world.consoleErrors).toEqual([]);
  });
});
