import PDFDocument from 'pdfkit';
import { slashDate } from '../../shared/domain/frenchDates';
import { frenchSpacing } from '../../shared/domain/frenchTypography';
import { unprintableCharacters, type LetterFonts } from './fonts';
import {
  GREY,
  INK,
  NBSP,
  NNBSP,
  fittingSize,
  registerLetterFonts,
  truncated,
  use,
  type Doc,
} from './letterPage';

export interface ReportCardSubject {
  label: string;
  /** « M. DURAND, Mme LEROY ». */
  teachers: string;
  /** « 12,50 », « 8,00/10 (coef. 2) », « Abs ». */
  marks: string[];
  average: string;
  classAverage: string;
  lowest: string;
  highest: string;
  /** The subject's coefficient in the general average, « 2 », « 1,5 »: printed « coef. 2 ». */
  coefficient: string;
}

export interface ReportCardPupil {
  lastName: string;
  firstName: string;
  subjects: ReportCardSubject[];
  /** « 12,34 » or « — ». */
  generalAverage: string;
}

export interface ReportCardData {
  schoolName: string;
  divisionCode: string;
  /** « Trimestre 1 ». */
  periodLabel: string;
  periodStartsOn: string;
  periodEndsOn: string;
  /** 'YYYY-MM-DD' (Paris): the marks are those a family could see that day. */
  printedOn: string;
  pupils: ReportCardPupil[];
  /** Set by the renderer: characters the font lacks, printed « ? » (the heading says so). */
  missingCharacters?: string[];
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 36;
const WIDTH = PAGE.width - 2 * MARGIN;
const FOOTER_ROOM = 22;
const PAD = 3;
const FIGURE = 48;
const HEAD_HEIGHT = 24;
// Two lines each: the figures' titles are wider than their figures.
const COLUMNS = [
  { title: 'Matière\net professeurs', width: 150, align: 'left' },
  {
    title: 'Notes\nsur 20 et coefficient 1 sauf mention',
    width: WIDTH - 150 - 4 * FIGURE,
    align: 'left',
  },
  { title: 'Moyenne\nélève', width: FIGURE, align: 'right' },
  { title: 'Moyenne\nclasse', width: FIGURE, align: 'right' },
  { title: 'Plus\nbasse', width: FIGURE, align: 'right' },
  { title: 'Plus\nhaute', width: FIGURE, align: 'right' },
] as const;

/** The line under every relevé: how the figures above were made (docs/AVERAGES.md). */
export const REPORT_CARD_METHOD = frenchSpacing(
  'Comment sont calculées ces moyennes : chaque note est ramenée sur 20 ; la moyenne d’une matière est Σ (note × coefficient) ÷ Σ coefficients ; Abs, Disp, NN et les notes de coefficient 0 ne comptent pas ; une note facultative ne compte que si elle relève la moyenne. Moyenne générale : Σ (moyenne de la matière × coefficient de la matière) ÷ Σ coefficients des matières. Moyenne de classe, plus basse et plus haute : sur les moyennes des élèves qui suivent la matière. Arrondi au centième, demi vers le haut. Figurent les notes que la famille peut voir sur le portail à la date d’impression.',
);

function pupilName(p: Pick<ReportCardPupil, 'lastName' | 'firstName'>) {
  return `${p.lastName.toLocaleUpperCase('fr-FR')} ${p.firstName}`;
}

/** Heading of a pupil's page (repeated, « suite », on the next ones); returns the table's top. */
function header(doc: Doc, data: ReportCardData, pupil: ReportCardPupil, more: boolean): number {
  use(doc, 'bold', 9, GREY).text(data.schoolName, MARGIN, MARGIN, { width: WIDTH });
  let y = doc.y + 4;
  use(doc, 'bold', 16).text(`Relevé de notes${more ? ' (suite)' : ''}`, MARGIN, y, {
    width: WIDTH,
  });
  y = doc.y + 4;
  const name = pupilName(pupil);
  // A long name shrinks to 10 pt, then wraps: it is never cut.
  use(doc, 'bold', fittingSize(doc, name, 'bold', 13, 10, WIDTH)).text(name, MARGIN, y, {
    width: WIDTH,
  });
  y = doc.y + 2;
  const period = `${data.periodLabel} (du ${slashDate(data.periodStartsOn)} au ${slashDate(data.periodEndsOn)})`;
  use(doc, 'regular', 9).text(
    [`Division ${data.divisionCode}`, period, `imprimé le ${slashDate(data.printedOn)}`].join(
      ' — ',
    ),
    MARGIN,
    y,
    { width: WIDTH },
  );
  y = doc.y + 8;
  if (data.missingCharacters?.length) {
    use(doc, 'bold', 8, '#b00020').text(
      `Certains caractères ne s’impriment pas avec cette police${NNBSP}: ils sont remplacés par «${NBSP}?${NBSP}» (vérifiez ces noms dans Pupitre).`,
      MARGIN,
      y - 4,
      { width: WIDTH },
    );
    y = doc.y + 4;
  }
  doc.rect(MARGIN, y, WIDTH, HEAD_HEIGHT).fill('#e8eaf6');
  let x = MARGIN;
  for (const column of COLUMNS) {
    use(doc, 'bold', 7).text(column.title, x + PAD, y + 3, {
      width: column.width - 2 * PAD,
      align: column.align,
      lineGap: 0.5,
    });
    x += column.width;
  }
  return y + HEAD_HEIGHT;
}

function cells(subject: ReportCardSubject): string[] {
  return [
    '',
    subject.marks.length === 0
      ? 'Aucune note'
      : // A mark and its « (coef. 2) » never part across two lines.
        subject.marks.map((m) => m.replace(/ /g, NBSP)).join(`${NBSP}· `),
    subject.average,
    subject.classAverage,
    subject.lowest,
    subject.highest,
  ];
}

/**
 * Under the subject's name, for the family to redo the general average by hand: its
 * coefficient, printed even when it is 1.
 */
const coefficientLine = (subject: ReportCardSubject) =>
  `coef.${NBSP}${subject.coefficient} dans la moyenne générale`;

function subjectHeight(doc: Doc, subject: ReportCardSubject): number {
  const inner = (i: number) => COLUMNS[i]!.width - 2 * PAD;
  const label =
    use(doc, 'bold', 8.5).heightOfString(subject.label, { width: inner(0) }) +
    (subject.teachers
      ? use(doc, 'regular', 7.5).heightOfString(subject.teachers, { width: inner(0) }) + 1
      : 0) +
    use(doc, 'regular', 7.5).heightOfString(coefficientLine(subject), { width: inner(0) }) +
    1;
  const marks = use(doc, 'regular', 8.5).heightOfString(cells(subject)[1]!, { width: inner(1) });
  return Math.max(label, marks, 10) + 2 * PAD;
}

function drawSubject(
  doc: Doc,
  subject: ReportCardSubject,
  y: number,
  height: number,
  odd: boolean,
) {
  if (odd) doc.rect(MARGIN, y, WIDTH, height).fill('#f5f5f5');
  const inner0 = COLUMNS[0].width - 2 * PAD;
  use(doc, 'bold', 8.5).text(subject.label, MARGIN + PAD, y + PAD, { width: inner0 });
  if (subject.teachers) {
    use(doc, 'regular', 7.5, GREY).text(subject.teachers, MARGIN + PAD, doc.y + 1, {
      width: inner0,
    });
  }
  use(doc, 'regular', 7.5, GREY).text(coefficientLine(subject), MARGIN + PAD, doc.y + 1, {
    width: inner0,
  });
  let x = MARGIN + COLUMNS[0].width;
  cells(subject).forEach((value, i) => {
    if (i === 0) return;
    const column = COLUMNS[i]!;
    use(doc, i === 2 ? 'bold' : 'regular', 8.5, value === 'Aucune note' ? GREY : INK).text(
      value,
      x + PAD,
      y + PAD,
      { width: column.width - 2 * PAD, align: column.align },
    );
    x += column.width;
  });
  doc
    .moveTo(MARGIN, y + height)
    .lineTo(MARGIN + WIDTH, y + height)
    .lineWidth(0.3)
    .strokeColor('#bbb')
    .stroke();
}

/** A pupil's relevé from a fresh page; returns how many pages it took. */
function drawPupil(doc: Doc, data: ReportCardData, pupil: ReportCardPupil): number {
  let pages = 1;
  const bottom = PAGE.height - MARGIN - FOOTER_ROOM;
  let y = header(doc, data, pupil, false);
  const newPage = () => {
    doc.addPage();
    pages++;
    y = header(doc, data, pupil, true);
  };
  pupil.subjects.forEach((subject, index) => {
    const height = subjectHeight(doc, subject);
    if (y + height > bottom) newPage();
    drawSubject(doc, subject, y, height, index % 2 === 1);
    y += height;
  });
  if (pupil.subjects.length === 0) {
    use(doc, 'regular', 9, GREY).text('Aucune matière pour cette période.', MARGIN, y + 6);
    y = doc.y;
  }
  const general = `Moyenne générale${NNBSP}: ${pupil.generalAverage}`;
  const method = use(doc, 'regular', 7.5).heightOfString(REPORT_CARD_METHOD, { width: WIDTH });
  if (y + 10 + 16 + method + 8 > bottom) newPage();
  use(doc, 'bold', 11).text(general, MARGIN, y + 10, { width: WIDTH, align: 'right' });
  use(doc, 'regular', 7.5, GREY).text(REPORT_CARD_METHOD, MARGIN, doc.y + 8, { width: WIDTH });
  return pages;
}

/** pdfkit drops a glyph its font lacks (« Zo » for « Zoé »): such characters print « ? ». */
function printable(data: ReportCardData, fonts: LetterFonts): ReportCardData {
  const all = [
    data.schoolName,
    data.divisionCode,
    ...data.pupils.flatMap((p) => [
      p.lastName,
      p.firstName,
      ...p.subjects.flatMap((s) => [s.label, s.teachers]),
    ]),
  ].join(' ');
  const missing = unprintableCharacters(fonts, all);
  if (missing.length === 0) return data;
  const fix = (text: string) =>
    [...text.normalize('NFC')].map((c) => (missing.includes(c) ? '?' : c)).join('');
  return {
    ...data,
    missingCharacters: missing,
    schoolName: fix(data.schoolName),
    divisionCode: fix(data.divisionCode),
    pupils: data.pupils.map((p) => ({
      ...p,
      lastName: fix(p.lastName),
      firstName: fix(p.firstName),
      subjects: p.subjects.map((s) => ({ ...s, label: fix(s.label), teachers: fix(s.teachers) })),
    })),
  };
}

/**
 * The « relevé de notes » of one pupil or a whole division over a period (issue 16 §6), for
 * families who do not use the portal: each pupil on fresh pages, one row a subject (teachers,
 * marks, the pupil's average, the class's average, lowest and highest), the general average
 * and how it was made; « page n / N » of the pupil at the foot. Plain data in, PDF bytes out.
 */
export function renderReportCardPdf(raw: ReportCardData, fonts: LetterFonts): Promise<Buffer> {
  const data = printable(raw, fonts);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    info: {
      Title: `Relevé de notes — ${data.divisionCode} — ${data.periodLabel}`,
      Creator: 'Pupitre',
    },
  });
  registerLetterFonts(doc, fonts);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const spans: { pupil: ReportCardPupil; first: number; count: number }[] = [];
  let page = 0;
  data.pupils.forEach((pupil, index) => {
    if (index > 0) doc.addPage();
    const count = drawPupil(doc, data, pupil);
    spans.push({ pupil, first: page, count });
    page += count;
  });
  if (data.pupils.length === 0) {
    use(doc, 'bold', 9, GREY).text(data.schoolName, MARGIN, MARGIN, { width: WIDTH });
    use(doc, 'regular', 11).text(
      `Division ${data.divisionCode} — ${data.periodLabel}${NNBSP}: aucun élève.`,
      MARGIN,
      MARGIN + 20,
    );
  }
  for (const span of spans) {
    for (let i = 0; i < span.count; i++) {
      doc.switchToPage(span.first + i);
      const foot = `page ${i + 1}${NBSP}/${NBSP}${span.count} — ${data.periodLabel} — ${pupilName(span.pupil)}`;
      use(doc, 'regular', 7.5, GREY).text(
        truncated(doc, foot, WIDTH),
        MARGIN,
        PAGE.height - MARGIN - 8,
        { width: WIDTH, align: 'right', lineBreak: false },
      );
    }
  }
  doc.end();
  return done;
}
