import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleLetter } from '../../bench/bareLetters';
import { loadLetterFonts } from '../../main/pdf/fonts';
import { openLetterDocument } from '../../main/pdf/notificationLetter';
import { createWordLayouts } from '../../main/pdf/wordLayoutCache';
import { pdfPages } from '../helpers/pdfText';

// Issue 15 §1: a batch split by division is one PDF a division, each a new pdfkit document.
// Each used to lay out the letter's words afresh and keep them for its few dozen letters,
// long enough to reach V8's old generation: the split batch's peak memory.

const discard = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

const fonts = loadLetterFonts();
const original = fonts.regular.layout;
let laidOut = 0;
afterEach(() => {
  fonts.regular.layout = original;
});

/** Words the regular font shapes while `count` letters from `from` are drawn in a new PDF. */
async function wordsLaidOut(from: number, count: number, layouts = createWordLayouts()) {
  laidOut = 0;
  const document = openLetterDocument(discard(), fonts, layouts);
  for (let i = from; i < from + count; i++) await document.addLetter(sampleLetter(i));
  await document.end();
  return laidOut;
}

describe('the documents of one batch (one PDF a division)', () => {
  it('lay the letter’s common words out once for the batch, not once a document', async () => {
    fonts.regular.layout = function (this: typeof fonts.regular, ...args) {
      laidOut++;
      return original.apply(this, args);
    } as typeof original;
    const layouts = createWordLayouts();
    const first = await wordsLaidOut(0, 30, layouts);
    const second = await wordsLaidOut(30, 30, layouts);
    // Another batch's first division: it learns the words itself.
    const alone = await wordsLaidOut(30, 30);
    expect(second, `mots mis en forme : ${first}, puis ${second} ; seul : ${alone}`).toBeLessThan(
      alone * 0.7,
    );
  });

  it('write a later division’s letters exactly as a document of its own would', async () => {
    const pdfOf = async (
      from: number,
      count: number,
      layouts: ReturnType<typeof createWordLayouts>,
    ) => {
      const chunks: Buffer[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      });
      const document = openLetterDocument(sink, fonts, layouts);
      for (let i = from; i < from + count; i++) await document.addLetter(sampleLetter(i));
      await document.end();
      return pdfPages(new Uint8Array(Buffer.concat(chunks)));
    };
    const shared = createWordLayouts();
    await pdfOf(0, 20, shared);
    const later = await pdfOf(20, 10, shared);
    const alone = await pdfOf(20, 10, createWordLayouts());
    expect(later).toEqual(alone);
    // Every glyph of the later document is in its own font subset: its text reads back whole.
    expect(later.join(' ')).toContain('Besançon');
  });
});
