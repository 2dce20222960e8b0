import PDFDocument from 'pdfkit';
import type { LetterFonts } from './fonts';
import {
  absenceNoticeParagraphs,
  ABSENCE_NOTICE_SUBJECT,
  type AbsenceNoticeFacts,
} from '../../shared/domain/vieScolaire/absenceNotice';
import { frenchSpacing } from '../../shared/domain/frenchTypography';
import type { LetterRecipient, LetterSchool } from './letterData';
import { drawHeader, drawRecipient } from './letterLayout';
import { BODY_TOP, MARGIN, MM, NNBSP, TEXT_WIDTH, registerLetterFonts, use } from './letterPage';
import { salutation } from './letterWording';

/**
 * The absence notice a CPE posts to a family (issue 17 §3), one page a guardian: plain data
 * in, PDF out. The wording is decided here; main/services/schoolLife picks the recipients.
 */
export interface AbsenceNoticeData extends AbsenceNoticeFacts {
  school: LetterSchool;
  place: string;
  /** 'YYYY-MM-DD': the notice's date. */
  date: string;
  envelopeWindow: 'left' | 'right';
  recipient: LetterRecipient;
}

export function renderAbsenceNotices(
  notices: readonly AbsenceNoticeData[],
  fonts: LetterFonts,
): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
  registerLetterFonts(doc, fonts);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const notice of notices) {
    doc.addPage();
    drawHeader(doc, notice);
    drawRecipient(doc, notice);
    let y = BODY_TOP;
    use(doc, 'bold', 11).text(
      `Objet${NNBSP}: ${ABSENCE_NOTICE_SUBJECT.toLocaleLowerCase('fr-FR')}`,
      MARGIN,
      y,
      {
        width: TEXT_WIDTH,
      },
    );
    y = doc.y + 6 * MM;
    use(doc, 'regular', 10.5).text(`${salutation(notice.recipient.civility)},`, MARGIN, y, {
      width: TEXT_WIDTH,
    });
    for (const paragraph of absenceNoticeParagraphs(notice)) {
      doc.moveDown(0.8);
      doc.text(frenchSpacing(paragraph), MARGIN, doc.y, { width: TEXT_WIDTH, align: 'justify' });
    }
    doc.moveDown(0.8);
    doc.text(
      `Veuillez agréer, ${salutation(notice.recipient.civility)}, l’expression de nos salutations distinguées.`,
      MARGIN,
      doc.y,
      { width: TEXT_WIDTH },
    );
    doc.moveDown(2);
    use(doc, 'bold', 10.5).text('La vie scolaire', MARGIN + TEXT_WIDTH / 2, doc.y, {
      width: TEXT_WIDTH / 2,
    });
  }
  doc.end();
  return done;
}
