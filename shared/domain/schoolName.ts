/**
 * A school's name inside a French sentence, with its article (« le collège … », « du COLLÈGE
 * … », « à l’EREA … »). The name stays as the school writes it; only a common noun written
 * with a capital at the start (« Lycée Ledoux ») takes the lower case French gives it.
 * Shared by the letters and the e-mails so both say the school the same way.
 */

/**
 * A school name's first word in lower case when it is the common noun written with a capital
 * (« Lycée Claude-Nicolas Ledoux » → « lycée Claude-Nicolas Ledoux »); a name in capitals
 * (« LYCEE CLAUDE NICOLAS LEDOUX ») or an acronym (« LP », « EREA ») is left as it is.
 */
function commonNounFirst(name: string): string {
  return name.replace(
    /^(\p{Lu})(\p{Ll}+)(?=\s|$)/u,
    (_, first: string, rest: string) => `${first.toLowerCase()}${rest}`,
  );
}

/**
 * The school with its article: « le lycée Claude-Nicolas Ledoux », « l’EREA … », « la cité
 * scolaire … »; a name whose kind cannot be read becomes « l’établissement … ».
 */
function schoolArticle(name: string): { article: 'le' | 'la' | 'les' | 'l’' | ''; rest: string } {
  const own = /^(le|la|les)\s+(.*)$/i.exec(name) ?? /^(l’|l')\s?(.*)$/i.exec(name);
  if (own) {
    const article = own[1]!.toLowerCase().replace("'", '’') as 'le' | 'la' | 'les' | 'l’';
    return { article, rest: own[2]! };
  }
  const noun = commonNounFirst(name);
  if (/^(lycée|lycee|collège|college|lp|lpo|legt|lgt)(?=\s|$)/i.test(name))
    return { article: 'le', rest: noun };
  if (/^(école|ecole|établissement|etablissement|ea|erea)(?=\s|$)/i.test(name))
    return { article: 'l’', rest: noun };
  if (/^cité(?=\s|$)/i.test(name)) return { article: 'la', rest: noun };
  return { article: 'l’', rest: `établissement ${name}` };
}

/** « le lycée Claude-Nicolas Ledoux »: the school as the subject or object of a sentence. */
export function schoolWithArticle(name: string): string {
  const { article, rest } = schoolArticle(name);
  return article === 'l’' ? `l’${rest}` : `${article} ${rest}`;
}

/** « au lycée Claude-Nicolas Ledoux », « à l’EREA … »: where the student is enrolled. */
export function atSchool(name: string): string {
  const { article, rest } = schoolArticle(name);
  if (article === 'le') return `au ${rest}`;
  if (article === 'les') return `aux ${rest}`;
  if (article === 'la') return `à la ${rest}`;
  return `à l’${rest}`;
}

/** « des services en ligne du collège … », « de l’EREA … », « de la cité scolaire … ». */
export function ofSchool(name: string): string {
  const { article, rest } = schoolArticle(name);
  if (article === 'le') return `du ${rest}`;
  if (article === 'les') return `des ${rest}`;
  if (article === 'la') return `de la ${rest}`;
  return `de l’${rest}`;
}
