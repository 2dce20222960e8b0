import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import { writeSiecleExports } from '../helpers/siecleWriter';
import { E2E_PASSWORD, startE2e, type E2eWorld } from './harness';
import { logIn, openMenu } from './screens/staff';

// Issue 12: at 390 px nothing is cut or broken inside a word; at 1366 px no header is cut.
const PHONE = { width: 390, height: 844 };
const worlds: E2eWorld[] = [];
const open = async (options: Parameters<typeof startE2e>[0]) => {
  const world = await startE2e(options);
  worlds.push(world);
  return world;
};
afterAll(async () => {
  for (const world of worlds) await world.close();
});

/** Texts cut by an ellipsis or a hidden overflow: what the person cannot read in full. */
async function cutTexts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (elements) =>
    elements
      .filter((e) => e.scrollWidth > e.clientWidth + 1)
      .map((e) => (e as HTMLElement).innerText),
  );
}

/** Words of four letters or more that the layout split over two lines (« Infirm/ière »). */
async function brokenWords(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (elements) => {
    const broken: string[] = [];
    for (const element of elements) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/\S{4,}/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  });
}

async function openFromMenu(page: Page, entry: string) {
  const burger = page.getByRole('button', { name: 'Ouvrir le menu' });
  if (await burger.isVisible()) await burger.click();
  await openMenu(page, entry);
}

describe('layout at 390 px and at 1366 px', () => {
  it('first start at 390 px: no button label is cut', async () => {
    const { page } = await open({ empty: true, viewport: PHONE });
    await page.getByRole('heading', { name: 'Bienvenue dans Pupitre' }).waitFor();
    expect(await cutTexts(page, '.mantine-Button-label')).toEqual([]);
  });

  it('a pupil, a guardian and the family accounts at 390 px: no word broken inside, state badges whole', async () => {
    const { page } = await open({ students: 80, viewport: PHONE });
    await logIn(page, 'direction', E2E_PASSWORD);
    await openFromMenu(page, 'Élèves');
    await page.getByRole('row').nth(1).click();
    await page.getByRole('heading', { name: 'Responsables' }).waitFor();
    expect(await brokenWords(page, '.info-list dd')).toEqual([]);
    await page
      .getByRole('link', { name: /^(M\.|Mme) / })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Enfants' }).waitFor();
    expect(await brokenWords(page, '.info-list dd')).toEqual([]);

    await openFromMenu(page, 'Comptes des familles');
    await page.locator('.mantine-Badge-label').first().waitFor();
    expect(await cutTexts(page, '.mantine-Badge-label')).toEqual([]);
    expect(await cutTexts(page, '.mantine-Button-label')).toEqual([]);
  });

  it('at 1366 px: no column header of the students list is cut; the settings offer a collège the LSU, not the LSL, keep the digest’s hour, and check a French address', async () => {
    const { page } = await open({ students: 40 });
    await logIn(page, 'direction', E2E_PASSWORD);
    await openMenu(page, 'Élèves');
    await page.getByRole('columnheader', { name: 'Date de naissance' }).waitFor();
    expect(await cutTexts(page, '[role="columnheader"]')).toEqual([]);

    // The same world's settings: a collège is offered the LSU, not the LSL; a French postcode
    // has five digits and the commune is required.
    await openMenu(page, 'Paramètres');
    await page.getByRole('checkbox', { name: 'Livret scolaire unique (LSU)' }).waitFor();
    expect(await page.getByRole('checkbox', { name: /Livret scolaire du lycée/ }).count()).toBe(0);
    // Issue 17 §5: direction sets the family digest's hour; saved, it is there after a reload.
    const digestHour = page.getByLabel('Heure d’envoi du résumé quotidien aux familles');
    await digestHour.fill('8');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Paramètres enregistrés').waitFor();
    await page.reload();
    await expect.poll(() => digestHour.inputValue()).toBe('8\u00a0h');
    await page.getByLabel('Code postal').fill('2566');
    await page.getByLabel('Commune').fill('');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page
      .getByText('Code postal : cinq chiffres pour une adresse en France (ex. 25000).')
      .waitFor();
    await page.getByText('Commune : champ obligatoire pour une adresse en France.').waitFor();
  });

  it('the import preview at 390 px shows each file’s export date on screen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pupitre-e2e-layout-'));
    try {
      const seed = generateDemoSchool({ seed: 5, studentCount: 40 });
      const exports = writeSiecleExports(seed);
      const files = (
        [
          ['ExportXML_ElevesAvecAdresses.xml', exports.eleves],
          ['ResponsablesAvecAdresses.xml', exports.responsables],
          ['Nomenclature.xml', exports.nomenclature],
        ] as const
      ).map(([name, bytes]) => {
        writeFileSync(join(dir, name), bytes);
        return join(dir, name);
      });
      const { page } = await open({ empty: true, viewport: PHONE });
      await page.getByLabel('UAI (code établissement)').fill(seed.school.uai);
      await page.getByLabel('Nom de l’établissement').fill(seed.school.name);
      await page.getByRole('button', { name: 'Créer mon établissement' }).click();
      await page.getByRole('button', { name: 'Aller à la connexion' }).click();
      await logIn(page, 'direction', E2E_PASSWORD);
      await openFromMenu(page, 'Import SIECLE');
      await page.getByLabel('Fichiers SIECLE (.xml ou .zip)').setInputFiles(files);
      await page.getByRole('button', { name: 'Analyser les fichiers' }).click();
      const dates = page.locator('td[data-label="Date d’export"]');
      await dates.first().waitFor();
      await page.screenshot({
        path: join(tmpdir(), 'pupitre-layout-import-390.png'),
        fullPage: true,
      });
      expect(await dates.count()).toBe(3);
      for (const box of await Promise.all((await dates.all()).map((d) => d.boundingBox()))) {
        expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
      }
      await page.screenshot({
        path: join(tmpdir(), 'pupitre-layout-import-390.png'),
        fullPage: true,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
