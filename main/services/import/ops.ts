import type { AddressRow } from '../../db/entities/rows';
import { formatPhone } from '../../../shared/domain/phone';
import type { Level } from '../../../shared/domain/school';

/** The student fields an import sets; address fields only from ElevesAvecAdresses. */
export interface StudentValues extends Partial<AddressRow> {
  ine: string;
  lastName: string;
  firstName: string;
  firstName2: string;
  firstName3: string;
  sex: string;
  birthDate: string | null;
  birthCommune: string;
  birthDepartment: string;
  birthCountry: string;
  regime: string;
  regimeCode: string;
  mefCode: string;
  groups: string;
  phoneHome: string;
  phoneMobile: string;
  email: string;
  leftOn: string | null;
  divisionCode: string | null;
  addressCountryCode?: string;
  addressSameAsGuardian1?: boolean;
}

export interface GuardianValues extends AddressRow {
  civility: string;
  lastName: string;
  firstName: string;
  profession: string;
  professionCode: string;
  addressCountryCode: string;
  sharesAddress: boolean;
  phoneHome: string;
  phoneWork: string;
  phoneMobile: string;
  acceptsSms: boolean;
  email: string;
}

export interface LinkValues {
  relationship: string;
  legalRank: number | null;
  responsibilityLevel: number;
}

/** Every write an import will make, computed before anything is written. */
export interface ImportOps {
  labels: { list: string; code: string; label: string; id: number | null }[];
  /** level null: no MEF told it; stored as '' and shown as « Niveau inconnu ». */
  divisions: { code: string; label: string; level: Level | null }[];
  /** Divisions stored with an unknown level that this import can now place. */
  divisionLevels: { id: number; level: Level }[];
  studentInserts: (StudentValues & { key: string })[];
  studentUpdates: { id: number; values: Partial<StudentValues> }[];
  guardianInserts: (GuardianValues & { key: string })[];
  guardianUpdates: { id: number; values: Partial<GuardianValues> }[];
  guardianDeletes: number[];
  linkInserts: (LinkValues & { studentKey: string; guardianKey: string })[];
  linkUpdates: { id: number; values: LinkValues }[];
  linkDeletes: number[];
  /** Issue 16 §1: a pupil entering a SIECLE group (by ELEVE_ID: the pupil may be new). */
  membershipInserts: { studentKey: string; groupCode: string }[];
  /** group_membership ids of pupils the file lists out of that group. */
  membershipDeletes: number[];
}

export function emptyOps(): ImportOps {
  return {
    labels: [],
    divisions: [],
    divisionLevels: [],
    studentInserts: [],
    studentUpdates: [],
    guardianInserts: [],
    guardianUpdates: [],
    guardianDeletes: [],
    linkInserts: [],
    linkUpdates: [],
    linkDeletes: [],
    membershipInserts: [],
    membershipDeletes: [],
  };
}

export function opsCount(ops: ImportOps): number {
  return Object.values(ops).reduce((sum, list: unknown[]) => sum + list.length, 0);
}

const PHONES: readonly PropertyKey[] = ['phoneHome', 'phoneMobile', 'phoneWork'];

/**
 * One value, however written: a phone the school accepted is kept as « 06 77 88 99 00 » and
 * SIECLE sends it back as « 0677889900 » (issue 18 §2: bringing an accepted value is no change).
 */
function sameValue(key: PropertyKey, before: unknown, after: unknown): boolean {
  if (before === after) return true;
  return (
    PHONES.includes(key) &&
    typeof before === 'string' &&
    typeof after === 'string' &&
    formatPhone(before) === formatPhone(after)
  );
}

/** Field → the value that changes, old and new, for the preview's detail text. */
export function diffValues<T extends object>(
  before: T,
  after: Partial<T>,
): { key: keyof T; before: unknown; after: unknown }[] {
  const changes: { key: keyof T; before: unknown; after: unknown }[] = [];
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] !== undefined && !sameValue(key, before[key], after[key])) {
      changes.push({ key, before: before[key], after: after[key] });
    }
  }
  return changes;
}
