import type { EntityManager } from 'typeorm';
import { IsNull, MoreThan } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import type {
  FamilyView,
  PortalAccount,
  PortalChild,
  PortalSchool,
  PortalService,
} from '../../../shared/api/portal';
import { SERVICES, SERVICE_KEYS, type ServiceKey } from '../../../shared/domain/school';
import { SchoolEntity } from '../../db/entities';
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
    joinedLogins: (
      await m
        .getRepository(FamilyAccountEntity)
        .find({ where: { mergedIntoId: row.id }, order: { login: 'ASC' } })
    ).map((a) => a.login),
  };
}

interface ChildRow extends PortalChild {
  schoolId: number;
}

/** The account's children with their division and school, in one query. */
async function childRows(m: EntityManager, accountId: number): Promise<ChildRow[]> {
  const rows = (await m
    .getRepository(AccountStudentEntity)
    .createQueryBuilder('x')
    .innerJoin('student', 's', 's.id = x.student_id')
    .innerJoin('school', 'sc', 'sc.id = s.school_id')
    .leftJoin('division', 'd', 'd.id = s.division_id')
    .select([
      's.id AS "studentId"',
      's.first_name AS "firstName"',
      's.last_name AS "lastName"',
      's.birth_date AS "birthDate"',
      'd.code AS "divisionCode"',
      'sc.name AS "schoolName"',
      's.school_id AS "schoolId"',
    ])
    .where('x.account_id = :accountId', { accountId })
    .getRawMany()) as ChildRow[];
  return rows
    .map((r) => ({
      studentId: Number(r.studentId),
      firstName: r.firstName,
      lastName: r.lastName,
      birthDate: r.birthDate ?? null,
      divisionCode: r.divisionCode ?? null,
      schoolName: r.schoolName,
      schoolId: Number(r.schoolId),
    }))
    .sort(
      (a, b) =>
        (a.birthDate ?? '').localeCompare(b.birthDate ?? '') ||
        a.firstName.localeCompare(b.firstName, 'fr'),
    );
}

const publicChild = ({ schoolId: _s, ...child }: ChildRow): PortalChild => child;

/** The children an account covers today, oldest first (as the guides list them). */
export async function accountChildren(m: EntityManager, accountId: number): Promise<PortalChild[]> {
  return (await childRows(m, accountId)).map(publicChild);
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

async function schoolBlock(m: EntityManager, schoolId: number) {
  const school = await m.getRepository(SchoolEntity).findOneBy({ id: schoolId });
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
  const rows = await childRows(m, accountId);
  if (childId !== undefined && !rows.some((c) => c.studentId === childId)) {
    throw new ApiFailure('not_found', CHILD_NOT_ON_ACCOUNT);
  }
  const chosen = rows.find((c) => c.studentId === childId) ?? rows[0] ?? null;
  const { block, services } = await schoolBlock(m, chosen?.schoolId ?? row.schoolId);
  return {
    asOf,
    account: await portalAccount(m, row, now),
    children: rows.map(publicChild),
    child: chosen ? publicChild(chosen) : null,
    school: block,
    services,
  };
}
