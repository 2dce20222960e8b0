import { slashDate } from '../../shared/domain/frenchDates';
import type { NotificationLetterData } from './letterData';
import { drawBody } from './letterBody';
import { drawCoupon } from './letterCoupon';
import {
  GREY,
  HEADER_LIMIT,
  INK,
  MARGIN,
  MM,
  NNBSP,
  PAGE_WIDTH,
  addressZone,
  use,
  type Doc,
  type FontName,
  type LetterImage,
} from './letterPage';
import { addressLines, recipientName } from './letterWording';

/** One letter on the document's current page (exported for the letters bench's baseline). */
export function drawLetter(doc: Doc, data: NotificationLetterData, qr: LetterImage | null) {
  drawHeader(doc, data);
  drawRecipient(doc, data);
  const cutY = drawCoupon(doc, data);
  drawBody(doc, data, qr, cutY - 5 * MM);
}

// ---------------------------------------------------------------------------------------------
// Header, date, recipient

/** The school's header and the place and date (shared with the absence notice). */
export function drawHeader(
  doc: Doc,
  data: Pick<NotificationLetterData, 'school' | 'place' | 'date'>,
) {
  const s = data.school;
  const width = 90 * MM;
  const academie = s.academie
    ? /^acad/i.test(s.academie)
      ? s.academie
      : `Académie de ${s.academie}`
    : '';
  type Line = { text: string; font: FontName; size: number; color: string };
  const all: Line[] = [
    { text: academie, font: 'regular', size: 8.5, color: GREY },
    { text: s.name, font: 'bold', size: 10.5, color: INK },
    ...addressLines(s.address).map((text) => ({
      text,
      font: 'regular' as const,
      size: 8.5,
      color: GREY,
    })),
    { text: s.phone && `Tél.${NNBSP}: ${s.phone}`, font: 'regular', size: 8.5, color: GREY },
    { text: s.email && `Courriel${NNBSP}: ${s.email}`, font: 'regular', size: 8.5, color: GREY },
  ];
  const lines = all.filter((l) => l.text);
  const top = 13 * MM;
  // A long name or address shrinks the header rather than letting it reach the window.
  let scale = 1;
  const height = (k: number) =>
    lines.reduce(
      (sum, l) =>
        sum +
        use(doc, l.font, l.size * k).heightOfString(l.text, { width }) +
        (l.font === 'bold' ? 1.5 : 0),
      0,
    );
  while (scale > 0.7 && top + height(scale) > HEADER_LIMIT) scale -= 0.05;
  let y = top;
  for (const l of lines) {
    const size = l.size * scale;
    use(doc, l.font, size, l.color);
    const h = doc.heightOfString(l.text, { width });
    if (y + h > HEADER_LIMIT) break;
    doc.text(l.text, MARGIN, y, { width });
    y += h + (l.font === 'bold' ? 1.5 : 0);
  }

  const placeDate = `${data.place ? `${data.place.toUpperCase()}, le` : 'Le'} ${slashDate(data.date)}`;
  use(doc, 'regular', 10);
  doc.text(placeDate, PAGE_WIDTH - MARGIN - 70 * MM, top, { width: 70 * MM, align: 'right' });
}

/** The recipient in the envelope's window (shared with the absence notice). */
export function drawRecipient(
  doc: Doc,
  data: Pick<NotificationLetterData, 'envelopeWindow' | 'carrier' | 'recipient'>,
) {
  const zone = addressZone(data.envelopeWindow);
  const x = zone.x * MM;
  const width = zone.width * MM;
  type Line = { text: string; font: FontName; color?: string };
  const lines: Line[] = [
    // Handed out in class: whom the teacher gives it to, seen through the window.
    ...(data.carrier
      ? [{ text: `Remis à l’élève ${data.carrier}`, font: 'regular' as const, color: GREY }]
      : []),
    { text: recipientName(data), font: 'bold' },
    ...addressLines(data.recipient.address).map((text) => ({ text, font: 'regular' as const })),
  ];
  // One size for the block, the largest (10.5 down to 8.5 pt) at which every line holds on one
  // line; a line still too long wraps (the address must be whole for the post), and the block
  // shrinks further if it must to hold in the window. It is centred in the window.
  const fitsOneLine = (size: number) =>
    lines.every((l) => use(doc, l.font, size).widthOfString(l.text) <= width);
  let size = 10.5;
  while (size > 8.5 && !fitsOneLine(size)) size -= 0.25;
  const lineGap = 1.5;
  const heightAt = (k: number) =>
    lines.map((l) => use(doc, l.font, k).heightOfString(l.text, { width, lineGap }));
  let heights = heightAt(size);
  const total = () => heights.reduce((sum, h) => sum + h, 0);
  while (size > 7 && total() > zone.height * MM) heights = heightAt((size -= 0.25));
  let y = zone.y * MM + Math.max(0, (zone.height * MM - total()) / 2);
  lines.forEach((l, i) => {
    use(doc, l.font, size, l.color).text(l.text, x, y, { width, lineGap });
    y += heights[i]!;
  });
}
