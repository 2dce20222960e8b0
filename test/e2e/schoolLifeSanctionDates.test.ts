import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashDate } from '../../shared/domain/frenchDates';
import { parisDay } from '../../shared/domain/publication/parisDays';
import { parisInstantAt } from '../../shared/domain/vieScolaire/rollSlots';
import { createStaffUser, loginToken, value } from '../helpers/pupitre';
import { accessibilityViolations } from './axe';
import { E2E_PASSWORD, startE2e, type E2eWorld } from './harness';
import { logIn, openMenu } from './screens/staff';

// Issue 17 §3 in the CPE's queue: « Sanctions carry their erasure date » (R511-13 IV), and
// « famille avisée » with when, never a time to come.
const SHOTS = process.env.PUPITRE_SCHOOL_LIFE_SHOTS ?? '/tmp/wt-cpe';

let world: E2eWorld;
beforeAll(async () => {
  world = await startE2e({ students: 60 });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => world?.close());

describe('Vie scolaire › À traiter: sanctions and « famille avisée le »', () => {
  it('shows each sanction’s erasure day; refuses a « famille avisée le » to come in French and saves nothing', async () => {
    const p = world.server.pupitre;
    const direction = await loginToken(p, 'direction', E2E_PASSWORD);
    const cpe = await createStaffUser(p, direction, 'cpe-sanctions', 'cpe');
    const pupils = (await p.db.manager.query(
      'SELECT id, last_name AS "lastName", first_name AS "firstName" FROM student ORDER BY id LIMIT 2',
    )) as { id: number; lastName: string; firstName: string }[];
    // Pronounced yesterday: a blâme leaves the record at the end of the next school year.
    const yesterday = parisDay(new Date(Date.now() - 86_400_000));
    const at = parisInstantAt(yesterday, '10:00').toISOString();
    for (const [i, sanctionKind] of (['reprimand', 'permanentExclusion'] as const).entries()) {
      value(
        await p.dispatch(
          'schoolLife.record',
          { studentId: pupils[i]!.id, kind: 'sanction', sanctionKind, startsAt: at, endsAt: at },
          cpe.token,
        ),
      );
    }
    const endOfYear = `${Number(yesterday.slice(0, 4)) + (yesterday.slice(5) > '08-31' ? 1 : 0)}`;
    const erasedOn = `01/09/${Number(endOfYear) + 1}`;

    const { page } = world;
    await logIn(page, 'cpe-sanctions', cpe.password);
    await openMenu(page, 'Vie scolaire › À traiter');
    await page.getByText('2 évènements à traiter').waitFor();
    const name = (i: number) =>
      `${pupils[i]!.lastName.toLocaleUpperCase('fr-FR')} ${pupils[i]!.firstName}`;
    const row = (i: number) => page.getByRole('row').filter({ hasText: name(i) });
    await row(0).getByText(`Effacée du dossier le ${erasedOn}`).waitFor();
    await row(1).getByText('Conservée au dossier').waitFor();
    await page.screenshot({ path: `${SHOTS}/queue-sanctions-1366.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: `Traiter sanction de ${name(0)}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`effacée du dossier le ${erasedOn}`).waitFor();
    await dialog.getByRole('textbox', { name: 'Famille avisée' }).click();
    await page.getByRole('option', { name: 'Téléphone' }).click();
    const tomorrow = parisDay(new Date(Date.now() + 86_400_000));
    await dialog.getByLabel('Avisée le').fill(slashDate(tomorrow));
    await dialog.getByRole('button', { name: 'Enregistrer le traitement' }).click();
    await dialog
      .getByRole('alert')
      .getByText('la date et l’heure ne peuvent pas être dans le futur', { exact: false })
      .waitFor();
    await page.screenshot({ path: `${SHOTS}/process-future-1366.png`, fullPage: true });
    const [saved] = (await p.db.manager.query(
      `SELECT processed, family_notified_at AS "notifiedAt" FROM school_life_event
        WHERE student_id = ? AND kind = 'sanction'`,
      [pupils[0]!.id],
    )) as { processed: number; notifiedAt: string | null }[];
    expect(saved).toEqual({ processed: 0, notifiedAt: null });

    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await row(0).getByText(`Effacée du dossier le ${erasedOn}`).waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/queue-sanctions-390.png`, fullPage: true });
    expect(world.consoleErrors).toEqual([]);
  });
});
