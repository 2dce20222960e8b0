import type { EntityManager } from 'typeorm';
import type {
  GuardianField,
  InfoSheetField,
  StudentField,
} from '../../../shared/domain/infoSheet/fields';
import { professionLabel } from '../../../shared/domain/infoSheet/professions';
import type { InfoSheetValues } from '../../../shared/domain/infoSheet/validate';
import { inseeCountryCode } from '../../../shared/domain/inseeCountries';
import { relationshipLabel } from '../../../shared/domain/relationship';
import { GuardianEntity, StudentEntity, StudentGuardianEntity } from '../../db/entities';
import type { GuardianRow, StudentRow } from '../../db/entities/rows';
import { searchColumns } from '../../db/rowHelpers';
import { labelsOf } from '../school/nomenclatureLabels';

/** The record one request is about: the pupil's own, or one guardian's seen from this pupil. */
export interface RecordRef {
  studentId: number;
  guardianId: number | null;
}

const yesNo = (v: boolean) => (v ? '1' : '0');

export function studentValues(s: StudentRow): Record<StudentField, string> {
  return {
    lastName: s.lastName,
    firstName: s.firstName,
    firstName2: s.firstName2,
    firstName3: s.firstName3,
    sex: s.sex,
    birthDate: s.birthDate ?? '',
    birthCountry: s.birthCountry,
    birthCommune: s.birthCommune,
    phoneHome: s.phoneHome,
    phoneMobile: s.phoneMobile,
    email: s.email,
  };
}

export function guardianValues(
  g: GuardianRow,
  relationship: string,
): Record<GuardianField, string> {
  return {
    relationship,
    civility: g.civility,
    lastName: g.lastName,
    firstName: g.firstName,
    professionCode: g.professionCode,
    addressLine1: g.addressLine1,
    addressLine2: g.addressLine2,
    postalCode: g.postalCode,
    city: g.city,
    country: g.country,
    sharesAddress: yesNo(g.sharesAddress),
    phoneHome: g.phoneHome,
    phoneWork: g.phoneWork,
    phoneMobile: g.phoneMobile,
    acceptsSms: yesNo(g.acceptsSms),
    email: g.email,
  };
}

/** The record's values as the school holds them now, or null when it is gone. */
export async function currentValues(
  m: EntityManager,
  schoolId: number,
  ref: RecordRef,
): Promise<InfoSheetValues | null> {
  const student = await m.getRepository(StudentEntity).findOneBy({ id: ref.studentId, schoolId });
  if (!student) return null;
  if (ref.guardianId === null) return studentValues(student);
  const link = await m
    .getRepository(StudentGuardianEntity)
    .findOneBy({ studentId: ref.studentId, guardianId: ref.guardianId, schoolId });
  const guardian = await m
    .getRepository(GuardianEntity)
    .findOneBy({ id: ref.guardianId, schoolId });
  return link && guardian ? guardianValues(guardian, link.relationship) : null;
}

/** The school's code lists (Nomenclature imported), for checking and for showing codes. */
export async function codeLists(m: EntityManager, schoolId: number) {
  return {
    professions: await labelsOf(m, schoolId, 'PROFESSIONS'),
    relationships: await labelsOf(m, schoolId, 'LIENS_PARENTE'),
  };
}

/** A stored value in words: codes by their labels, yes/no boxes as « Oui »/« Non ». */
export function shownValue(
  field: InfoSheetField,
  value: string,
  lists: Awaited<ReturnType<typeof codeLists>>,
): string {
  if (value === '') return '';
  if (field === 'professionCode')
    return lists.professions.get(value) ?? professionLabel(value) ?? value;
  if (field === 'relationship') return lists.relationships.get(value) ?? relationshipLabel(value);
  if (field === 'sharesAddress' || field === 'acceptsSms') return value === '1' ? 'Oui' : 'Non';
  if (field === 'sex') return value === 'F' ? 'Féminin' : value === 'M' ? 'Masculin' : value;
  if (field === 'birthDate')
    return `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
  return value;
}

/** A guardian's address: the fields a pupil « identique au responsable légal 1 » follows. */
export const ADDRESS_FIELDS: readonly string[] = [
  'addressLine1',
  'addressLine2',
  'postalCode',
  'city',
  'country',
];

/**
 * Writes accepted values into the school's record, inside the caller's transaction. A pupil
 * whose address is « identique à celle du responsable légal 1 » follows légal 1's move.
 */
export async function applyAccepted(
  m: EntityManager,
  schoolId: number,
  ref: RecordRef,
  accepted: InfoSheetValues,
  nowIso: string,
): Promise<void> {
  const fields = Object.keys(accepted) as InfoSheetField[];
  if (fields.length === 0) return;
  if (ref.guardianId === null) {
    const repo = m.getRepository(StudentEntity);
    const s = await repo.findOneByOrFail({ id: ref.studentId, schoolId });
    const next: Partial<StudentRow> = { updatedAt: nowIso };
    for (const f of fields as StudentField[]) {
      const v = accepted[f]!;
      if (f === 'birthDate') next.birthDate = v === '' ? null : v;
      else next[f] = v;
    }
    Object.assign(next, searchColumns(next.lastName ?? s.lastName, next.firstName ?? s.firstName));
    await repo.update({ id: s.id }, next);
    return;
  }
  const repo = m.getRepository(GuardianEntity);
  const g = await repo.findOneByOrFail({ id: ref.guardianId, schoolId });
  const next: Partial<GuardianRow> = { updatedAt: nowIso };
  for (const f of fields as GuardianField[]) {
    const v = accepted[f]!;
    if (f === 'relationship') {
      await m
        .getRepository(StudentGuardianEntity)
        .update({ studentId: ref.studentId, guardianId: g.id, schoolId }, { relationship: v });
    } else if (f === 'sharesAddress' || f === 'acceptsSms') next[f] = v === '1';
    else if (f === 'professionCode') {
      next.professionCode = v;
      const lists = await codeLists(m, schoolId);
      next.profession = (lists.professions.get(v) ?? professionLabel(v) ?? '').slice(0, 100);
    } else if (f === 'country') {
      next.country = v;
      // SIECLE's code was for the old country: the new one's, when its name tells it.
      next.addressCountryCode = inseeCountryCode(v) ?? '';
    } else next[f] = v;
  }
  Object.assign(next, searchColumns(next.lastName ?? g.lastName, next.firstName ?? g.firstName));
  await repo.update({ id: g.id }, next);
  if (fields.some((f) => ADDRESS_FIELDS.includes(f)))
    await followLegal1(m, schoolId, { ...g, ...next }, nowIso);
}

async function followLegal1(m: EntityManager, schoolId: number, g: GuardianRow, nowIso: string) {
  const links = await m
    .getRepository(StudentGuardianEntity)
    .findBy({ guardianId: g.id, schoolId, legalRank: 1 });
  for (const link of links) {
    await m.getRepository(StudentEntity).update(
      { id: link.studentId, schoolId, addressSameAsGuardian1: true },
      {
        addressLine1: g.addressLine1,
        addressLine2: g.addressLine2,
        postalCode: g.postalCode,
        city: g.city,
        country: g.country,
        addressCountryCode: g.addressCountryCode,
        updatedAt: nowIso,
      },
    );
  }
}
