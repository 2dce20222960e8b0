import { Writable } from 'node:stream';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { sampleLetter } from '../../bench/bareLetters';
import { loadLetterFonts } from '../../main/pdf/fonts';
import { openLetterDocument } from '../../main/pdf/notificationLetter';

// Issue 15 §1: a lycée's batch (6,000 pages in one PDF) must not hold what grows with its
// pages. pdfkit keeps each page's dictionary, contents and resources in its page tree until
// the end (~2.5 KB a page); the letter document lets them go once written.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The objects' heap after a full collection (compiled code, which grows as V8 warms, aside). */
function heapAfterGc(): number {
  gc();
  gc();
  return getHeapSpaceStatistics()
    .filter((s) => !s.space_name.startsWith('code'))
    .reduce((sum, s) => sum + s.space_used_size, 0);
}

/** A sink that takes every byte at once and keeps none. */
const discard = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

describe('a batch’s PDF in memory that does not grow with its pages', () => {
  it('1,000 more pages hold less than 0.9 MB more once written', async () => {
    const document = openLetterDocument(discard(), loadLetterFonts());
    // Warm-up: the fonts' glyphs, the QR code, the common words' layouts.
    for (let i = 0; i < 300; i++) await document.addLetter(sampleLetter(i));
    const before = heapAfterGc();
    for (let i = 300; i < 1300; i++) await document.addLetter(sampleLetter(i));
    const after = heapAfterGc();
    // Before: ~1.4 KB a page stayed (1.2 MB here); now ~0.2 KB, the page’s object number (0.5 MB here, with V8’s own warming).
    expect((after - before) / 1048576).toBeLessThan(0.9);
    expect(await document.end()).toEqual({ pages: 1300 });
  }, 300_000);
});
