import { z } from 'zod';
import type { Sex } from '../../domain/agreement';
import { out, type CallSpec } from '../contract';
import { ByIdInput, Empty, Id, text, type Address, type IsoDate } from '../fields';
import { ALL_STAFF, OFFICE } from '../../domain/access';
import type { RelationshipCode, ResponsibilityLevel } from '../../domain/relationship';
import type { StaffRole } from '../../domain/roles';
import type { Level, Regime } from '../../domain/school';

export interface DivisionSummary {
  id: number;
  code: string;
  label: string;
  /** Null when no MEF told it (no nomenclature, unknown code): shown as « Niveau inconnu ». */
  level: Level | null;
  studentCount: number;
}

export interface StudentListItem {
  id: number;
  ine: string;
  lastName: string;
  firstName: string;
  birthDate: IsoDate | null;
  divisionId: number | null;
  divisionCode: string | null;
  /** The day the pupil left (today or before); null while present. */
  leftOn: IsoDate | null;
  /** For agreement: « Sortie le » / « Sorti le ». */
  sex: Sex;
  /** A DATE_SORTIE still to come: the pupil is present until then (« part le … »). */
  leavesOn: IsoDate | null;
}

export interface StudentSearchResult {
  items: StudentListItem[];
  /** True when more rows matched than were returned. */
  truncated: boolean;
  /** Set when the query was a division's code (« 5B »): the items are that division. */
  division?: { id: number; code: string };
}

export interface GuardianLink {
  guardianId: number;
  civility: string;
  lastName: string;
  firstName: string;
  relationship: RelationshipCode;
  /** From the school's SIECLE nomenclature when imported, else Pupitre's own label. */
  relationshipLabel: string;
  legalRank: 1 | 2 | null;
  responsibilityLevel: ResponsibilityLevel;
  email: string;
  phoneHome: string;
  phoneWork: string;
  phoneMobile: string;
}

/** The guardian's address a pupil lives at (shown instead of an empty one of their own). */
export interface FollowedAddress {
  guardianId: number;
  civility: string;
  lastName: string;
  firstName: string;
  legalRank: 1 | 2 | null;
  address: Address;
}

export interface StudentDetail extends StudentListItem {
  firstName2: string;
  firstName3: string;
  birthCommune: string;
  birthDepartment: string;
  birthCountry: string;
  regime: Regime;
  /** From the school's SIECLE nomenclature when imported, else Pupitre's own label. */
  regimeLabel: string;
  /** SIECLE groups (TYPE_STRUCTURE G, e.g. LAT5), in file order. */
  groups: string[];
  address: Address;
  addressSameAsGuardian1: boolean;
  /** Set when the pupil lives at a guardian's address, or has none of their own. */
  followedAddress: FollowedAddress | null;
  phoneHome: string;
  phoneMobile: string;
  email: string;
  /** Empty for roles that may not see guardians' contact details (teachers). */
  guardians: GuardianLink[];
  guardiansHidden: boolean;
  /** Address, phones and e-mail blanked for roles that may not see them (teachers). */
  contactHidden: boolean;
}

export interface GuardianChild {
  studentId: number;
  lastName: string;
  firstName: string;
  /** With the INE, what tells twins and homonyms apart on the guardian's page. */
  birthDate: IsoDate | null;
  ine: string;
  divisionCode: string | null;
  relationship: RelationshipCode;
  /** From the school's SIECLE nomenclature when imported, else Pupitre's own label. */
  relationshipLabel: string;
  legalRank: 1 | 2 | null;
  responsibilityLevel: ResponsibilityLevel;
  leftOn: IsoDate | null;
  sex: Sex;
}

export interface GuardianDetail {
  id: number;
  civility: string;
  lastName: string;
  firstName: string;
  profession: string;
  address: Address;
  sharesAddress: boolean;
  phoneHome: string;
  phoneWork: string;
  phoneMobile: string;
  acceptsSms: boolean;
  email: string;
  children: GuardianChild[];
}

/** The search field stops typing here, so the server never has to refuse a query. */
export const STUDENT_QUERY_MAX = 100;

export const StudentSearchInput = z.object({
  query: text('Recherche', STUDENT_QUERY_MAX).default(''),
  divisionId: Id.optional(),
  /** Only the pupils of this SIECLE group (« 4LAT1 »). */
  group: text('Groupe', 30).optional(),
  /** Only the pupils in no division (the dashboard's « Élèves sans division »). */
  withoutDivision: z.boolean().default(false),
  includeLeft: z.boolean().default(false),
  limit: z.number().int().min(1).max(5000).default(500),
});

/** A row of the guardians' list: who, how to reach them, and whose guardian. */
export interface GuardianListItem {
  id: number;
  civility: string;
  lastName: string;
  firstName: string;
  email: string;
  phoneMobile: string;
  phoneHome: string;
  children: {
    studentId: number;
    lastName: string;
    firstName: string;
    divisionCode: string | null;
  }[];
}

export const GuardianListInput = z.object({
  /** Only those without an e-mail address (the dashboard's counter). */
  withoutEmail: z.boolean().default(false),
});

/** A SIECLE group (a class split for languages, options…) and its pupils still at school. */
export interface GroupSummary {
  code: string;
  studentCount: number;
}

export const pupilCalls = {
  'divisions.list': { input: Empty, access: ALL_STAFF, output: out<DivisionSummary[]>() },
  'groups.list': { input: Empty, access: ALL_STAFF, output: out<GroupSummary[]>() },
  /** Matches guardians' names only for the roles that may see guardians. */
  'students.search': {
    input: StudentSearchInput,
    access: ALL_STAFF,
    output: out<StudentSearchResult>(),
  },
  'students.get': { input: ByIdInput, access: ALL_STAFF, output: out<StudentDetail>() },
  'guardians.get': { input: ByIdInput, access: OFFICE, output: out<GuardianDetail>() },
  'guardians.list': {
    input: GuardianListInput,
    access: OFFICE,
    output: out<GuardianListItem[]>(),
  },
} as const satisfies Record<string, CallSpec<StaffRole>>;
