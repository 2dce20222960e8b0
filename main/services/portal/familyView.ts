import type { EntityManager } from 'typeorm';
import { IsNull, MoreThan } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import type { FamilyView, PortalAccount, PortalChild } from '../../../shared/api/portal';
import {
  AccountStudentEntity,
  AccountTokenEntity,
  FamilyAccountEntity,
  type FamilyAccountRow,
} from '../../db/entities/accounts';
import { preparedReads } from '../../db/preparedReads';
import { byAge, CHILD_NOT_ON_ACCOUNT, readFamilyHome } from './readModels/home';
import { withSchoolLifeTile } from './readModels/schoolLife';

export { CHILD_NOT_ON_ACCOUNT };

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
    .sort(byAge);
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

/**
 * The home page's read model, for the portal and for the staff preview alike: the same
 * account and day give the same value. `childId` is the switcher's choice; a child the
 * account does not cover is refused. On prepared reads (readModels/home.ts): `m` names the
 * database only, so on PostgreSQL it reads what is committed, never a transaction's own writes.
 */
export async function familyView(
  m: EntityManager,
  accountId: number,
  asOf: string,
  now: Date,
  childId?: number,
): Promise<FamilyView> {
  const reads = preparedReads(m.dataSource);
  const view = await readFamilyHome(reads, accountId, asOf, now, childId);
  return withSchoolLifeTile(reads, accountId, view);
}
