import { FIELD_LABELS } from './labels';
import type { ProblemList } from './problems';

/** The varchar sizes of the columns an import fills (migrations), so that PostgreSQL never refuses a row. */
export const STUDENT_LIMITS: Record<string, number> = {
  ine: 11,
  lastName: 100,
  firstName: 100,
  firstName2: 100,
  firstName3: 100,
  birthCommune: 100,
  birthDepartment: 3,
  birthCountry: 100,
  regimeCode: 4,
  mefCode: 11,
  groups: 300,
  phoneHome: 30,
  phoneMobile: 30,
  email: 254,
  addressLine1: 200,
  addressLine2: 200,
  postalCode: 10,
  city: 100,
  country: 100,
};

export const GUARDIAN_LIMITS: Record<string, number> = {
  lastName: 100,
  firstName: 100,
  profession: 100,
  professionCode: 4,
  addressLine1: 200,
  addressLine2: 200,
  postalCode: 10,
  city: 100,
  country: 100,
  phoneHome: 30,
  phoneWork: 30,
  phoneMobile: 30,
  email: 254,
};

/** Each table of limits as a list, made once: an import checks thousands of rows against it. */
const entriesOf = new WeakMap<Record<string, number>, [string, number][]>();

/** Cuts values longer than their column, and says so: SQLite would keep them, PostgreSQL refuse the whole import. */
export function fitToColumns<T extends object>(
  values: T,
  limits: Record<string, number>,
  who: string,
  problems: ProblemList,
  fileName: string,
  line: number,
): T {
  const record = values as Record<string, unknown>;
  let entries = entriesOf.get(limits);
  if (!entries) entriesOf.set(limits, (entries = Object.entries(limits)));
  for (const [key, max] of entries) {
    const value = record[key];
    if (typeof value === 'string' && value.length > max) {
      record[key] = value.slice(0, max);
      problems.warn(
        `${who} : ${FIELD_LABELS[key] ?? key} trop long (${value.length} caractères, ${max} au plus), tronqué.`,
        fileName,
        line,
      );
    }
  }
  return values;
}
