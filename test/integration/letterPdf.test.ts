import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleLetter, writeBareLetters } from '../../bench/bareLetters';
import { defaultFontsDir, loadLetterFonts, unprintableCharacters } from '../../main/pdf/fonts';
import type { NotificationLetterData } from '../../main/pdf/letterData';
import {
  ENVELOPE_WINDOW,
  addressZone,
  openLetterDocument,
} from '../../main/pdf/notificationLetter';
import { credentialsOf } from '../helpers/pdfText';
import { flat, letter, school } from '../helpers/letterFixtures';

const fonts = loadLetterFonts(defaultFontsDir());
const dir = mkdtempSync(join(tmpdir(), 'pupitre-letter-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MM = 72 / 25.4;

const student = letter({
  kind: 'student',
  recipient: { ...letter().recipient, civility: '', firstName: 'Zoé', lastName: 'N’Diaye' },
  children: [{ firstName: 'Zoé', lastName: 'N’Diaye', divisionCode: '2nde5' }],
  login: 'zoe.ndiaye',
  provisionalPassword: '2BUYJ9C8',
  envelopeWindow: 'right',
});
const active = letter({
  recipient: {
    civility: 'M.',
    lastName: 'Łukaszewicz',
    firstName: 'Jean-Pierre',
    address: {
      line1: '3 rue des Écoles',
      line2: '',
      postalCode: '25000',
      city: 'Besançon',
      country: 'FRANCE',
    },
  },
  children: [{ firstName: 'Maëlys', lastName: 'Łukaszewicz', divisionCode: '5B' }],
  login: 'jean-pierre.lukaszewicz',
  provisionalPassword: null,
  deadline: null,
});
const sixChildren = letter({
  children: Array.from({ length: 6 }, (_, i) => ({
    firstName: `Marie-Antoinette-Élisabeth${i}`,
    lastName: 'De La Tour d’Auvergne',
    divisionCode: `TG${i}`,
  })),
});

async function writeLetters(name: string, letters: NotificationLetterData[]) {
  const path = join(dir, name);
  const document = openLetterDocument(createWriteStream(path), fonts);
  for (const l of letters) await document.addLetter(l);
  const { pages } = await document.end();
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(path)));
  const { text } = await extractText(pdf, { mergePages: false });
  return { path, pages, pdf, text: text as string[] };
}

