import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeGrid } from '../../shared/api/staff';
import { createStaffUser, loginToken, value } from '../helpers/pupitre';
import { AUTOSAVE_DELAY_MS } from '../../renderer/staff/components/grades/GradeCellInput';
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

/** The focused cell (« grade-cell-column-row ») or average button (« grade-average-row »). */
const focusedId = () =>
  world.page.evaluate(() => {
    const focused = document.activeElement as HTMLElement | null;
    return focused?.dataset.focusKey ?? focused?.id ?? '';
  });

/** What a screen reader reads after a cell's name: its aria-describedby text. */
const description = (id: string) =>
  world.page.evaluate((cellId) => {
    const input = document.getElementById(cellId)!;
    return (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((ref) => document.getElementById(ref)?.textContent ?? '')
      .join(' ');
  }, id);

/** Whether closing the staff window now would ask « quitter la page ? ». */
const closeAsks = () =>
  world.page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });

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

  it('issue 16 §3 « refusée sur place, en français, et rien d’autre ne bouge »: arrows, Tab, a spreadsheet’s rows × columns, autosave and the figures as one types', async () => {
    const { page } = world;
    const pupitre = world.server.pupitre;
    await page.getByRole('button', { name: 'Nouveau devoir' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau devoir' });
    await dialog.getByLabel('Intitulé').fill('DS 2');
    await dialog.getByRole('button', { name: 'Créer le devoir' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('#grade-cell-1-0').waitFor();
    // DS 1 has marks the families can already read: the teacher is told before correcting one.
    const ds1 = page.getByRole('columnheader', { name: /^DS 1/ });
    expect(await ds1.innerText()).toContain('Visible des familles');

    // « 25 » on /20, Entrée: refused on the spot, the focus stays, the French message on the cell.
    const cell = page.locator('#grade-cell-0-5');
    await cell.focus();
    await page.keyboard.type('25');
    await page.keyboard.press('Enter');
    expect(await focusedId()).toBe('grade-cell-0-5');
    expect(await cell.getAttribute('aria-invalid')).toBe('true');
    expect(await description('grade-cell-0-5')).toMatch(
      /25 dépasse le barème\s: la note est sur 20/,
    );
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('grade-cell-0-5');
    await page.keyboard.press('ArrowDown');
    expect(await focusedId()).toBe('grade-cell-0-5');
    // The toasts of the first test gone (a fading one is a contrast fault for axe).
    await expect
      .poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 10_000 })
      .toBe(0);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/grid-refused-1366.png` });
    expect(await accessibilityViolations(page)).toEqual([]);
    // Not a mark either; Échap puts back the stored value (none), nothing was saved.
    await cell.fill('douze');
    await cell.press('Enter');
    expect(await description('grade-cell-0-5')).toMatch(/«\sdouze\s» n’est pas une note/);
    await cell.press('Escape');
    expect(await cell.inputValue()).toBe('');
    expect(await cell.getAttribute('aria-invalid')).toBe('false');

    // Arrows: up and down between pupils, sideways between devoirs when the text is selected.
    await page.keyboard.press('ArrowUp');
    expect(await focusedId()).toBe('grade-cell-0-4');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedId()).toBe('grade-cell-0-6');
    await page.keyboard.press('ArrowRight');
    expect(await focusedId()).toBe('grade-cell-1-6');
    // Past the last devoir, the pupil's average, which Tab does not stop on.
    await page.keyboard.press('ArrowRight');
    expect(await focusedId()).toBe('grade-average-6');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await focusedId()).toBe('grade-cell-0-6');
    await page.locator('#grade-cell-1-0').focus();
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('grade-cell-0-1');

    // Typed and left alone: the class figures follow at once, the cell saves itself and says so.
    const footer = page.locator('tfoot');
    const typed = page.locator('#grade-cell-0-7');
    await typed.focus();
    await page.keyboard.type('19,5');
    await expect.poll(() => footer.innerText()).toMatch(/Note la plus haute\s+19,50/);
    const pendingGuard = await closeAsks();
    expect(pendingGuard).toBe(true);
    await expect.poll(() => description('grade-cell-0-7'), { timeout: 5000 }).toBe('Enregistrée.');
    expect(await focusedId()).toBe('grade-cell-0-7');
    const stored = async (label: string) =>
      (await pupitre.db.manager.query(
        `SELECT m.points AS points FROM mark m JOIN assessment a ON a.id = m.assessment_id
         WHERE a.label = ? ORDER BY m.student_id`,
        [label],
      )) as { points: number | null }[];
    expect((await stored('DS 1')).map((m) => m.points)).toContain(1950);

    // A spreadsheet's 3 rows × 2 columns from 0-6; the blank in the middle keeps 19,5.
    await pasteInto('grade-cell-0-6', '12\t14\n\t16\n15\t9\n');
    await page.getByText('5 notes enregistrées.').waitFor();
    await expect.poll(() => page.locator('#grade-cell-1-8').inputValue()).toBe('9');
    expect(await page.locator('#grade-cell-0-6').inputValue()).toBe('12');
    expect(await page.locator('#grade-cell-1-6').inputValue()).toBe('14');
    expect(await page.locator('#grade-cell-0-7').inputValue()).toBe('19,5');
    expect(await page.locator('#grade-cell-1-7').inputValue()).toBe('16');
    expect(await page.locator('#grade-cell-0-8').inputValue()).toBe('15');
    // One wrong value refuses the whole paste, named; nothing moves.
    await pasteInto('grade-cell-0-10', '11\t8\n13\t21\n');
    await page.getByText(/Ligne 2 \(.+, DS 2\)\s:\s21 dépasse le barème/).waitFor();
    expect(await page.locator('#grade-cell-0-10').inputValue()).toBe('');
    expect(await page.locator('#grade-cell-1-11').inputValue()).toBe('');

    // Another window changes the pupil's mark meanwhile: this one is told and shows theirs.
    const token = await loginToken(pupitre, 'prof-maths', password);
    const [ds] = (await pupitre.db.manager.query(
      `SELECT id, teaching_service_id AS serviceId, period_id AS periodId FROM assessment
       WHERE label = 'DS 1'`,
    )) as { id: number; serviceId: number; periodId: number }[];
    const grid = value<GradeGrid>(
      await pupitre.dispatch(
        'grades.grid',
        { serviceId: ds!.serviceId, periodId: ds!.periodId },
        token,
      ),
    );
    const pupil = grid.pupils[8]!;
    value(
      await pupitre.dispatch(
        'marks.save',
        {
          assessmentId: ds!.id,
          studentId: pupil.id,
          text: '4',
          version: pupil.cells[String(ds!.id)]!.version,
        },
        token,
      ),
    );
    const overwritten = page.locator('#grade-cell-0-8');
    await overwritten.fill('17');
    await overwritten.press('Enter');
    await expect.poll(() => overwritten.inputValue()).toBe('4');
    // Their 4 is a stored mark, not a wrong one: told, not marked invalid.
    expect(await overwritten.getAttribute('aria-invalid')).toBe('false');
    expect(await description('grade-cell-0-8')).toMatch(
      /Note modifiée entre-temps par .+\s:\s«\s4\s»\. Votre saisie n’est pas enregistrée\./,
    );
    // The families could read 15 already: the cell says « modifiée » to a screen reader too.
    expect(await description('grade-cell-0-8')).toMatch(
      /Modifiée le \d\d\/\d\d\/\d{4} .+, après publication\./,
    );

    // A mark saved in the other window on a cell nobody is typing in: shown on coming back.
    const [ds2] = (await pupitre.db.manager.query(
      `SELECT id FROM assessment WHERE label = 'DS 2'`,
    )) as { id: number }[];
    const other = grid.pupils[11]!;
    value(
      await pupitre.dispatch(
        'marks.save',
        { assessmentId: ds2!.id, studentId: other.id, text: '3', version: 0 },
        token,
      ),
    );
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => page.locator('#grade-cell-1-11').inputValue()).toBe('3');

    await page.screenshot({ path: `${SHOTS}/grid-keyboard-1366.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SHOTS}/grid-keyboard-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1366, height: 850 });
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('issue 16 §3: a wrong value left with the mouse stays in the red cell with its French message beside it, and the stored mark is kept', async () => {
    const { page } = world;
    const pupitre = world.server.pupitre;
    const ds2Marks = async () =>
      (
        (await pupitre.db.manager.query(
          `SELECT m.points AS points FROM mark m JOIN assessment a ON a.id = m.assessment_id
           WHERE a.label = 'DS 2' AND m.points IS NOT NULL`,
        )) as { points: number }[]
      ).map((m) => m.points);
    const storedBefore = await ds2Marks();
    expect(storedBefore).toContain(1400);
    const cell = page.locator('#grade-cell-1-6');
    expect(await cell.inputValue()).toBe('14');
    await cell.click();
    await page.keyboard.type('25');
    // Clicked elsewhere before the autosave's pause: the focus goes where the teacher clicked.
    await page.getByRole('heading', { name: 'Notes', exact: true }).click();
    expect(await focusedId()).not.toBe('grade-cell-1-6');
    expect(await cell.inputValue()).toBe('25');
    expect(await cell.getAttribute('aria-invalid')).toBe('true');
    const message = /25 dépasse le barème\s: la note est sur 20/;
    await page.getByRole('tooltip').filter({ hasText: message }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: message }).count()).toBe(1);
    // The cell's name, then a no-break space before « : » (never a line starting with it).
    expect(await page.getByRole('alert').filter({ hasText: message }).textContent()).toMatch(
      /^DS 2, .+\S\u00a0: 25 dépasse le barème/,
    );
    await page.waitForTimeout(1000);
    expect(await ds2Marks()).toEqual(storedBefore);
    // The grid reloads (back to the window): the typing stays, the stored 14 is not written.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.waitForTimeout(500);
    expect(await cell.inputValue()).toBe('25');
    await page.getByRole('tooltip').filter({ hasText: message }).waitFor();
    const asksBeforeClosing = await closeAsks();
    expect(asksBeforeClosing).toBe(true);
    await page.screenshot({ path: `${SHOTS}/grid-left-wrong-1366.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SHOTS}/grid-left-wrong-390.png` });
    await page.setViewportSize({ width: 1366, height: 850 });
    expect(await accessibilityViolations(page)).toEqual([]);
    // Back in the cell, Échap: the stored mark again, nothing left to say.
    await cell.click();
    await page.keyboard.press('Escape');
    expect(await cell.inputValue()).toBe('14');
    expect(await cell.getAttribute('aria-invalid')).toBe('false');
    await page.getByRole('heading', { name: 'Notes', exact: true }).click();
    await expect.poll(() => page.getByRole('tooltip').filter({ hasText: message }).count()).toBe(0);
    expect(await ds2Marks()).toEqual(storedBefore);
  });

  it('a mark typed a moment before the window closes, or before another screen is opened, is stored', async () => {
    const pupitre = world.server.pupitre;
    const ds2Points = async () =>
      (
        (await pupitre.db.manager.query(
          `SELECT m.points AS points FROM mark m JOIN assessment a ON a.id = m.assessment_id
           WHERE a.label = 'DS 2' AND m.points IS NOT NULL`,
        )) as { points: number }[]
      ).map((m) => m.points);
    expect(await ds2Points()).not.toContain(1300);
    expect(await ds2Points()).not.toContain(1100);
    const context = await world.browser.newContext({
      viewport: { width: 1366, height: 850 },
      locale: 'fr-FR',
    });
    // Every « marks.save » the page asks for, with whether it was kept alive: only such a
    // request outlives the page. Kept in the origin's storage, read back once the page is gone.
    await context.addInitScript(() => {
      const send = window.fetch.bind(window);
      window.fetch = (input, init) => {
        if (String(input).endsWith('api/marks.save')) {
          const sent = JSON.parse(localStorage.getItem('e2e-marks-save') ?? '[]') as unknown[];
          sent.push({ body: init?.body, keepalive: init?.keepalive === true });
          localStorage.setItem('e2e-marks-save', JSON.stringify(sent));
        }
        return send(input, init);
      };
    });
    const page = await context.newPage();
    await page.goto(world.server.url);
    await logIn(page, 'prof-maths', password);
    await openMenu(page, 'Notes');
    await page.locator('#grade-cell-1-9').waitFor();

    // The browser's Back button, well before the autosave's pause: the cell keeps the focus
    // until the grid is gone (a click on the menu would have saved it on leaving the cell).
    await page.locator('#grade-cell-1-10').click();
    await page.keyboard.type('11');
    await page.goBack();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await expect.poll(ds2Points, { timeout: 5000 }).toContain(1100);

    // The window hidden (a phone's tab switched, a laptop shut) with the focus still in the
    // cell: sent at once, not after the pause a frozen page may never reach.
    await openMenu(page, 'Notes');
    await page.locator('#grade-cell-1-12').click();
    await page.keyboard.type('7');
    // The request leaves within the pause (the timeout starts after the last key), not after it.
    const sent = page.waitForRequest(/api\/marks\.save/, { timeout: AUTOSAVE_DELAY_MS * 0.75 });
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await sent;
    await expect.poll(ds2Points, { timeout: 5000 }).toContain(700);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    });

    // The window closed at once: the close guard asks, the teacher leaves, the mark is stored.
    await page.locator('#grade-cell-1-9').waitFor();
    await page.locator('#grade-cell-1-9').click();
    await page.keyboard.type('13');
    page.on('dialog', (dialog) => void dialog.accept());
    await page.close({ runBeforeUnload: true });
    await expect.poll(ds2Points, { timeout: 5000 }).toContain(1300);
    // Stored because the request made at close was kept alive, not by luck of timing.
    const reader = await context.newPage();
    await reader.goto(world.server.url);
    const requested = (await reader.evaluate(() =>
      JSON.parse(localStorage.getItem('e2e-marks-save') ?? '[]'),
    )) as { body: string; keepalive: boolean }[];
    const atClose = requested.filter((request) => JSON.parse(request.body).text === '13');
    expect(atClose).toHaveLength(1);
    expect(atClose[0]!.keepalive).toBe(true);
    await context.close();
  });

  it('closing asks while a pasted block is still being saved, not only while a typed mark is', async () => {
    const { page } = world;
    await page.locator('#grade-cell-1-5').waitFor();
    expect(await closeAsks()).toBe(false);

    // Two devoirs pasted at once, saved one after the other (each held a moment here): the
    // second is not sent yet when the teacher closes, so closing asks.
    await page.route('**/api/marks.saveColumn', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await pasteInto('grade-cell-0-4', '10\t11\n12\t13\n');
    expect(await closeAsks()).toBe(true);
    await page.getByText('4 notes enregistrées.').waitFor();
    await page.unroute('**/api/marks.saveColumn');
    expect(await closeAsks()).toBe(false);
  });

  it('closing no longer asks for a wrong value whose period was left, and nothing of it is stored', async () => {
    const { page } = world;
    const pupitre = world.server.pupitre;
    // A wrong value left in a cell asks before closing, as long as its cell is there.
    const cell = page.locator('#grade-cell-1-0');
    await cell.click();
    await page.keyboard.type('25');
    await page.getByRole('heading', { name: 'Notes', exact: true }).click();
    expect(await cell.getAttribute('aria-invalid')).toBe('true');
    expect(await closeAsks()).toBe(true);
    // Another period: the grid stays, that cell goes with its value, nothing is saved and
    // closing no longer asks for a value nobody can see.
    await page.getByRole('textbox', { name: 'Période' }).click();
    await page.getByRole('option', { selected: false }).first().click();
    await expect.poll(() => cell.count()).toBe(0);
    await page.locator('tbody tr').first().waitFor();
    expect(await closeAsks()).toBe(false);
    const wrongStored = (await pupitre.db.manager.query(
      `SELECT COUNT(*) AS n FROM mark WHERE points = 2500`,
    )) as { n: number }[];
    expect(wrongStored[0]!.n).toBe(0);
    await page.screenshot({ path: `${SHOTS}/grid-other-period-1366.png`, fullPage: true });
  });
});
