import { foldForSearch } from '../normalize';

/**
 * Postcode–commune coherence, as far as Pupitre can tell without the INSEE base: the
 * postcode's shape and département (La Poste: 5 digits; 01–95 and 20 for Corse in
 * metropolitan France, 971–976 overseas, 980 Monaco, 986–988 collectivités du Pacifique),
 * and the three cities whose postcodes are per arrondissement (Paris 75001–75020 and 75116,
 * Lyon 69001–69009, Marseille 13001–13016), which no other commune uses.
 */
const ARRONDISSEMENTS: { city: string; codes: (code: string) => boolean }[] = [
  { city: 'PARIS', codes: (c) => /^750(0[1-9]|1[0-9]|20)$/.test(c) || c === '75116' },
  { city: 'LYON', codes: (c) => /^6900[1-9]$/.test(c) },
  { city: 'MARSEILLE', codes: (c) => /^130(0[1-9]|1[0-6])$/.test(c) },
];

export function isFrance(country: string): boolean {
  const c = foldForSearch(country).trim();
  return c === '' || c === 'france' || c === '100';
}

function departmentExists(code: string): boolean {
  const dep = Number(code.slice(0, 2));
  if (dep >= 1 && dep <= 95) return true;
  if (dep === 97) return ['1', '2', '3', '4', '5', '6'].includes(code[2]!);
  if (dep === 98) return ['0', '6', '7', '8'].includes(code[2]!);
  return false;
}

/** The city as families write it, reduced to compare: « Paris 15e » → « PARIS ». */
function cityRoot(city: string): string {
  return foldForSearch(city)
    .toUpperCase()
    .replace(/\bCEDEX\b.*$/, '')
    .replace(/[\s-]+\d.*$/, '')
    .trim();
}

/** Why a French postcode and commune do not go together, in French, or null. */
export function postcodeProblem(
  postalCode: string,
  city: string,
): { field: 'postalCode' | 'city'; message: string } | null {
  if (!/^\d{5}$/.test(postalCode)) {
    return { field: 'postalCode', message: 'un code postal français a 5 chiffres (ex. 59580).' };
  }
  if (!departmentExists(postalCode)) {
    return {
      field: 'postalCode',
      message: `aucun département ne commence par ${postalCode.slice(0, 2)}${postalCode.startsWith('9') ? postalCode[2] : ''} : vérifiez le code postal.`,
    };
  }
  if (city.trim() === '') return { field: 'city', message: 'indiquez la commune.' };
  const root = cityRoot(city);
  for (const a of ARRONDISSEMENTS) {
    const codeIsCity = a.codes(postalCode);
    if (codeIsCity && root !== a.city) {
      return {
        field: 'city',
        message: `le code postal ${postalCode} est celui de ${a.city}, pas de « ${city.trim()} ».`,
      };
    }
    if (!codeIsCity && root === a.city) {
      return {
        field: 'postalCode',
        message: `${postalCode} n’est pas un code postal de ${a.city} : vérifiez le code postal.`,
      };
    }
  }
  return null;
}
