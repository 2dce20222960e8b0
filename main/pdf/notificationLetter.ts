import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { LetterFonts } from './fonts';
import type { LetterAddress, NotificationLetterData } from './letterData';

export { unprintableCharacters } from './fonts';

const MM = 72 / 25.4;
const PAGE_WIDTH = 210 * MM;
const MARGIN = 20 * MM;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** A DL window envelope (110 × 220 mm) shows 100 × 45 mm, 50 mm from the sheet's top. */
const WINDOW = { top: 50 * MM, height: 40 * MM, width: 95 * MM, left: 20 * MM, right: 95 * MM };
const HEADER_BOTTOM = 44 * MM;
/** Where the tear-off coupon begins: everything above must fit. */
const CUT_Y = 222 * MM;
const BLACK = '#111111';
const GREY = '#444444';
/** French typography: a narrow no-break space before « : ». */
const NNBSP = '\u202f';

/** Bytes of PDF allowed to wait for the disk before the next page is drawn. */
const BACKLOG_BYTES = 2 * 1024 * 1024;

const dateFr = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function addressLines(a: LetterAddress): string[] {
  const country = a.country && !/^france$/i.test(a.country.trim()) ? a.country : '';
  return [a.line1, a.line2, [a.postalCode, a.city.toUpperCase()].filter(Boolean).join(' '), country]
    .map((l) => l.trim())
    .filter(Boolean);
}

function salutation(civility: string): string {
  if (civility === 'Mme') return 'Madame';
  if (civility === 'M.') return 'Monsieur';
  return 'Madame, Monsieur';
}

