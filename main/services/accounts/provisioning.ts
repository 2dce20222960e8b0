import { In, type EntityManager } from 'typeorm';
import { baseIdentifiant, uniqueIdentifiant } from '../../../shared/domain/identifiant';
import { hasLeft } from '../../../shared/domain/leaving';
import { foldForSearch } from '../../../shared/domain/normalize';
import { AccountStudentEntity, FamilyAccountEntity } from '../../db/entities/accounts';
import type { AccountStudentRow, FamilyAccountRow } from '../../db/entities/accounts';
import { GuardianEntity, StudentEntity, StudentGuardianEntity } from '../../db/entities';
import { parisDate } from '../calendar';

export interface SyncCounts {
  created: number;
  childrenAdded: number;
  childrenRemoved: number;
}

/** SQLite allows 32,766 bound variables per statement; 25 columns × 200 rows stays below. */
const CHUNK = 200;

/** Every family account of the database, to keep identifiants unique across schools. */
async function takenLogins(m: EntityManager): Promise<Set<string>> {
  const rows: { login: string }[] = await m
    .getRepository(FamilyAccountEntity)
    .createQueryBuilder('a')
    .select('a.login', 'login')
    .getRawMany();
  return new Set(rows.map((r) => r.login));
}

/**
 * What « Comptes des familles » searches and sorts on: « nom prénom identifiant », folded.
 * Never the civility: sorted by it, every « M. » came before every « Mme ».
 */
export function accountSearchName(name: string, login: string): string {
  return foldForSearch(`${name} ${login}`).slice(0, 300);
}

/** Follows regroupements: a merged account's children live in the account it joined. */
function effectiveAccountId(account: FamilyAccountRow, byId: Map<number, FamilyAccountRow>) {
  let current = account;
  for (let hops = 0; current.mergedIntoId !== null && hops < 20; hops++) {
    const next = byId.get(current.mergedIntoId);
    if (!next) break;
    current = next;
  }
  return current.id;
}

function targetsOutside(byId: Map<number, FamilyAccountRow>): number[] {
  const ids = new Set<number>();
  for (const a of byId.values()) {
    if (a.mergedIntoId !== null && !byId.has(a.mergedIntoId)) ids.add(a.mergedIntoId);
  }
  return [...ids];
}

/**
 * Makes the accounts follow the school's records (SPEC §4.1, §4.4), inside the caller's
 * transaction: one account per legal guardian person (responsibility level 1) who has a
 * pupil still at school, one per pupil still at school; an arrival gets a « non notifié »
 * account; a guardian whose link to a child is gone loses that child at once, and so does
 * the guardian of a pupil who has left. « Still at school » is the rule of
 * shared/domain/leaving.ts on the Paris date of `nowIso`: a pupil who « part le 19/12 » is
 * there until that day, and the daily job runs this sync again so that they leave on the
 * day itself without an import. Nothing is closed here: a leaver keeps their own account
 * until the school closes it. Identifiants are never changed once given.
 */
