import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import { writeSiecleExports } from '../helpers/siecleWriter';
import { E2E_PASSWORD, startE2e, type E2eWorld } from './harness';
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
  await page
    .getByText('Aperçu : rien n’a encore été enregistré.', { exact: false })
    .or(page.getByText("Aperçu : rien n'a encore été enregistré.", { exact: false }))
    .first()
    .waitFor();
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
  expect(world.consoleErrors.join('\n')).toBe('');
});
