/**
 * Control characters (Cc), format characters (Cf: zero-width spaces and joiners, soft hyphen,
 * bidirectional overrides) and the Hangul fillers that render as blanks: invisible, they make
 * two names look alike, or reverse what the journal shows (a right-to-left override before
 * "nimda" displays "admin"), and every other default-ignorable code point (variation
 * selectors, the combining grapheme joiner, Mongolian and Khmer invisible marks: letters or
 * marks by category, drawn as nothing by every font). One rule for names typed by staff and
 * names read from SIECLE.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u115f\u1160\u3164\uffa0]/u;
const INVISIBLE_ALL = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u115f\u1160\u3164\uffa0]/gu;

export function hasInvisibleCharacters(value: string): boolean {
  return INVISIBLE.test(value);
}

/**
 * The value with each invisible character written as its code (« [U+202E] »), so that a
 * message about it can be read as it is, not as the override would turn it.
 */
export function showInvisibleCharacters(value: string): string {
  return value.replace(
    INVISIBLE_ALL,
    (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`,
  );
}
