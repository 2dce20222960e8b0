import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import { writeSiecleExports } from '../helpers/siecleWriter';
import { E2E_PASSWORD, startE2e, type E2eWorld, STAFF_SCREENS_DIR } from './harness';
import type { SchoolSeed } from '../../main/services/school/schoolSeed';
import { accessibilityViolations } from './axe';
import { logIn, openMenu } from './screens/staff';

const FIXTURES = join(__dirname, '..', 'fixtures', 'siecle');
const seed = generateDemoSchool({ seed: 5, studentCount: 240 });
let world: E2eWorld;
let dir: string;
let files: string[];

beforeAll(async () => {
  world = await startE2e({ empty: true });
  dir = mkdtempSync(join(tmpdir(), 'pupitre-e2e-siecle-'));
  const e = writeSiecleExports(seed);
  files = [
    ['ExportXML_ElevesAvecAdresses.xml', e.eleves],
    ['ResponsablesAvecAdresses.xml', e.responsables],
    ['Nomenclature.xml', e.nomenclature],
  ].map(([name, bytes]) => {
    const path = join(dir, name as string);
    writeFileSync(path, bytes as Buffer);
    return path;
  });
});
afterAll(async () => {
  await world?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a secretary imports the SIECLE exports: preview, apply, then finds a student and their guardians', async () => {
  const { page } = world;
  await page.getByLabel('UAI (code établissement)').fill(seed.school.uai);
  await page.getByLabel('Nom de l’établissement').fill(seed.school.name);
  await page.getByRole('button', { name: 'Créer mon établissement' }).click();
  // PUPITRE_ADMIN_PASSWORD chose the password: the screen does not show it again.
  await page.getByText('PUPITRE_ADMIN_PASSWORD', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Aller à la connexion' }).click();
  await logIn(page, 'direction', E2E_PASSWORD);

  await openMenu(page, 'Import SIECLE');
  // A malformed ministry sample first: refused, naming the file and its line.
  await page
    .getByLabel('Fichiers SIECLE (.xml ou .zip)')
    .setInputFiles(join(FIXTURES, 'eleves_avec_adresse_simple.xml'));
  await page.getByRole('button', { name: 'Analyser les fichiers' }).click();
  await page.getByText('Import impossible').waitFor();
  await page
    .getByText(/eleves_avec_adresse_simple\.xml.*139/)
    .first()
    .waitFor();
  expect(await page.getByRole('button', { name: 'Appliquer l’import' }).isDisabled()).toBe(true);
  await page.getByRole('button', { name: 'Annuler' }).click();

  await page.getByLabel('Fichiers SIECLE (.xml ou .zip)').setInputFiles(files);
  await page.getByRole('button', { name: 'Analyser les fichiers' }).click();
  await page.getByText('Aperçu : rien n’a encore été enregistré.', { exact: false }).waitFor();
  const added = seed.students.filter((s) => !s.leftOn).length;
  await page
    .getByText(new RegExp(`^Nouveaux élèves \\(${added}\\)`))
    .first()
    .waitFor();
  await page
    .getByText(new RegExp(`^Nouveaux responsables \\(${seed.guardians.length}\\)`))
    .first()
    .waitFor();
  await page.getByRole('button', { name: 'Appliquer l’import' }).click();
  await page.getByRole('button', { name: 'Confirmer l’import' }).click();
  await page.getByRole('heading', { name: 'Import terminé' }).waitFor();

  // Found by name, with every guardian SIECLE gave.
  const child = seed.students.find(
    (s) =>
      s.divisionCode && !s.leftOn && seed.links.filter((l) => l.studentKey === s.key).length === 2,
  )!;
  await openMenu(page, 'Élèves');
  await page.getByPlaceholder('Nom, prénom, INE ou responsable').fill(child.ine);
  await page.getByText('1 élève', { exact: true }).waitFor();
  await page
    .getByRole('row', { name: new RegExp(child.firstName) })
    .first()
    .click();
  await expect
    .poll(async () => page.getByRole('heading', { level: 1 }).innerText())
    .toBe(`${child.lastName.toUpperCase()} ${child.firstName}`);
  for (const link of seed.links.filter((l) => l.studentKey === child.key)) {
    const guardian = seed.guardians.find((g) => g.key === link.guardianKey)!;
    await page
      .getByRole('link', {
        name: `${guardian.civility} ${guardian.lastName.toUpperCase()} ${guardian.firstName}`,
      })
      .waitFor();
  }

  // The same files again: the preview says nothing would change.
  await openMenu(page, 'Import SIECLE');
  await page.getByLabel('Fichiers SIECLE (.xml ou .zip)').setInputFiles(files);
  await page.getByRole('button', { name: 'Analyser les fichiers' }).click();
  await page.getByText('Aucun changement : la base est déjà à jour de ces fichiers.').waitFor();
  await page.getByRole('button', { name: 'Terminer' }).click();
  expect(world.consoleErrors.join('\n')).toBe('');
});

// Issue 12 §1: the wrong files a new secretariat may pick, on SIECLE-shaped files.
const SHOTS = STAFF_SCREENS_DIR;
const parisDay = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(at);
const slash = (iso: string) => iso.split('-').reverse().join('/');

function writeExports(
  name: string,
  school: SchoolSeed,
  options: Parameters<typeof writeSiecleExports>[1],
) {
  const e = writeSiecleExports(school, options);
  const folder = join(dir, name);
  mkdirSync(folder);
  const write = (file: string, bytes: Buffer) => {
    writeFileSync(join(folder, file), bytes);
    return join(folder, file);
  };
  return {
    eleves: write('ExportXML_ElevesAvecAdresses.xml', e.eleves),
    responsables: write('ResponsablesAvecAdresses.xml', e.responsables),
    nomenclature: write('Nomenclature.xml', e.nomenclature),
  };
}

it('wrong files are blocked with their reason; a later leave date and groups are shown; the UAI needs typing twice', async () => {
  const { page } = world;
  const today = parisDay(new Date());
  const leaveDay = parisDay(new Date(Date.now() + 20 * 86_400_000));
  const later: SchoolSeed = structuredClone(seed);
  const leaving = later.students.find((s) => s.divisionCode && !s.leftOn)!;
  leaving.leftOn = leaveDay;
  const newcomer = {
    ...later.students.find((s) => s.divisionCode && !s.leftOn && s !== leaving)!,
    key: 'NEW0001',
    ine: '9999999999Z',
    lastName: 'Nouvelle',
    firstName: 'Inès',
    sex: 'F' as const,
  };
  later.students.push(newcomer);
  later.links.push({ ...later.links[0]!, studentKey: 'NEW0001' });
  const v2 = writeExports('v2', later, {
    exportDate: today,
    stamp: '08:00:00',
    groups: { NEW0001: ['LAT5'] },
  });
  const analyse = async (paths: string[]) => {
    await page.getByLabel('Fichiers SIECLE (.xml ou .zip)').setInputFiles(paths);
    await page.getByRole('button', { name: 'Analyser les fichiers' }).click();
  };

  // A later export: the arrival's group and the pupil leaving later, « part le … ».
  await openMenu(page, 'Import SIECLE');
  await analyse([v2.eleves, v2.responsables, v2.nomenclature]);
  await page.getByText(`${newcomer.divisionCode} ; groupe LAT5`).waitFor();
  await page.getByText(`Part le ${slash(leaveDay)}`).waitFor();
  // Issue 16 §1: the groups whose pupils change, each said in a sentence.
  await page.getByText('1 élève entre dans le groupe LAT5').waitFor();
  await page.screenshot({ path: `${SHOTS}/import-later-1366.png`, fullPage: true });
  await page
    .getByRole('region', { name: 'Divisions et nomenclature' })
    .screenshot({ path: `${SHOTS}/import-groups-1366.png` });
  await page.getByRole('button', { name: 'Appliquer l’import' }).click();
  await page.getByRole('button', { name: 'Confirmer l’import' }).click();
  await page.getByRole('heading', { name: 'Import terminé' }).waitFor();
  await page.getByRole('button', { name: 'Nouvel import' }).click();

  // The first export again, older than the one applied: blocked, both dates named.
  await analyse(files);
  await page.getByText('Import impossible').waitFor();
  await page
    .getByText(
      `est l’export des élèves du 01/10/2026 à 8\u00a0h ; Pupitre a déjà appliqué celui du ${slash(today)} à 8\u00a0h.`,
      { exact: false },
    )
    .waitFor();
  expect(await page.getByRole('button', { name: 'Appliquer l’import' }).isDisabled()).toBe(true);
  await page.screenshot({ path: `${SHOTS}/import-older-1366.png`, fullPage: true });
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByText('Import impossible').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/import-older-390.png` });
  await page.setViewportSize({ width: 1366, height: 850 });
  await page.getByRole('button', { name: 'Annuler' }).click();

  // Pupils of today with guardians of October: blocked, naming both dates.
  await analyse([v2.eleves, files[1]!]);
  await page
    .getByText(
      `Les fichiers ne sont pas du même jour : ExportXML_ElevesAvecAdresses.xml est exporté le ${slash(today)}, ResponsablesAvecAdresses.xml le 01/10/2026.`,
      { exact: false },
    )
    .waitFor();
  await expect.poll(() => page.getByText('Plus aucun enfant dans l’établissement').count()).toBe(0);
  await page.getByRole('button', { name: 'Annuler' }).click();

  // Another school's export.
  const other = writeExports(
    'other',
    { ...later, school: { ...later.school, uai: '0251711Z' } },
    {
      exportDate: today,
    },
  );
  await analyse([other.eleves]);
  await page
    .getByText(`est l’export de l’établissement 0251711Z, pas de`, { exact: false })
    .first()
    .waitFor();
  expect(await page.getByRole('button', { name: 'Appliquer l’import' }).isDisabled()).toBe(true);
  await page.getByRole('button', { name: 'Annuler' }).click();

  // The pupil leaving later is still there, with the date; the arrival shows their group.
  await openMenu(page, 'Élèves');
  await page.getByPlaceholder('Nom, prénom, INE ou responsable').fill(leaving.ine);
  await page.getByText(`part le ${slash(leaveDay)}`, { exact: false }).waitFor();
  await page
    .getByRole('row', { name: new RegExp(leaving.firstName) })
    .first()
    .click();
  await page.getByText(`Part le ${slash(leaveDay)}`).waitFor();
  await page.screenshot({ path: `${SHOTS}/student-leaving-1366.png`, fullPage: true });
  await openMenu(page, 'Élèves');
  await page.getByPlaceholder('Nom, prénom, INE ou responsable').fill(newcomer.ine);
  await page.getByText('1 élève', { exact: true }).waitFor();
  await page.getByText('Nouvelle', { exact: false }).first().waitFor();
  await page.getByRole('row', { name: /Inès/ }).first().click();
  await page.getByText('LAT5', { exact: true }).waitFor();
  await page.setViewportSize({ width: 390, height: 844 });
  // The side navigation slides away when the window narrows: shoot once it has.
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${SHOTS}/student-groups-390.png` });
  await page.setViewportSize({ width: 1366, height: 850 });

  // Settings: a new UAI is refused until typed a second time.
  await openMenu(page, 'Paramètres');
  await page.getByLabel('UAI', { exact: true }).fill('0251711Z');
  await page.getByText('Changer l’UAI de l’établissement ?').waitFor();
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await page.getByText('retapez le nouvel UAI', { exact: false }).first().waitFor();
  await page.screenshot({ path: `${SHOTS}/settings-uai-1366.png`, fullPage: true });
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByText('Changer l’UAI de l’établissement ?').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/settings-uai-390.png` });
  await page.setViewportSize({ width: 1366, height: 850 });
  await page.getByRole('button', { name: 'Annuler les modifications' }).click();
  // The refused save is the one 409 the browser logs.
  expect(world.consoleErrors.filter((e) => !/status of 409/.test(e)).join('\n')).toBe('');
});