describe('the notification letter (SPEC §4.1, seeds 000 and 004)', () => {
  const batch = [letter(), student, active, sixChildren];
  let written: Awaited<ReturnType<typeof writeLetters>>;
  beforeAll(async () => {
    written = await writeLetters('batch.pdf', batch);
  });

  it('one A4 page per letter, even with six children, long names and a long address', async () => {
    const { pages, pdf } = written;
    expect(pages).toBe(batch.length);
    expect(pdf.numPages).toBe(batch.length);
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [, , width, height] = page.view;
      expect([Math.round(width! / MM), Math.round(height! / MM)]).toEqual([210, 297]);
    }
  });

  it('each page: its identifiant, its password, every child and division, the deadline, the portal', async () => {
    const { text } = written;
    batch.forEach((l, i) => {
      const page = flat(text[i]!);
      expect(credentialsOf(text[i]!)).toEqual({ login: l.login, password: l.provisionalPassword });
      for (const c of l.children) {
        expect(page).toContain(c.firstName);
        expect(page).toContain(c.divisionCode);
      }
      expect(page).toContain(school.portalUrl);
      expect(page).toContain('BESANÇON, le 23/11/2026');
      expect(page).toContain('Refus d’accès aux services en ligne');
      expect(page).toContain('Le chef d’établissement');
      expect(page).toContain('Informatique et libertés');
    });
    const [guardian, own, identifiantOnly] = text.map(flat) as [string, string, string];
    expect(guardian).toContain(
      'pour Zoé, élève de 2nde5, Győző-Alexandre, élève de 4C, et Łukasz, élève de 6A.',
    );
    expect(guardian).toContain('Objet : mise à disposition de services en ligne pour suivre');
    expect(guardian).toContain('la scolarité de vos enfants');
    expect(guardian).toContain('vous devez activer votre compte au plus tard le 23 février 2027.');
    expect(guardian).not.toMatch(/avant le|inclus/);
    expect(guardian).toContain(
      '* Mot de passe provisoire, à modifier lors de la première connexion.',
    );
    expect(guardian).toContain('Veuillez agréer, Madame, mes salutations distinguées.');
    expect(guardian).toContain('N’DIAYE-LEFÈVRE DE LA ROCHE-GUYON Œlise-Marie-Antoinette');
    expect(guardian).toContain('Je soussignée Mme N’DIAYE-LEFÈVRE');
    expect(guardian).toContain('pour moi-même');
    expect(guardian).toContain('pour l’élève Győző-Alexandre (4C)');
    expect(guardian).toContain('pour l’élève Łukasz (6A)');
    // SPEC §4.1: « Vous êtes élève de 4C au … ».
    expect(own).toContain(
      'Vous êtes élève de 2nde5 au lycée Claude-Nicolas Ledoux. Vous trouverez ci-dessous l’identifiant et le mot de passe de votre compte pour accéder aux services en ligne de l’établissement.',
    );
    expect(own).toContain('Veuillez recevoir mes salutations distinguées.');
    expect(own).not.toContain('Madame, Monsieur');
    expect(own).toContain('si vous êtes mineur ou mineure');
    expect(own).toContain('Je soussigné(e) N’DIAYE Zoé');
    expect(own).not.toContain('pour moi-même');
    expect(own).not.toContain('pour l’élève');
    expect(identifiantOnly).toContain('Veuillez agréer, Monsieur,');
    expect(identifiantOnly).toContain(
      'Vous trouverez ci-dessous le rappel de l’identifiant de votre compte',
    );
    expect(identifiantOnly).toContain(
      'Votre mot de passe reste celui que vous avez choisi ; il n’est pas imprimé sur ce courrier.',
    );
    expect(identifiantOnly).not.toMatch(/\bNous\b|\bnous\b/);
    expect(identifiantOnly).toContain('Je soussigné M. ŁUKASZEWICZ Jean-Pierre');
    expect(identifiantOnly).not.toContain('avant le');
    expect(identifiantOnly).not.toMatch(/DCB8RJ2W|2BUYJ9C8/);
    expect(flat(text[3]!)).toContain('pour l’élève Marie-Antoinette-Élisabeth5 (TG5)');
  });

  it('the address shows through a DL window, left or right, and nothing else does', async () => {
    const { pdf } = written;
    const w = ENVELOPE_WINDOW;
    for (const side of ['left', 'right'] as const) {
      // The address zone lies inside the window whatever its make (top at 50 or 55 mm).
      const zone = addressZone(side);
      const windowLeft = side === 'left' ? w.side : 210 - w.side - w.width;
      expect(zone.x).toBeGreaterThanOrEqual(windowLeft + 3);
      expect(zone.x + zone.width).toBeLessThanOrEqual(windowLeft + w.width - 3);
      expect(zone.y).toBeGreaterThanOrEqual(w.topMax + 2);
      expect(zone.y + zone.height).toBeLessThanOrEqual(w.topMin + w.height - 2);
    }
    for (const [i, l] of batch.entries()) {
      const page = await pdf.getPage(i + 1);
      const { items } = await page.getTextContent();
      const windowLeft = l.envelopeWindow === 'left' ? w.side : 210 - w.side - w.width;
      const zone = addressZone(l.envelopeWindow);
      const r = l.recipient;
      const recipient = [r.civility, r.lastName, r.firstName, ...Object.values(r.address)]
        .join(' ')
        .toUpperCase();
      let seen = 0;
      for (const item of items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const x = item.transform[4] / MM;
        const baseline = 297 - item.transform[5] / MM;
        const right = x + item.width / MM;
        // Any text within the window's reach (its top at 50 to 55 mm: 50 to 100 mm)…
        const inWindow =
          right > windowLeft &&
          x < windowLeft + w.width &&
          baseline > w.topMin &&
          baseline - 3 < w.topMax + w.height;
        if (!inWindow) continue;
        seen++;
        // …is the recipient's, inside the zone that shows whatever the envelope's make.
        const words = item.str.trim().toUpperCase().split(/\s+/);
        expect(
          words.some((word) => recipient.includes(word)),
          item.str,
        ).toBe(true);
        expect(x).toBeGreaterThanOrEqual(zone.x - 0.01);
        expect(right).toBeLessThanOrEqual(zone.x + zone.width + 0.01);
        expect(baseline - 3).toBeGreaterThanOrEqual(zone.y - 0.01);
        expect(baseline).toBeLessThanOrEqual(zone.y + zone.height + 0.01);
      }
      expect(seen).toBeGreaterThanOrEqual(3);
    }
  });

  it('the portal’s QR code is an image embedded once and drawn on every page', () => {
    // (pdfjs's operator list needs Node 22 here: the PDF's own dictionaries are read instead.)
    const raw = readFileSync(written.path).toString('latin1');
    const resources = [...raw.matchAll(/\/Type \/Page\n[^]*?\/Resources (\d+) 0 R/g)].map(
      (m) => m[1],
    );
    expect(resources).toHaveLength(batch.length);
    const images = new Set(
      resources.map((r) => {
        const dictionary = new RegExp(`\\n${r} 0 obj\\n<<([^]*?)\\nendobj`).exec(raw)?.[1] ?? '';
        return /\/XObject <<\n\/I\d+ (\d+) 0 R/.exec(dictionary)?.[1];
      }),
    );
    expect(images.size).toBe(1);
    const [image] = images;
    expect(image).toBeDefined();
    expect(new RegExp(`\\n${image} 0 obj\\n<<\\n/Type /XObject\\n/Subtype /Image`).test(raw)).toBe(
      true,
    );
  });

  it('a letter that cannot fit on one sheet is an error, never a second page', async () => {
    const document = openLetterDocument(createWriteStream(join(dir, 'too-long.pdf')), fonts);
    await document.addLetter(letter());
    const huge = letter({
      children: Array.from({ length: 30 }, (_, i) => ({
        firstName: `Marie-Antoinette-Élisabeth${i}`,
        lastName: 'De La Tour d’Auvergne',
        divisionCode: `TG${i}`,
      })),
    });
    await expect(document.addLetter(huge)).rejects.toThrow(/ne tient pas sur une page/);
    await document.end();
  });

  it('tells which characters the fonts cannot print, before any batch', () => {
    expect(
      unprintableCharacters(fonts, 'Œlise Győző Łukasz N’Diaye Jean-Pierre ẞ Maëlys Çağla'),
    ).toEqual([]);
    expect(unprintableCharacters(fonts, 'Zoé 王芳 🙂 王')).toEqual(['王', '芳', '🙂']);
  });

  it('500 letters: memory stays bounded (time and memory printed)', async () => {
    const count = 500;
    const path = join(dir, 'five-hundred.pdf');
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const t0 = performance.now();
    const document = openLetterDocument(createWriteStream(path), fonts);
    for (let i = 0; i < count; i++) {
      await document.addLetter(sampleLetter(i));
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const { pages } = await document.end();
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sample);
    const pdf = await getDocumentProxy(new Uint8Array(readFileSync(path)));
    expect(pages).toBe(count);
    expect(pdf.numPages).toBe(count);

    const t1 = performance.now();
    await writeBareLetters(count, createWriteStream(join(dir, 'bare.pdf')));
    const bareSeconds = (performance.now() - t1) / 1000;
    const growthMb = (peak - before) / 1048576;
    console.log(
      `${count} lettres : ${seconds.toFixed(2)} s (${((seconds * 1000) / count).toFixed(1)} ms/lettre ; pdfkit nu : ${bareSeconds.toFixed(2)} s), RSS +${growthMb.toFixed(0)} Mo (de ${(before / 1048576).toFixed(0)} Mo)`,
    );
    expect(growthMb).toBeLessThan(120);
  });
});

describe('the letter’s French typography', () => {
  it('« élève de 4C » is never split across two lines, whatever the names before it', async () => {
    const letters = Array.from({ length: 24 }, (_, n) =>
      letter({
        children: [
          { firstName: `Zoé${'-Anne'.repeat(n % 8)}`, lastName: 'N’Diaye', divisionCode: '2nde5' },
          { firstName: 'Léo'.padEnd(3 + n, 'o'), lastName: 'N’Diaye', divisionCode: '4C' },
        ],
      }),
    );
    const { text } = await writeLetters('divisions.pdf', letters);
    const lines = text.flatMap((page) => page.split('\n')).map((l) => l.trim());
    expect(lines.some((l) => l.includes('élève de'))).toBe(true);
    const split = lines.filter((l) => /élève de$/.test(l) || /^(4C|2nde5)\b/.test(l));
    expect(split).toEqual([]);
  });
});
