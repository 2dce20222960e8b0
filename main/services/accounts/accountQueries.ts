import type { EntityManager } from 'typeorm';
import type {
  AccountChild,
  AccountSummary,
  CampaignCounts,
  CampaignSummary,
} from '../../../shared/api/staff/accounts';
import {
  CAMPAIGN_GROUP_KEYS,
  campaignGroupOf,
  type AccountKind,
  type CampaignGroup,
} from '../../../shared/domain/accounts';
import { BIRTH_DATE_BUDGET } from '../../../shared/domain/accounts';
import { searchTokens } from '../../../shared/domain/normalize';
import { LEVELS } from '../../../shared/domain/school';
import { AccountStudentEntity, FamilyAccountEntity } from '../../db/entities/accounts';
import type { FamilyAccountRow } from '../../db/entities/accounts';

interface ChildRow {
  accountId: number;
  studentId: number;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  ine: string;
  divisionId: number | null;
  divisionCode: string | null;
  source: 'siecle' | 'merge';
  schoolName: string;
  studentAccountId: number | null;
  foreign: number | boolean;
}

/**
 * What this school's staff see of a child a regroupement brought from another school of the
 * database: the family sees that child; its name, birth date, INE and class stay there.
 */
export const FOREIGN_CHILD = {
  firstName: 'Enfant',
  lastName: 'd’un autre établissement',
  schoolName: 'Autre établissement',
} as const;

/**
 * The children each account covers, with their division and school, in one query; a child
 * of another school than the account's is masked (FOREIGN_CHILD): staff only ever read
 * accounts of their own school.
 */
export async function childrenOf(
  m: EntityManager,
  accountIds: number[],
): Promise<Map<number, (AccountChild & { divisionId: number | null })[]>> {
  const result = new Map<number, (AccountChild & { divisionId: number | null })[]>();
  for (let i = 0; i < accountIds.length; i += 500) {
    const ids = accountIds.slice(i, i + 500);
    const rows: ChildRow[] = await m
      .getRepository(AccountStudentEntity)
      .createQueryBuilder('x')
      .innerJoin('student', 's', 's.id = x.student_id')
      .innerJoin('school', 'sc', 'sc.id = s.school_id')
      .leftJoin('division', 'd', 'd.id = s.division_id')
      .innerJoin('family_account', 'fa', 'fa.id = x.account_id')
      .leftJoin('family_account', 'sa', 'sa.student_id = s.id')
      .select([
        'x.account_id AS "accountId"',
        'x.student_id AS "studentId"',
        'x.source AS "source"',
        's.first_name AS "firstName"',
        's.last_name AS "lastName"',
        's.birth_date AS "birthDate"',
        's.ine AS "ine"',
        's.division_id AS "divisionId"',
        'd.code AS "divisionCode"',
        'sc.name AS "schoolName"',
        'sa.id AS "studentAccountId"',
        'CASE WHEN s.school_id <> fa.school_id THEN 1 ELSE 0 END AS "foreign"',
      ])
      .where('x.account_id IN (:...ids)', { ids })
      .orderBy('s.birth_date', 'DESC')
      .addOrderBy('s.first_name', 'ASC')
      .getRawMany();
    for (const r of rows) {
      const accountId = Number(r.accountId);
      const list = result.get(accountId) ?? [];
      if (Number(r.foreign) === 1) {
        list.push({
          studentId: Number(r.studentId),
          ...FOREIGN_CHILD,
          birthDate: null,
          ine: '',
          divisionId: null,
          divisionCode: null,
          source: r.source,
          studentAccountId: null,
          otherSchool: true,
        });
        result.set(accountId, list);
        continue;
      }
      list.push({
        studentId: Number(r.studentId),
        firstName: r.firstName,
        lastName: r.lastName,
        birthDate: r.birthDate,
        ine: r.ine,
        divisionId: r.divisionId === null ? null : Number(r.divisionId),
        divisionCode: r.divisionCode,
        source: r.source,
        schoolName: r.schoolName,
        studentAccountId: r.studentAccountId === null ? null : Number(r.studentAccountId),
        otherSchool: false,
      });
      result.set(accountId, list);
    }
  }
  return result;
}

export function toSummary(
  row: FamilyAccountRow,
  children: (AccountChild & { divisionId?: number | null })[],
): AccountSummary {
  return {
    id: row.id,
    kind: row.kind,
    login: row.login,
    displayName: row.displayName,
    state: row.state,
    closedReason: row.closedReason,
    letterVoided: row.state === 'provisional' && row.birthDateMisses >= BIRTH_DATE_BUDGET,
    letterDate: row.letterDate,
    expiresOn: row.expiresOn,
    email: row.email,
    emailConfirmed: row.emailConfirmed,
    noEmail: row.noEmail,
    lastLoginAt: row.lastLoginAt,
    children: children.map(({ divisionId: _divisionId, ...child }) => child),
  };
}

