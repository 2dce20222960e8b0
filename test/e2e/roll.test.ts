import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RollSheet, SchoolLifeEvent, TeachingServiceOptions } from '../../shared/api/staff';
import { slashDate } from '../../shared/domain/frenchDates';
import { addDays, parisDay } from '../../shared/domain/publication/parisDays';
import { isoWeekday } from '../../shared/domain/vieScolaire/halfDays';
import { parisInstantAt } from '../../shared/domain/vieScolaire/rollSlots';
import { createStaffUser, loginToken, value } from '../helpers/pupitre';
import { accessibilityViolations } from './axe';
import { E2E_PASSWORD, startE2e, type E2eWorld } from './harness';
import { logIn, openMenu } from './screens/staff';

// Issue 17 §2: « Appel », the first vie scolaire screen.
const SHOTS = process.env.PUPITRE_ROLL_SHOTS ?? '/tmp/wt-vs';
const WIDE = { width: 1366, height: 850 };
const PHONE = { width: 390, height: 844 };

let world: E2eWorld;
beforeAll(async () => {
  world = await startE2e({ students: 60 });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => world?.close());

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The roll's rows, its save button and « Se déconnecter » that a toast covers, as far as they show: the part of a row
 * scrolled under the window's header is hidden by the header, not by a toast.
 */
async function coveredByToasts(page: Page): Promise<string[]> {
  const header = (await page.getByRole('banner').boundingBox())!;
  const top = header.y + header.height;
  const visible = async (target: Locator): Promise<Box | null> => {
    const box = await target.boundingBox();
    if (!box) return null;
    const y = Math.max(box.y, top);
    return box.y + box.height > y ? { ...box, y, height: box.y + box.height - y } : null;
  };
  const targets: [string, Locator][] = [
    ['Enregistrer l’appel', page.getByRole('button', { name: 'Enregistrer l’appel' })],
    ['Se déconnecter', page.getByRole('button', { name: 'Se déconnecter' })],
    ...(await page.getByRole('row').all()).map((row, i): [string, Locator] => [`ligne ${i}`, row]),
  ];
  const covered: string[] = [];
  for (const toast of await page.getByRole('alert').filter({ hasText: 'Appel' }).all()) {
    const box = await toast.boundingBox();
    for (const [name, target] of targets) {
      const shown = await visible(target);
      if (box && shown && overlaps(box, shown)) covered.push(name);
    }
  }
  return covered;
}

describe('Appel', () => {
  it('direction marks one pupil absent and one late, saves, and the CPE’s queue holds them once', async () => {
    const { page } = world;
    await logIn(page, 'direction', E2E_PASSWORD);
    await openMenu(page, 'Appel');
    const rows = page.getByRole('row');
    await page.getByRole('button', { name: 'Enregistrer l’appel' }).waitFor();
    const first = rows.nth(1);
    const second = rows.nth(2);
    await first.getByText('Absence', { exact: true }).click();
    await second.getByText('Retard', { exact: true }).click();
    await second.getByRole('textbox', { name: /Minutes de retard/ }).fill('12');
    await page.screenshot({ path: `${SHOTS}/roll-1366.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    // Saved twice: the second save says so again in the same toast, none piling up.
    for (let i = 1; i <= 2; i++) {
      await page.getByRole('button', { name: 'Enregistrer l’appel' }).click();
      await page.getByText('Appel enregistré.').waitFor();
      expect(await page.getByText('Appel enregistré.').count()).toBe(1);
      expect(await coveredByToasts(page)).toEqual([]);
    }
    await page.getByText('Appel déjà fait : enregistrer le corrige').waitFor();
    const pupitre = world.server.pupitre;
    const token = await loginToken(pupitre, 'direction', E2E_PASSWORD);
    const queue = value<SchoolLifeEvent[]>(await pupitre.dispatch('schoolLife.queue', {}, token));
    expect(queue.map((e) => [e.kind, e.minutes]).sort()).toEqual([
      ['absence', null],
      ['lateness', 12],
    ]);
    await page.setViewportSize(PHONE);
    // The shell's navbar slides away when the window narrows: shoot once it has.
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/roll-390.png`, fullPage: true });
    expect(world.consoleErrors).toEqual([]);
    await page.setViewportSize(WIDE);
  });

  it('a teacher takes the roll of an hour by keyboard alone: an excused pupil shown as such, the events over that hour, and a toast that covers no row', async () => {
    const { page } = world;
    const pupitre = world.server.pupitre;
    const direction = await loginToken(pupitre, 'direction', E2E_PASSWORD);
    const prof = await createStaffUser(pupitre, direction, 'prof-appel', 'teacher');
    const options = value<TeachingServiceOptions>(
      await pupitre.dispatch('services.options', {}, direction),
    );
    const division = options.divisions[1]!;
    await pupitre.db.manager.query(
      `INSERT INTO subject (school_id, code, long_label) VALUES (1, '030201', 'ANGLAIS LV1')`,
    );
    value(
      await pupitre.dispatch(
        'services.save',
        {
          subjectCode: '030201',
          structureKind: 'division',
          structureCode: division,
          teacherId: prof.id,
        },
        direction,
      ),
    );
    // A roll is taken for a day gone by with school: on a Sunday, the Saturday (its morning).
    const now = parisDay(new Date());
    const today = isoWeekday(now) === 7 ? addDays(now, -1) : now;
    const hour = {
      structure: { kind: 'division' as const, code: division },
      day: today,
      slot: { kind: 'hour' as const, from: '10:00', to: '11:00' },
    };
    const sheet = value<RollSheet>(await pupitre.dispatch('roll.open', hour, prof.token));
    const [absent, late, excused] = sheet.pupils as [
      RollSheet['pupils'][0],
      RollSheet['pupils'][0],
      RollSheet['pupils'][0],
    ];
    // The vie scolaire excused the third pupil this morning, from 9 h to 12 h.
    value(
      await pupitre.dispatch(
        'schoolLife.record',
        {
          studentId: excused.studentId,
          kind: 'absence',
          startsAt: parisInstantAt(today, '09:00').toISOString(),
          endsAt: parisInstantAt(today, '12:00').toISOString(),
          justified: true,
        },
        direction,
      ),
    );

    const signOut = page.getByRole('button', { name: 'Se déconnecter' });
    if (await signOut.isVisible()) await signOut.click();
    await logIn(page, 'prof-appel', prof.password);
    await page.getByRole('link', { name: 'Appel', exact: true }).focus();
    await page.keyboard.press('Enter');
    const slot = page.getByRole('textbox', { name: 'Créneau' });
    await slot.waitFor();
    await page.getByRole('textbox', { name: 'Jour' }).fill(slashDate(today));
    await slot.focus();
    // The list runs Matin, Après-midi, then the hours: down to « 10 h – 11 h », Enter.
    await page.keyboard.press('ArrowDown');
    const highlighted = page.locator('[data-combobox-selected]');
    for (let i = 0; i < 15 && (await highlighted.innerText()) !== '10\u00a0h – 11\u00a0h'; i++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => slot.inputValue()).toBe('10\u00a0h – 11\u00a0h');
    const row = (pupil: RollSheet['pupils'][0]) =>
      page
        .getByRole('row')
        .filter({ hasText: pupil.firstName })
        .filter({
          hasText: pupil.lastName.toLocaleUpperCase('fr-FR'),
        });
    await row(excused).getByText('Absence justifiée').waitFor();
    await page.getByText(/10\u00a0h – 11\u00a0h · \d+\sélèves · 0\sabsence · 0\sretard/).waitFor();

    // Tab leaves the list for the first pupil's « Présence »; an arrow moves to « Absence ».
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('12');
    expect(await row(absent).getByRole('radio', { name: 'Absence' }).isChecked()).toBe(true);
    expect(await row(late).getByRole('radio', { name: 'Retard' }).isChecked()).toBe(true);
    const save = page.getByRole('button', { name: 'Enregistrer l’appel' });
    const onSave = () => save.evaluate((button) => button === document.activeElement);
    for (let i = 0; i < 120 && !(await onSave()); i++) await page.keyboard.press('Tab');
    expect(await onSave()).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText('Appel enregistré.').waitFor();
    expect(await coveredByToasts(page)).toEqual([]);
    await page.getByText(/1\sabsence · 1\sretard/).waitFor();

    const events = (await pupitre.db.manager.query(
      `SELECT student_id AS "studentId", kind, minutes, starts_at AS "startsAt", ends_at AS "endsAt"
         FROM school_life_event WHERE roll_key = ? ORDER BY kind`,
      [`division:${division}|${today}|10:00-11:00`],
    )) as {
      studentId: number;
      kind: string;
      minutes: number | null;
      startsAt: string;
      endsAt: string;
    }[];
    const at = (time: string) => parisInstantAt(today, time).toISOString();
    expect(events).toEqual([
      {
        studentId: absent.studentId,
        kind: 'absence',
        minutes: null,
        startsAt: at('10:00'),
        endsAt: at('11:00'),
      },
      {
        studentId: late.studentId,
        kind: 'lateness',
        minutes: 12,
        startsAt: at('10:00'),
        endsAt: at('10:12'),
      },
    ]);

    // Processed by the vie scolaire, the absence can no longer be taken back from the roll:
    // the refusal stays beside the button, not in a toast over the rows.
    await pupitre.db.manager.query(
      `UPDATE school_life_event SET processed = ? WHERE student_id = ? AND roll_key LIKE ?`,
      [true, absent.studentId, `%|${today}|10:00-11:00`],
    );
    await row(absent).getByRole('radio', { name: 'Présence' }).focus();
    await page.keyboard.press('Space');
    await save.focus();
    await page.keyboard.press('Enter');
    const refused = page.getByRole('alert').filter({ hasText: 'Appel non enregistré' });
    await refused.waitFor();
    expect(await refused.innerText()).toContain('déjà été traité par la vie scolaire');
    // The browser logs the refused call (409 Conflict) itself: expected here, and only that.
    expect(world.consoleErrors.splice(0)).toEqual([expect.stringContaining('409')]);
    // Marked absent again as the vie scolaire has it, the roll saves unchanged.
    await row(absent).getByRole('radio', { name: 'Présence' }).focus();
    await page.keyboard.press('ArrowRight');

    // On a phone the save button is still reached, and the toast still covers no row.
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(400);
    await save.focus();
    await page.keyboard.press('Enter');
    // One toast at a time, the newest at once: not queued behind the refusal's (4 s).
    await page.getByText('Appel enregistré.').waitFor({ timeout: 1_500 });
    expect(await page.getByText('Appel enregistré.').count()).toBe(1);
    expect(await page.getByRole('alert').count()).toBe(1);
    expect(await coveredByToasts(page)).toEqual([]);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/roll-hour-toast-390.png` });
    await page.setViewportSize(WIDE);
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${SHOTS}/roll-hour-1366.png` });
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(world.consoleErrors).toEqual([]);
  });
});
