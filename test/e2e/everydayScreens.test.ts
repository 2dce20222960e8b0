import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPages } from '../helpers/pdfText';
import { accessibilityViolations } from './axe';
import { E2E_PASSWORD, startE2e, type E2eWorld, STAFF_SCREENS_DIR } from './harness';
import { logIn, openDivision, openMenu, searchStudents, studentRows } from './screens/staff';

// Issue 12, « the everyday screens » and « telling people apart », in the staff window (web
// mode, Chromium). Each screen is also photographed wide (1366 px) and narrow (390 px).
const SHOTS = STAFF_SCREENS_DIR;
let world: E2eWorld;
let db: Database.Database;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  world = await startE2e({ students: 300 });
  db = new Database(join(world.dataDir, 'pupitre.sqlite'), { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  await logIn(world.page, 'direction', E2E_PASSWORD);
});
afterAll(async () => {
  db?.close();
  await world?.close();
});

async function shoot(page: Page, name: string) {
  await page.waitForTimeout(300); // the navigation bar slides back after a narrow shot
  await page.screenshot({ path: join(SHOTS, `${name}-1366.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(SHOTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 850 });
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const searchField = (page: Page) => page.getByRole('searchbox', { name: 'Rechercher un élève' });

describe('the pupil search', () => {
  it('« dalmeida » finds D’Almeida; « 4b » lists division 4B', async () => {
    const { page } = world;
    await openMenu(page, 'Élèves');
    await searchStudents(page, 'dalmeida');
    await expect.poll(async () => (await studentRows(page)).join('\n')).toMatch(/D['’]ALMEIDA/);
    // (A child of a guardian named D’Almeida is found too: the search covers guardians.)

    await searchStudents(page, '4b');
    await page.getByText(/^Division 4B\s:\s\d+\sélèves/).waitFor();
    const rows = await studentRows(page);
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(rows.every((row) => row.includes('4B'))).toBe(true);
    await page.getByRole('link', { name: 'Ouvrir la division 4B' }).waitFor();
    await shoot(page, 'search-division-code');
  });

  it('stops an over-long query at the field, and an error never sits above a stale list', async () => {
    const { page } = world;
    await searchField(page).fill('x'.repeat(150));
    expect((await searchField(page).inputValue()).length).toBe(100);

    await searchStudents(page, 'mar');
    await studentRows(page);
    await page.route('**/api/students.search', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({
          ok: false,
          error: { code: 'internal', message: 'Erreur interne.' },
        }),
      }),
    );
    await searchStudents(page, 'martin');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('grid').count()).toBe(0);
    await page.unroute('**/api/students.search');
  });

  it('/ and Ctrl+K reach the search from every page', async () => {
    const { page } = world;
    await page.goto(`${world.server.url}#/`);
    await heading(page).filter({ hasText: 'Tableau de bord' }).waitFor();
    await page.keyboard.press('/');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('recherche-eleve');
    expect(page.url()).toMatch(/#\/eleves$/);

    await page.goto(`${world.server.url}#/parametres`);
    await heading(page)
      .filter({ hasText: /Paramètres/ })
      .waitFor();
    await page.keyboard.press('Control+k');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('recherche-eleve');
  });

  it('an unknown division in the address bar is « Division introuvable », never the whole school', async () => {
    const { page } = world;
    for (const address of ['#/eleves/division/999999', '#/eleves/division/abc']) {
      await page.goto(`${world.server.url}${address}`);
      await heading(page).filter({ hasText: 'Division introuvable' }).waitFor();
      expect(await page.getByRole('grid').count()).toBe(0);
      const divisions = page.getByRole('navigation', { name: 'Divisions' });
      expect(await divisions.locator('[aria-current="page"]').count()).toBe(0);
    }
    await shoot(page, 'unknown-division');
  });
});

describe('the dashboard and the division list', () => {
  it('« Élèves sans division » opens those pupils', async () => {
    const { page } = world;
    const ids = db
      .prepare('SELECT id FROM student WHERE left_on IS NULL AND division_id IS NOT NULL LIMIT 3')
      .all() as { id: number }[];
    db.prepare(
      `UPDATE student SET division_id = NULL WHERE id IN (${ids.map((r) => r.id).join(',')})`,
    ).run();
    const expected = (
      db
        .prepare('SELECT COUNT(*) AS n FROM student WHERE left_on IS NULL AND division_id IS NULL')
        .get() as { n: number }
    ).n;
    await page.goto(`${world.server.url}#/`);
    const card = page.getByRole('link', { name: /^Élèves sans division\s:\s\d+/ });
    await expect.poll(() => card.getAttribute('aria-label')).toContain(`: ${expected},`);
    await shoot(page, 'dashboard');
    await card.click();
    await heading(page).filter({ hasText: 'Élèves sans division' }).waitFor();
    await page.getByText(`${expected} élèves`).waitFor();
    expect(await studentRows(page)).toHaveLength(expected);
  });

  it('« Responsables sans adresse e-mail » opens those guardians', async () => {
    const { page } = world;
    const expected = (
      db.prepare(`SELECT COUNT(*) AS n FROM guardian WHERE email = ''`).get() as { n: number }
    ).n;
    await page.goto(`${world.server.url}#/`);
    await page.getByRole('link', { name: /^Responsables sans adresse e-mail\s:\s/ }).click();
    await heading(page).filter({ hasText: 'Responsables sans adresse e-mail' }).waitFor();
    const table = page.getByRole('table', { name: 'Responsables sans adresse e-mail' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(expected + 1);
    expect(await table.getByText('Pas d’adresse e-mail').count()).toBe(expected);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shoot(page, 'guardians-without-email');
  });

  it('prints and exports a division’s list', async () => {
    const { page } = world;
    await openMenu(page, 'Élèves');
    await openDivision(page, '4B');
    await shoot(page, 'division-4B');
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Imprimer la liste (PDF)' }).click(),
    ]);
    const text = (await pdfPages(readFileSync((await pdf.path())!))).join('\n');
    expect(text).toContain('Division 4B');
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter en CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('liste-4B.csv');
    expect(readFileSync((await csv.path())!, 'utf8').startsWith('\uFEFFNom;Prénom;')).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});

describe('a group list', () => {
  it('lists a SIECLE group’s pupils, prints it, and says when a group is unknown', async () => {
    const { page } = world;
    const ids = db
      .prepare('SELECT id FROM student WHERE left_on IS NULL ORDER BY id LIMIT 3')
      .all() as { id: number }[];
    db.prepare(`UPDATE student SET groups = '4LAT1,AGL2' WHERE id IN (?, ?, ?)`).run(
      ...ids.map((r) => r.id),
    );
    // The memberships an import writes beside the text (issue 16 §1): what the lists read.
    const member = db.prepare(
      `INSERT INTO group_membership (school_id, student_id, group_code)
       SELECT school_id, id, ? FROM student WHERE id = ?`,
    );
    for (const { id } of ids) for (const code of ['4LAT1', 'AGL2']) member.run(code, id);
    await page.goto(`${world.server.url}#/eleves`);
    await page.reload();
    await page
      .getByRole('navigation', { name: 'Divisions' })
      .getByRole('link', { name: /^4LAT1/ })
      .click();
    await heading(page).filter({ hasText: 'Élèves — groupe 4LAT1' }).waitFor();
    expect(await studentRows(page)).toHaveLength(3);
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Imprimer la liste (PDF)' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe('liste-groupe-4LAT1.pdf');
    expect((await pdfPages(readFileSync((await pdf.path())!))).join('\n')).toContain(
      'Groupe 4LAT1',
    );
    await shoot(page, 'group-4LAT1');

    // The pupil's record lists their groups, each opening its list (issue 16 §1).
    await page.goto(`${world.server.url}#/eleves/${ids[0]!.id}`);
    const groupLinks = page.getByRole('link', { name: /^(4LAT1|AGL2)$/ });
    await groupLinks.first().waitFor();
    expect(await groupLinks.allTextContents()).toEqual(['4LAT1', 'AGL2']);
    await shoot(page, 'student-groups');
    await page.getByRole('link', { name: 'AGL2', exact: true }).click();
    await heading(page).filter({ hasText: 'Élèves — groupe AGL2' }).waitFor();
    expect(await studentRows(page)).toHaveLength(3);

    await page.goto(`${world.server.url}#/eleves/groupe/INCONNU`);
    await heading(page).filter({ hasText: 'Groupe introuvable' }).waitFor();
  });
});

describe('phones, addresses and namesakes', () => {
  it('phones as French numbers with tel: links; a pupil at a guardian’s address shows it', async () => {
    const { page } = world;
    const pupil = db
      .prepare(
        `SELECT s.id FROM student s JOIN student_guardian sg ON sg.student_id = s.id AND sg.legal_rank = 1
           JOIN guardian g ON g.id = sg.guardian_id
          WHERE s.left_on IS NULL AND g.address_line1 <> '' AND g.phone_mobile <> '' LIMIT 1`,
      )
      .get() as { id: number };
    db.prepare(
      `UPDATE student SET address_same_as_guardian1 = 1, address_line1 = '', address_city = '' WHERE id = ?`,
    ).run(pupil.id);
    db.prepare(
      `UPDATE guardian SET phone_mobile = '0611112222' WHERE id =
         (SELECT guardian_id FROM student_guardian WHERE student_id = ? AND legal_rank = 1)`,
    ).run(pupil.id);
    await page.goto(`${world.server.url}#/eleves/${pupil.id}`);
    await page.getByText(/^Adresse de (M\.|Mme) .+, responsable légal 1$/).waitFor();
    expect(await page.getByText('Adresse non renseignée').count()).toBe(0);
    const phone = page.getByRole('link', { name: '06 11 11 22 22' }).first();
    expect(await phone.getAttribute('href')).toBe('tel:+33611112222');
    expect(await page.locator('a[href^="mailto:"]').count()).toBeGreaterThan(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shoot(page, 'student-contact');
  });

  it('twins with the same names are told apart on the guardian and family account pages', async () => {
    const { page } = world;
    const pair = db
      .prepare(
        `SELECT sg.guardian_id, MIN(sg.student_id) AS a, MAX(sg.student_id) AS b
           FROM student_guardian sg JOIN family_account fa ON fa.guardian_id = sg.guardian_id
          GROUP BY sg.guardian_id HAVING COUNT(*) = 2 LIMIT 1`,
      )
      .get() as { guardian_id: number; a: number; b: number };
    const first = db.prepare('SELECT * FROM student WHERE id = ?').get(pair.a) as {
      first_name: string;
      last_name: string;
      birth_date: string;
      search_first: string;
    };
    // True twins: same names, same day, same division. Only the INE tells them apart.
    db.prepare(
      `UPDATE student SET first_name = ?, last_name = ?, search_first = ?, birth_date = ?,
              division_id = (SELECT division_id FROM student WHERE id = ?) WHERE id = ?`,
    ).run(first.first_name, first.last_name, first.search_first, first.birth_date, pair.a, pair.b);
    const told = /\(INE \w+\)/;

    await page.goto(`${world.server.url}#/responsables/${pair.guardian_id}`);
    const children = page.getByRole('list', { name: 'Enfants' }).getByRole('listitem');
    await expect.poll(() => children.count()).toBe(2);
    const texts = await children.allInnerTexts();
    expect(texts.every((t) => told.test(t))).toBe(true);
    expect(texts[0]).not.toBe(texts[1]);
    await shoot(page, 'guardian-twins');

    const account = db
      .prepare(`SELECT id FROM family_account WHERE guardian_id = ?`)
      .get(pair.guardian_id) as { id: number };
    await page.goto(`${world.server.url}#/comptes/${account.id}`);
    await page.getByRole('heading', { name: 'Enfants du compte' }).waitFor();
    const items = await page.getByRole('listitem').allInnerTexts();
    const twins = items.filter((t) => t.includes(first.last_name) && told.test(t));
    expect(twins).toHaveLength(2);
    await shoot(page, 'family-account-twins');
  });
});