export async function syncAccounts(
  m: EntityManager,
  schoolId: number,
  nowIso: string,
): Promise<SyncCounts> {
  const students = await m.getRepository(StudentEntity).findBy({ schoolId });
  const today = parisDate(new Date(nowIso));
  const present = new Set(students.filter((s) => !hasLeft(s.leftOn, today)).map((s) => s.id));
  const guardians = await m.getRepository(GuardianEntity).findBy({ schoolId });
  const links = (await m.getRepository(StudentGuardianEntity).findBy({ schoolId })).filter(
    (l) => l.responsibilityLevel === 1,
  );
  const accounts = await m.getRepository(FamilyAccountEntity).findBy({ schoolId });
  const byGuardian = new Map(accounts.filter((a) => a.guardianId).map((a) => [a.guardianId!, a]));
  const byStudent = new Map(accounts.filter((a) => a.studentId).map((a) => [a.studentId!, a]));
  const taken = await takenLogins(m);
  const counts: SyncCounts = { created: 0, childrenAdded: 0, childrenRemoved: 0 };

  const newAccounts: Omit<FamilyAccountRow, 'id'>[] = [];
  const base = {
    schoolId,
    passwordHash: null,
    passwordVersion: 0,
    birthDateMisses: 0,
    state: 'not_notified' as const,
    closedReason: null,
    letterDate: null,
    expiresOn: null,
    email: '',
    emailConfirmed: false,
    noEmail: false,
    mergedIntoId: null,
    lastLoginAt: null,
    previousLoginAt: null,
    activatedAt: null,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
  const give = (firstName: string, lastName: string) => {
    const login = uniqueIdentifiant(baseIdentifiant(firstName, lastName), (c) => taken.has(c));
    taken.add(login);
    return login;
  };

  for (const s of students) {
    if (!present.has(s.id) || byStudent.has(s.id)) continue;
    const login = give(s.firstName, s.lastName);
    const displayName = `${s.lastName.toUpperCase()} ${s.firstName}`;
    newAccounts.push({
      ...base,
      kind: 'student',
      login,
      guardianId: null,
      studentId: s.id,
      displayName,
      searchName: accountSearchName(displayName, login),
    });
  }
  const linkedGuardians = new Set(
    links.filter((l) => present.has(l.studentId)).map((l) => l.guardianId),
  );
  for (const g of guardians) {
    if (!linkedGuardians.has(g.id) || byGuardian.has(g.id)) continue;
    const login = give(g.firstName, g.lastName);
    const name = `${g.lastName.toUpperCase()} ${g.firstName}`;
    const displayName = [g.civility, name].filter(Boolean).join(' ');
    newAccounts.push({
      ...base,
      kind: 'guardian',
      login,
      guardianId: g.id,
      studentId: null,
      displayName,
      searchName: accountSearchName(name, login),
    });
  }
  const repo = m.getRepository(FamilyAccountEntity);
  for (let i = 0; i < newAccounts.length; i += CHUNK) {
    const chunk = newAccounts.slice(i, i + CHUNK);
    const result = await repo.insert(chunk);
    chunk.forEach((row, k) => {
      const created = { ...row, id: Number(result.identifiers[k]!.id) } as FamilyAccountRow;
      if (created.guardianId) byGuardian.set(created.guardianId, created);
      if (created.studentId) byStudent.set(created.studentId, created);
      accounts.push(created);
    });
  }
  counts.created = newAccounts.length;

  // What each account should cover among this school's pupils: its own pupil, or the
  // children of every guardian whose account resolves to it (a compte joint covers both
  // parents' links).
  const byId = new Map(accounts.map((a) => [a.id, a]));
  // A regroupement may have joined an account of another school of the database: follow
  // those links too, or an import here would take the children back.
  for (let missing = targetsOutside(byId); missing.length; missing = targetsOutside(byId)) {
    for (const row of await m.getRepository(FamilyAccountEntity).findBy({ id: In(missing) })) {
      byId.set(row.id, row);
    }
    if (missing.every((id) => !byId.has(id))) break;
  }
  const wanted = new Map<number, Set<number>>();
  const want = (accountId: number, studentId: number) => {
    const set = wanted.get(accountId) ?? new Set<number>();
    set.add(studentId);
    wanted.set(accountId, set);
  };
  for (const [studentId, account] of byStudent) want(account.id, studentId);
  for (const link of links) {
    if (!present.has(link.studentId)) continue;
    const account = byGuardian.get(link.guardianId);
    if (account) want(effectiveAccountId(account, byId), link.studentId);
  }

  const schoolStudents = new Set(students.map((s) => s.id));
  const current: AccountStudentRow[] = (
    await m
      .getRepository(AccountStudentEntity)
      .createQueryBuilder('x')
      .where('x.studentId IN (SELECT id FROM student WHERE school_id = :schoolId)', { schoolId })
      .getMany()
  ).filter((row) => schoolStudents.has(row.studentId));
  const have = new Map<string, AccountStudentRow>();
  for (const row of current) have.set(`${row.accountId}:${row.studentId}`, row);

  const toAdd: Omit<AccountStudentRow, 'id'>[] = [];
  for (const [accountId, set] of wanted) {
    for (const studentId of set) {
      if (!have.has(`${accountId}:${studentId}`)) {
        toAdd.push({ accountId, studentId, source: 'siecle', createdAt: nowIso });
      }
    }
  }
  const toRemove = current.filter((row) => !wanted.get(row.accountId)?.has(row.studentId));
  for (let i = 0; i < toAdd.length; i += CHUNK) {
    await m.getRepository(AccountStudentEntity).insert(toAdd.slice(i, i + CHUNK));
  }
  for (let i = 0; i < toRemove.length; i += CHUNK) {
    await m
      .getRepository(AccountStudentEntity)
      .delete(toRemove.slice(i, i + CHUNK).map((r) => r.id));
  }
  counts.childrenAdded = toAdd.length;
  counts.childrenRemoved = toRemove.length;
  return counts;
}
