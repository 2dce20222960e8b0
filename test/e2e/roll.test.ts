import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchoolLifeEvent } from '../../shared/api/staff';
import { loginToken, value } from '../helpers/pupitre';
import { accessibilityViolations } from './axe';
import { E2E_PASSWORD, startE2e, type E2eWorld } from './harness';
import { logIn, openMenu } from './screens/staff';

// Issue 17 §2: « Appel », the first vie scolaire screen.
const SHOTS = process.env.PUPITRE_ROLL_SHOTS ?? '/tmp/wt-vs';

let world: E2eWorld;
beforeAll(async () => {
  world = await startE2e({ students: 60 });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => world?.close());

describe('Appel', () => {
  it('direction marks one pupil absent and one late, saves, and the CPE’s queue holds them once', async () => {
    const { page } = world;
    await logIn(page, 'direction', E2E_PASSWORD);
    await openMenu(page, 'Appel');
    const rows = page.getByRole('row');
    await page.getByRole('button', { name: 'Enregistrer l’appel' }).waitFor();
    const first = rows.nth(1);
    const second = rows.nth(2);
    await first.getByText('Absent', { exact: true }).click();
    await second.getByText('Retard', { exact: true }).click();
    await second.getByRole('textbox', { name: /Minutes de retard/ }).fill('12');
    await page.screenshot({ path: `${SHOTS}/roll-1366.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    // Saved twice (by keyboard: the first « Appel enregistré. » lies over the button).
    for (let i = 1; i <= 2; i++) {
      await page.getByRole('button', { name: 'Enregistrer l’appel' }).press('Enter');
      await expect.poll(() => page.getByText('Appel enregistré.').count()).toBe(i);
    }
    await page.getByText('Appel déjà fait : enregistrer le corrige').waitFor();
    const pupitre = world.server.pupitre;
    const token = await loginToken(pupitre, 'direction', E2E_PASSWORD);
    const queue = value<SchoolLifeEvent[]>(await pupitre.dispatch('schoolLife.queue', {}, token));
    expect(queue.map((e) => [e.kind, e.minutes]).sort()).toEqual([
      ['absence', null],
      ['lateness', 12],
    ]);
    await page.setViewportSize({ width: 390, height: 844 });
    // The shell's navbar slides away when the window narrows: shoot once it has.
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/roll-390.png`, fullPage: true });
    expect(world.consoleErrors).toEqual([]);
  });
});
