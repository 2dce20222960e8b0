import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, loginToken, value } from '../helpers/pupitre';
import { accessibilityViolations } from './axe';
import { E2E_PASSWORD, startE2e, type E2eWorld } from './harness';
import { logIn, openMenu } from './screens/staff';

// Issue 16 §3: the marks grid, by a teacher, typed and pasted.
const SHOTS = process.env.PUPITRE_GRADES_SHOTS ?? '/tmp/wt-grades';

let world: E2eWorld;
let password: string;
let divisionCode: string;

beforeAll(async () => {
  world = await startE2e({ students: 60 });
  const pupitre = world.server.pupitre;
  const direction = await loginToken(pupitre, 'direction', E2E_PASSWORD);
  const teacher = await createStaffUser(pupitre, direction, 'prof-maths', 'teacher');
  password = teacher.password;
  const [division] = (await pupitre.db.manager.query(
    `SELECT d.code AS code FROM division d JOIN student s ON s.division_id = d.id
     GROUP BY d.code ORDER BY COUNT(*) DESC, d.code LIMIT 1`,
  )) as { code: string }[];
  divisionCode = division!.code;
  await pupitre.db.manager.query(
    `INSERT INTO subject (school_id, code, management_code, short_label, long_label)
     VALUES (1, '061300', 'MATHS', 'MATHEMATIQUES', 'MATHEMATIQUES')`,
  );
  value(
    await pupitre.dispatch(
      'services.save',
      {
        subjectCode: '061300',
        structureKind: 'division',
        structureCode: divisionCode,
        teacherId: teacher.id,
      },
      direction,
    ),
  );
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => world?.close());

/** Pastes lines into a cell as a spreadsheet's column would arrive. */
async function pasteInto(id: string, text: string) {
  await world.page.evaluate(
    ([cellId, lines]) => {
      const input = document.getElementById(cellId!)!;
      input.focus();
      const data = new DataTransfer();
      data.setData('text/plain', lines!);
      input.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    },
    [id, text],
  );
}

describe('« Notes »: the grid of a teaching service', () => {
  it('a teacher creates a devoir, types 12,5, pastes a column, and is told which line is wrong', async () => {
    const { page } = world;
    await logIn(page, 'prof-maths', password);
    await openMenu(page, 'Notes');
    await page.getByRole('heading', { name: 'Notes' }).waitFor();
    await page.getByText('Saisie ouverte').waitFor();

    await page.getByRole('button', { name: 'Nouveau devoir' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau devoir' });
    await dialog.getByLabel('Intitulé').fill('DS 1');
    await dialog.getByLabel('Barème').fill('0');
    await dialog.getByRole('button', { name: 'Créer le devoir' }).click();
    await dialog.getByText('« 0 » n’est pas un barème', { exact: false }).waitFor();
    await dialog.getByLabel('Barème').fill('20');
    await dialog.getByRole('button', { name: 'Créer le devoir' }).click();
    await dialog.waitFor({ state: 'detached' });

    const first = page.locator('#grade-cell-0-0');
    await first.fill('12,5');
    await first.press('Enter');
    const footer = page.locator('tfoot');
    await expect.poll(() => footer.innerText()).toContain('12,50');
    // Entrée went down the column; the cell was saved once, not refused as « modifiée ».
    await expect
      .poll(() => page.locator('#grade-cell-0-1').evaluate((e) => e === document.activeElement))
      .toBe(true);
    expect(await page.getByText('modifiée entre-temps', { exact: false }).count()).toBe(0);

    await pasteInto('grade-cell-0-1', '8\n15\nabs\n');
    await page.getByText('3 notes enregistrées.').waitFor();
    // (12,5 + 8 + 15) / 3; « Abs » is not a mark.
    await expect.poll(() => footer.innerText()).toMatch(/Moyenne de la classe\s+11,83/);
    expect(await page.locator('#grade-cell-0-3').inputValue()).toBe('Abs');

    await pasteInto('grade-cell-0-4', '14\n25\n');
    await page
      .getByText(/Ligne 2 \(.+\)\s:\s25 dépasse le barème/)
      .first()
      .waitFor();
    expect(await page.locator('#grade-cell-0-4').inputValue()).toBe('');

    await page.screenshot({ path: `${SHOTS}/grid-1366.png`, fullPage: true });
    // The first pupil's average, explained as the families will read it.
    await page.getByRole('button', { name: /^Moyenne de .+ : 12,50\./ }).click();
    const explained = page.getByRole('dialog');
    await explained.getByText('DS 1 : 12,50, coefficient 1', { exact: false }).waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/average-1366.png` });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^Moyenne de .+ : 12,50\./ }).click();
    await explained.waitFor({ state: 'detached' });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${SHOTS}/grid-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1366, height: 850 });
    // The refused barème and the refused paste are the browser's only errors (400s).
    expect(world.consoleErrors.filter((e) => !/status of 400/.test(e)).join('\n')).toBe('');
  });
});
