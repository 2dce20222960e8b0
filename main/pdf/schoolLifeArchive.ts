import { slashDate } from '../../shared/domain/frenchDates';
import type { LetterFonts } from './fonts';
import { printableTexts, renderLandscapeTable, TABLE_MARGIN, TABLE_WIDTH } from './landscapeTable';

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
const COLUMNS = [
  { title: 'Élève', width: 120 },
  { title: 'Type', width: 90 },
  { title: 'Du', width: 84 },
  { title: 'Au', width: 84 },
  // « Demi-journées » whole on one line in bold, « 06/10/2025 15 h 30 » too: from « Élève », « Motif ».
  { title: 'Demi-journées', width: 76 },
  { title: 'Motif', width: 98 },
  // Wide enough for their bold titles on one line (« Publiabl/e » was cut at 48).
  { title: 'Justifiée', width: 52 },
  { title: 'Publiable', width: 56 },
  { title: 'Famille avisée', width: TABLE_WIDTH - 660 },
] as const;

function heading(doc: Doc, data: SchoolLifeArchiveData): number {
  doc.font('bold').fontSize(9).fillColor('#444').text(data.schoolName, TABLE_MARGIN, TABLE_MARGIN);
  doc
    .font('bold')
    .fontSize(15)
    .fillColor('black')
    .text(`${data.title} — vie scolaire`, TABLE_MARGIN, TABLE_MARGIN + 14);
  const count = `${data.rows.length}${NBSP}évènement${data.rows.length > 1 ? 's' : ''}`;
  doc
    .font('regular')
    .fontSize(9)
    .text(
      `Archive de fin d’année — ${count} — imprimée le ${slashDate(data.printedOn)}`,
      TABLE_MARGIN,
      TABLE_MARGIN + 33,
    );
  return TABLE_MARGIN + 52;
}

/**
 * A division's vie scolaire for the school's archive (issue 17 §5): one row an event, the
 * heading repeated on every page, « page n / N » at the foot. Plain data in, PDF bytes out,
 * laid out as the rosters are (landscapeTable.ts).
 */
export function renderSchoolLifeArchivePdf(
  raw: SchoolLifeArchiveData,
  fonts: LetterFonts,
): Promise<Buffer> {
  const { missing, fix } = printableTexts(fonts, [raw.schoolName, raw.title, ...raw.rows.flat()]);
  const data: SchoolLifeArchiveData = {
    ...raw,
    schoolName: fix(raw.schoolName),
    title: fix(raw.title),
    rows: raw.rows.map((row) => row.map(fix) as SchoolLifeArchiveRow),
  };
  return renderLandscapeTable(
    {
      documentTitle: `${data.title} — vie scolaire (archive)`,
      columns: COLUMNS,
      rows: data.rows,
      fontSize: 8,
      boldColumn: 0,
      ruled: false,
      heading: (doc) => heading(doc, data),
      missingHint: '',
      emptyText: 'Aucun évènement de vie scolaire pour cette division.',
      footer: (page, count) => `page ${page}${NBSP}/${NBSP}${count}`,
    },
    fonts,
    missing,
  );
}
