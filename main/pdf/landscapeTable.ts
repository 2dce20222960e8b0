import PDFDocument from 'pdfkit';
import { unprintableCharacters, type LetterFonts } from './fonts';

type Doc = PDFKit.PDFDocument;

const NBSP = '\u00a0';
export const TABLE_MARGIN = 36;
/** A4 landscape, in points: a row of a list reads on one line. */
export const TABLE_PAGE = { width: 841.89, height: 595.28 } as const;
/** What the columns share between the margins. */
export const TABLE_WIDTH = TABLE_PAGE.width - 2 * TABLE_MARGIN;
const CELL_PAD = 3;
const HEADER_ROW = 16;
const FOOTER_ROOM = 28;

export interface TableColumn {
  title: string;
  width: number;
}

export interface LandscapeTable {
  /** The PDF's own title (its properties). */
  documentTitle: string;
  columns: readonly TableColumn[];
  rows: readonly (readonly string[])[];
  fontSize: number;
  /** The column printed in bold: the pupil's name. */
  boldColumn: number;
  /** A thin rule under each row (a roster, written on by hand). */
  ruled: boolean;
  /**
   * The lines above the column heading, drawn again on every page (school, title, count);
   * returns where the heading goes. The texts are already made printable.
   */
  heading: (doc: Doc) => number;
  /** Said after the warning that some characters print « ? ». */
  missingHint: string;
  /** Printed when there is no row. */
  emptyText: string;
  /** The foot of page `page` of `count` (« page 2 / 5 »). */
  footer: (page: number, count: number) => string;
}

/**
 * pdfkit drops a character its font lacks without a word (« Zo » for « Zoé »): on a list, each
 * such character is printed « ? », and the heading says so, so nobody copies a wrong name.
 */
export function printableTexts(
  fonts: LetterFonts,
  texts: readonly string[],
): { missing: string[]; fix: (text: string) => string } {
  const missing = unprintableCharacters(fonts, texts.join(' '));
  const fix = (text: string) =>
    missing.length === 0
      ? text
      : [...text.normalize('NFC')].map((c) => (missing.includes(c) ? '?' : c)).join('');
  return { missing, fix };
}

function pageHeading(doc: Doc, table: LandscapeTable, missing: readonly string[]): number {
  let y = table.heading(doc);
  if (missing.length > 0) {
    doc
      .font('bold')
      .fontSize(9)
      .fillColor('#b00020')
      .text(
        `Certains caractères ne s’impriment pas avec cette police${NBSP}: ils sont remplacés par «${NBSP}?${NBSP}»${table.missingHint}.`,
        TABLE_MARGIN,
        y - 6,
      );
    doc.fillColor('black');
    y += 10;
  }
  let x = TABLE_MARGIN;
  doc.rect(TABLE_MARGIN, y, TABLE_WIDTH, HEADER_ROW).fill('#e8eaf6');
  doc.fillColor('black').font('bold').fontSize(table.fontSize);
  for (const column of table.columns) {
    doc.text(column.title, x + CELL_PAD, y + 4, { width: column.width - 2 * CELL_PAD });
    x += column.width;
  }
  return y + HEADER_ROW;
}

/**
 * A list printed as a landscape table (a roster, a division's vie scolaire archive): the
 * heading and the column titles repeated on every page, zebra rows that never split across a
 * page, the footer on each page. Plain data in, PDF bytes out.
 */
export function renderLandscapeTable(
  table: LandscapeTable,
  fonts: LetterFonts,
  missing: readonly string[],
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    bufferPages: true,
    info: { Title: table.documentTitle, Creator: 'Pupitre' },
  });
  doc.registerFont('regular', fonts.regular as never);
  doc.registerFont('bold', fonts.bold as never);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const cellWidth = (i: number) => table.columns[i]!.width - 2 * CELL_PAD;

  let y = pageHeading(doc, table, missing);
  if (table.rows.length === 0) {
    doc
      .font('regular')
      .fontSize(10)
      .text(table.emptyText, TABLE_MARGIN, y + 10);
  }
  table.rows.forEach((values, index) => {
    doc.font('regular').fontSize(table.fontSize);
    const height =
      Math.max(...values.map((v, i) => doc.heightOfString(v, { width: cellWidth(i) }))) +
      2 * CELL_PAD;
    if (y + height > TABLE_PAGE.height - TABLE_MARGIN - FOOTER_ROOM) {
      doc.addPage();
      y = pageHeading(doc, table, missing);
    }
    if (index % 2 === 1) doc.rect(TABLE_MARGIN, y, TABLE_WIDTH, height).fill('#f5f5f5');
    let x = TABLE_MARGIN;
    values.forEach((value, i) => {
      doc
        .fillColor('black')
        .font(i === table.boldColumn ? 'bold' : 'regular')
        .fontSize(table.fontSize)
        .text(value, x + CELL_PAD, y + CELL_PAD, { width: cellWidth(i) });
      x += table.columns[i]!.width;
    });
    y += height;
    if (table.ruled) {
      doc
        .moveTo(TABLE_MARGIN, y)
        .lineTo(TABLE_PAGE.width - TABLE_MARGIN, y)
        .lineWidth(0.3)
        .strokeColor('#bbb')
        .stroke();
    }
  });

  const range = doc.bufferedPageRange();
  for (let page = 0; page < range.count; page++) {
    doc.switchToPage(range.start + page);
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#444')
      .text(
        table.footer(page + 1, range.count),
        TABLE_MARGIN,
        TABLE_PAGE.height - TABLE_MARGIN - 10,
        { width: TABLE_WIDTH, align: 'right', lineBreak: false },
      );
  }
  doc.end();
  return done;
}
