import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import type { RunningWebServer } from '../../main/http/webServer';
import { fixedClock } from '../../main/services/clock';
import type { AssessmentSummary, TeachingServiceSummary } from '../../shared/api/staff';
import { seedNotesSchool, type NotesSchool } from '../helpers/notesSchool';
import { createStaffUser, loginToken, testHasher, value } from '../helpers/pupitre';
import { accessibilityViolations } from './axe';
import { CHROMIUM, CHROMIUM_ARGS, E2E_PASSWORD, startE2eServer } from './harness';
import { logIn, openMenu } from './screens/staff';

// Issue 16 §7, in Chromium against web mode (needs `npm run build`): a teacher types a class's
// marks by keyboard and pastes a column; « au fil de l'eau » the parent reads them with the
// class figures and « Comment est calculée cette moyenne ? »; a devoir's own publication day
// holds it back until that day; with a delay the pupil reads a mark a day before the parent;
// a teacher of another class cannot open the grid; the staff preview at a past date shows
// what the parent read that day. The days come from a clock the test sets (production
// ignores it). Screenshots for a person to look at, not compared.
const SHOTS = process.env.PUPITRE_GRADES_JOURNEY_SHOTS ?? '/tmp/wt-gradese2e';
const FAMILY_PASSWORD = 'Tigre7Bleu';
const SUBJECT = { code: '061800', label: 'PHYSIQUE-CHIMIE' };
/** Paris wall-clock time in November (UTC+1). */
const paris = (day: string, time: string) => `${day}T${time}:00+01:00`;

const clock = fixedClock(paris('2026-11-23', '15:00'));
let server: RunningWebServer;
let dataDir: string;
let browser: Browser;
let s: NotesSchool;
let teacher: { login: string; password: string; id: number };
let otherTeacher: { login: string; password: string };
let service: TeachingServiceSummary;
let childName: string;
let studentLogin: string;

