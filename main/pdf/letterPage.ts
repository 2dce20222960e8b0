import type { LetterFonts } from './fonts';

/** Page geometry and the drawing primitives every part of the letter uses. */
export type Doc = PDFKit.PDFDocument;
export type FontName = 'regular' | 'bold' | 'mono';
/** An image opened once on a document, drawn on as many pages as needed. */
export type LetterImage = { readonly width: number; readonly height: number };

export const MM = 72 / 25.4;
export const PAGE_WIDTH = 210 * MM;
export const PAGE_HEIGHT = 297 * MM;
export const MARGIN = 20 * MM;
export const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** Nothing is printed below: most office printers leave the last 5 mm blank. */
export const PAGE_BOTTOM = PAGE_HEIGHT - 9 * MM;

export const INK = '#000000';
export const GREY = '#444444';
export const FRAME = '#1c4e9a';
/** French typography: a narrow no-break space before « : » and « ; », a no-break space inside « ». */
export const NNBSP = '\u202f';
export const NBSP = '\u00a0';

/**
 * A DL window envelope (110 × 220 mm, the A4 sheet folded in three): the window is 100 × 45 mm,
 * 20 mm from the left or the right edge, its top 50 to 55 mm below the top of the sheet
 * depending on the make. Millimetres.
 */
export const ENVELOPE_WINDOW = { width: 100, height: 45, side: 20, topMin: 50, topMax: 55 };

/**
 * Where the recipient's address is printed (millimetres from the sheet's top left corner):
 * inside the window whatever its make (55 to 95 mm from the top) with 3 mm to spare on each
 * side, so that the sheet may move a little in the envelope.
 */
export function addressZone(window: 'left' | 'right') {
  const w = ENVELOPE_WINDOW;
  const left = window === 'left' ? w.side : 210 - w.side - w.width;
  const top = w.topMax + 3;
  return { x: left + 6, y: top, width: w.width - 12, height: w.topMin + w.height - 3 - top };
}

/** The school's header stays above this line (mm): it must never show through the window. */
export const HEADER_LIMIT = (ENVELOPE_WINDOW.topMin - 6) * MM;
/** The letter's text begins below the window, whatever its make. */
export const BODY_TOP = (ENVELOPE_WINDOW.topMax + ENVELOPE_WINDOW.height + 1) * MM;

/** What a document knows of the fonts registered on it (glyphs, baselines). */
export const registered = new WeakMap<Doc, LetterFonts>();

export function registerLetterFonts(doc: Doc, fonts: LetterFonts) {
  doc.registerFont('regular', fonts.regular as never);
  doc.registerFont('bold', fonts.bold as never);
  doc.registerFont('mono', fonts.mono as never);
  registered.set(doc, fonts);
}

export function use(doc: Doc, font: FontName, size: number, color = INK) {
  return doc.font(font).fontSize(size).fillColor(color);
}

/** The largest size from `size` down to `min` at which `text` holds on one line of `width`. */
export function fittingSize(
  doc: Doc,
  text: string,
  font: FontName,
  size: number,
  min: number,
  width: number,
) {
  doc.font(font);
  let s = size;
  while (s > min && doc.fontSize(s).widthOfString(text) > width) s -= 0.25;
  return s;
}

/** `text` cut with « … » to hold on one line of `width` at the current font and size. */
export function truncated(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && doc.widthOfString(`${chars.join('').trimEnd()}…`) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** One line of text whose baseline is at `baseline` (texts of different sizes side by side). */
export function onBaseline(
  doc: Doc,
  text: string,
  x: number,
  baseline: number,
  font: FontName,
  size: number,
  options: PDFKit.Mixins.TextOptions = {},
) {
  const fonts = registered.get(doc);
  const face = fonts?.[font];
  const ascent = face ? face.ascent / face.unitsPerEm : 0.93;
  doc.font(font).fontSize(size);
  doc.text(text, x, baseline - ascent * size, { lineBreak: false, ...options });
}

export function dottedLine(doc: Doc, x1: number, x2: number, y: number) {
  doc
    .save()
    .moveTo(x1, y)
    .lineTo(x2, y)
    .lineWidth(0.6)
    .lineCap('round')
    .dash(0.01, { space: 2.2 })
    .strokeColor(GREY)
    .stroke()
    .restore();
}
