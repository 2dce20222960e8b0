// The letters bench's baseline: bare pdfkit drawing the same pages as the batch writer
// (main/pdf/notificationLetter.ts: same fonts, same text, the same QR image opened once),
// without its checks, without yielding to the event loop and without waiting for the disk.
// What the batch writer costs beyond it is the price of staying responsive.
import PDFDocument from 'pdfkit';
import { defaultFontsDir, loadLetterFonts } from '../main/pdf/fonts';
import type { LetterChild, NotificationLetterData } from '../main/pdf/letterData';
import {
  drawLetter,
  openLetterImage,
  portalQrPng,
  registerLetterFonts,
} from '../main/pdf/notificationLetter';

export const SAMPLE_PORTAL_URL = 'https://portail.example.fr/familles';

const FIRST_NAMES = ['Zoé', 'Léo', 'Łukasz', 'Győző', 'Maëlys', 'Noé', 'Anaïs', 'Jean-Baptiste'];
const LAST_NAMES = ['Martin', 'N’Diaye', 'Lefèvre', 'Œuvray', 'Kowalczyk', 'Da Silva', 'Müller'];
const DIVISIONS = ['6A', '5B', '4C', '3D', '2nde5', '1G2', 'TG4'];

/**
 * A letter like a campaign's, varied by `i` but the same for the same `i`: a student's letter
 * one time in three, one to three children on a guardian's, an identifiant-only letter (active
 * account) one time in seventeen, accented and Latin Extended names.
 */
export function sampleLetter(i: number): NotificationLetterData {
  const lastName = `${LAST_NAMES[i % LAST_NAMES.length]!}-${i}`;
  const kind = i % 3 === 0 ? 'student' : 'guardian';
  const childCount = kind === 'student' ? 1 : 1 + (i % 4 === 1 ? 1 : 0) + (i % 8 === 5 ? 1 : 0);
  const children: LetterChild[] = Array.from({ length: childCount }, (_, k) => ({
    firstName: FIRST_NAMES[(i + k) % FIRST_NAMES.length]!,
    lastName,
    divisionCode: DIVISIONS[(i + 2 * k) % DIVISIONS.length]!,
  }));
  const firstName = kind === 'student' ? children[0]!.firstName : i % 2 ? 'Élise' : 'Jean-Pierre';
  const active = i % 17 === 16;
  return {
    kind,
    school: {
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
      portalUrl: SAMPLE_PORTAL_URL,
    },
    place: 'Besançon',
    date: '2026-11-23',
    recipient: {
      civility: kind === 'student' ? '' : i % 2 ? 'Mme' : 'M.',
      lastName,
      firstName,
      address: {
        line1: `${(i % 120) + 1} rue des Écoles`,
        line2: i % 5 === 0 ? 'Résidence Les Tilleuls, bâtiment B' : '',
        postalCode: '25000',
        city: 'Besançon',
        country: 'FRANCE',
      },
    },
    children,
    login: `${firstName}.${lastName}`
      .normalize('NFD')
      .replace(/[\u0300-\u036f’ ]/g, '')
      .replace('Œ', 'oe')
      .replace('Ł', 'l')
      .toLowerCase(),
    provisionalPassword: active ? null : 'DCB8RJ2W',
    deadline: active ? null : '2027-02-23',
    envelopeWindow: i % 2 ? 'left' : 'right',
  };
}

/**
 * `count` letters (`sampleLetter(0)`…) as one PDF written to `output`, with bare pdfkit: one
 * page each, drawn one after the other in one go. Resolves once `output` has taken all.
 */
export async function writeBareLetters(
  count: number,
  output: NodeJS.WritableStream,
  fontsDir: string = defaultFontsDir(),
): Promise<{ pages: number }> {
  const fonts = loadLetterFonts(fontsDir);
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
  registerLetterFonts(doc, fonts);
  const finished = new Promise<void>((resolve, reject) => {
    output.once('finish', resolve);
    output.once('error', reject);
  });
  doc.pipe(output);
  const qr = openLetterImage(doc, await portalQrPng(SAMPLE_PORTAL_URL));
  for (let i = 0; i < count; i++) {
    doc.addPage();
    drawLetter(doc, sampleLetter(i), qr);
  }
  doc.end();
  await finished;
  return { pages: count };
}
