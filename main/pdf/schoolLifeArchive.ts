import PDFDocument from 'pdfkit';
import { slashDate } from '../../shared/domain/frenchDates';
import { unprintableCharacters, type LetterFonts } from './fonts';

type Doc = PDFKit.PDFDocument;

/** One event as the archive prints it: every cell already written in French. */
export type SchoolLifeArchiveRow = [
  pupil: string,
  kind: string,
  from: string,
  to: string,
  halfDays: string,
  motif: string,
  justified: string,
  published: string,
  familyNotified: string,
];

export interface SchoolLifeArchiveData {
  schoolName: string;
  /** « Division 5B ». */
  title: string;
  /** 'YYYY-MM-DD' (Paris). */
  printedOn: string;
  rows: SchoolLifeArchiveRow[];
}

const NBSP = '\u00a0';
const MARGIN = 36;
const PAGE = { width: 841.89, height: 595.28 };
const COLUMNS = [
  { title: 'Élève', width: 150 },
  { title: 'Type', width: 90 },
  { title: 'Du', width: 78 },
  { title: 'Au', width: 78 },
  { title: 'Demi-j.', width: 44 },
  { title: 'Motif', width: 124 },
  { title: 'Justifiée', width: 48 },
  { title: 'Publiable', width: 48 },
  { title: 'Famille avisée', width: PAGE.width - 2 * MARGIN - 660 },
] as const;
const CELL_PAD = 3;
const FONT_SIZE = 8;
const FOOTER_ROOM = 28;

function pageHeader(doc: Doc, data: SchoolLifeArchiveData, missing: readonly string[]): number {
  doc.font('bold').fontSize(9).fillColor('#444').text(data.schoolName, MARGIN, MARGIN);
  doc
    .font('bold')
    .fontSize(15)
    .fillColor('black')
    .text(`${data.title} — vie scolaire`, MARGIN, MARGIN + 14);
  const count = `${data.rows.length}${NBSP}évènement${data.rows.length > 1 ? 's' : ''}`;
  doc
    .font('regular')
    .fontSize(9)
    .text(
      `Archive de fin d’année — ${count} — imprimée le ${slashDate(data.printedOn)}`,
      MARGIN,
      MARGIN + 33,
    );
  let y = MARGIN + 52;
  if (missing.length > 0) {
    doc
      .font('bold')
      .fillColor('#b00020')
      .text(
        `Certains caractères ne s’impriment pas avec cette police${NBSP}: ils sont remplacés par «${NBSP}?${NBSP}».`,
        MARGIN,
        y - 6,
      );
    doc.fillColor('black');
    y += 10;
  }
  let x = MARGIN;
  doc.rect(MARGIN, y, PAGE.width - 2 * MARGIN, 15).fill('#e8eaf6');
  doc.fillColor('black').font('bold').fontSize(FONT_SIZE);
  for (const column of COLUMNS) {
    doc.text(column.title, x + CELL_PAD, y + 4, { width: column.width - 2 * CELL_PAD });
    x += column.width;
  }
  return y + 15;
}

/**
 * A division's vie scolaire for the school's archive (issue 17 §5): one row an event, the
 * heading repeated on every page, « page n / N » at the foot. Plain data in, PDF bytes out,
 * laid out as the rosters (rosterList.ts) are.
 */
export function renderSchoolLifeArchivePdf(
  raw: SchoolLifeArchiveData,
  fonts: LetterFonts,
): Promise<Buffer> {
  // pdfkit drops a glyph its font lacks without a word: print « ? » and say so.
  const missing = unprintableCharacters(
    fonts,
    [raw.schoolName, raw.title, ...raw.rows.flat()].join(' '),
  );
  const fix = (text: string) =>
    missing.length === 0
      ? text
      : [...text.normalize('NFC')].map((c) => (missing.includes(c) ? '?' : c)).join('');
  const data: SchoolLifeArchiveData = {
    ...raw,
    schoolName: fix(raw.schoolName),
    title: fix(raw.title),
    rows: raw.rows.map((row) => row.map(fix) as SchoolLifeArchiveRow),
  };
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    bufferPages: true,
    info: { Title: `${data.title} — vie scolaire (archive)`, Creator: 'Pupitre' },
  });
  doc.registerFont('regular', fonts.regular as never);
  doc.registerFont('bold', fonts.bold as never);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  let y = pageHeader(doc, data, missing);
  if (data.rows.length === 0) {
    doc
      .font('regular')
      .fontSize(10)
      .text('Aucun évènement de vie scolaire pour cette division.', MARGIN, y + 10);
  }
  data.rows.forEach((values, index) => {
    doc.font('regular').fontSize(FONT_SIZE);
    const height =
      Math.max(
        ...values.map((v, i) => doc.heightOfString(v, { width: COLUMNS[i]!.width - 2 * CELL_PAD })),
      ) +
      2 * CELL_PAD;
    if (y + height > PAGE.height - MARGIN - FOOTER_ROOM) {
      doc.addPage();
      y = pageHeader(doc, data, missing);
    }
    if (index % 2 === 1) doc.rect(MARGIN, y, PAGE.width - 2 * MARGIN, height).fill('#f5f5f5');
    let x = MARGIN;
    values.forEach((value, i) => {
      doc
        .fillColor('black')
        .font(i === 0 ? 'bold' : 'regular')
        .fontSize(FONT_SIZE)
        .text(value, x + CELL_PAD, y + CELL_PAD, { width: COLUMNS[i]!.width - 2 * CELL_PAD });
      x += COLUMNS[i]!.width;
    });
    y += height;
  });

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#444')
      .text(`page ${i + 1}${NBSP}/${NBSP}${range.count}`, MARGIN, PAGE.height - MARGIN - 10, {
        width: PAGE.width - 2 * MARGIN,
        align: 'right',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
