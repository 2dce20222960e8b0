import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { loadLetterFonts } from '../../main/pdf/fonts';
import { registerLetterFonts } from '../../main/pdf/letterPage';
import {
  createWordLayouts,
  FIRST_SIGHTINGS_LETTERS,
  KEPT_WORDS,
  wordLayoutCache,
} from '../../main/pdf/wordLayoutCache';

// Issue 15 §1: pdfkit's per-font cache of word layouts, as the letters' document uses it
// (`cache[word]` read, `cache[word] = run` written once a word was laid out).
function cacheAt(acrossLetters = true) {
  const at = { letter: 1 };
  const cache = wordLayoutCache(() => at.letter, acrossLetters);
  /** pdfkit's `layoutCached`: the cached run, else a new one cached. */
  const layout = (word: string) => {
    let run = cache[word];
    if (!run) {
      run = { word, at: at.letter };
      cache[word] = run;
    }
    return run;
  };
  return { at, cache, layout };
}

describe('the letters’ word layouts: common words kept, each letter’s own let go', () => {
  it('keeps a word once a second letter uses it, for the rest of the document', () => {
    const { at, layout } = cacheAt();
    layout('Madame');
    at.letter = 2;
    const second = layout('Madame');
    for (at.letter = 3; at.letter < 3 + 3 * FIRST_SIGHTINGS_LETTERS; at.letter++) {
      expect(layout('Madame')).toBe(second);
    }
  });

  it('lays out a name printed on one letter once for that letter, then lets it go', () => {
    const { at, cache, layout } = cacheAt();
    const first = layout('Łukasz-4217');
    expect(layout('Łukasz-4217')).toBe(first);
    at.letter = 2;
    expect(cache['Łukasz-4217']).toBeUndefined();
    expect('Łukasz-4217' in cache).toBe(false);
  });

  it('forgets the words seen on one letter only after a few dozen letters', () => {
    const { at, cache, layout } = cacheAt();
    layout('Kowalczyk');
    at.letter += FIRST_SIGHTINGS_LETTERS;
    layout('Kowalczyk');
    at.letter++;
    // Seen again only past the window: a first sighting again, not kept.
    expect(cache['Kowalczyk']).toBeUndefined();
  });

  it('keeps a word of the passwords’ font for its letter only, even when it recurs', () => {
    const { at, cache, layout } = cacheAt(false);
    const first = layout('K7PQ2MXA');
    expect(layout('K7PQ2MXA')).toBe(first);
    at.letter = 2;
    expect('K7PQ2MXA' in cache).toBe(false);
    layout('K7PQ2MXA');
    at.letter = 3;
    // Seen on two letters: another font would keep it; this one lets it go with its letter.
    expect(cache['K7PQ2MXA']).toBeUndefined();
  });

  it('holds at most a bounded number of words, however many names recur', () => {
    const { at, cache, layout } = cacheAt();
    const words = Array.from({ length: KEPT_WORDS + 10 }, (_, i) => `Nom${i}`);
    for (const word of words) layout(word);
    at.letter = 2;
    for (const word of words) layout(word);
    at.letter = 3;
    const kept = words.filter((w) => cache[w] !== undefined).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(KEPT_WORDS);
  });
});

describe('the word layouts of a batch’s documents (one PDF a division)', () => {
  it('gives every document of the batch the same cache for the same font', () => {
    const fonts = loadLetterFonts();
    const layouts = createWordLayouts();
    const open = () => {
      const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
      registerLetterFonts(doc, fonts);
      for (const font of ['regular', 'bold', 'mono']) doc.font(font);
      layouts.adopt(doc, { shared: ['regular', 'bold'], letterOnly: ['mono'] });
      return (doc as unknown as { _fontFamilies: Record<string, { layoutCache: object }> })
        ._fontFamilies;
    };
    const first = open();
    const second = open();
    expect(second.regular!.layoutCache).toBe(first.regular!.layoutCache);
    expect(second.bold!.layoutCache).toBe(first.bold!.layoutCache);
    expect(second.mono!.layoutCache).toBe(first.mono!.layoutCache);
    expect(first.bold!.layoutCache).not.toBe(first.regular!.layoutCache);
    // Another batch learns its own.
    const other = createWordLayouts();
    const doc = new PDFDocument({ autoFirstPage: false });
    registerLetterFonts(doc, fonts);
    doc.font('regular');
    other.adopt(doc, { shared: ['regular'], letterOnly: [] });
    const families = (doc as unknown as { _fontFamilies: Record<string, { layoutCache: object }> })
      ._fontFamilies;
    expect(families.regular!.layoutCache).not.toBe(first.regular!.layoutCache);
  });

  it('refuses a font pdfkit has not opened with its cache, rather than let pdfkit keep every word', () => {
    const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
    registerLetterFonts(doc, loadLetterFonts());
    doc.font('regular');
    expect(() =>
      createWordLayouts().adopt(doc, { shared: ['regular'], letterOnly: ['mono'] }),
    ).toThrow(/« mono »/);
  });
});
