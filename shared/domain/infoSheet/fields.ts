/**
 * The fiche de renseignements' fields (SPEC §7, seed 000 « Mise à jour élève » and
 * « Mise à jour responsable légal »), as a family may change them: each a string value, the
 * way it is stored in the school's record ('1'/'0' for the yes/no boxes). The field names
 * are the record's own (student.*, guardian.*; `relationship` is the guardian's lien with
 * this pupil, kept on student_guardian).
 */
export const STUDENT_FIELDS = {
  lastName: 'Nom de famille',
  firstName: '1er prénom',
  firstName2: '2e prénom',
  firstName3: '3e prénom',
  sex: 'Sexe',
  birthDate: 'Né(e) le',
  birthCountry: 'Pays de naissance',
  birthCommune: 'Commune de naissance',
  phoneHome: 'Tél. domicile',
  phoneMobile: 'Tél. mobile',
  email: 'Courriel',
} as const;

export const GUARDIAN_FIELDS = {
  relationship: 'Lien avec l’élève',
  civility: 'Civilité',
  lastName: 'Nom de famille',
  firstName: 'Prénom',
  professionCode: 'Profession ou catégorie socio-professionnelle',
  addressLine1: 'Adresse',
  addressLine2: 'Complément d’adresse',
  postalCode: 'Code postal',
  city: 'Commune',
  country: 'Pays',
  sharesAddress: 'Autorise à communiquer son adresse',
  phoneHome: 'Tél. domicile',
  phoneWork: 'Tél. travail',
  phoneMobile: 'Tél. mobile',
  acceptsSms: 'Accepte les SMS',
  email: 'Courriel',
} as const;

export type StudentField = keyof typeof STUDENT_FIELDS;
export type GuardianField = keyof typeof GUARDIAN_FIELDS;
export type InfoSheetField = StudentField | GuardianField;
export type InfoSheetRecordKind = 'student' | 'guardian';

export const STUDENT_FIELD_NAMES = Object.keys(STUDENT_FIELDS) as StudentField[];
export const GUARDIAN_FIELD_NAMES = Object.keys(GUARDIAN_FIELDS) as GuardianField[];

/** What families may not change on the pupil's record, and what they are told (seed 000). */
export const STUDENT_LOCKED_FIELDS = {
  regime:
    'Le régime n’est pas modifiable : pour signaler un changement de régime, contactez l’établissement.',
  address:
    'L’adresse de l’élève n’est pas modifiable ici : pour la modifier, veuillez prendre contact avec l’établissement.',
  addressSameAsGuardian1:
    '« Identique à celle du responsable légal 1 » fait partie de l’adresse de l’élève : pour la modifier, veuillez prendre contact avec l’établissement.',
} as const;
/** The pupil's address as the record keeps it: none of it is the family's to change. */
export const STUDENT_ADDRESS_FIELDS: readonly string[] = [
  'addressLine1',
  'addressLine2',
  'postalCode',
  'city',
  'country',
];
export type StudentLockedField = keyof typeof STUDENT_LOCKED_FIELDS;

/** The yes/no boxes: stored '1' or '0'. */
export const BOOLEAN_FIELDS: readonly InfoSheetField[] = ['sharesAddress', 'acceptsSms'];

export type InfoSheetRequestStatus = 'pending' | 'reviewed' | 'closed';
export type InfoSheetChangeStatus = 'pending' | 'accepted' | 'refused';

export function fieldLabel(kind: InfoSheetRecordKind, field: string): string {
  const labels: Record<string, string> = kind === 'student' ? STUDENT_FIELDS : GUARDIAN_FIELDS;
  // Own keys only: a posted field named « constructor » is not labelled by Object.prototype.
  return Object.hasOwn(labels, field) ? labels[field]! : field;
}

export function fieldsOf(kind: InfoSheetRecordKind): readonly InfoSheetField[] {
  return kind === 'student' ? STUDENT_FIELD_NAMES : GUARDIAN_FIELD_NAMES;
}
