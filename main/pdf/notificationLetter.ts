import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { dateInWords, slashDate } from '../../shared/domain/frenchDates';
import { atSchool, schoolWithArticle } from '../../shared/domain/schoolName';
import type { LetterFonts } from './fonts';
import type { LetterAddress, LetterChild, NotificationLetterData } from './letterData';

export { unprintableCharacters } from './fonts';

type Doc = PDFKit.PDFDocument;
type FontName = 'regular' | 'bold' | 'mono';

const MM = 72 / 25.4;
const PAGE_WIDTH = 210 * MM;
const PAGE_HEIGHT = 297 * MM;
const MARGIN = 20 * MM;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** Nothing is printed below: most office printers leave the last 5 mm blank. */
const PAGE_BOTTOM = PAGE_HEIGHT - 9 * MM;

const INK = '#000000';
const GREY = '#444444';
const FRAME = '#1c4e9a';
/** French typography: a narrow no-break space before « : » and « ; », a no-break space inside « ». */
const NNBSP = '\u202f';
const NBSP = '\u00a0';

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
const HEADER_LIMIT = (ENVELOPE_WINDOW.topMin - 6) * MM;
/** The letter's text begins below the window, whatever its make. */
const BODY_TOP = (ENVELOPE_WINDOW.topMax + ENVELOPE_WINDOW.height + 1) * MM;

/** Bytes of PDF allowed to wait for the disk before the next page is drawn. */
const BACKLOG_BYTES = 2 * 1024 * 1024;

function addressLines(a: LetterAddress): string[] {
  const country = a.country && !/^france$/i.test(a.country.trim()) ? a.country.toUpperCase() : '';
  return [a.line1, a.line2, [a.postalCode, a.city.toUpperCase()].filter(Boolean).join(' '), country]
    .map((l) => l.trim())
    .filter(Boolean);
}

/** « Mme N’DIAYE Œlise »: how the recipient is named on the envelope and the coupon. */
function recipientName(data: NotificationLetterData): string {
  const r = data.recipient;
  return [r.civility, r.lastName.toUpperCase(), r.firstName].filter(Boolean).join(' ');
}

function salutation(civility: string): string {
  if (civility === 'Mme') return 'Madame';
  if (civility === 'M.') return 'Monsieur';
  return 'Madame, Monsieur';
}

const childPhrase = (c: LetterChild) =>
  c.divisionCode ? `${c.firstName}, élève de\u00a0${c.divisionCode}` : c.firstName;

/**
 * « Zoé, élève de 2nde5 », « Zoé, élève de 2nde5, et Léo, élève de 4C », « Zoé, élève de 2nde5,
 * Léo, élève de 4C, et Łukasz, élève de 6A »: every child and division the account covers.
 */
function childrenPhrase(children: LetterChild[]): string {
  const parts = children.map(childPhrase);
  if (parts.length <= 1) return parts[0] ?? '';
  const last = children.at(-1)!.divisionCode ? ', et ' : ' et ';
  return `${parts.slice(0, -1).join(', ')}${last}${parts.at(-1)}`;
}

function objetText(data: NotificationLetterData): string {
  if (data.kind === 'student')
    return 'mise à disposition de services en ligne pour suivre votre scolarité';
  return data.children.length > 1
    ? 'mise à disposition de services en ligne pour suivre la scolarité de vos enfants'
    : 'mise à disposition de services en ligne pour suivre la scolarité de votre enfant';
}

function bodyText(data: NotificationLetterData): string {
  const what = data.provisionalPassword
    ? 'Vous trouverez ci-dessous l’identifiant et le mot de passe de votre compte'
    : 'Vous trouverez ci-dessous le rappel de l’identifiant de votre compte';
  const unchanged = data.provisionalPassword
    ? ''
    : ` Votre mot de passe reste celui que vous avez choisi${NNBSP}; il n’est pas imprimé sur ce courrier.`;
  if (data.kind === 'student') {
    // SPEC §4.1: « Vous êtes élève de 4C au … », « de 4C » never split across two lines.
    const division = data.children[0]?.divisionCode;
    const enrolled = `Vous êtes élève${division ? ` de\u00a0${division}` : ''} ${atSchool(data.school.name)}.`;
    return `${enrolled} ${what} pour accéder aux services en ligne de l’établissement.${unchanged}`;
  }
  const whom = data.children.length ? ` pour ${childrenPhrase(data.children)}` : '';
  return `${what} pour accéder aux services en ligne proposés par ${schoolWithArticle(data.school.name)}${whom}.${unchanged}`;
}

