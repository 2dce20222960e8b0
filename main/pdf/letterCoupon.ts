import type { NotificationLetterData } from './letterData';
import {
  GREY,
  INK,
  MARGIN,
  MM,
  NNBSP,
  PAGE_BOTTOM,
  PAGE_WIDTH,
  TEXT_WIDTH,
  dottedLine,
  fittingSize,
  onBaseline,
  registered,
  truncated,
  use,
  type Doc,
} from './letterPage';
import { childrenInLetterOrder, couponChildLabel } from './letterChildren';
import { pupilSignatureNote, recipientName, undersigned } from './letterWording';

// ---------------------------------------------------------------------------------------------
// The tear-off coupon

/** Draws the coupon at the foot of the page; returns where its cut line is. */
export function drawCoupon(doc: Doc, data: NotificationLetterData): number {
  const size = 9;
  // The identifiant is never broken across lines (its hyphens are non-breaking ones): the
  // school must read it whole to find the account.
  const login = data.login.replace(/-/g, '\u2011');
  const who = `${undersigned(data)} ${recipientName(data)} (identifiant ${login})`;
  const intro =
    data.kind === 'student'
      ? `${who} renonce à l’accès aux services en ligne.`
      : `${who} renonce à l’accès aux services en ligne (cocher la ou les cases)${NNBSP}:`;
  const introHeight = use(doc, 'regular', size).heightOfString(intro, { width: TEXT_WIDTH });
  // A student's coupon has no box: the student refuses for themself, the sentence says it.
  const items =
    data.kind === 'guardian'
      ? [
          'pour moi-même',
          ...childrenInLetterOrder(data.children).map((c) => couponChildLabel(c, data.children)),
        ]
      : [];
  // Two columns of boxes; three for a large family whose labels are short enough.
  const box = 3.4 * MM;
  const widthOf = (n: number) => (TEXT_WIDTH - 6 * MM) / n - box - 4 * MM;
  const threeFit =
    items.length > 6 && items.every((l) => use(doc, 'regular', 8).widthOfString(l) <= widthOf(3));
  const columns = items.length <= 1 ? 1 : threeFit ? 3 : 2;
  const rows = Math.ceil(items.length / columns);
  const rowHeight = (rows > 4 ? 5.2 : 6) * MM;
  const signatureRoom = 13 * MM;
  const noteSize = 7.5;
  const noteHeight = use(doc, 'regular', noteSize).currentLineHeight(true);

  const height =
    11 * MM + introHeight + 2 * MM + rows * rowHeight + 4 * MM + signatureRoom + noteHeight;
  const cutY = PAGE_BOTTOM - height;

  // The cut line, across the sheet, with its scissors.
  doc
    .save()
    .moveTo(16 * MM, cutY)
    .lineTo(PAGE_WIDTH - 10 * MM, cutY)
    .lineWidth(0.6)
    .dash(3, { space: 2.5 })
    .strokeColor(GREY)
    .stroke()
    .restore();
  const scissors = registered.get(doc)?.regular.hasGlyphForCodePoint(0x2702) ?? false;
  if (scissors) {
    use(doc, 'regular', 12, GREY);
    onBaseline(doc, '✂', 10 * MM, cutY + 4, 'regular', 12);
  }
  use(doc, 'regular', 6.5, GREY);
  doc.text('Coupon à découper', PAGE_WIDTH - MARGIN - 50 * MM, cutY + 1.2 * MM, {
    width: 50 * MM,
    align: 'right',
    lineBreak: false,
  });

  let y = cutY + 5 * MM;
  use(doc, 'bold', 10.5).text('Refus d’accès aux services en ligne', MARGIN, y, {
    width: TEXT_WIDTH,
    align: 'center',
    lineBreak: false,
  });
  y = cutY + 11 * MM;
  use(doc, 'regular', size).text(intro, MARGIN, y, { width: TEXT_WIDTH });
  y += introHeight + 2 * MM;

  const columnWidth = (TEXT_WIDTH - 6 * MM) / columns;
  items.forEach((label, i) => {
    // Row by row, as the body is read: « pour moi-même », then each child in the body's order.
    const column = i % columns;
    const x = MARGIN + 4 * MM + column * columnWidth;
    const rowTop = y + Math.floor(i / columns) * rowHeight;
    doc.rect(x, rowTop, box, box).lineWidth(0.7).strokeColor(INK).stroke();
    const labelWidth = widthOf(columns);
    const s = fittingSize(doc, label, 'regular', size, 7.5, labelWidth);
    use(doc, 'regular', s);
    onBaseline(
      doc,
      truncated(doc, label, labelWidth),
      x + box + 2 * MM,
      rowTop + box - 0.3 * MM,
      'regular',
      s,
    );
  });
  y += rows * rowHeight + 4 * MM;

  // « Fait à …… le …… » and the signature, on dotted lines to write on.
  const baseline = y;
  use(doc, 'regular', size);
  onBaseline(doc, 'Fait à', MARGIN, baseline, 'regular', size);
  const afterFait = MARGIN + doc.widthOfString('Fait à ') + 1;
  dottedLine(doc, afterFait, afterFait + 48 * MM, baseline);
  const leX = afterFait + 50 * MM;
  onBaseline(doc, 'le', leX, baseline, 'regular', size);
  dottedLine(doc, leX + doc.widthOfString('le ') + 1, leX + 30 * MM, baseline);
  const signatureX = MARGIN + TEXT_WIDTH * 0.62;
  onBaseline(doc, `Signature${NNBSP}:`, signatureX, baseline, 'regular', size);
  const signer = data.kind === 'student' ? pupilSignatureNote(data) : '';
  if (signer) {
    use(doc, 'regular', 7.5, GREY);
    onBaseline(doc, signer, signatureX, baseline + 3.5 * MM, 'regular', 7.5);
  }

  use(doc, 'regular', noteSize, GREY).text(
    'En cas de refus, merci de retourner ce coupon à l’attention de la direction de l’établissement.',
    MARGIN,
    PAGE_BOTTOM - noteHeight,
    { width: TEXT_WIDTH, align: 'center', lineBreak: false },
  );
  return cutY;
}
