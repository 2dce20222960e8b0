import type { EntityManager } from 'typeorm';
import type { AccountKind, AccountState, ClosedReason } from '../../../shared/domain/accounts';
import type { AddressRow } from '../../db/entities/rows';

/**
 * The letters' data as plain rows, read with raw statements a slice of accounts at a time:
 * a lycée's batch never hydrates 6,000 entities (nor their guardians and pupils) at once.
 * The same SQL runs on SQLite and PostgreSQL; only the placeholders differ. Statements keep
 * the same text from slice to slice, so the driver's statement cache reuses them.
 */

/** Accounts a batch reads details for at a time. */
export const ROW_SLICE = 250;

/** An account as a letter needs it (not the entity: no hash, no tokens, no search columns). */
export interface LetterAccount {
  id: number;
  kind: AccountKind;
  login: string;
  displayName: string;
  state: AccountState;
  passwordVersion: number;
  email: string;
  emailConfirmed: boolean;
  guardianId: number | null;
  studentId: number | null;
}

/** An account of a batch's scope before its details are read: enough to count and filter. */
export interface ScopedAccount {
  id: number;
  kind: AccountKind;
  state: AccountState;
  closedReason: ClosedReason | null;
  expiresOn: string | null;
}

export interface LetterGuardian extends AddressRow {
  id: number;
  civility: string;
  lastName: string;
  firstName: string;
  email: string;
}

export interface LetterStudent extends AddressRow {
  id: number;
  lastName: string;
  firstName: string;
  firstName2: string;
  sex: string;
  birthDate: string | null;
  addressSameAsGuardian1: boolean;
  email: string;
}

type Raw = Record<string, unknown>;

const isPostgres = (m: EntityManager) => m.connection.driver.options.type === 'postgres';

/** `count` placeholders numbered from `first` ($n on PostgreSQL, ? on SQLite). */
function marks(m: EntityManager, count: number, first = 1): string {
  const postgres = isPostgres(m);
  return Array.from({ length: count }, (_, i) => (postgres ? `$${first + i}` : '?')).join(', ');
}

const num = (v: unknown) => Number(v);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const textOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));
// SQLite gives booleans as 0/1, PostgreSQL as booleans.
const flag = (v: unknown) => v === true || v === 1 || v === '1';

const address = (r: Raw): AddressRow => ({
  addressLine1: text(r.address_line1),
  addressLine2: text(r.address_line2),
  postalCode: text(r.address_postal_code),
  city: text(r.address_city),
  country: text(r.address_country),
});
const ADDRESS = 'address_line1, address_line2, address_postal_code, address_city, address_country';

const scoped = (r: Raw): ScopedAccount => ({
  id: num(r.id),
  kind: text(r.kind) as AccountKind,
  state: text(r.state) as AccountState,
  closedReason: textOrNull(r.closed_reason) as ClosedReason | null,
  expiresOn: textOrNull(r.expires_on),
});
const SCOPED = 'a.id, a.kind, a.state, a.closed_reason, a.expires_on';

/** Every account of the school; by name for the campaign's table, else by id. */
export async function schoolAccounts(
  m: EntityManager,
  schoolId: number,
  byName: boolean,
): Promise<ScopedAccount[]> {
  const rows: Raw[] = await m.query(
    `SELECT ${SCOPED} FROM family_account a WHERE a.school_id = ${marks(m, 1)}
     ORDER BY ${byName ? 'a.search_name, ' : ''}a.id`,
    [schoolId],
  );
  return rows.map(scoped);
}

/** The accounts of `ids` found in the school, by id. */
export async function accountsByIds(
  m: EntityManager,
  schoolId: number,
  ids: number[],
): Promise<ScopedAccount[]> {
  const found: ScopedAccount[] = [];
  for (let i = 0; i < ids.length; i += ROW_SLICE) {
    const slice = ids.slice(i, i + ROW_SLICE);
    const rows: Raw[] = await m.query(
      `SELECT ${SCOPED} FROM family_account a
       WHERE a.school_id = ${marks(m, 1)} AND a.id IN (${marks(m, slice.length, 2)})`,
      [schoolId, ...slice],
    );
    found.push(...rows.map(scoped));
  }
  return found.sort((a, b) => a.id - b.id);
}

/** The divisions of the school with this id, or of this level. */
export async function divisionIds(
  m: EntityManager,
  schoolId: number,
  by: { id: number } | { level: string },
): Promise<number[]> {
  const rows: Raw[] = await m.query(
    `SELECT id FROM division WHERE school_id = ${marks(m, 1)} AND ${'id' in by ? 'id' : 'level'} = ${marks(m, 1, 2)}`,
    [schoolId, 'id' in by ? by.id : by.level],
  );
  return rows.map((r) => num(r.id));
}

