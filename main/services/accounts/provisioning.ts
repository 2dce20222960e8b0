import { lockKeys } from '../../db/keyLocks';
import type { EntityManager } from 'typeorm';
import { baseIdentifiant, uniqueIdentifiant } from '../../../shared/domain/identifiant';
import { hasLeft } from '../../../shared/domain/leaving';
import { foldForSearch } from '../../../shared/domain/normalize';
import { AccountStudentEntity, FamilyAccountEntity } from '../../db/entities/accounts';
import type { AccountStudentRow, FamilyAccountRow } from '../../db/entities/accounts';
import { rawRows } from '../../db/bulkInsert';
import { insertKept } from '../../db/keptInserts';
import { parisDate } from '../calendar';

interface NamedRow {
  id: number | string;
  first_name: string;
  last_name: string;
}

export interface SyncCounts {
  created: number;
  childrenAdded: number;
  childrenRemoved: number;
}

/** Ids per `IN (…)` list: well below both engines' bound-parameter limits. */
const CHUNK = 200;

/** What the sync needs of an account: who it belongs to and where a regroupement sent it. */
interface AccountLinks {
  id: number;
  guardianId: number | null;
  studentId: number | null;
  mergedIntoId: number | null;
}

interface AccountIdRow {
  id: number | string;
  guardian_id: number | string | null;
  student_id: number | string | null;
  merged_into_id?: number | string | null;
}

const numberOrNull = (value: number | string | null | undefined) =>
  value === null || value === undefined ? null : Number(value);

function accountLinksOf(row: AccountIdRow): AccountLinks {
  return {
    id: Number(row.id),
    guardianId: numberOrNull(row.guardian_id),
    studentId: numberOrNull(row.student_id),
    mergedIntoId: numberOrNull(row.merged_into_id),
  };
}

/** Identifiants per lookup: well below both engines' bound-parameter limits. */
const LOGINS_PER_LOOKUP = 500;

/** Which of `candidates` the database already holds, through the unique index on login. */
async function existingLogins(m: EntityManager, candidates: string[], taken: Set<string>) {
  for (let i = 0; i < candidates.length; i += LOGINS_PER_LOOKUP) {
    const slice = candidates.slice(i, i + LOGINS_PER_LOOKUP);
    const rows = await rawRows<{ login: string }>(
      m,
      `SELECT login FROM family_account WHERE login IN (${slice.map(() => '?').join(', ')})`,
      slice,
    );
    for (const r of rows) taken.add(r.login);
  }
}

/**
 * The identifiants the new accounts get, in the order of `bases` (the first registered gets
 * the one without a number), each the first of base, base1, base2… that neither the whole
 * database (identifiants are unique across schools) nor an earlier newcomer holds. The
 * database is asked, through the unique index, only about the candidates the giving comes to,
 * never for the académie's every login: the bases and, for a base wanted n times, its n − 1
 * first variants (usually the one lookup). A base whose variants turn out taken asks next for
 * a window of further variants twice the last one, so a name the académie holds hundreds of
 * times costs a handful of round trips, not one a variant. Looking up twenty variants of every
 * repeated base was most of the accounts' sync.
 */
