import { singleAddressProblem } from '../emailAddress';
import { isoFromSlashDate, isoIfRealDay } from '../frenchDates';
import { formatPhone } from '../phone';
import { RELATIONSHIPS } from '../relationship';
import { hasInvisibleCharacters } from '../visibleText';
import {
  fieldLabel,
  fieldsOf,
  STUDENT_ADDRESS_FIELDS,
  STUDENT_LOCKED_FIELDS,
  type InfoSheetField,
  type InfoSheetRecordKind,
} from './fields';
import { isFrance, postcodeProblem } from './postcode';
import { PROFESSIONS } from './professions';
import { firstNonLatin9, SIECLE_MAX_LENGTH, straightApostrophes } from './siecleText';

export type InfoSheetValues = Partial<Record<InfoSheetField, string>>;

export interface InfoSheetContext {
  /** 'YYYY-MM-DD', Paris: a birth date is in the past. */
  today: string;
  /** CODE_PROFESSION → label, from the school's Nomenclature; empty: the constant list. */
  professions?: ReadonlyMap<string, string>;
  /** CODE_PARENTE → label, from the school's Nomenclature; empty: the constant list. */
  relationships?: ReadonlyMap<string, string>;
  /** The record as the school holds it: postcode and commune are checked together. */
  current?: InfoSheetValues;
}

export interface InfoSheetValidation {
  /** Normalised values (phones in pairs, dates ISO, yes/no as '1'/'0'). */
  values: InfoSheetValues;
  /** Field → French message; empty when everything may be submitted. */
  errors: Record<string, string>;
}

