import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentSummary, PeriodsOverview } from '../../shared/api/staff';
import { pdfPages } from '../helpers/pdfText';
import { createStaffUser, loginToken, value } from '../helpers/pupitre';
import { accessibilityViolations } from './axe';
import { E2E_PASSWORD, startE2e, type E2eWorld } from './harness';
import { logIn, openDivision, openMenu } from './screens/staff';

// Issue 16 §6: « a printable relevé de notes (PDF, one pupil or a whole division, one period)
// for families who do not use the portal », from the staff window.
const SHOTS = process.env.PUPITRE_RELEVE_SHOTS ?? '/tmp/wt-releve';

let world: E2eWorld;
let divisionCode: string;
let pupil: { id: number; last_name: string; first_name: string };
const logins = new Map<string, string>();

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  world = await startE2e({ students: 60 });
  const pupitre = world.server.pupitre;
  const direction = await loginToken(pupitre, 'direction', E2E_PASSWORD);
  for (const [login, role] of [
    ['secretariat', 'secretariat'],
    ['prof-maths', 'teacher'],
  ] as const) {
    logins.set(login, (await createStaffUser(pupitre, direction, login, role)).password);
  }
  const [division] = (await pupitre.db.manager.query(
    `SELECT d.code AS code FROM division d JOIN student s ON s.division_id = d.id
     GROUP BY d.code ORDER BY COUNT(*) DESC, d.code LIMIT 1`,
  )) as { code: string }[];
  divisionCode = division!.code;
  const pupils = (await pupitre.db.manager.query(
    `SELECT s.id, s.last_name, s.first_name FROM student s JOIN division d ON d.id = s.division_id
      WHERE d.code = ? AND s.left_on IS NULL ORDER BY s.search_last LIMIT 1`,
    [divisionCode],
  )) as (typeof pupil)[];
  pupil = pupils[0]!;
  await pupitre.db.manager.query(
    `INSERT INTO subject (school_id, code, management_code, short_label, long_label)
     VALUES (1, '061300', 'MATHS', 'MATHEMATIQUES', 'MATHÉMATIQUES')`,
  );
  const teacherId = (
    (await pupitre.db.manager.query(`SELECT id FROM staff_user WHERE login = 'prof-maths'`)) as {
      id: number;
    }[]
  )[0]!.id;
  const service = value<{ id: number }>(
    await pupitre.dispatch(
      'services.save',
      { subjectCode: '061300', structureKind: 'division', structureCode: divisionCode, teacherId },
      direction,
    ),
  );
  const overview = value<PeriodsOverview>(await pupitre.dispatch('periods.list', {}, direction));
  const t1 = overview.periods.find((p) => p.level === '' && p.code === 'T1')!;
  const ds = value<AssessmentSummary>(
    await pupitre.dispatch(
      'assessments.create',
      { serviceId: service.id, periodId: t1.id, label: 'DS 1', day: t1.startsOn },
      direction,
    ),
  );
  value(
    await pupitre.dispatch(
      'marks.save',
      { assessmentId: ds.id, studentId: pupil.id, text: '12,5', version: 0 },
      direction,
    ),
  );
});
afterAll(async () => world?.close());

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}-1366.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 850 });
  await page.waitForTimeout(300);
}

async function downloadFromMenu(page: Page, period: RegExp) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: period }).click(),
  ]);
  const pages = await pdfPages(readFileSync((await download.path())!));
  return { name: download.suggestedFilename(), pages };
}

describe('« Relevé de notes (PDF) » in the staff window', () => {
  it('the secrétariat prints a division’s relevé for a period chosen in a menu', async () => {
    const { page } = world;
    await logIn(page, 'secretariat', logins.get('secretariat')!);
    await openMenu(page, 'Élèves');
    await openDivision(page, divisionCode);
    await page.getByRole('button', { name: 'Relevé de notes (PDF)' }).click();
    await page.getByRole('menuitem', { name: /^Trimestre 1/ }).waitFor();
    await page.waitForTimeout(400); // the menu's opening transition
    expect(await accessibilityViolations(page)).toEqual([]);
    await shoot(page, 'releve-menu-division');
    // The narrow shot may have closed the menu: open it again if so.
    if (!(await page.getByRole('menuitem', { name: /^Trimestre 1/ }).isVisible())) {
      await page.getByRole('button', { name: 'Relevé de notes (PDF)' }).click();
    }
    const { name, pages } = await downloadFromMenu(page, /^Trimestre 1/);
    expect(name).toBe(`releve-${divisionCode}-T1.pdf`);
    const text = pages.join('\n');
    expect(text).toContain('Relevé de notes');
    expect(text).toContain(`Division ${divisionCode}`);
    expect(text).toContain('12,50');
  });

  it('prints one pupil’s relevé from their page', async () => {
    const { page } = world;
    await page.goto(`${world.server.url}#/eleves/${pupil.id}`);
    await page.getByRole('button', { name: 'Relevé de notes (PDF)' }).click();
    await shoot(page, 'releve-menu-eleve');
    if (!(await page.getByRole('menuitem', { name: /^Trimestre 1/ }).isVisible())) {
      await page.getByRole('button', { name: 'Relevé de notes (PDF)' }).click();
    }
    const { pages } = await downloadFromMenu(page, /^Trimestre 1/);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(pupil.first_name);
    expect(pages[0]).toContain('MATHÉMATIQUES');
  });

  it('is not offered to a teacher who is not the division’s professeur principal', async () => {
    const { page } = world;
    await page.context().clearCookies();
    await page.goto(world.server.url);
    await page.reload();
    await logIn(page, 'prof-maths', logins.get('prof-maths')!);
    await page.goto(`${world.server.url}#/eleves/${pupil.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByRole('button', { name: 'Relevé de notes (PDF)' }).count()).toBe(0);
  });
});
