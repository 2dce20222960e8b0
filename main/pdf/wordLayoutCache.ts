import type { Doc } from './letterPage';

/**
 * pdfkit keeps the shaped layout of every word it draws, per font, for the life of the
 * document. On a batch, names, identifiants, passwords and addresses are all different: that
 * cache grew by ~12 KB a letter, and since each layout outlived a few of V8's young-generation
 * collections it was moved to the old generation, where the garbage piled up between full
 * collections (the batch's peak memory: issue 15 §1). Emptying it every 200 letters bounded
 * what it held, not that traffic.
 *
 * Here a word is kept for the document only once a second letter uses it: the letter's own
 * text is kept from the second letter on, a name printed on one letter never is. Within its
 * letter such a word is laid out once (a scratch cache emptied at the next letter), so its
 * layout dies young. The words seen once are forgotten every few dozen letters. The documents
 * of a batch (one PDF a division, one PDF an e-mail) share these caches: each new document
 * would otherwise learn the letter's words again, keep them for its few dozen letters (long
 * enough to reach the old generation too) and let them go at its end.
 */

/** Letters after which the words seen on one letter only are forgotten. */
export const FIRST_SIGHTINGS_LETTERS = 50;
/** A bound on the words kept, should many names recur (siblings, a common surname). */
export const KEPT_WORDS = 4000;

type Runs = Record<string, unknown>;
const emptyRuns = () => Object.create(null) as Runs;

/**
 * A cache for one font of a batch's documents; `letterNumber` tells which letter is being drawn.
 * With `acrossLetters` false a word lives for its letter only, however often it recurs: the
 * font that draws the provisional passwords must not keep one past its letter.
 */
export function wordLayoutCache(letterNumber: () => number, acrossLetters = true): Runs {
  let kept = emptyRuns();
  let keptCount = 0;
  let scratch = emptyRuns();
  let scratchLetter = letterNumber();
  let firstSeen = new Map<string, number>();
  let sightingsSince = scratchLetter;

  /** The letter being drawn, its scratch cache and the first sightings brought up to date. */
  function currentLetter(): number {
    const letter = letterNumber();
    if (letter !== scratchLetter) {
      scratch = emptyRuns();
      scratchLetter = letter;
    }
    if (letter - sightingsSince >= FIRST_SIGHTINGS_LETTERS) {
      firstSeen = new Map();
      sightingsSince = letter;
    }
    return letter;
  }

  // pdfkit reads and writes the cache as a plain object (`cache[word]`, `cache[word] = run`).
  return new Proxy(emptyRuns(), {
    get(_target, word) {
      if (typeof word !== 'string') return undefined;
      const run = kept[word];
      if (run !== undefined) return run;
      currentLetter();
      return scratch[word];
    },
    set(_target, word, run) {
      if (typeof word !== 'string') return true;
      const letter = currentLetter();
      if (!acrossLetters) {
        scratch[word] = run;
        return true;
      }
      const first = firstSeen.get(word);
      if (first === undefined || first === letter) {
        firstSeen.set(word, letter);
        scratch[word] = run;
        return true;
      }
      if (keptCount >= KEPT_WORDS) {
        kept = emptyRuns();
        keptCount = 0;
      }
      kept[word] = run;
      keptCount++;
      firstSeen.delete(word);
      return true;
    },
    has(_target, word) {
      if (typeof word !== 'string') return false;
      currentLetter();
      return word in kept || word in scratch;
    },
  });
}

type EmbeddedFonts = Record<string, { font?: object; layoutCache?: object }>;

/**
 * The word layouts of a batch's documents (one PDF a division: each document embeds the
 * fonts afresh, and each would learn the letter's words again and let them go at its end).
 * A word's layout depends only on the parsed font, shared by every document: one cache per
 * font serves them all.
 */
export interface WordLayouts {
  /** Called as each letter begins, whatever its document. */
  nextLetter(): void;
  /**
   * Gives each font of `doc` its batch cache: `shared` keep recurring words across letters,
   * `letterOnly` keep a word for its letter only. Each must be open in `doc` already (pdfkit
   * embeds a font when first used); one without pdfkit's cache throws, since the document would
   * then keep every word it draws (a pdfkit that renamed its internals).
   */
  adopt(doc: Doc, fonts: { shared: readonly string[]; letterOnly: readonly string[] }): void;
}

export function createWordLayouts(): WordLayouts {
  let letter = 0;
  const caches = new Map<object, Runs>();
  const given = new WeakSet<object>();
  return {
    nextLetter: () => {
      letter++;
    },
    adopt(doc, fonts) {
      const families = (doc as unknown as { _fontFamilies?: EmbeddedFonts })._fontFamilies ?? {};
      const wanted = [
        ...fonts.shared.map((name) => ({ name, acrossLetters: true })),
        ...fonts.letterOnly.map((name) => ({ name, acrossLetters: false })),
      ];
      for (const { name, acrossLetters } of wanted) {
        const embedded = families[name];
        if (!embedded?.layoutCache || !embedded.font) {
          throw new Error(`pdfkit : la police « ${name} » n’a pas de cache de mises en page.`);
        }
        if (given.has(embedded.layoutCache)) continue;
        let cache = caches.get(embedded.font);
        if (!cache) {
          cache = wordLayoutCache(() => letter, acrossLetters);
          caches.set(embedded.font, cache);
          given.add(cache);
        }
        embedded.layoutCache = cache;
      }
    },
  };
}