export async function summariesOf(
  m: EntityManager,
  rows: FamilyAccountRow[],
): Promise<AccountSummary[]> {
  const children = await childrenOf(
    m,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toSummary(row, children.get(row.id) ?? []));
}

/**
 * By name, identifiant or e-mail: each word must start a word of « nom prénom identifiant »;
 * in the order of « nom prénom » (A to Z, or Z to A), never of the civility.
 */
export async function searchAccounts(
  m: EntityManager,
  schoolId: number,
  input: {
    query: string;
    kind?: AccountKind | undefined;
    state?: string | undefined;
    descending?: boolean | undefined;
    limit: number;
  },
): Promise<{ rows: FamilyAccountRow[]; truncated: boolean }> {
  const qb = m
    .getRepository(FamilyAccountEntity)
    .createQueryBuilder('a')
    .where('a.schoolId = :schoolId', { schoolId });
  if (input.kind) qb.andWhere('a.kind = :kind', { kind: input.kind });
  if (input.state) qb.andWhere('a.state = :state', { state: input.state });
  const query = input.query.trim();
  if (query.includes('@')) {
    qb.andWhere('LOWER(a.email) = :email', { email: query.toLowerCase() });
  } else {
    searchTokens(query).forEach((token, i) => {
      qb.andWhere(`(a.searchName LIKE :p${i} OR a.searchName LIKE :w${i})`, {
        [`p${i}`]: `${token}%`,
        [`w${i}`]: `% ${token}%`,
      });
    });
  }
  const direction = input.descending ? 'DESC' : 'ASC';
  const rows = await qb
    .orderBy('a.searchName', direction)
    .addOrderBy('a.id', direction)
    .take(input.limit + 1)
    .getMany();
  return { rows: rows.slice(0, input.limit), truncated: rows.length > input.limit };
}

const emptyCounts = (): CampaignCounts =>
  Object.fromEntries(CAMPAIGN_GROUP_KEYS.map((g) => [g, 0])) as CampaignCounts;

interface Placed {
  row: FamilyAccountRow;
  group: CampaignGroup | null;
  /** The division the campaign files it under: the pupil's, or a guardian's first child's. */
  divisionId: number | null;
  divisionCode: string;
}

/** Every account of the school with its campaign group and division, for the campaign view. */
export async function placeAccounts(
  m: EntityManager,
  schoolId: number,
  today: string,
): Promise<{ placed: Placed[]; children: Awaited<ReturnType<typeof childrenOf>> }> {
  const rows = await m.getRepository(FamilyAccountEntity).find({
    where: { schoolId },
    order: { searchName: 'ASC' },
  });
  const children = await childrenOf(
    m,
    rows.map((r) => r.id),
  );
  const placed = rows.map((row) => {
    const first = (children.get(row.id) ?? []).find((c) => c.divisionId !== null);
    return {
      row,
      group: campaignGroupOf(row, today),
      divisionId: first?.divisionId ?? null,
      divisionCode: first?.divisionCode ?? 'Sans division',
    };
  });
  return { placed, children };
}

/**
 * The campaign's table, divisions in school order (6e before 5e… Tle; unknown levels and
 * pupils without a division last), then by code. `levels` maps a division to its level.
 */
export function campaignSummary(
  placed: Placed[],
  today: string,
  levels: Map<number, string>,
): CampaignSummary {
  const byDivision = new Map<string, CampaignSummary['divisions'][number]>();
  const totals = emptyCounts();
  for (const p of placed) {
    if (!p.group) continue;
    const key = String(p.divisionId);
    const entry = byDivision.get(key) ?? {
      divisionId: p.divisionId,
      divisionCode: p.divisionCode,
      counts: emptyCounts(),
    };
    entry.counts[p.group] += 1;
    totals[p.group] += 1;
    byDivision.set(key, entry);
  }
  const rank = (id: number | null) => {
    if (id === null) return LEVELS.length + 1;
    const index = (LEVELS as readonly string[]).indexOf(levels.get(id) ?? '');
    return index === -1 ? LEVELS.length : index;
  };
  const divisions = [...byDivision.values()].sort(
    (a, b) =>
      rank(a.divisionId) - rank(b.divisionId) ||
      a.divisionCode.localeCompare(b.divisionCode, 'fr', { numeric: true }),
  );
  return { today, divisions, totals };
}