/** The accounts covering a pupil of these divisions, by id. */
export async function accountsOfDivisions(
  m: EntityManager,
  schoolId: number,
  divisions: number[],
): Promise<ScopedAccount[]> {
  if (divisions.length === 0) return [];
  const rows: Raw[] = await m.query(
    `SELECT ${SCOPED} FROM family_account a
     WHERE a.school_id = ${marks(m, 1)} AND a.id IN (
       SELECT x.account_id FROM account_student x JOIN student s ON s.id = x.student_id
       WHERE s.division_id IN (${marks(m, divisions.length, 2)}))
     ORDER BY a.id`,
    [schoolId, ...divisions],
  );
  return rows.map(scoped);
}

/** The accounts of `ids` (at most a slice) as letters read them. */
export async function letterAccounts(
  m: EntityManager,
  schoolId: number,
  ids: number[],
): Promise<Map<number, LetterAccount>> {
  if (ids.length === 0) return new Map();
  const rows: Raw[] = await m.query(
    `SELECT id, kind, login, display_name, state, password_version, email, email_confirmed,
            guardian_id, student_id
     FROM family_account WHERE school_id = ${marks(m, 1)} AND id IN (${marks(m, ids.length, 2)})`,
    [schoolId, ...ids],
  );
  return new Map(
    rows.map((r) => [
      num(r.id),
      {
        id: num(r.id),
        kind: text(r.kind) as AccountKind,
        login: text(r.login),
        displayName: text(r.display_name),
        state: text(r.state) as AccountState,
        passwordVersion: num(r.password_version),
        email: text(r.email),
        emailConfirmed: flag(r.email_confirmed),
        guardianId: numOrNull(r.guardian_id),
        studentId: numOrNull(r.student_id),
      },
    ]),
  );
}

/** Guardians by id (at most a slice or two of ids). */
export async function letterGuardians(
  m: EntityManager,
  ids: number[],
): Promise<Map<number, LetterGuardian>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows: Raw[] = await m.query(
    `SELECT id, civility, last_name, first_name, email, ${ADDRESS}
     FROM guardian WHERE id IN (${marks(m, unique.length)})`,
    unique,
  );
  return new Map(
    rows.map((r) => [
      num(r.id),
      {
        id: num(r.id),
        civility: text(r.civility),
        lastName: text(r.last_name),
        firstName: text(r.first_name),
        email: text(r.email),
        ...address(r),
      },
    ]),
  );
}

/** Pupils by id (at most a slice or a few of ids). */
export async function letterStudents(
  m: EntityManager,
  ids: number[],
): Promise<Map<number, LetterStudent>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows: Raw[] = await m.query(
    `SELECT id, last_name, first_name, first_name2, sex, birth_date, address_same_as_guardian1,
            email, ${ADDRESS}
     FROM student WHERE id IN (${marks(m, unique.length)})`,
    unique,
  );
  return new Map(
    rows.map((r) => [
      num(r.id),
      {
        id: num(r.id),
        lastName: text(r.last_name),
        firstName: text(r.first_name),
        firstName2: text(r.first_name2),
        sex: text(r.sex),
        birthDate: textOrNull(r.birth_date),
        addressSameAsGuardian1: flag(r.address_same_as_guardian1),
        email: text(r.email),
        ...address(r),
      },
    ]),
  );
}

/** Each pupil's « responsable légal 1 » (the last link read wins, as the entities did). */
export async function legalOneOf(
  m: EntityManager,
  studentIds: number[],
): Promise<Map<number, number>> {
  const unique = [...new Set(studentIds)];
  if (unique.length === 0) return new Map();
  const rows: Raw[] = await m.query(
    `SELECT student_id, guardian_id FROM student_guardian
     WHERE legal_rank = 1 AND student_id IN (${marks(m, unique.length)}) ORDER BY id`,
    unique,
  );
  return new Map(rows.map((r) => [num(r.student_id), num(r.guardian_id)]));
}

/** Each account's password version and state now (a slice at a time), to tell a change. */
export async function accountVersions(
  m: EntityManager,
  ids: number[],
): Promise<Map<number, { version: number; state: AccountState }>> {
  const found = new Map<number, { version: number; state: AccountState }>();
  for (let i = 0; i < ids.length; i += ROW_SLICE) {
    const slice = ids.slice(i, i + ROW_SLICE);
    const rows: Raw[] = await m.query(
      `SELECT id, password_version, state FROM family_account WHERE id IN (${marks(m, slice.length)})`,
      slice,
    );
    for (const r of rows) {
      found.set(num(r.id), {
        version: num(r.password_version),
        state: text(r.state) as AccountState,
      });
    }
  }
  return found;
}
