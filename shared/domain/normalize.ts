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

/**
 * True when the query's words, taken in order and perhaps glued together, each start some
 * run of the name's words read without their spaces: apostrophes and spaces are folded both
 * ways, so « dartagnan » finds D'Artagnan and « d artagnan » finds Dartagnan.
 */
export function matchesAllTokens(tokens: readonly string[], haystack: string): boolean {
  const words = foldForSearch(haystack).split(' ');
  const tails = words.map((_, index) => words.slice(index).join(''));
  const found = (piece: string) => tails.some((tail) => tail.startsWith(piece));
  // matched[k]: the first k words of the query are accounted for.
  const matched = [true, ...tokens.map(() => false)];
  for (let start = 0; start < tokens.length; start++) {
    if (!matched[start]) continue;
    let piece = '';
    for (let end = start; end < tokens.length; end++) {
      piece += tokens[end];
      if (found(piece)) matched[end + 1] = true;
    }
  }
  return matched[tokens.length] === true;
}

/** A folded text without its spaces, to compare division codes (« 5 B » is 5B). */
export function compactFold(value: string): string {
  return foldForSearch(value).replace(/ /g, '');
}
