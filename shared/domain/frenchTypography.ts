/**
 * French typography for text composed with plain spaces (server messages, e-mails, the
 * portal's pages): a no-break space before « : », a narrow one before « ; ? ! » and inside
 * « », so that a line never starts with the punctuation of the line before. Only a space
 * already there is replaced, and only before punctuation that ends a word: « 10:30 »,
 * « http://… », an identifiant or an e-mail address hold no space and are left as they are.
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/(?<=\S) +(?=:(?:\s|$))/g, '\u00a0')
    .replace(/(?<=\S) +(?=[;?!](?:\s|$))/g, '\u202f')
    .replace(/« +/g, '«\u202f')
    .replace(/ +»/g, '\u202f»');
}

// Before a first name only: « de Hugo », « de Hélène » are usual (no elision before h).
const ELIDES = /^[aeiouyàâäéèêëîïôöùûüœæ]/i;
/** « que » before a name: « qu’Aymard », « qu’Yves », « que Hugo ». */
export const que = (name: string) => (ELIDES.test(name) ? 'qu’' : 'que ');
/** « d’Antoine », « de Hugo »: the same elision. */
export const de = (name: string) => (ELIDES.test(name) ? 'd’' : 'de ');