function deadlineText(data: NotificationLetterData): string | null {
  if (!data.provisionalPassword || !data.deadline) return null;
  return `vous devez activer votre compte au plus tard le ${dateInWords(data.deadline, NBSP)}. Au-delà, le compte sera supprimé et vous devrez reprendre contact avec l’établissement pour en obtenir un nouveau.`;
}

function closingText(data: NotificationLetterData): string {
  if (data.kind === 'student') return 'Veuillez recevoir mes salutations distinguées.';
  return `Veuillez agréer, ${salutation(data.recipient.civility)}, mes salutations distinguées.`;
}

/** « Je soussignée » for Mme, « Je soussigné » for M., « Je soussigné(e) » otherwise. */
function undersigned(civility: string): string {
  if (civility === 'Mme') return 'Je soussignée';
  if (civility === 'M.') return 'Je soussigné';
  return 'Je soussigné(e)';
}

function refusalText(data: NotificationLetterData): string {
  if (data.kind === 'student')
    return `Vous pouvez refuser l’accès aux services en ligne en me retournant le coupon ci-dessous dûment rempli et signé (par votre responsable légal si vous êtes mineur ou mineure). Vous conserverez toutefois l’accès aux applications pédagogiques mises à votre disposition pendant le temps scolaire.`;
  const several = data.children.length > 1;
  return `Vous pouvez refuser l’accès aux services en ligne pour vous-même et/ou pour ${several ? 'vos enfants' : 'votre enfant'} en me retournant le coupon ci-dessous dûment rempli et signé. Dans ce cas, ${several ? 'les élèves conserveront' : 'l’élève conservera'} toutefois l’accès aux applications pédagogiques mises à ${several ? 'leur' : 'sa'} disposition pendant le temps scolaire.`;
}

const PRIVACY = `Protection des données personnelles${NNBSP}: l’établissement traite ces informations, sous la responsabilité du chef d’établissement, pour vous donner accès aux services en ligne de suivi de la scolarité. Conformément au RGPD et à la loi «${NBSP}Informatique et libertés${NBSP}» du 6 janvier 1978 modifiée, vous disposez d’un droit d’accès et de rectification des données qui vous concernent, que vous exercez en vous adressant au chef d’établissement${NNBSP}; vous pouvez aussi adresser une réclamation à la CNIL.`;

/** What a document knows of the fonts registered on it (glyphs, baselines). */
const registered = new WeakMap<Doc, LetterFonts>();

/** The parsed fonts under the names the layout uses. */
/**
 * pdfkit keeps the shaped layout of every word it has drawn, per font, for the life of the
 * document: names, identifiants and passwords are all different, so on a lycée's batch that
 * cache grew by ~12 KB a letter (70 MB for 6,000). Emptied every few hundred letters, it
 * keeps the common words' speed and stops growing. (`fontLayoutCache: false` would lay out
 * every word afresh.)
 */
const LAYOUT_CACHE_LETTERS = 200;

function forgetWordLayouts(doc: Doc) {
  const families = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: object }> })
    ._fontFamilies;
  for (const font of Object.values(families ?? {})) {
    if (font.layoutCache) font.layoutCache = Object.create(null) as object;
  }
}

export function registerLetterFonts(doc: Doc, fonts: LetterFonts) {
  doc.registerFont('regular', fonts.regular as never);
  doc.registerFont('bold', fonts.bold as never);
  doc.registerFont('mono', fonts.mono as never);
  registered.set(doc, fonts);
}

/** An image opened once on a document, drawn on as many pages as needed. */
export type LetterImage = { readonly width: number; readonly height: number };

export function openLetterImage(doc: Doc, png: Buffer): LetterImage {
  return (doc as unknown as { openImage(src: Buffer): LetterImage }).openImage(png);
}

/** The portal's address as a QR code (its address only: never the password). */
export function portalQrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 0, scale: 6 });
}

