import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { defaultFontsDir, loadLetterFonts } from '../../main/pdf/fonts';
import type { LetterChild } from '../../main/pdf/letterData';
import { flat, letter, letterPages } from '../helpers/letterFixtures';

const fonts = loadLetterFonts(defaultFontsDir());

const child = (firstName: string, divisionCode: string, more: Partial<LetterChild> = {}) => ({
  firstName,
  lastName: 'Martin',
  divisionCode,
  ...more,
});

/** The body's « pour … » sentence and the coupon, as read back from the PDF. */
async function readBack(children: LetterChild[]) {
  const { pages } = await letterPages([letter({ children })], fonts);
  const page = flat(pages[0]!);
  const body = /proposés par le lycée Claude-Nicolas Ledoux pour (.*?)\. Identifiant/.exec(
    page,
  )?.[1];
  // The coupon is drawn first, then the body from « Objet ».
  const coupon = page.slice(
    page.indexOf('Refus d’accès aux services en ligne'),
    page.indexOf('Objet'),
  );
  return { page, body, coupon };
}

/** The coupon's box labels as a person reads the sheet: top to bottom, then left to right. */
async function couponReadingOrder(children: LetterChild[]): Promise<string[]> {
  const { pdf } = await letterPages([letter({ children })], fonts);
  const page = await (await getDocumentProxy(new Uint8Array(pdf))).getPage(1);
  const items = (await page.getTextContent()).items as {
    str: string;
    transform: number[];
  }[];
  return items
    .filter((i) => i.str.startsWith('pour '))
    .map((i) => ({ text: i.str, x: i.transform[4]!, y: Math.round(i.transform[5]!) }))
    .sort((a, b) => b.y - a.y || a.x - b.x)
    .map((i) => i.text);
}

/** Where each label comes in the text, in order (-1 when missing). */
const positions = (text: string, labels: string[]) => labels.map((l) => text.indexOf(l));

describe('who the letter names (SPEC §4.1 « le ou les élèves concernés »)', () => {
  it('a child without a division: no « Léna, et Raphaël », named after those with one', async () => {
    const { body } = await readBack([child('Léna', ''), child('Raphaël', '')]);
    expect(body).toBe('Léna et Raphaël');
    const last = await readBack([child('Léna', ''), child('Raphaël', '4C')]);
    expect(last.body).toBe('Raphaël, élève de 4C, et Léna');
    const mixed = await readBack([child('Zoé', '2nde5'), child('Léna', ''), child('Raphaël', '')]);
    expect(mixed.body).toBe('Zoé, élève de 2nde5, Léna et Raphaël');
  });

  it('a division is said once for the children in it (« Léonie et Maël, élèves de 4C »)', async () => {
    const { body } = await readBack([
      child('Léonie', '4C'),
      child('Zoé', '2nde5'),
      child('Maël', '4C'),
    ]);
    expect(body).toBe('Léonie et Maël, élèves de 4C, et Zoé, élève de 2nde5');
  });

  it('a guardian of three, one without a division: the coupon’s boxes follow the body’s order', async () => {
    const children = [child('Léonie', '4C'), child('Léna', ''), child('Maël', '4C')];
    const { body, coupon } = await readBack(children);
    expect(body).toBe('Léonie et Maël, élèves de 4C, et Léna');
    const boxes = positions(coupon, [
      'pour moi-même',
      'pour l’élève Léonie (4C)',
      'pour l’élève Maël (4C)',
      'pour l’élève Léna',
    ]);
    expect(boxes.every((p) => p >= 0)).toBe(true);
    expect([...boxes].sort((a, b) => a - b)).toEqual(boxes);
    // On the sheet too: read row by row, left to right.
    expect(await couponReadingOrder(children)).toEqual([
      'pour moi-même',
      'pour l’élève Léonie (4C)',
      'pour l’élève Maël (4C)',
      'pour l’élève Léna',
    ]);
  });

  it('two children of the same first name are told apart by their date of birth', async () => {
    const { body, coupon } = await readBack([
      child('Lucas', '4C', { sex: 'M', birthDate: '2012-03-01' }),
      child('Lucas', '6A', { sex: 'M', birthDate: '2014-06-05' }),
      child('Inès', '4C', { sex: 'F', birthDate: '2012-03-01' }),
    ]);
    expect(body).toBe(
      'Lucas (né le 1er mars 2012) et Inès, élèves de 4C, et Lucas (né le 5 juin 2014), élève de 6A',
    );
    expect(coupon).toContain('pour l’élève Lucas (4C, né le 1er mars 2012)');
    expect(coupon).toContain('pour l’élève Lucas (6A, né le 5 juin 2014)');
    expect(coupon).toContain('pour l’élève Inès (4C)');
  });

  it('twins of the same first name, born the same day, are told apart by their second name', async () => {
    const twin = (otherNames: string) =>
      child('Camille', '4C', { sex: 'F', birthDate: '2012-03-01', otherNames });
    const { body, coupon } = await readBack([twin('Marie'), twin('Anne')]);
    expect(body).toBe('Camille Marie et Camille Anne, élèves de 4C');
    expect(coupon).toContain('pour l’élève Camille Marie (4C)');
    expect(coupon).toContain('pour l’élève Camille Anne (4C)');
  });
});

describe('a pupil’s own letter speaks to that pupil', () => {
  const pupil = (sex: string, birthDate: string | null) =>
    letter({
      kind: 'student',
      recipient: { ...letter().recipient, civility: '', firstName: 'Zoé', lastName: 'Martin' },
      children: [child('Zoé', '2nde5', { sex, birthDate })],
      login: 'zoe.martin',
    });

  it('a girl of 15: « Je soussignée », signed by her legal guardian, no « mineur ou mineure »', async () => {
    const { pages } = await letterPages([pupil('F', '2011-05-02')], fonts);
    const page = flat(pages[0]!);
    expect(page).toContain('Je soussignée MARTIN Zoé');
    expect(page).toContain('dûment rempli et signé par votre responsable légal.');
    expect(page).toContain('(du responsable légal)');
    expect(page).not.toMatch(/mineur|soussigné\(e\)/);
  });

  it('a boy of age that day signs himself', async () => {
    const { pages } = await letterPages([pupil('M', '2008-11-23')], fonts);
    const page = flat(pages[0]!);
    expect(page).toContain('Je soussigné MARTIN Zoé');
    expect(page).toContain('dûment rempli et signé.');
    expect(page).not.toMatch(/mineur|responsable légal/);
  });

  it('sex known, age unknown: « si vous êtes mineure »', async () => {
    const { pages } = await letterPages([pupil('F', null)], fonts);
    const page = flat(pages[0]!);
    expect(page).toContain('(par votre responsable légal si vous êtes mineure)');
    expect(page).toContain('(du responsable légal si l’élève est mineure)');
  });
});
