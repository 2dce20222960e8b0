import type { Address } from '../../../shared/api/staff';
import type { Level, Regime } from '../../../shared/domain/school';
import type { RelationshipCode, ResponsibilityLevel } from '../../../shared/domain/relationship';

/**
 * A whole school as plain records, before it is written: what the demo generator
 * produces and what an import will produce. Cross references use the `key` fields
 * (SIECLE ELEVE_ID / PERSONNE_ID for an import).
 */
export interface SchoolSeed {
  school: {
    uai: string;
    name: string;
    address: Address;
    phone: string;
    email: string;
    academie: string;
    portalUrl: string;
    welcomeMessage: string;
    /** « Directeur de la publication » of the portal; '' until the school names one. */
    publicationDirector?: string;
  };
  year: {
    label: string; // '2026-2027'
    startsOn: string; // YYYY-MM-DD
    endsOn: string;
    periods: { code: string; label: string; startsOn: string; endsOn: string }[];
  };
  divisions: { code: string; label: string; level: Level }[];
  students: StudentSeed[];
  guardians: GuardianSeed[];
  links: LinkSeed[];
}

export interface StudentSeed {
  key: string;
  ine: string;
  lastName: string;
  firstName: string;
  firstName2: string;
  firstName3: string;
  sex: 'M' | 'F';
  birthDate: string; // YYYY-MM-DD
  birthCommune: string;
  birthDepartment: string;
  birthCountry: string;
  divisionCode: string | null;
  regime: Regime;
  address: Address;
  addressSameAsGuardian1: boolean;
  phoneHome: string;
  phoneMobile: string;
  email: string;
  leftOn: string | null;
}

export interface GuardianSeed {
  key: string;
  civility: 'M.' | 'Mme';
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
}

export interface LinkSeed {
  studentKey: string;
  guardianKey: string;
  relationship: RelationshipCode;
  legalRank: 1 | 2 | null;
  responsibilityLevel: ResponsibilityLevel;
}
