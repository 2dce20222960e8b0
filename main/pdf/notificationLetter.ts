import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { LetterFonts } from './fonts';
import type { NotificationLetterData } from './letterData';
import { drawLetter } from './letterLayout';
import { registerLetterFonts, type Doc, type LetterImage } from './letterPage';
import { recipientName } from './letterWording';
import { createWordLayouts, type WordLayouts } from './wordLayoutCache';

export { unprintableCharacters } from './fonts';
export { drawLetter } from './letterLayout';
export { ENVELOPE_WINDOW, addressZone, registerLetterFonts, type LetterImage } from './letterPage';

/** Bytes of PDF allowed to wait for the disk before the next page is drawn. */
const BACKLOG_BYTES = 2 * 1024 * 1024;
type PageRef = { data: object };

/**
 * pdfkit keeps every page's dictionary (and through it the page's content and resources
 * objects) in the document's page tree until the end, ~2.5 KB a page; once a page is written
 * only its object number is needed (to list it in the tree at the end). Its contents are let
 * go, so that memory does not follow the batch. Called after a new page is added, when
 * pdfkit has written the ones before.
 */
function forgetWrittenPages(doc: Doc, from: number): number {
  const kids = (doc as unknown as { _root: { data: { Pages: { data: { Kids: PageRef[] } } } } })
    ._root.data.Pages.data.Kids;
  const written = kids.length - 1;
  for (let i = from; i < written; i++) kids[i]!.data = {};
  return Math.max(from, written);
}

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
 * error, never a second page (the batch is posted sheet by sheet). The documents of one batch
 * share `layouts`: the letter's words are laid out once for the batch, not once a document.
 */
export function openLetterDocument(
  output: NodeJS.WritableStream,
  fonts: LetterFonts,
  layouts: WordLayouts = createWordLayouts(),
): LetterDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Title: 'Courriers de notification', Creator: 'Pupitre' },
    // No Helvetica: the letters use their own fonts only, and a document per division (or
    // per e-mail) would parse its metrics afresh each time.
    font: null as unknown as string,
  });
  registerLetterFonts(doc, fonts);
  // Opened (not embedded: a font goes into the file only once a page uses it) so that every
  // letter, the first one too, lays its words out through the batch's caches.
  for (const font of ['mono', 'bold', 'regular']) doc.font(font);
  // The monospaced font draws identifiants and provisional passwords: a password's layout
  // dies with its letter, never kept for the next families' letters.
  layouts.adopt(doc, { shared: ['regular', 'bold'], letterOnly: ['mono'] });
  doc.pipe(output);
  let letters = 0;
  let pages = 0;
  let forgotten = 0;
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
    forgotten = forgetWrittenPages(doc, forgotten);
    letters++;
    layouts.nextLetter();
    drawLetter(doc, data, qr);
    if (pages !== letters) {
      throw new Error(
        `Le courrier de ${recipientName(data)} (${data.login}) ne tient pas sur une page.`,
      );
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
    // pdfkit pushes pages whatever the disk's pace: wait for the file to take them, so that
    // a whole lycée's batch is never held in memory.
    while (doc.readableLength > BACKLOG_BYTES) {
      // A file that failed (a full disk) never takes them: stop with its error.
      const failed = (output as Partial<Writable>).errored;
      if (failed) throw failed;
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