/** « Zoé, élève de 2nde5, et Léo, élève de 4C » — every child and division the account covers. */
function childrenPhrase(data: NotificationLetterData): string {
  const parts = data.children.map((c) =>
    c.divisionCode ? `${c.firstName}, élève de ${c.divisionCode}` : `${c.firstName}, élève`,
  );
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(' ; ')} et ${parts.at(-1)}`;
}

/** The school as the letter names it: « le LYCÉE CLAUDE NICOLAS LEDOUX ». */
function schoolWithArticle(name: string): string {
  if (/^(le|la|les|l’|l')\s?/i.test(name)) return name;
  if (/^(lycée|collège|lp|lpo|legt|lgt|erea)(?=\s|$)/i.test(name)) return `le ${name}`;
  if (/^(école|établissement|ea)(?=\s|$)/i.test(name)) return `l’${name}`;
  if (/^cité(?=\s|$)/i.test(name)) return `la ${name}`;
  return `l’établissement ${name}`;
}

function bodyText(data: NotificationLetterData): string {
  const school = schoolWithArticle(data.school.name);
  if (data.kind === 'student') {
    const division = data.children[0]?.divisionCode;
    return data.provisionalPassword
      ? `Vous trouverez ci-dessous l’identifiant et le mot de passe de votre compte internet pour accéder aux services en ligne proposés par ${school}${division ? ` : vous êtes élève de ${division}` : ''}.`
      : `Nous vous rappelons l’identifiant de votre compte internet pour accéder aux services en ligne proposés par ${school}${division ? ` : vous êtes élève de ${division}` : ''}. Votre mot de passe reste celui que vous avez choisi ; il n’est pas imprimé.`;
  }
  return data.provisionalPassword
    ? `Vous trouverez ci-dessous l’identifiant et le mot de passe de votre compte internet pour accéder aux services en ligne proposés par ${school} pour ${childrenPhrase(data)}.`
    : `Nous vous rappelons l’identifiant de votre compte internet pour accéder aux services en ligne proposés par ${school} pour ${childrenPhrase(data)}. Votre mot de passe reste celui que vous avez choisi ; il n’est pas imprimé.`;
}

const PRIVACY =
  'Données personnelles : le compte est créé par l’établissement pour vous donner accès aux services en ligne de suivi de la scolarité (règlement général sur la protection des données et loi « Informatique et libertés » du 6 janvier 1978 modifiée). Vous pouvez accéder aux informations qui vous concernent, les faire rectifier ou vous opposer à leur traitement en vous adressant au chef d’établissement.';

/** The parsed fonts under the names the layout uses. */
export function registerLetterFonts(doc: PDFKit.PDFDocument, fonts: LetterFonts) {
  doc.registerFont('regular', fonts.regular as never);
  doc.registerFont('bold', fonts.bold as never);
  doc.registerFont('mono', fonts.mono as never);
}

/** An image opened once on a document, drawn on as many pages as needed. */
export type LetterImage = { readonly width: number; readonly height: number };

export function openLetterImage(doc: PDFKit.PDFDocument, png: Buffer): LetterImage {
  return (doc as unknown as { openImage(src: Buffer): LetterImage }).openImage(png);
}

export interface LetterDocument {
  addLetter(data: NotificationLetterData): Promise<void>;
  end(): Promise<{ pages: number }>;
}

/**
 * One PDF for a batch, written to `output` as it goes: one A4 page a letter (never
 * bufferPages: memory would follow the batch), yielding to the event loop between pages so
 * that the window and the portal stay responsive.
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
  let pages = 0;
  // One image object per portal address for the whole document: pdfkit embeds a Buffer
  // afresh on every page (memory and file size would grow with the batch), an opened image
  // once.
  const qrCache = new Map<string, LetterImage>();

  async function qrOf(url: string): Promise<LetterImage | null> {
    if (!url) return null;
    let image = qrCache.get(url);
    if (!image) {
      const png = await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 1, scale: 6 });
      image = openLetterImage(doc, png);
      qrCache.set(url, image);
    }
    return image;
  }

  async function addLetter(data: NotificationLetterData) {
    const qr = await qrOf(data.school.portalUrl);
    doc.addPage();
    pages++;
    drawLetter(doc, data, qr);
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

function drawHeader(doc: PDFKit.PDFDocument, data: NotificationLetterData) {
  const s = data.school;
  let y = 14 * MM;
  const line = (text: string, font: string, size: number) => {
    if (!text) return;
    doc
      .font(font)
      .fontSize(size)
      .fillColor(font === 'bold' ? BLACK : GREY);
    doc.text(text, MARGIN, y, { width: 88 * MM, lineBreak: false, ellipsis: true });
    y += size * 1.3;
  };
  if (s.academie)
    line(/^acad/i.test(s.academie) ? s.academie : `Académie de ${s.academie}`, 'regular', 8.5);
  line(s.name, 'bold', 10.5);
  for (const l of addressLines(s.address)) line(l, 'regular', 8.5);
  if (s.phone) line(`Tél.${NNBSP}: ${s.phone}`, 'regular', 8.5);
  if (s.email) line(`Courriel${NNBSP}: ${s.email}`, 'regular', 8.5);
  void HEADER_BOTTOM;

  doc.font('regular').fontSize(10).fillColor(BLACK);
  const placeDate = `${data.place ? `${data.place.toUpperCase()}, le` : 'Le'} ${dateFr(data.date)}`;
  doc.text(placeDate, MARGIN, 14 * MM, { width: TEXT_WIDTH, align: 'right' });
}

function drawRecipient(doc: PDFKit.PDFDocument, data: NotificationLetterData) {
  const r = data.recipient;
  const x =
    data.envelopeWindow === 'right'
      ? PAGE_WIDTH - MARGIN - WINDOW.width + 8 * MM
      : WINDOW.left + 6 * MM;
  let y = WINDOW.top + 5 * MM;
  doc.font('bold').fontSize(10.5).fillColor(BLACK);
  doc.text([r.civility, r.lastName.toUpperCase(), r.firstName].filter(Boolean).join(' '), x, y, {
    width: WINDOW.width - 12 * MM,
    lineBreak: false,
    ellipsis: true,
  });
  y += 14;
  doc.font('regular').fontSize(10);
  for (const l of addressLines(r.address)) {
    doc.text(l, x, y, { width: WINDOW.width - 12 * MM, lineBreak: false, ellipsis: true });
    y += 12.5;
  }
}

/** One letter on the document's current page (exported for the letters bench's baseline). */
export function drawLetter(
  doc: PDFKit.PDFDocument,
  data: NotificationLetterData,
  qr: LetterImage | null,
) {
  drawHeader(doc, data);
  drawRecipient(doc, data);

  const objet =
    data.kind === 'guardian' && data.children.length > 1
      ? 'mise à disposition de services en ligne pour suivre la scolarité de vos enfants'
      : data.kind === 'student'
        ? 'mise à disposition de services en ligne pour suivre votre scolarité'
        : 'mise à disposition de services en ligne pour suivre la scolarité de votre enfant';
  const body = bodyText(data);
  const deadline = data.deadline
    ? `vous devez activer votre compte avant le ${dateFr(data.deadline)} inclus. Au-delà, le compte sera supprimé et vous devrez reprendre contact avec l’établissement pour en obtenir un nouveau.`
    : '';
  const refusal =
    data.kind === 'guardian'
      ? `Vous pouvez refuser l’accès aux services en ligne pour vous-même et/ou pour ${data.children.length > 1 ? 'vos enfants' : 'votre enfant'} en me retournant le coupon ci-dessous dûment rempli et signé. ${data.children.length > 1 ? 'Les élèves conserveront' : 'L’élève conservera'} toutefois l’accès aux applications pédagogiques mises à ${data.children.length > 1 ? 'leur' : 'sa'} disposition pendant le temps scolaire.`
      : 'Vous pouvez refuser l’accès aux services en ligne en retournant le coupon ci-dessous, signé par votre responsable légal si vous êtes mineur.';
  const closing =
    data.kind === 'student'
      ? 'Avec mes salutations distinguées.'
      : `Veuillez agréer, ${salutation(data.recipient.civility)}, mes salutations distinguées.`;

  // Fit everything above the cut line: the body shrinks a little for long lists of children.
  let size = 10;
  const blockHeight = (fontSize: number) => {
    doc.font('regular').fontSize(fontSize);
    const h = (t: string) =>
      t ? doc.heightOfString(t, { width: TEXT_WIDTH }) + fontSize * 0.6 : 0;
    return (
      h(body) +
      34 * MM +
      h(deadline) +
      h(refusal) +
      h(closing) +
      14 * MM +
      doc.heightOfString(PRIVACY, { width: TEXT_WIDTH }) * (7 / fontSize)
    );
  };
  const top = 96 * MM;
  while (size > 8 && top + 8 * MM + blockHeight(size) > CUT_Y - 3 * MM) size -= 0.5;

  let y = top;
  doc
    .font('bold')
    .fontSize(size)
    .fillColor(BLACK)
    .text(`Objet${NNBSP}:`, MARGIN, y, { continued: true, width: TEXT_WIDTH });
  doc.font('regular').text(` ${objet}`, { width: TEXT_WIDTH });
  y = doc.y + size * 0.8;
  const paragraph = (text: string) => {
    if (!text) return;
    doc
      .font('regular')
      .fontSize(size)
      .fillColor(BLACK)
      .text(text, MARGIN, y, { width: TEXT_WIDTH, align: 'justify' });
    y = doc.y + size * 0.6;
  };
  paragraph(body);

  // The credentials, framed, with the portal's QR code (its address only, never the password).
  const boxTop = y + 1 * MM;
  const boxHeight = 30 * MM;
  doc
    .roundedRect(MARGIN, boxTop, TEXT_WIDTH, boxHeight, 6)
    .lineWidth(0.8)
    .strokeColor('#1c4e9a')
    .stroke();
  const inner = MARGIN + 5 * MM;
  doc
    .font('regular')
    .fontSize(10.5)
    .fillColor(BLACK)
    .text(`Identifiant${NNBSP}: `, inner, boxTop + 4 * MM, { continued: true });
  doc.font('bold').text(data.login);
  if (data.provisionalPassword) {
    doc
      .font('regular')
      .fontSize(10.5)
      .text(`Mot de passe *${NNBSP}: `, inner, boxTop + 11 * MM, { continued: true });
    doc.font('mono').fontSize(17).text(data.provisionalPassword, { characterSpacing: 3 });
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(GREY)
      .text(
        '* Mot de passe provisoire, à modifier lors de la première connexion.',
        inner,
        boxTop + 19.5 * MM,
      );
  } else {
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor(GREY)
      .text('Mot de passe : inchangé (celui que vous avez choisi).', inner, boxTop + 11 * MM);
  }
  if (data.school.portalUrl) {
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(BLACK)
      .text(`Adresse du portail${NNBSP}: ${data.school.portalUrl}`, inner, boxTop + 24 * MM, {
        width: TEXT_WIDTH - 36 * MM,
        lineBreak: false,
        ellipsis: true,
      });
  }
  if (qr)
    doc.image(qr as never, MARGIN + TEXT_WIDTH - 27 * MM, boxTop + 2.5 * MM, {
      width: 25 * MM,
      height: 25 * MM,
    });
  y = boxTop + boxHeight + 3 * MM;

  if (deadline) {
    doc.font('bold').fontSize(size).fillColor(BLACK).text(`Important${NNBSP}: `, MARGIN, y, {
      continued: true,
      width: TEXT_WIDTH,
      align: 'justify',
    });
    doc.font('regular').text(deadline, { width: TEXT_WIDTH, align: 'justify' });
    y = doc.y + size * 0.6;
  }
  paragraph(refusal);
  paragraph(closing);
  doc
    .font('bold')
    .fontSize(size)
    .text('Le chef d’établissement', MARGIN, y, { width: TEXT_WIDTH, align: 'right' });
  y = doc.y + size * 0.8;
  doc
    .font('regular')
    .fontSize(7)
    .fillColor(GREY)
    .text(PRIVACY, MARGIN, Math.min(y, CUT_Y - 14 * MM), { width: TEXT_WIDTH, align: 'justify' });

  drawCoupon(doc, data);
}

function drawCoupon(doc: PDFKit.PDFDocument, data: NotificationLetterData) {
  doc
    .moveTo(MARGIN - 8 * MM, CUT_Y)
    .lineTo(PAGE_WIDTH - MARGIN + 8 * MM, CUT_Y)
    .dash(4, { space: 3 })
    .lineWidth(0.6)
    .strokeColor(GREY)
    .stroke()
    .undash();
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(GREY)
    .text('✂', MARGIN - 12 * MM, CUT_Y - 5, { lineBreak: false });
  doc
    .font('regular')
    .fontSize(7)
    .text('Coupon à découper', PAGE_WIDTH - MARGIN - 30 * MM, CUT_Y + 1.5, {
      width: 30 * MM,
      align: 'right',
    });

  let y = CUT_Y + 6 * MM;
  doc
    .font('bold')
    .fontSize(11)
    .fillColor(BLACK)
    .text('Refus d’accès aux services en ligne', MARGIN, y, { width: TEXT_WIDTH, align: 'center' });
  y = doc.y + 2 * MM;
  const r = data.recipient;
  const who = [r.civility, r.lastName.toUpperCase(), r.firstName].filter(Boolean).join(' ');
  doc
    .font('regular')
    .fontSize(9)
    .text(
      `Je soussigné(e) ${who} (identifiant ${data.login}) renonce à l’accès aux services en ligne (cochez la ou les cases)${NNBSP}:`,
      MARGIN,
      y,
      { width: TEXT_WIDTH },
    );
  y = doc.y + 2 * MM;
  const box = (label: string) => {
    doc
      .rect(MARGIN + 4 * MM, y + 0.5, 3.2 * MM, 3.2 * MM)
      .lineWidth(0.7)
      .strokeColor(BLACK)
      .stroke();
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(BLACK)
      .text(label, MARGIN + 10 * MM, y + 1, {
        width: TEXT_WIDTH - 10 * MM,
        lineBreak: false,
        ellipsis: true,
      });
    y += 5.5 * MM;
  };
  box('pour moi-même');
  if (data.kind === 'guardian') {
    const children = data.children.slice(0, 4);
    for (const c of children)
      box(
        `pour l’élève ${c.firstName} ${c.lastName.toUpperCase()}${c.divisionCode ? ` (${c.divisionCode})` : ''}`,
      );
    if (data.children.length > children.length)
      box(`pour mes autres enfants (${data.children.length - children.length})`);
  }
  y += 1 * MM;
  doc
    .font('regular')
    .fontSize(9)
    .text(
      `Fait à ................................................ le ........................        Signature${NNBSP}:`,
      MARGIN,
      y,
      { width: TEXT_WIDTH },
    );
  doc
    .font('regular')
    .fontSize(7.5)
    .fillColor(GREY)
    .text(
      'En cas de refus, merci de retourner ce coupon à l’attention de la direction de l’établissement.',
      MARGIN,
      287 * MM - 10,
      { width: TEXT_WIDTH, align: 'center', lineBreak: false },
    );
}
