import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';

/**
 * The letters' fonts, parsed once and shared by every document (pdfkit 0.20 takes a parsed
 * fontkit font: a one-page letter costs ~12 ms instead of ~50 ms re-parsing the files).
 */
export interface LetterFonts {
  regular: fontkit.Font;
  bold: fontkit.Font;
  mono: fontkit.Font;
}

function parse(path: string): fontkit.Font {
  const font = fontkit.create(readFileSync(path));
  if (!('layout' in font)) throw new Error(`${path} est une collection de polices, pas une police`);
  return font;
}

/** `fontsDir` is assets/fonts of the product (passed in: the desktop app packs it elsewhere). */
export function loadLetterFonts(fontsDir: string): LetterFonts {
  return {
    regular: parse(join(fontsDir, 'DejaVuSans.ttf')),
    bold: parse(join(fontsDir, 'DejaVuSans-Bold.ttf')),
    mono: parse(join(fontsDir, 'DejaVuSansMono-Bold.ttf')),
  };
}

/**
 * The distinct characters of `text` the letter's fonts cannot draw. pdfkit would drop them
 * silently and print « Zo » for « Zoé »; the caller reports them before printing instead.
 */
export function unprintableCharacters(fonts: LetterFonts, text: string): string[] {
  const missing = new Set<string>();
  for (const character of text.normalize('NFC')) {
    const cp = character.codePointAt(0)!;
    if (cp < 0x20) continue;
    if (!fonts.regular.hasGlyphForCodePoint(cp) || !fonts.bold.hasGlyphForCodePoint(cp)) {
      missing.add(character);
    }
  }
  return [...missing];
}
