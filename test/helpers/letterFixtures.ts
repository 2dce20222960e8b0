import { PassThrough } from 'node:stream';
import type { LetterFonts } from '../../main/pdf/fonts';
import type { NotificationLetterData } from '../../main/pdf/letterData';
import { openLetterDocument } from '../../main/pdf/notificationLetter';
import { baseIdentifiant, uniqueIdentifiant } from '../../shared/domain/identifiant';
import { pdfPages } from './pdfText';

export const school = {
  academie: 'Besançon',
  name: 'Lycée Claude-Nicolas Ledoux',
  address: {
    line1: '14 rue Alain Savary',
    line2: 'BP 1509',
    postalCode: '25006',
    city: 'Besançon Cedex',
    country: 'FRANCE',
  },
  phone: '03 81 48 18 18',
  email: 'ce.0251711z@ac-besancon.fr',
  portalUrl: 'https://portail.example.fr/familles',
};

/** A guardian of three with long names and a long address: the fullest ordinary letter. */
export function letter(overrides: Partial<NotificationLetterData> = {}): NotificationLetterData {
  return {
    kind: 'guardian',
    school,
    place: 'Besançon',
    date: '2026-11-23',
    recipient: {
      civility: 'Mme',
      lastName: 'N’Diaye-Lefèvre de La Roche-Guyon',
      firstName: 'Œlise-Marie-Antoinette',
      address: {
        line1: 'Résidence des Grands Chênes, bâtiment B, escalier 4',
        line2: '20 avenue du Maréchal de Lattre de Tassigny prolongée',
        postalCode: '25320',
        city: 'Montferrand-le-Château',
        country: 'FRANCE',
      },
    },
    children: [
      { firstName: 'Zoé', lastName: 'N’Diaye', divisionCode: '2nde5' },
      { firstName: 'Győző-Alexandre', lastName: 'N’Diaye', divisionCode: '4C' },
      { firstName: 'Łukasz', lastName: 'N’Diaye', divisionCode: '6A' },
    ],
    login: 'oelise.ndiaye-lefevre',
    provisionalPassword: 'DCB8RJ2W',
    deadline: '2027-02-23',
    envelopeWindow: 'left',
    ...overrides,
  };
}

/** The letters written as one PDF in memory, and each page's text read back. */
export async function letterPages(
  letters: NotificationLetterData[],
  fonts: LetterFonts,
): Promise<{ pdf: Buffer; pages: string[] }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const document = openLetterDocument(sink, fonts);
  for (const l of letters) await document.addLetter(l);
  await document.end();
  const pdf = Buffer.concat(chunks);
  return { pdf, pages: await pdfPages(pdf) };
}

/** Page text with runs of white space (spaced letters, no-break spaces) made one space. */
export const flat = (page: string) => page.replace(/\s+/g, ' ');

/** The longest identifiant the rule makes: two parts of 30 characters, a dot, a suffix. */
export const LONGEST_IDENTIFIANT = uniqueIdentifiant(
  baseIdentifiant('Marie-Christine-Alexandrine-Eugénie', 'Delatour-Montmorency-Laval de La Roche'),
  (candidate) => !/\d$/.test(candidate) || candidate.endsWith('1'),
);
