import { foldForSearch } from '../normalize';

/**
 * Postcode–commune coherence, as far as Pupitre can tell without La Poste's base of postcodes:
 * - the postcode's shape and département (5 digits; 01–95 in metropolitan France, Corse
 *   written 20xxx — never « 2A »/« 2B », which are INSEE codes —, 971–976 overseas, 980
 *   Monaco, 986–988 collectivités du Pacifique);
 * - Paris: département 75 has no other commune, so any 75xxx is Paris, and a home address in
 *   Paris has an arrondissement's code (75001–75020, 75116);
 * - Lyon (69001–69009) and Marseille (13001–13016), whose arrondissement codes no other
 *   commune uses.
 * A real postcode of the right département with the wrong commune (59580 « ROUBAIX ») is not
 * caught: that needs the base Pupitre does not hold, and the staff review reads every change.
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

type Problem = { field: 'postalCode' | 'city'; message: string };

/** Why a French postcode and commune do not go together, in French, or null. */
export function postcodeProblem(postalCode: string, city: string): Problem | null {
  if (/^2[AB]\d{3}$/i.test(postalCode)) {
    return {
      field: 'postalCode',
      message: 'en Corse, le code postal commence par 20 (ex. 20000 pour Ajaccio).',
    };
  }
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
  if (postalCode.startsWith('75') && root !== 'PARIS') {
    return {
      field: 'city',
      message: `un code postal en 75 est celui de PARIS, pas de « ${city.trim()} ».`,
    };
  }
  return null;
}
