import type { EntityManager } from 'typeorm';
import { In, IsNull, MoreThan } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import type {
  FamilyView,
  PortalAccount,
  PortalChild,
  PortalSchool,
  PortalService,
} from '../../../shared/api/portal';
import { SERVICES, SERVICE_KEYS, type ServiceKey } from '../../../shared/domain/school';
import { DivisionEntity, SchoolEntity, StudentEntity } from '../../db/entities';
import {
  AccountStudentEntity,
  AccountTokenEntity,
  FamilyAccountEntity,
  type FamilyAccountRow,
} from '../../db/entities/accounts';
import { addressOf } from '../../db/rowHelpers';

/** No service past the home page is built yet: an opened one shows « bientôt disponible ». */
const BUILT_SERVICES: readonly ServiceKey[] = [];

export const CHILD_NOT_ON_ACCOUNT = 'Cet enfant n’est pas rattaché à votre compte.';

export async function portalAccount(
  m: EntityManager,
  row: FamilyAccountRow,
  now: Date,
): Promise<PortalAccount> {
  const pending = await m.getRepository(AccountTokenEntity).findOne({
    where: {
      accountId: row.id,
      purpose: 'confirm_email',
      usedAt: IsNull(),
      expiresAt: MoreThan(now.toISOString()),
    },
    order: { id: 'DESC' },
  });
  return {
    login: row.login,
    kind: row.kind,
    displayName: row.displayName,
    state: row.state,
    email: row.emailConfirmed ? row.email : '',
    emailConfirmed: row.emailConfirmed,
    pendingEmail:
      pending && (pending.email !== row.email || !row.emailConfirmed) ? pending.email : '',
    previousLoginAt: row.previousLoginAt,
  };
}

/** The children an account covers today, oldest first (as the guides list them). */
export async function accountChildren(m: EntityManager, accountId: number): Promise<PortalChild[]> {
  const links = await m.getRepository(AccountStudentEntity).findBy({ accountId });
  if (links.length === 0) return [];
  const students = await m
    .getRepository(StudentEntity)
    .findBy({ id: In(links.map((l) => l.studentId)) });
  const divisions = await m.getRepository(DivisionEntity).findBy({
    id: In(students.map((s) => s.divisionId).filter((d): d is number => d !== null)),
  });
  const schools = await m
    .getRepository(SchoolEntity)
    .findBy({ id: In([...new Set(students.map((s) => s.schoolId))]) });
  const divisionCode = new Map(divisions.map((d) => [d.id, d.code]));
  const schoolName = new Map(schools.map((s) => [s.id, s.name]));
  return students
    .map((s) => ({
      studentId: s.id,
      firstName: s.firstName,
      lastName: s.lastName,
      birthDate: s.birthDate,
      divisionCode: s.divisionId === null ? null : (divisionCode.get(s.divisionId) ?? null),
      schoolName: schoolName.get(s.schoolId) ?? '',
    }))
    .sort(
      (a, b) =>
        (a.birthDate ?? '').localeCompare(b.birthDate ?? '') ||
        a.firstName.localeCompare(b.firstName, 'fr'),
    );
}

/** Refuses a child the account does not cover: every portal call about a child asks here. */
export async function requireChildOf(
  m: EntityManager,
  accountId: number,
  studentId: number,
): Promise<void> {
  const link = await m.getRepository(AccountStudentEntity).findOneBy({ accountId, studentId });
  if (!link) throw new ApiFailure('not_found', CHILD_NOT_ON_ACCOUNT);
}

async function schoolBlock(m: EntityManager, studentId: number | null, fallbackSchoolId: number) {
  const student = studentId
    ? await m.getRepository(StudentEntity).findOneBy({ id: studentId })
    : null;
  const school = await m
    .getRepository(SchoolEntity)
    .findOneBy({ id: student?.schoolId ?? fallbackSchoolId });
  if (!school) return { block: null, services: [] as PortalService[] };
  const block: PortalSchool = {
    name: school.name,
    address: addressOf(school),
    phone: school.phone,
    contactEmail: school.familiesMayEmail && school.email ? school.email : null,
    welcomeMessage: school.welcomeMessage,
  };
  const opened = school.openedServices.split(',').filter(Boolean);
  const services: PortalService[] = SERVICE_KEYS.filter((k) => opened.includes(k)).map((key) => ({
    key,
    label: SERVICES[key],
    status: BUILT_SERVICES.includes(key) ? 'open' : 'soon',
  }));
  return { block, services };
}

/**
 * The home page's read model, for the portal and for the staff preview alike: the same
 * account and day give the same value. `childId` is the switcher's choice; a child the
 * account does not cover is refused.
 */
export async function familyView(
  m: EntityManager,
  accountId: number,
  asOf: string,
  now: Date,
  childId?: number,
): Promise<FamilyView> {
  const row = await m.getRepository(FamilyAccountEntity).findOneByOrFail({ id: accountId });
  const children = await accountChildren(m, accountId);
  if (childId !== undefined && !children.some((c) => c.studentId === childId)) {
    throw new ApiFailure('not_found', CHILD_NOT_ON_ACCOUNT);
  }
  const child = children.find((c) => c.studentId === childId) ?? children[0] ?? null;
  const { block, services } = await schoolBlock(m, child?.studentId ?? null, row.schoolId);
  return {
    asOf,
    account: await portalAccount(m, row, now),
    children,
    child,
    school: block,
    services,
  };
}