async function giveIdentifiants(m: EntityManager, bases: string[]): Promise<string[]> {
  // Two schools of one PostgreSQL syncing at once would pick the same free variant, and one
  // import would then fail on the unique index: the givings take turns until commit.
  await lockKeys(m, ['family_account.login']);
  const taken = new Set<string>();
  const asked = new Set<string>();
  const perBase = new Map<string, number>();
  for (const base of bases) perBase.set(base, (perBase.get(base) ?? 0) + 1);
  const window = new Map(perBase);
  let lookup = [...perBase.keys()];
  for (const [base, count] of perBase) for (let n = 1; n < count; n++) lookup.push(`${base}${n}`);
  for (;;) {
    await existingLogins(m, lookup, taken);
    for (const candidate of lookup) asked.add(candidate);
    // A candidate not yet asked about counts as free for this pass; the base it belongs to
    // asks about its next window before the next pass. The pass that meets no such
    // candidate is the giving itself.
    const shortFrom = new Map<string, number>();
    const given = new Set<string>();
    const logins = bases.map((base) => {
      const login = uniqueIdentifiant(base, (candidate) => {
        if (!asked.has(candidate) && !shortFrom.has(base)) {
          shortFrom.set(base, Number(candidate.slice(base.length)));
        }
        return taken.has(candidate) || given.has(candidate);
      });
      given.add(login);
      return login;
    });
    if (shortFrom.size === 0) return logins;
    lookup = [];
    for (const [base, from] of shortFrom) {
      const size = window.get(base)! * 2;
      window.set(base, size);
      for (let n = from; n < from + size; n++) {
        if (!asked.has(`${base}${n}`)) lookup.push(`${base}${n}`);
      }
    }
  }
}

/**
 * What « Comptes des familles » searches and sorts on: « nom prénom identifiant », folded.
 * Never the civility: sorted by it, every « M. » came before every « Mme ».
 */
export function accountSearchName(name: string, login: string): string {
  return foldForSearch(`${name} ${login}`).slice(0, 300);
}

/** Follows regroupements: a merged account's children live in the account it joined. */
/**
 * The account one ends in by following regroupements (a compte joint's holders all log in
 * with it), among the accounts given; bounded, so a loop in bad data cannot hang a sync.
 */
export function regroupementRoot<T extends { mergedIntoId: number | null }>(
  account: T,
  byId: Map<number, T>,
): T {
  let current = account;
  for (let hops = 0; current.mergedIntoId !== null && hops < 20; hops++) {
    const next = byId.get(current.mergedIntoId);
    if (!next) break;
    current = next;
  }
  return current;
}