/** « 11,83 » from hundredths, as the pages print an average, a lowest or a highest. */
const shown = (hundredths: number) =>
  `${Math.trunc(hundredths / 100)},${String(hundredths % 100).padStart(2, '0')}`;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ server, dataDir } = await startE2eServer({ students: 60, portal: true, clock }));
  const p = server.pupitre;
  // The family, its child's division, the trimestres, « au fil de l'eau » without delay.
  s = await seedNotesSchool(p, clock, []);
  clock.set(paris('2026-11-23', '15:00'));
  await p.db.manager.query(
    `INSERT INTO subject (school_id, code, management_code, short_label, long_label)
     VALUES (1, ?, ?, ?, ?)`,
    [SUBJECT.code, 'PH-CH', SUBJECT.label, SUBJECT.label],
  );
  const created = await createStaffUser(p, s.direction, 'prof-physique', 'teacher');
  teacher = { login: 'prof-physique', password: created.password, id: created.id };
  service = value<TeachingServiceSummary>(
    await p.dispatch(
      'services.save',
      {
        subjectCode: SUBJECT.code,
        structureKind: 'division',
        structureCode: s.divisionCode,
        teacherId: teacher.id,
      },
      s.direction,
    ),
  );
  // A colleague who teaches the same subject in another division only.
  const [other] = (await p.db.manager.query(
    'SELECT code FROM division WHERE code <> ? ORDER BY code LIMIT 1',
    [s.divisionCode],
  )) as { code: string }[];
  const colleague = await createStaffUser(p, s.direction, 'prof-voisin', 'teacher');
  otherTeacher = { login: 'prof-voisin', password: colleague.password };
  value(
    await p.dispatch(
      'services.save',
      {
        subjectCode: SUBJECT.code,
        structureKind: 'division',
        structureCode: other!.code,
        teacherId: colleague.id,
      },
      s.direction,
    ),
  );
  const [child] = (await p.db.manager.query(
    'SELECT last_name AS "lastName", first_name AS "firstName" FROM student WHERE id = ?',
    [s.childId],
  )) as { lastName: string; firstName: string }[];
  childName = `${child!.lastName.toLocaleUpperCase('fr-FR')} ${child!.firstName}`;
  if (!s.studentAccount) throw new Error('The demo school gave the child no student account.');
  studentLogin = s.studentAccount.login;
  for (const id of [s.guardian.id, s.studentAccount.id]) {
    await p.db.manager.getRepository(FamilyAccountEntity).update(id, {
      passwordHash: await testHasher.hash(FAMILY_PASSWORD),
      state: 'active',
      email: `compte-${id}@example.fr`,
      emailConfirmed: true,
    });
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function newPage(width = 1366): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function staffPage(login: string, password: string): Promise<Page> {
  const page = await newPage();
  await page.goto(server.url);
  await logIn(page, login, password);
  return page;
}

/** The portal's « Notes » page of `login` (a parent or the pupil), on a phone. */
async function familyNotes(login: string): Promise<Page> {
  const page = await newPage(390);
  await page.goto(server.portalUrl!);
  await page.getByLabel('Votre identifiant').fill(login);
  await page.getByLabel('Votre mot de passe').fill(FAMILY_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Accueil' }).waitFor();
  await page.getByRole('link', { name: 'Notes', exact: true }).click();
  await page.getByRole('heading', { name: /Notes|Vos notes/, level: 1 }).waitFor();
  if (login === s.guardian.login && !page.url().includes(`enfant=${s.childId}`)) {
    // A parent of several children: the child whose division the teacher marks.
    await page.goto(`${page.url().replace(/\?.*$/, '')}?enfant=${s.childId}`);
  }
  return page;
}

/** The rows of the subject's table as a person reads them (the « nouvelle » cue left out). */
async function subjectRows(scope: Page | ReturnType<Page['getByRole']>): Promise<string[]> {
  const rows = scope.locator(`#matiere-${SUBJECT.code} .n-table tbody tr`);
  const texts = await rows.evaluateAll((trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll('td')]
        .map((td) => {
          const copy = td.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('.n-tag-new').forEach((tag) => tag.remove());
          return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
        })
        .join(' | '),
    ),
  );
  return texts;
}

/** Pastes lines into a cell as a spreadsheet's column would arrive. */
async function pasteInto(page: Page, id: string, text: string) {
  await page.evaluate(
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

async function createDevoir(page: Page, label: string, publishesOn?: string) {
  await page.getByRole('button', { name: 'Nouveau devoir' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouveau devoir' });
  await page.keyboard.type(label);
  if (publishesOn) await dialog.getByLabel('Publication aux familles le').fill(publishesOn);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('columnheader', { name: new RegExp(`^${label}`) }).waitFor();
}

describe('issue 16 §7: the grades journey, from the grid to the family', () => {
  let parentOnMonday: string[] = [];
  let expected: { child: string; average: string; lowest: string; highest: string };

  it('a teacher types a class’s marks by keyboard (« 12,5 », « abs », Entrée), pastes a column, changes a devoir, cannot delete it once families read it, and deletes an empty one', async () => {
    const page = await staffPage(teacher.login, teacher.password);
    await openMenu(page, 'Notes');
    await page.getByText('Saisie ouverte').waitFor();
    await createDevoir(page, 'DS 3 — énergie');

    const names = await page.locator('tbody tr th').allInnerTexts();
    const typed = ['12,5', 'abs', '15'];
    const pasted = Array.from(
      { length: names.length - typed.length },
      (_, k) => ['8', '16', '10', '6,5', '18'][k % 5]!,
    );
    // Keyboard alone: type, Entrée goes down the column.
    await page.locator('#grade-cell-0-0').focus();
    for (const text of typed) {
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    }
    await expect
      .poll(() => page.locator('#grade-cell-0-3').evaluate((e) => e === document.activeElement))
      .toBe(true);
    await expect.poll(() => page.locator('#grade-cell-0-2').inputValue()).toBe('15');
    await pasteInto(page, 'grade-cell-0-3', `${pasted.join('\r\n')}\r\n`);
    await page.getByText(`${pasted.length} notes enregistrées.`).waitFor();

    const all = [...typed, ...pasted];
    const points = all
      .filter((t) => t !== 'abs')
      .map((t) => Math.round(Number(t.replace(',', '.')) * 100));
    const sum = points.reduce((a, b) => a + b, 0);
    const childText = all[names.indexOf(childName)]!;
    expected = {
      // Half up, to hundredths (docs/AVERAGES.md).
      average: shown(Math.floor((2 * sum + points.length) / (2 * points.length))),
      lowest: shown(Math.min(...points)),
      highest: shown(Math.max(...points)),
      child:
        childText === 'abs' ? 'Abs' : shown(Math.round(Number(childText.replace(',', '.')) * 100)),
    };
    const footer = page.locator('tfoot');
    await expect
      .poll(() => footer.innerText())
      .toMatch(new RegExp(`Moyenne de la classe\\s+${expected.average}`));
    expect(await footer.innerText()).toMatch(
      new RegExp(`Note la plus basse\\s+${expected.lowest}`),
    );
    expect(await footer.innerText()).toMatch(
      new RegExp(`Note la plus haute\\s+${expected.highest}`),
    );
    expect(await page.locator('#grade-cell-0-1').inputValue()).toBe('Abs');

    // A devoir held back until Wednesday by its own publication day; the child's mark typed.
    await createDevoir(page, 'DS 4 — circuits', '25/11/2026');
    const cell = page.getByLabel(`DS 4 — circuits, ${childName}`);
    await cell.focus();
    await page.keyboard.type('13');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell.inputValue()).toBe('13');

    // A devoir changed, then deleted: the confirmation says how many marks go with it.
    await createDevoir(page, 'Brouillon');
    await page.getByLabel(`Brouillon, ${childName}`).fill('9');
    await page.getByLabel(`Brouillon, ${childName}`).press('Enter');
    await expect.poll(() => page.getByLabel(`Brouillon, ${childName}`).inputValue()).toBe('9');
    await page.getByRole('button', { name: 'Modifier le devoir « Brouillon »' }).click();
    const edit = page.getByRole('dialog', { name: 'Modifier le devoir' });
    await edit.getByText('Les familles voient déjà ce devoir', { exact: false }).waitFor();
    await page.waitForTimeout(300);
    expect(await accessibilityViolations(page)).toEqual([]);
    await edit.getByLabel('Intitulé').fill('Interro surprise');
    await edit.getByLabel('Coefficient').fill('0,5');
    await edit.getByLabel('Coefficient').press('Enter');
    await edit.waitFor({ state: 'detached' });
    const header = page.getByRole('columnheader', { name: /^Interro surprise/ });
    await expect.poll(() => header.innerText()).toContain('/20 · coef. 0,5');
    await page.screenshot({ path: join(SHOTS, 'grille-1366.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SHOTS, 'grille-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 900 });

    await page.getByRole('button', { name: 'Modifier le devoir « Interro surprise »' }).click();
    await page.getByRole('button', { name: 'Supprimer…' }).click();
    const confirm = page.getByRole('dialog', { name: /^Supprimer le devoir/ });
    await confirm.getByText('1 note saisie sera supprimée avec lui', { exact: false }).waitFor();
    await confirm.getByText('la suppression ira au journal', { exact: false }).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, 'suppression-devoir-1366.png') });
    await confirm.getByRole('button', { name: 'Supprimer le devoir' }).click();
    // Families already read its mark: the devoir stays (its marks are corrected instead, each
    // change shown to them as « modifiée le … »), said in the dialog.
    await confirm
      .getByText('il ne peut plus être supprimé. Effacez ou corrigez ses notes', { exact: false })
      .waitFor();
    expect(await header.count()).toBe(1);
    await confirm.getByRole('button', { name: 'Annuler' }).click();
    await page.keyboard.press('Escape');
    // A devoir no family has read a mark of goes, its marks with it.
    await createDevoir(page, 'Brouillon vide');
    await page.getByRole('button', { name: 'Modifier le devoir « Brouillon vide »' }).click();
    await page.getByRole('button', { name: 'Supprimer…' }).click();
    await page
      .getByRole('dialog', { name: /^Supprimer le devoir/ })
      .getByRole('button', { name: 'Supprimer le devoir' })
      .click();
    await page
      .getByRole('columnheader', { name: /^Brouillon vide/ })
      .waitFor({ state: 'detached' });
    expect(await page.getByRole('columnheader').allInnerTexts()).toHaveLength(5);
    // Changed after the families could see it: in the journal; nothing was deleted from them.
    const journal = (await server.pupitre.db.manager.query(
      `SELECT action, details FROM audit_log WHERE action LIKE 'assessment.%' ORDER BY id`,
    )) as { action: string; details: string }[];
    expect(journal.map((e) => e.action)).toEqual(['assessment.update']);
    expect(journal.every((e) => e.details.includes('aprèsPublication'))).toBe(true);
    await page.context().close();
  });

  it('« au fil de l’eau », the parent reads them the same day with the class figures and how the average is made, not the devoir of Wednesday', async () => {
    const page = await familyNotes(s.guardian.login);
    const subject = page.locator(`#matiere-${SUBJECT.code}`);
    const rows = await subjectRows(page);
    expect(rows).toEqual([
      // The devoir changed after publication stays (it could not be deleted once read).
      '23/11/2026 | Interro surprise | 9,00 | 9,00 | 9,00 | 9,00 | 0,5',
      `23/11/2026 | DS 3 — énergie | ${expected.child} | ${expected.average} | ${expected.lowest} | ${expected.highest} | 1`,
    ]);
    await subject.locator('summary', { hasText: 'Comment est calculée cette moyenne ?' }).click();
    await expect(subject.locator('.n-explain').innerText()).resolves.toContain('DS 3 — énergie');
    parentOnMonday = rows;
    await page.screenshot({ path: join(SHOTS, 'notes-parent-390.png'), fullPage: true });
    await page.context().close();
  });

  it('a devoir with a publication day: not before it, then there on the day', async () => {
    clock.set(paris('2026-11-24', '18:00'));
    let page = await familyNotes(s.guardian.login);
    expect(await subjectRows(page)).toEqual(parentOnMonday);
    await page.context().close();
    clock.set(paris('2026-11-25', '07:30'));
    page = await familyNotes(s.guardian.login);
    expect((await subjectRows(page)).join('\n')).toContain('DS 4 — circuits | 13,00');
    await page.context().close();
  });

  it('the staff preview at Monday shows what the parent read on Monday', async () => {
    const page = await staffPage('direction', E2E_PASSWORD);
    await page.goto(`${server.url}#/comptes/${s.guardian.id}/apercu`);
    await page.getByRole('heading', { name: 'Aperçu du portail' }).waitFor();
    await page.getByLabel('À la date du').fill('23/11/2026');
    const preview = page.getByRole('region', { name: 'Aperçu des notes' });
    await expect.poll(() => subjectRows(preview)).toEqual(parentOnMonday);
    await page.context().close();
  });

  it('with the pupils first, the pupil reads a mark the day before the parent', async () => {
    await server.pupitre.db.manager.query(
      'UPDATE school SET student_delay_days = 0, parent_delay_days = 1',
    );
    clock.set(paris('2026-11-25', '16:00'));
    const token = await loginToken(server.pupitre, teacher.login, teacher.password);
    const devoir = value<AssessmentSummary>(
      await server.pupitre.dispatch(
        'assessments.create',
        { serviceId: service.id, periodId: s.t1, label: 'Interrogation', day: '2026-11-25' },
        token,
      ),
    );
    value(
      await server.pupitre.dispatch(
        'marks.save',
        { assessmentId: devoir.id, studentId: s.childId, text: '17', version: 0 },
        token,
      ),
    );
    let page = await familyNotes(studentLogin);
    expect((await subjectRows(page)).join('\n')).toContain('Interrogation | 17,00');
    await page.context().close();
    page = await familyNotes(s.guardian.login);
    const parentRows = (await subjectRows(page)).join('\n');
    expect(parentRows).toContain('DS 4 — circuits');
    expect(parentRows).not.toContain('Interrogation');
    await page.context().close();
    clock.set(paris('2026-11-26', '07:30'));
    page = await familyNotes(s.guardian.login);
    expect((await subjectRows(page)).join('\n')).toContain('Interrogation | 17,00');
    await page.context().close();
  });

  it('a teacher of another class reaches the grid neither from the menu nor by its address', async () => {
    const page = await staffPage(otherTeacher.login, otherTeacher.password);
    await openMenu(page, 'Notes');
    await page.getByText('Saisie ouverte').waitFor();
    await page.getByRole('textbox', { name: 'Service' }).click();
    const options = await page.getByRole('option').allInnerTexts();
    expect(options.join('\n')).toContain(SUBJECT.label);
    expect(options.join('\n')).not.toContain(`${s.divisionCode} — `);
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}#/notes/${service.id}`);
    await page.getByRole('alert').filter({ hasText: 'Service introuvable' }).waitFor();
    expect(await page.locator('#grade-cell-0-0').count()).toBe(0);
    // The server says no too, in French, whatever the window shows.
    const answer = await page.evaluate(async (serviceId) => {
      const response = await fetch('api/grades.grid', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId, periodId: 1 }),
      });
      return (await response.json()) as { ok: boolean; error?: { message: string } };
    }, service.id);
    expect(answer.ok).toBe(false);
    expect(answer.error?.message).toMatch(/introuvable/);
    await page.context().close();
  });
});
