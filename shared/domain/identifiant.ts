/**
 * Family identifiants (SPEC §4.1): `prenom.nom`, lower case, accents removed, no spaces,
 * only a–z, 0–9, '.' and '-'; a numeric suffix makes it unique (`prenom.nom1`). The first
 * given name only; hyphens inside a name stay ("jean-pierre"); spaces and apostrophes go
 * ("N'Diaye" → "ndiaye", "De La Tour" → "delatour").
 */
const PART_MAX = 30;

function foldPart(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/ø/gi, 'o')
    .replace(/ł/gi, 'l')
    .replace(/đ/gi, 'd')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[\s'’ʼ`]+/g, '')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, PART_MAX)
    .replace(/-$/, '');
}

/** The first given name of "Jean Pierre" is "Jean"; "Jean-Pierre" stays whole. */
function firstGivenName(firstName: string): string {
  return firstName.trim().split(/\s+/)[0] ?? '';
}

/** The identifiant before any suffix: "Zoé", "N'Diaye-Lefèvre" → "zoe.ndiaye-lefevre". */
export function baseIdentifiant(firstName: string, lastName: string): string {
  const first = foldPart(firstGivenName(firstName)) || 'compte';
  const last = foldPart(lastName) || 'famille';
  return `${first}.${last}`;
}

/** The first of base, base1, base2… that `taken` does not hold. */
export function uniqueIdentifiant(base: string, taken: (candidate: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 1; ; n++) {
    const candidate = `${base}${n}`;
    if (!taken(candidate)) return candidate;
  }
}

export const IDENTIFIANT_PATTERN = /^[a-z0-9][a-z0-9.-]{0,79}$/;
