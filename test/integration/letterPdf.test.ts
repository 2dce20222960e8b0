import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLetterFonts, unprintableCharacters } from '../../main/pdf/fonts';
import type { NotificationLetterData } from '../../main/pdf/letterData';
import { openLetterDocument } from '../../main/pdf/notificationLetter';
import { pdfPages } from '../helpers/pdfText';

const fonts = loadLetterFonts(join(__dirname, '..', '..', 'assets', 'fonts'));

const school = {
  academie: 'Besançon',
  name: 'Lycée Claude-Nicolas Ledoux',
  address: {
    line1: '14 rue Alain Savary',
    line2: '',
    postalCode: '25006',
    city: 'Besançon',
    country: 'FRANCE',
  },
  phone: '03 81 48 18 18',
  email: 'ce.0251711z@ac-besancon.fr',
  portalUrl: 'https://portail.example.fr/familles',
};

function letter(overrides: Partial<NotificationLetterData> = {}): NotificationLetterData {
  return {
    kind: 'guardian',
    school,
    place: 'Besançon',
    date: '2026-11-23',
    recipient: {
      civility: 'Mme',
      lastName: 'N’Diaye-Lefèvre',
      firstName: 'Œlise',
      address: {
        line1: '20 Grande Rue',
        line2: 'Bâtiment B',
        postalCode: '25320',
        city: 'Montferrand-le-Château',
        country: 'FRANCE',
      },
    },
    children: [
      { firstName: 'Zoé', lastName: 'N’Diaye', divisionCode: '2nde5' },
      { firstName: 'Győző', lastName: 'N’Diaye', divisionCode: '4C' },
      { firstName: 'Łukasz', lastName: 'N’Diaye', divisionCode: '6A' },
    ],
    login: 'oelise.ndiaye-lefevre',
    provisionalPassword: 'DCB8RJ2W',
    deadline: '2027-02-23',
    envelopeWindow: 'left',
    ...overrides,
  };
}

async function write(
  letters: NotificationLetterData[],
): Promise<{ pages: string[]; count: number }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const document = openLetterDocument(sink, fonts);
  for (const l of letters) await document.addLetter(l);
  const { pages } = await document.end();
  return { pages: await pdfPages(new Uint8Array(Buffer.concat(chunks))), count: pages };
}

describe('the notification letter (seeds 000 and 004)', () => {
  it('one page each, whatever the names; every child and division named; accents and Œ, ő, Ł printed', async () => {
    const long = letter({
      children: Array.from({ length: 6 }, (_, i) => ({
        firstName: `Marie-Antoinette-Élisabeth${i}`,
        lastName: 'De La Tour d’Auvergne-Lauraguais',
        divisionCode: `TG${i}`,
      })),
    });
    const { pages, count } = await write([
      letter(),
      long,
      letter({ kind: 'student', recipient: { ...letter().recipient, civility: '' } }),
    ]);
    expect(count).toBe(3);
    expect(pages).toHaveLength(3);
    const [first, second] = pages as [string, string];
    for (const text of [
      'Œlise',
      'Győző',
      'Łukasz',
      'N’DIAYE-LEFÈVRE',
      '2nde5',
      '4C',
      '6A',
      'oelise.ndiaye-lefevre',
      '23/02/2027',
      'Refus d’accès aux services en ligne',
      'Le chef d’établissement',
      'https://portail.example.fr/familles',
    ]) {
      expect(first).toContain(text);
    }
    for (let i = 0; i < 6; i++) expect(second).toContain(`TG${i}`);
    expect(pages[2]).toMatch(/vous\s+êtes\s+élève\s+de\s+2nde5/);
  });

  it('an active account’s letter recalls the identifiant only: no password, no deadline', async () => {
    const { pages } = await write([letter({ provisionalPassword: null, deadline: null })]);
    expect(pages[0]).toContain('oelise.ndiaye-lefevre');
    expect(pages[0]).not.toContain('DCB8RJ2W');
    expect(pages[0]).not.toContain('avant le');
    expect(pages[0]).toContain('il n’est pas imprimé');
  });

  it('tells which characters the font cannot print, before any batch', () => {
    expect(unprintableCharacters(fonts, 'Œlise Győző Łukasz N’Diaye-Lefèvre ẞ')).toEqual([]);
    expect(unprintableCharacters(fonts, 'Zoé 王芳 🙂')).toEqual(['王', '芳', '🙂']);
  });
});