function targetsOutside(byId: Map<number, AccountLinks>): number[] {
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
  // Plain rows, read once, in the order they were written: the first pupil or guardian
  // registered gets the identifiant without a number, on SQLite and PostgreSQL alike.
  const students = await rawRows<NamedRow & { left_on: string | null }>(
    m,
    'SELECT id, first_name, last_name, left_on FROM student WHERE school_id = ? ORDER BY id',
    [schoolId],
  );
  const today = parisDate(new Date(nowIso));
  const present = new Set<number>();
  for (const s of students) if (!hasLeft(s.left_on, today)) present.add(Number(s.id));
  const guardians = await rawRows<NamedRow & { civility: string }>(
    m,
    'SELECT id, first_name, last_name, civility FROM guardian WHERE school_id = ? ORDER BY id',
    [schoolId],
  );
  const links = (
    await rawRows<{ student_id: number | string; guardian_id: number | string }>(
      m,
      'SELECT student_id, guardian_id FROM student_guardian WHERE school_id = ? AND responsibility_level = 1 ORDER BY id',
      [schoolId],
    )
  ).map((l) => ({ studentId: Number(l.student_id), guardianId: Number(l.guardian_id) }));
  const accounts = (
    await rawRows<AccountIdRow>(
      m,
      'SELECT id, guardian_id, student_id, merged_into_id FROM family_account WHERE school_id = ?',
      [schoolId],
    )
  ).map(accountLinksOf);
  const byGuardian = new Map<number, AccountLinks>();
  const byStudent = new Map<number, AccountLinks>();
  const index = (a: AccountLinks) => {
    if (a.guardianId) byGuardian.set(a.guardianId, a);
    if (a.studentId) byStudent.set(a.studentId, a);
  };
  accounts.forEach(index);
  const linkedGuardians = new Set(
    links.filter((l) => present.has(l.studentId)).map((l) => l.guardianId),
  );
  const newStudents = students.filter(
    (r) => present.has(Number(r.id)) && !byStudent.has(Number(r.id)),
  );
  const newGuardians = guardians.filter(
    (r) => linkedGuardians.has(Number(r.id)) && !byGuardian.has(Number(r.id)),
  );
  // Each newcomer's identifiant, folded and made unique once: pupils first, then guardians.
  const logins =
    newStudents.length + newGuardians.length === 0
      ? []
      : await giveIdentifiants(
          m,
          [...newStudents, ...newGuardians].map((r) => baseIdentifiant(r.first_name, r.last_name)),
        );
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
  let given = 0;
  const give = () => logins[given++]!;

  for (const row of newStudents) {
    const s = { id: Number(row.id), firstName: row.first_name, lastName: row.last_name };
    const login = give();
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
  for (const row of newGuardians) {
    const g = { id: Number(row.id), firstName: row.first_name, lastName: row.last_name };
    const login = give();
    const name = `${g.lastName.toUpperCase()} ${g.firstName}`;
    const displayName = [row.civility, name].filter(Boolean).join(' ');
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
  // The new ids come back with the insert: nothing just written is read again.
  const created = await insertKept<AccountIdRow>(m, FamilyAccountEntity.options.name, newAccounts, [
    'id',
    'guardian_id',
    'student_id',
  ]);
  for (const row of created) {
    const account = accountLinksOf(row);
    index(account);
    accounts.push(account);
  }
  counts.created = newAccounts.length;

  // What each account should cover among this school's pupils: its own pupil, or the
  // children of every guardian whose account resolves to it (a compte joint covers both
  // parents' links).
  const byId = new Map(accounts.map((a) => [a.id, a]));
  // A regroupement may have joined an account of another school of the database: follow
  // those links too, or an import here would take the children back.
  for (let missing = targetsOutside(byId); missing.length; missing = targetsOutside(byId)) {
    const placeholders = missing.map(() => '?').join(', ');
    const rows = await rawRows<AccountIdRow>(
      m,
      `SELECT id, guardian_id, student_id, merged_into_id FROM family_account WHERE id IN (${placeholders})`,
      missing,
    );
    for (const row of rows) byId.set(Number(row.id), accountLinksOf(row));
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
    if (account) want(regroupementRoot(account, byId).id, link.studentId);
  }

  // By the school's pupils, already in hand, through the index on account_student's pupil:
  // joined to student by school, PostgreSQL read the links of the whole académie.
  const current: { id: number; accountId: number; studentId: number }[] = [];
  const studentIds = students.map((s) => Number(s.id));
  for (let i = 0; i < studentIds.length; i += CHUNK) {
    const slice = studentIds.slice(i, i + CHUNK);
    const rows = await rawRows<{
      id: number | string;
      account_id: number | string;
      student_id: number | string;
    }>(
      m,
      `SELECT id, account_id, student_id FROM account_student WHERE student_id IN (${slice.map(() => '?').join(', ')})`,
      slice,
    );
    for (const r of rows) {
      current.push({
        id: Number(r.id),
        accountId: Number(r.account_id),
        studentId: Number(r.student_id),
      });
    }
  }
  const have = new Set<string>();
  for (const row of current) have.add(`${row.accountId}:${row.studentId}`);

  const toAdd: Omit<AccountStudentRow, 'id'>[] = [];
  for (const [accountId, set] of wanted) {
    for (const studentId of set) {
      if (!have.has(`${accountId}:${studentId}`)) {
        toAdd.push({ accountId, studentId, source: 'siecle', createdAt: nowIso });
      }
    }
  }
  const toRemove = current.filter((row) => !wanted.get(row.accountId)?.has(row.studentId));
  await insertKept(m, AccountStudentEntity.options.name, toAdd);
  for (let i = 0; i < toRemove.length; i += CHUNK) {
    const ids = toRemove.slice(i, i + CHUNK).map((r) => r.id);
    await rawRows(
      m,
      `DELETE FROM account_student WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
  }
  counts.childrenAdded = toAdd.length;
  counts.childrenRemoved = toRemove.length;
  return counts;
}