export interface LetterDocument {
  addLetter(data: NotificationLetterData): Promise<void>;
  end(): Promise<{ pages: number }>;
}

/**
 * One PDF for a batch, written to `output` as it goes: one A4 page a letter (never
 * bufferPages: memory would follow the batch), yielding to the event loop between pages so
 * that the window and the portal stay responsive. A letter that would not fit on its page is an
 * error, never a second page (the batch is posted sheet by sheet).
 */
export function openLetterDocument(
  output: NodeJS.WritableStream,
  fonts: LetterFonts,
): LetterDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Title: 'Courriers de notification', Creator: 'Pupitre' },
  });
  registerLetterFonts(doc, fonts);
  doc.pipe(output);
  let letters = 0;
  let pages = 0;
  doc.on('pageAdded', () => pages++);
  // One image object per portal address for the whole document: pdfkit embeds a Buffer
  // afresh on every page (memory and file size would grow with the batch), an opened image
  // once.
  const qrCache = new Map<string, LetterImage>();

  async function qrOf(url: string): Promise<LetterImage | null> {
    if (!url) return null;
    let image = qrCache.get(url);
    if (!image) {
      image = openLetterImage(doc, await portalQrPng(url));
      qrCache.set(url, image);
    }
    return image;
  }

  async function addLetter(data: NotificationLetterData) {
    const qr = await qrOf(data.school.portalUrl);
    doc.addPage();
    letters++;
    drawLetter(doc, data, qr);
    if (letters % LAYOUT_CACHE_LETTERS === 0) forgetWordLayouts(doc);
    if (pages !== letters) {
      throw new Error(
        `Le courrier de ${recipientName(data)} (${data.login}) ne tient pas sur une page.`,
      );
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
    // pdfkit pushes pages whatever the disk's pace: wait for the file to take them, so that
    // a whole lycée's batch is never held in memory.
    while (doc.readableLength > BACKLOG_BYTES) {
      await new Promise<void>((resolve) => setTimeout(resolve, 2));
    }
  }

  async function end() {
    const finished = new Promise<void>((resolve, reject) => {
      output.once('finish', resolve);
      output.once('error', reject);
    });
    doc.end();
    await finished;
    return { pages };
  }

  return { addLetter, end };
}

// ---------------------------------------------------------------------------------------------
// Drawing helpers

function use(doc: Doc, font: FontName, size: number, color = INK) {
  return doc.font(font).fontSize(size).fillColor(color);
}

