import PDFDocument from 'pdfkit';
import { slashDate } from '../../shared/domain/frenchDates';
import { unprintableCharacters, type LetterFonts } from './fonts';

type Doc = PDFKit.PDFDocument;

export interface RosterGuardian {
  /** « Mme DUPONT Claire (mère) ». */
  name: string;
  /** Formatted and labelled: « 06 11 11 22 22 (portable) ». */
  phones: string[];
}

export interface RosterEntry {
  lastName: string;
  firstName: string;
  birthDate: string | null;
  regime: string;
  /** Shown beside the name on a group's list (a group mixes divisions). */
  divisionCode: string | null;
  guardians: RosterGuardian[];
}

export interface RosterData {
  schoolName: string;
  /** « Division 5B » or « Groupe 4LAT1 ». */
  title: string;
  /** The division's label and the school year, when known. */
  subtitle: string;
  /** 'YYYY-MM-DD' (Paris). */
  printedOn: string;
  /** A group's list says each pupil's division; a division's list need not. */
  showsDivision: boolean;
  entries: RosterEntry[];
}

const NBSP = '\u00a0';
const MARGIN = 36;
// Landscape: a guardian and their phones fit on one line.
const PAGE = { width: 841.89, height: 595.28 };
const COLUMNS = [
  { title: 'N°', width: 22 },
  { title: 'Élève', width: 170 },
  { title: 'Né(e) le', width: 62 },
  { title: 'Régime', width: 92 },
  { title: 'Responsables et téléphones', width: PAGE.width - 2 * MARGIN - 22 - 170 - 62 - 92 },
] as const;
const CELL_PAD = 3;
const FOOTER_ROOM = 28;

function pageHeader(doc: Doc, data: RosterData, missing: readonly string[]): number {
  doc.font('bold').fontSize(9).fillColor('#444').text(data.schoolName, MARGIN, MARGIN);
  doc
    .font('bold')
    .fontSize(16)
    .fillColor('black')
    .text(data.title, MARGIN, MARGIN + 14);
  const count = `${data.entries.length}${NBSP}élève${data.entries.length > 1 ? 's' : ''}`;
  doc
    .font('regular')
    .fontSize(9)
    .text(
      [data.subtitle, count, `imprimé le ${slashDate(data.printedOn)}`].filter(Boolean).join(' — '),
      MARGIN,
      MARGIN + 34,
    );
  let y = MARGIN + 54;
  if (missing.length > 0) {
    doc
      .font('bold')
      .fillColor('#b00020')
      .text(
        `Certains caractères ne s’impriment pas avec cette police${NBSP}: ils sont remplacés par «${NBSP}?${NBSP}» (vérifiez ces noms dans Pupitre).`,
        MARGIN,
        y - 6,
      );
    doc.fillColor('black');
    y += 10;
  }
  let x = MARGIN;
  doc.rect(MARGIN, y, PAGE.width - 2 * MARGIN, 16).fill('#e8eaf6');
  doc.fillColor('black').font('bold').fontSize(8.5);
  for (const column of COLUMNS) {
    doc.text(column.title, x + CELL_PAD, y + 4, { width: column.width - 2 * CELL_PAD });
    x += column.width;
  }
  return y + 16;
}

function guardianLines(entry: RosterEntry): string {
  if (entry.guardians.length === 0) return 'Aucun responsable enregistré';
  return entry.guardians
    .map((g) => {
      // A number is never cut across two lines: its spaces become no-break ones.
      const phones = g.phones.map((phone) => phone.replace(/ /g, NBSP)).join(', ');
      return `${g.name}${NBSP}: ${phones || 'pas de téléphone'}`;
    })
    .join('\n');
}

function cells(
  entry: RosterEntry,
  index: number,
  showsDivision: boolean,
): [string, string, string, string, string] {
  const name = `${entry.lastName.toLocaleUpperCase('fr-FR')} ${entry.firstName}`;
  return [
    String(index + 1),
    showsDivision ? `${name}\n${entry.divisionCode ?? 'sans division'}` : name,
    entry.birthDate ? slashDate(entry.birthDate) : '',
    entry.regime,
    guardianLines(entry),
  ];
}

