/**
 * Folds a name for searching and sorting: lower case, accents and ligatures removed,
 * apostrophes and hyphens turned into spaces, runs of spaces collapsed.
 * "N'Diaye-Lefèvre Œlise" → "n diaye lefevre oelise".
 */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The first word-prefix that a query can look up in an index, or '' for an empty query. */
export function searchTokens(query: string): string[] {
  const folded = foldForSearch(query);
  return folded === '' ? [] : folded.split(' ');
}

/** True when every token of the query starts some word of the haystack. */
export function matchesAllTokens(tokens: readonly string[], haystack: string): boolean {
  const words = foldForSearch(haystack).split(' ');
  return tokens.every((token) => words.some((word) => word.startsWith(token)));
}
