import type { EntityManager } from 'typeorm';
import {
  DivisionEntity,
  GuardianEntity,
  MotifEntity,
  PeriodEntity,
  SchoolEntity,
  SchoolYearEntity,
  StudentEntity,
  StudentGuardianEntity,
} from '../../db/entities';
import { addressRow, searchColumns } from '../../db/rowHelpers';
import { DEFAULT_MOTIFS } from '../../../shared/domain/vieScolaire/defaultMotifs';
import type { SchoolSeed } from './schoolSeed';

/** SQLite allows 32,766 bound variables per statement; ~40 columns × 200 rows stays well below. */
const CHUNK = 200;

async function insertChunked<T extends object>(
  manager: EntityManager,
  target: Parameters<EntityManager['getRepository']>[0],
  rows: T[],
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const result = await manager.getRepository(target).insert(rows.slice(i, i + CHUNK));
    for (const identifier of result.identifiers) ids.push(Number(identifier.id));
  }
  return ids;
}

/**
 * Writes a whole new school, inside the caller's transaction. Returns the school id.
 * Used by the demo school; the SIECLE import reuses the same row mapping.
 */
export async function writeNewSchool(
  manager: EntityManager,
  seed: SchoolSeed,
  nowIso: string,
): Promise<number> {
  const { school } = seed;
  const schoolId = Number(
    (
      await manager.getRepository(SchoolEntity).insert({
        uai: school.uai,
        name: school.name,
        ...addressRow(school.address),
        phone: school.phone,
        email: school.email,
        academie: school.academie,
        portalUrl: school.portalUrl,
        // The portal serves this computer only until the school decides otherwise.
        portalBind: '127.0.0.1',
        portalPort: 3211,
        portalTrustedProxy: '',
        welcomeMessage: school.welcomeMessage,
        publicationDirector: school.publicationDirector ?? '',
        familiesMayEmail: false,
        gradePublicationMode: 'continuous',
        openedServices: '',
        letterWindow: 'left',
        createdAt: nowIso,
      })
    ).identifiers[0]?.id,
  );

  // Issue 17: every school starts with the five legitimate motives of L131-8 and the usual others.
  await manager
    .getRepository(MotifEntity)
    .insert(DEFAULT_MOTIFS.map((motif) => ({ ...motif, schoolId, active: true })));

  const yearId = Number(
    (
      await manager.getRepository(SchoolYearEntity).insert({
        schoolId,
        label: seed.year.label,
        startsOn: seed.year.startsOn,
        endsOn: seed.year.endsOn,
        isCurrent: true,
      })
    ).identifiers[0]?.id,
  );
  await insertChunked(
    manager,
    PeriodEntity,
    seed.year.periods.map((p) => ({ schoolId, schoolYearId: yearId, ...p })),
  );

  const divisionIds = await insertChunked(
    manager,
    DivisionEntity,
    seed.divisions.map((d) => ({ schoolId, schoolYearId: yearId, ...d })),
  );
  const divisionIdByCode = new Map(seed.divisions.map((d, i) => [d.code, divisionIds[i]]));

  const studentIds = await insertChunked(
    manager,
    StudentEntity,
    seed.students.map((s) => ({
      schoolId,
      siecleId: s.key,
      ine: s.ine,
      lastName: s.lastName,
      firstName: s.firstName,
      firstName2: s.firstName2,
      firstName3: s.firstName3,
      sex: s.sex,
      birthDate: s.birthDate,
      birthCommune: s.birthCommune,
      birthDepartment: s.birthDepartment,
      birthCountry: s.birthCountry,
      divisionId: s.divisionCode ? (divisionIdByCode.get(s.divisionCode) ?? null) : null,
      regime: s.regime,
      regimeCode: '',
      mefCode: '',
      groups: '',
      ...addressRow(s.address),
      addressSameAsGuardian1: s.addressSameAsGuardian1,
      phoneHome: s.phoneHome,
      phoneMobile: s.phoneMobile,
      email: s.email,
      leftOn: s.leftOn,
      ...searchColumns(s.lastName, s.firstName),
      createdAt: nowIso,
      updatedAt: nowIso,
    })),
  );
  const studentIdByKey = new Map(seed.students.map((s, i) => [s.key, studentIds[i]]));

  const guardianIds = await insertChunked(
    manager,
    GuardianEntity,
    seed.guardians.map((g) => ({
      schoolId,
      siecleId: g.key,
      civility: g.civility,
      lastName: g.lastName,
      firstName: g.firstName,
      profession: g.profession,
      professionCode: '',
      ...addressRow(g.address),
      sharesAddress: g.sharesAddress,
      phoneHome: g.phoneHome,
      phoneWork: g.phoneWork,
      phoneMobile: g.phoneMobile,
      acceptsSms: g.acceptsSms,
      email: g.email,
      ...searchColumns(g.lastName, g.firstName),
      createdAt: nowIso,
      updatedAt: nowIso,
    })),
  );
  const guardianIdByKey = new Map(seed.guardians.map((g, i) => [g.key, guardianIds[i]]));

  await insertChunked(
    manager,
    StudentGuardianEntity,
    seed.links.map((l) => {
      const studentId = studentIdByKey.get(l.studentKey);
      const guardianId = guardianIdByKey.get(l.guardianKey);
      if (studentId === undefined || guardianId === undefined) {
        throw new Error(`Lien responsable ${l.guardianKey} → élève ${l.studentKey} sans fiche`);
      }
      return {
        schoolId,
        studentId,
        guardianId,
        relationship: l.relationship,
        legalRank: l.legalRank,
        responsibilityLevel: l.responsibilityLevel,
      };
    }),
  );
  return schoolId;
}
