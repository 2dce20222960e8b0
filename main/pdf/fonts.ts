import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as fontkit from 'fontkit';

/**
 * The letters' fonts, parsed once and shared by every document (pdfkit 0.20 takes a parsed
 * fontkit font: a one-page letter costs ~12 ms instead of ~50 ms re-parsing the files).
 */
export interface LetterFonts {
  /** DejaVu Sans: the letter's text. */
  regular: fontkit.Font;
  /** DejaVu Sans Bold: the school's name, the recipient, the titles. */
  bold: fontkit.Font;
  /** DejaVu Sans Mono Bold: the identifiant and the password (8/B, 0/O, 5/S, 1/l read apart). */
  mono: fontkit.Font;
}

export const LETTER_FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  mono: 'DejaVuSansMono-Bold.ttf',
} as const;

/**
 * assets/fonts under a project root (tests and benches run from the project's root). The
 * application passes its own folder: packed, its assets are not where the sources were.
 */
export function defaultFontsDir(projectRoot: string = process.cwd()): string {
  return join(projectRoot, 'assets', 'fonts');
}

function parse(path: string): fontkit.Font {
  const font = fontkit.create(readFileSync(path));
  if (!('layout' in font)) throw new Error(`${path} est une collection de polices, pas une police`);
  return font;
}

const parsed = new Map<string, LetterFonts>();

/**
 * The three fonts of `fontsDir` (assets/fonts of the product), each file parsed once per
 * process and then shared by every document.
 */
export function loadLetterFonts(fontsDir: string = defaultFontsDir()): LetterFonts {
  const dir = resolve(fontsDir);
  let fonts = parsed.get(dir);
  if (!fonts) {
    fonts = {
      regular: parse(join(dir, LETTER_FONT_FILES.regular)),
      bold: parse(join(dir, LETTER_FONT_FILES.bold)),
      mono: parse(join(dir, LETTER_FONT_FILES.mono)),
    };
    parsed.set(dir, fonts);
  }
  return fonts;
}

/**
 * The distinct characters of `text` the letter's fonts cannot draw (regular or bold: a name
 * is printed in both). pdfkit would drop them silently and print « Zo » for « Zoé »; the caller
 * reports them before printing instead.
 */
export function unprintableCharacters(fonts: LetterFonts, text: string): string[] {
  const missing = new Set<string>();
  for (const character of text.normalize('NFC')) {
    const cp = character.codePointAt(0)!;
    if (cp < 0x20) continue; // line breaks and tabs of a free text are not drawn as glyphs
    if (!fonts.regular.hasGlyphForCodePoint(cp) || !fonts.bold.hasGlyphForCodePoint(cp)) {
      missing.add(character);
    }
  }
  return [...missing];
}
