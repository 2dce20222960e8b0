import type { Address } from '../../../shared/api/staff';
import { RELATIONSHIPS, type RelationshipCode } from '../../../shared/domain/relationship';
import type { Level, Regime } from '../../../shared/domain/school';
import type { SiecleAddress } from '../siecle/types';

/** CODE_SEXE: 1 = masculin, 2 = féminin. */
export function sexFromCode(code: string): 'M' | 'F' | null {
  return code === '1' ? 'M' : code === '2' ? 'F' : null;
}

/**
 * CODE_REGIME → our four régimes. The nomenclature's label decides when given (codes
 * vary by académie: 21–29 are demi-pension variants, 31–39 internat variants); the
 * usual national codes are the fallback.
 */
export function regimeFromCode(code: string, label?: string): Regime | null {
  const text = (label ?? '').toUpperCase();
  if (text) {
    if (text.includes('INTERNE EXTERNE')) return 'interne_externe';
    if (text.includes('DEMI-PENSION') || text.includes('DEMI PENSION')) return 'demi_pensionnaire';
    if (text.includes('INTERN')) return 'interne';
    if (text.includes('EXTERN')) return 'externe';
  }
  if (/^[01]$/.test(code)) return 'externe';
  if (/^(2|6|2\d)$/.test(code)) return 'demi_pensionnaire';
  if (code === '4') return 'interne_externe';
  if (/^(3|5|3\d)$/.test(code)) return 'interne';
  return null;
}

/** The level from the MEF code's first three digits (100 = 6e … 202 = terminale). */
export function levelFromMef(mefCode: string): Level | null {
  const levels: Record<string, Level> = {
    '100': '6e',
    '101': '5e',
    '102': '4e',
    '103': '3e',
    '200': '2nde',
    '201': '1re',
    '202': 'Tle',
  };
  return levels[mefCode.slice(0, 3)] ?? null;
}

/** The level from a MEF's formation in the nomenclature: « 4EME », « 2NDE GT », « TERMINALE S ». */
export function levelFromFormation(formation: string): Level | null {
  const f = formation.toUpperCase().replace(/\s+/g, ' ').trim();
  if (/^6(E|EME)\b/.test(f)) return '6e';
  if (/^5(E|EME)\b/.test(f)) return '5e';
  if (/^4(E|EME)\b/.test(f)) return '4e';
  if (/^3(E|EME)\b/.test(f)) return '3e';
  if (/^(2NDE|2DE|SECONDE)\b/.test(f)) return '2nde';
  if (/^(1ERE|1RE|PREMIERE)\b/.test(f)) return '1re';
  if (/^(TERM|TLE|TERMINALE)/.test(f)) return 'Tle';
  return null;
}

/** LC_CIVILITE: 'M.', 'M', 'MR' → 'M.'; 'MME', 'MLLE' → 'Mme'; anything else → ''. */
export function civilityFromSiecle(value: string): 'M.' | 'Mme' | '' {
  const v = value.trim().toUpperCase().replace(/\.$/, '');
  if (v === 'M' || v === 'MR' || v === 'MONSIEUR') return 'M.';
  if (v === 'MME' || v === 'MLLE' || v === 'MADAME' || v === 'MADEMOISELLE') return 'Mme';
  return '';
}

export function relationshipFromCode(code: string): RelationshipCode | null {
  return code in RELATIONSHIPS ? (code as RelationshipCode) : null;
}

/** A SIECLE address in our three-line shape: lines 2 to 4 are joined, empty parts dropped. */
export function addressFromSiecle(a: SiecleAddress): Address {
  return {
    line1: a.line1,
    line2: [a.line2, a.line3, a.line4].filter((l) => l !== '').join(', '),
    postalCode: a.postalCode,
    city: a.city,
    country:
      a.country || (a.countryCode === '100' || a.countryCode === '' ? 'FRANCE' : a.countryCode),
  };
}

/**
 * CODE_PAYS as SIECLE sent it (« 131 »), kept beside LL_PAYS (« BELGIQUE »): the export back to
 * SIECLE writes the code, which the name alone cannot always give back. '' when not sent.
 */
export function countryCodeFromSiecle(a: SiecleAddress): string {
  return /^\d{3}$/.test(a.countryCode) ? a.countryCode : '';
}

export function countryFromCode(code: string): string {
  return code === '100' || code === '' ? 'FRANCE' : code;
}

/** "2019" → "2019-2020". */
export function schoolYearLabel(start: number): string {
  return `${start}-${start + 1}`;
}