function rowHeight(doc: Doc, values: readonly string[]): number {
  doc.font('regular').fontSize(8.5);
  const heights = values.map((value, i) =>
    doc.heightOfString(value, { width: COLUMNS[i]!.width - 2 * CELL_PAD }),
  );
  return Math.max(...heights) + 2 * CELL_PAD;
}

/**
 * pdfkit drops a character its font lacks without a word (« Zo » for « Zoé »): on a list, each
 * such character is printed « ? » and the heading says which, so nobody copies a wrong name.
 */
function printable(data: RosterData, fonts: LetterFonts): { data: RosterData; missing: string[] } {
  const texts = data.entries.flatMap((e) => [
    e.lastName,
    e.firstName,
    e.regime,
    ...e.guardians.flatMap((g) => [g.name, ...g.phones]),
  ]);
  const missing = unprintableCharacters(fonts, [data.schoolName, data.title, ...texts].join(' '));
  if (missing.length === 0) return { data, missing };
  const fix = (text: string) =>
    [...text.normalize('NFC')].map((c) => (missing.includes(c) ? '?' : c)).join('');
  return {
    missing,
    data: {
      ...data,
      schoolName: fix(data.schoolName),
      title: fix(data.title),
      entries: data.entries.map((e) => ({
        ...e,
        lastName: fix(e.lastName),
        firstName: fix(e.firstName),
        regime: fix(e.regime),
        guardians: e.guardians.map((g) => ({ name: fix(g.name), phones: g.phones.map(fix) })),
      })),
    },
  };
}

/**
 * The list a secretariat prints for a division or a group: one row a pupil (name, date of
 * birth, régime, each guardian with their phones), the heading repeated on every page and
 * « page n / N » at the foot. Plain data in, PDF bytes out.
 */
export function renderRosterPdf(raw: RosterData, fonts: LetterFonts): Promise<Buffer> {
  const { data, missing } = printable(raw, fonts);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    bufferPages: true,
    info: { Title: `${data.title} — liste des élèves`, Creator: 'Pupitre' },
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
  data.entries.forEach((entry, index) => {
    const values = cells(entry, index, data.showsDivision);
    const height = rowHeight(doc, values);
    if (y + height > PAGE.height - MARGIN - FOOTER_ROOM) {
      doc.addPage();
      y = pageHeader(doc, data, missing);
    }
    if (index % 2 === 1) doc.rect(MARGIN, y, PAGE.width - 2 * MARGIN, height).fill('#f5f5f5');
    let x = MARGIN;
    values.forEach((value, i) => {
      doc
        .fillColor('black')
        .font(i === 1 ? 'bold' : 'regular')
        .fontSize(8.5)
        .text(value, x + CELL_PAD, y + CELL_PAD, { width: COLUMNS[i]!.width - 2 * CELL_PAD });
      x += COLUMNS[i]!.width;
    });
    y += height;
    doc
      .moveTo(MARGIN, y)
      .lineTo(PAGE.width - MARGIN, y)
      .lineWidth(0.3)
      .strokeColor('#bbb')
      .stroke();
  });
  if (data.entries.length === 0) {
    doc
      .font('regular')
      .fontSize(10)
      .text('Aucun élève.', MARGIN, y + 10);
  }

  const range = doc.bufferedPageRange();
  for (let page = 0; page < range.count; page++) {
    doc.switchToPage(range.start + page);
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#444')
      .text(
        `${data.title} — page ${page + 1}${NBSP}/${NBSP}${range.count}`,
        MARGIN,
        PAGE.height - MARGIN - 10,
        { width: PAGE.width - 2 * MARGIN, align: 'right', lineBreak: false },
      );
  }
  doc.end();
  return done;
}