const FRENCH_PHONE = /^0[1-9]( \d{2}){4}$/;
const INTERNATIONAL_PHONE = /^\+(?!33)[1-9][\d ]{6,18}$/;
const NAME = /^[\p{L}][\p{L}' -]*$/u;
/** A pupil of collège or lycée is born 10 to 30 years before today: beyond that, a typo. */
const OLDEST_PUPIL_YEARS = 30;

type Check = (raw: string, ctx: InfoSheetContext) => { value: string } | { error: string };

const ok = (value: string) => ({ value });
const fail = (error: string) => ({ error });

function name(required: boolean): Check {
  return (raw) => {
    const v = raw.trim().replace(/\s+/g, ' ');
    if (v === '') return required ? fail('champ obligatoire.') : ok('');
    if (v.length > SIECLE_MAX_LENGTH.name) return tooLong(SIECLE_MAX_LENGTH.name, v);
    if (!NAME.test(v)) return fail('lettres, espaces, tirets et apostrophes seulement.');
    return ok(v);
  };
}

function phone(mobile: boolean): Check {
  return (raw) => {
    if (raw.trim() === '') return ok('');
    const shown = formatPhone(raw);
    if (FRENCH_PHONE.test(shown)) {
      if (mobile && !/^0[67]/.test(shown)) {
        return fail('un numéro de portable français commence par 06 ou 07.');
      }
      return ok(shown);
    }
    const digits = shown.replace(/\D/g, '').length;
    if (INTERNATIONAL_PHONE.test(shown) && digits >= 8 && digits <= 15) return ok(shown);
    return fail(
      'numéro invalide : 10 chiffres commençant par 0 (06 12 34 56 78), ou au format international (+33 6 12 34 56 78).',
    );
  };
}

const email: Check = (raw) => {
  const v = raw.trim();
  if (v === '') return ok('');
  const problem = singleAddressProblem(v);
  return problem ? fail(problem) : ok(v);
};

function yearsBefore(today: string, years: number): string {
  return `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;
}

const birthDate: Check = (raw, ctx) => {
  const v = raw.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const iso = m ? isoIfRealDay(m[1]!, m[2]!, m[3]!) : isoFromSlashDate(v);
  if (v === '') return fail('champ obligatoire.');
  if (iso === null) return fail('une date réelle, JJ/MM/AAAA.');
  if (iso >= ctx.today) return fail('la date de naissance doit être dans le passé.');
  if (iso < yearsBefore(ctx.today, OLDEST_PUPIL_YEARS)) return fail('vérifiez l’année.');
  return ok(iso);
};

function oneOf(values: Record<string, string>, what: string): Check {
  // Own keys only: `in` would also take « constructor » or « toString » from Object.prototype.
  return (raw) =>
    Object.hasOwn(values, raw) ? ok(raw) : fail(`choisissez ${what} dans la liste.`);
}

/**
 * A code from the Nomenclature. Left empty, it is accepted only when the record holds none
 * either: a guardian without a profession on file changes a phone without having to pick one
 * (a form sends every field), but a code the school holds cannot be emptied.
 */
function coded(
  field: 'professionCode' | 'relationship',
  list: 'professions' | 'relationships',
  fallback: Record<string, string>,
): Check {
  return (raw, ctx) => {
    const v = raw.trim();
    if (v === '' && (ctx.current?.[field] ?? '').trim() === '') return ok('');
    const known = ctx[list];
    const has = known && known.size > 0 ? known.has(v) : Object.hasOwn(fallback, v);
    return has ? ok(v) : fail('choisissez une valeur de la liste.');
  };
}

function yesNo(raw: string) {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'oui'].includes(v)) return ok('1');
  if (['0', 'false', 'non'].includes(v)) return ok('0');
  return fail('oui ou non.');
}

/** A value longer than SIECLE's field: the count typed, so that the family sees how much to cut. */
function tooLong(max: number, v: string) {
  return fail(`${max} caractères au plus, la limite de SIECLE (${v.length} saisis).`);
}

function freeText(max: number, required = false): Check {
  return (raw) => {
    const v = raw.trim().replace(/\s+/g, ' ');
    if (v === '' && required) return fail('champ obligatoire.');
    if (v.length > max) return tooLong(max, v);
    return ok(v);
  };
}

const CHECKS: Record<InfoSheetRecordKind, Partial<Record<InfoSheetField, Check>>> = {
  student: {
    lastName: name(true),
    firstName: name(true),
    firstName2: name(false),
    firstName3: name(false),
    sex: oneOf({ M: 'Masculin', F: 'Féminin' }, 'masculin ou féminin'),
    birthDate,
    birthCountry: freeText(100, true),
    birthCommune: freeText(SIECLE_MAX_LENGTH.commune),
    phoneHome: phone(false),
    phoneMobile: phone(true),
    email,
  },
  guardian: {
    relationship: coded('relationship', 'relationships', RELATIONSHIPS),
    civility: oneOf({ 'M.': 'Monsieur', Mme: 'Madame' }, 'M. ou Mme'),
    lastName: name(true),
    firstName: name(true),
    professionCode: coded('professionCode', 'professions', PROFESSIONS),
    addressLine1: freeText(SIECLE_MAX_LENGTH.addressLine, true),
    addressLine2: freeText(SIECLE_MAX_LENGTH.addressLine),
    postalCode: freeText(10),
    city: freeText(SIECLE_MAX_LENGTH.commune, true),
    country: freeText(100),
    sharesAddress: yesNo,
    phoneHome: phone(false),
    phoneWork: phone(false),
    phoneMobile: phone(true),
    acceptsSms: yesNo,
    email,
  },
};

/**
 * Checks what a family submits for one record of the fiche: only the fields it may change,
 * each with a French message naming the field, then the fields that go together (postcode
 * and commune; the commune of birth in France). Pure: the caller brings today, the school's
 * code lists and the record as it stands.
 */
export function validateInfoSheet(
  kind: InfoSheetRecordKind,
  input: Readonly<Record<string, unknown>>,
  ctx: InfoSheetContext,
): InfoSheetValidation {
  const values: InfoSheetValues = {};
  const errors: Record<string, string> = {};
  const allowed = fieldsOf(kind);
  for (const [field, raw] of Object.entries(input)) {
    if (raw === undefined) continue;
    if (kind === 'student' && Object.hasOwn(STUDENT_LOCKED_FIELDS, field)) {
      errors[field] = STUDENT_LOCKED_FIELDS[field as keyof typeof STUDENT_LOCKED_FIELDS];
      continue;
    }
    if (kind === 'student' && STUDENT_ADDRESS_FIELDS.includes(field)) {
      errors[field] = STUDENT_LOCKED_FIELDS.address;
      continue;
    }
    const label = fieldLabel(kind, field);
    if (!(allowed as readonly string[]).includes(field)) {
      errors[field] = `${label} : ce champ ne fait pas partie de la fiche.`;
      continue;
    }
    const text = typeof raw === 'boolean' ? (raw ? '1' : '0') : raw;
    if (typeof text !== 'string' || hasInvisibleCharacters(text)) {
      errors[field] = `${label} : valeur illisible.`;
      continue;
    }
    const typed = straightApostrophes(text);
    const foreign = firstNonLatin9(typed);
    if (foreign !== null) {
      errors[field] =
        `${label} : le caractère « ${foreign} » ne peut pas être transmis à SIECLE ; remplacez-le (par exemple par la même lettre sans accent).`;
      continue;
    }
    const check = CHECKS[kind][field as InfoSheetField]!;
    const result = check(typed, ctx);
    if ('error' in result) errors[field] = `${label} : ${result.error}`;
    else values[field as InfoSheetField] = result.value;
  }
  checkTogether(kind, values, errors, ctx.current ?? {});
  return { values, errors };
}

function checkTogether(
  kind: InfoSheetRecordKind,
  values: InfoSheetValues,
  errors: Record<string, string>,
  current: InfoSheetValues,
) {
  const merged = { ...current, ...values };
  if (kind === 'guardian') {
    const touched = ['postalCode', 'city', 'country'].some((f) => Object.hasOwn(values, f));
    if (!touched || errors.postalCode || errors.city) return;
    if (!isFrance(merged.country ?? '')) return;
    const problem = postcodeProblem(merged.postalCode ?? '', merged.city ?? '');
    if (problem) errors[problem.field] = `${fieldLabel(kind, problem.field)} : ${problem.message}`;
    return;
  }
  const touched = ['birthCountry', 'birthCommune'].some((f) => Object.hasOwn(values, f));
  if (touched && !errors.birthCommune && isFrance(merged.birthCountry ?? '')) {
    if ((merged.birthCommune ?? '') === '') {
      errors.birthCommune = `${fieldLabel(kind, 'birthCommune')} : obligatoire pour une naissance en France.`;
    }
  }
}