/** The largest size from `size` down to `min` at which `text` holds on one line of `width`. */
function fittingSize(
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
function truncated(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && doc.widthOfString(`${chars.join('').trimEnd()}…`) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** One line of text whose baseline is at `baseline` (texts of different sizes side by side). */
function onBaseline(
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

function dottedLine(doc: Doc, x1: number, x2: number, y: number) {
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

// ---------------------------------------------------------------------------------------------
// Header, date, recipient

function drawHeader(doc: Doc, data: NotificationLetterData) {
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

function drawRecipient(doc: Doc, data: NotificationLetterData) {
  const zone = addressZone(data.envelopeWindow);
  const x = zone.x * MM;
  const width = zone.width * MM;
  const lines = [
    { text: recipientName(data), font: 'bold' as const },
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
    use(doc, l.font, size).text(l.text, x, y, { width, lineGap });
    y += heights[i]!;
  });
}

// ---------------------------------------------------------------------------------------------
// The letter

/** One letter on the document's current page (exported for the letters bench's baseline). */
export function drawLetter(doc: Doc, data: NotificationLetterData, qr: LetterImage | null) {
  drawHeader(doc, data);
  drawRecipient(doc, data);
  const cutY = drawCoupon(doc, data);
  drawBody(doc, data, qr, cutY - 5 * MM);
}

interface Block {
  height: number;
  draw(y: number): number;
}

function paragraph(doc: Doc, text: string, size: number, prefix = ''): Block {
  // A bold prefix (« Important : ») is drawn on its own and the text indented by its width:
  // measured and drawn alike, so the height is exact.
  const indent = prefix ? use(doc, 'bold', size).widthOfString(prefix) : 0;
  const options = { width: TEXT_WIDTH, align: 'justify' as const, lineGap: size * 0.18, indent };
  const height = use(doc, 'regular', size).heightOfString(text, options);
  return {
    height,
    draw(y) {
      if (prefix) use(doc, 'bold', size).text(prefix, MARGIN, y, { lineBreak: false });
      use(doc, 'regular', size).text(text, MARGIN, y, options);
      return y + height;
    },
  };
}

function objetBlock(doc: Doc, data: NotificationLetterData, size: number): Block {
  const label = `Objet${NNBSP}: `;
  const indent = use(doc, 'bold', size).widthOfString(label);
  const options = { width: TEXT_WIDTH - indent, lineGap: size * 0.18 };
  const text = objetText(data);
  const height = use(doc, 'regular', size).heightOfString(text, options);
  return {
    height,
    draw(y) {
      use(doc, 'bold', size).text(label, MARGIN, y, { lineBreak: false });
      use(doc, 'regular', size).text(text, MARGIN + indent, y, options);
      return y + height;
    },
  };
}

function credentialsBlock(
  doc: Doc,
  data: NotificationLetterData,
  qr: LetterImage | null,
  height: number,
): Block {
  return {
    height,
    draw(top) {
      doc
        .roundedRect(MARGIN, top, TEXT_WIDTH, height, 5)
        .lineWidth(0.9)
        .strokeColor(FRAME)
        .stroke();
      const qrSize = Math.min(24 * MM, height - 4 * MM);
      const inner = MARGIN + 6 * MM;
      const valueX = inner + 33 * MM;
      const textRight = qr ? MARGIN + TEXT_WIDTH - qrSize - 8 * MM : MARGIN + TEXT_WIDTH - 5 * MM;
      // Rows of the frame, on baselines spread over its height.
      const row = (k: number) => top + height * k;
      const at = data.provisionalPassword
        ? { login: 0.25, password: 0.5, note: 0.67, url: 0.87 }
        : { login: 0.29, password: 0.56, note: 0, url: 0.83 };
      onBaseline(doc, `Identifiant${NNBSP}:`, inner, row(at.login), 'regular', 10.5);
      use(doc, 'mono', 12.5);
      onBaseline(
        doc,
        truncated(doc, data.login, textRight - valueX),
        valueX,
        row(at.login),
        'mono',
        12.5,
      );
      if (data.provisionalPassword) {
        use(doc, 'regular', 10.5);
        onBaseline(doc, `Mot de passe *${NNBSP}:`, inner, row(at.password), 'regular', 10.5);
        // Large, monospaced and spaced out: 8 and B, 0 and O, 5 and S cannot be taken for
        // one another.
        onBaseline(doc, data.provisionalPassword, valueX, row(at.password) + 1, 'mono', 18, {
          characterSpacing: 3.5,
        });
        use(doc, 'regular', 8, GREY);
        onBaseline(
          doc,
          '* Mot de passe provisoire, à modifier lors de la première connexion.',
          inner,
          row(at.note),
          'regular',
          8,
        );
      } else {
        onBaseline(doc, `Mot de passe${NNBSP}:`, inner, row(at.password), 'regular', 10.5);
        use(doc, 'regular', 10, GREY);
        onBaseline(
          doc,
          'inchangé, non imprimé sur ce courrier',
          valueX,
          row(at.password),
          'regular',
          10,
        );
      }
      if (data.school.portalUrl) {
        const label = data.provisionalPassword
          ? `Activez votre compte à l’adresse${NNBSP}: `
          : `Connectez-vous à l’adresse${NNBSP}: `;
        const labelWidth = use(doc, 'regular', 9.5).widthOfString(label);
        const urlSize = fittingSize(
          doc,
          data.school.portalUrl,
          'bold',
          9.5,
          7,
          textRight - inner - labelWidth,
        );
        doc.fillColor(INK);
        onBaseline(doc, label, inner, row(at.url), 'regular', 9.5);
        use(doc, 'bold', urlSize);
        onBaseline(
          doc,
          truncated(doc, data.school.portalUrl, textRight - inner - labelWidth),
          inner + labelWidth,
          row(at.url),
          'bold',
          urlSize,
        );
      }
      if (qr) {
        doc.image(qr as never, MARGIN + TEXT_WIDTH - qrSize - 4 * MM, top + (height - qrSize) / 2, {
          width: qrSize,
          height: qrSize,
        });
      }
      return top + height;
    },
  };
}

function signatureBlock(doc: Doc, size: number): Block {
  const height = use(doc, 'bold', size).heightOfString('Le chef d’établissement');
  return {
    height,
    draw(y) {
      use(doc, 'bold', size).text('Le chef d’établissement', MARGIN + TEXT_WIDTH / 2, y, {
        width: TEXT_WIDTH / 2,
        align: 'center',
      });
      return y + height;
    },
  };
}

/**
 * Everything between the window and the cut line, at the largest size and with the widest
 * spacing that fit: long lists of children shrink the spacing, then the type, never onto a
 * second page.
 */
function drawBody(doc: Doc, data: NotificationLetterData, qr: LetterImage | null, bottom: number) {
  const privacySize = 7;
  const privacyOptions = { width: TEXT_WIDTH, align: 'justify' as const, lineGap: 0.6 };
  const privacyHeight = use(doc, 'regular', privacySize).heightOfString(PRIVACY, privacyOptions);
  const available = bottom - privacyHeight - 3 * MM - BODY_TOP;

  const deadline = deadlineText(data);
  const closing = closingText(data);
  const layout = (size: number) => {
    const blocks = [
      objetBlock(doc, data, size),
      paragraph(doc, bodyText(data), size),
      credentialsBlock(
        doc,
        data,
        qr,
        (data.provisionalPassword ? (size >= 9.5 ? 30 : 27) : 24) * MM,
      ),
      ...(deadline ? [paragraph(doc, deadline, size, `Important${NNBSP}: `)] : []),
      paragraph(doc, refusalText(data), size),
      paragraph(doc, closing, size),
      signatureBlock(doc, size),
    ];
    return { blocks, natural: blocks.reduce((sum, b) => sum + b.height, 0) };
  };
  let size = 10;
  let { blocks, natural } = layout(size);
  const gaps = blocks.length - 1;
  while (size > 7.5 && natural + gaps * size * 0.5 > available) {
    size -= 0.5;
    ({ blocks, natural } = layout(size));
  }
  // Breathing space up to a line and a quarter between blocks; what is left above the notice
  // is the signature's room.
  const gap = Math.max(size * 0.3, Math.min(size * 1.25, (available - natural) / (gaps + 1)));
  if (natural + gaps * size * 0.3 > available) {
    // Past what any family needs (a dozen children with long names still fit): an error for
    // the batch rather than text over the coupon or onto a second sheet.
    throw new Error(
      `Le courrier de ${recipientName(data)} (${data.login}) ne tient pas sur une page.`,
    );
  }
  let y = BODY_TOP;
  for (const [i, block] of blocks.entries()) {
    if (i > 0) y += gap;
    y = block.draw(y);
  }
  use(doc, 'regular', privacySize, GREY).text(
    PRIVACY,
    MARGIN,
    bottom - privacyHeight,
    privacyOptions,
  );
}

// ---------------------------------------------------------------------------------------------
// The tear-off coupon

/** Draws the coupon at the foot of the page; returns where its cut line is. */
function drawCoupon(doc: Doc, data: NotificationLetterData): number {
  const size = 9;
  const who = `${undersigned(data.recipient.civility)} ${recipientName(data)} (identifiant ${data.login})`;
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
          ...data.children.map(
            (c) => `pour l’élève ${c.firstName}${c.divisionCode ? ` (${c.divisionCode})` : ''}`,
          ),
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
    const column = Math.floor(i / rows);
    const x = MARGIN + 4 * MM + column * columnWidth;
    const rowTop = y + (i % rows) * rowHeight;
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
  if (data.kind === 'student') {
    use(doc, 'regular', 7.5, GREY);
    onBaseline(
      doc,
      '(du responsable légal si l’élève est mineur)',
      signatureX,
      baseline + 3.5 * MM,
      'regular',
      7.5,
    );
  }

  use(doc, 'regular', noteSize, GREY).text(
    'En cas de refus, merci de retourner ce coupon à l’attention de la direction de l’établissement.',
    MARGIN,
    PAGE_BOTTOM - noteHeight,
    { width: TEXT_WIDTH, align: 'center', lineBreak: false },
  );
  return cutY;
}
