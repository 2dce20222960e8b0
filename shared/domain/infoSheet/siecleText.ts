/**
 * What SIECLE can take back (issue 18 §3): the export is an ISO-8859-15 file checked against
 * `schema_Import_3.1.xsd`, so a value the family may type must fit both, or the export fails
 * weeks later far from the family. The form refuses it at once, field by field.
 */

/**
 * maxLength of each field's XSD type: nom_prenom 100 (NOM_DE_FAMILLE, PRENOM, PRENOM2/3),
 * ville 32 (VILLE_NAISS, LL_POSTAL, COMMUNE_ETRANGERE), ligneAdresse 38 (LIGNE1…4_ADRESSE),
 * telephone 20 (TEL_PERSONNEL, TEL_PROFESSIONNEL, TEL_PORTABLE), email 254 (EMAIL).
 */
export const SIECLE_MAX_LENGTH = {
  name: 100,
  commune: 32,
  addressLine: 38,
  phone: 20,
  email: 254,
} as const;

/** The eight places where ISO-8859-15 differs from ISO-8859-1 (Latin-1). */
const LATIN9_EXTRA = new Set(['€', 'Š', 'š', 'Ž', 'ž', 'Œ', 'œ', 'Ÿ']);
const LATIN1_REPLACED = new Set(['¤', '¦', '¨', '´', '¸', '¼', '½', '¾']);

function isLatin9(char: string): boolean {
  if (LATIN9_EXTRA.has(char)) return true;
  const code = char.codePointAt(0)!;
  if (code >= 0x20 && code <= 0x7e) return true;
  return code >= 0xa0 && code <= 0xff && !LATIN1_REPLACED.has(char);
}

/** The first character ISO-8859-15 lacks (« ř » of « Dvořák », an emoji), or null. */
export function firstNonLatin9(text: string): string | null {
  for (const char of text) if (!isLatin9(char)) return char;
  return null;
}

/**
 * Phones type the typographic apostrophe (’, and ‘ for a leading one): SIECLE's character set
 * has only the straight one, which is what the value becomes.
 */
export function straightApostrophes(text: string): string {
  return text.replace(/[’‘]/g, "'");
}
