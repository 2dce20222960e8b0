import type { EntityManager } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import type { LetterOrder, LetterScopeValue } from '../../../shared/api/staff/letters';
import {
  activationDeadline,
  campaignGroupOf,
  type AccountKind,
} from '../../../shared/domain/accounts';
import { SchoolEntity } from '../../db/entities';
import type { SchoolRow } from '../../db/entities/rows';
import { addressOf } from '../../db/rowHelpers';
import type { LetterAddress, NotificationLetterData } from '../../pdf/letterData';
import { childrenOf } from '../accounts/accountQueries';
import { batchDivisions, carrierLabel, carrierOf, filedUnder } from './letterCarrier';
import { carriesPassword, checkReset, letterEffect, type LetterEffect } from './letterReprint';
import {
  accountsByIds,
  accountsOfDivisions,
  divisionIds,
  legalOneOf,
  letterAccounts,
  letterGuardians,
  letterStudents,
  ROW_SLICE,
  schoolAccounts,
  type LetterAccount,
  type ScopedAccount,
} from './letterRows';

/**
 * What a batch keeps of each letter from its planning to its commit: who, what it does, where
 * it is filed. No names nor addresses: those are read again, a slice at a time, when the page
 * is drawn (a lycée's whole selection is never held in memory).
 */
export interface SelectedLetter {
  account: Pick<LetterAccount, 'id' | 'kind' | 'login' | 'displayName' | 'passwordVersion'>;
  newPassword: boolean;
  /** What it does to the account: a first password, a re-print, the identifiant only, a reset. */
  effect: LetterEffect;
  /** A division's batch: the campaign table counts this account under another division. */
  filedElsewhere: boolean;
  /** Where an e-mailed letter goes: the confirmed address, else the school's record. */
  email: string;
  /** « M. Laurent MULLER »: how staff name the recipient in the batch's label. */
  whom: string;
  sortKey: string;
  /** The division of the child who carries it home ('' for none): its part in a split batch. */
  division: string;
}

/** One letter to print: the account, what it says, and whether it carries a new password. */
export interface PlannedLetter extends SelectedLetter {
  account: LetterAccount;
  /** Everything but the password, drawn when the batch runs. */
  data: Omit<NotificationLetterData, 'provisionalPassword' | 'deadline'>;
}

export interface LetterSelection {
  /** In the batch's order. */
  letters: SelectedLetter[];
  skippedClosed: number;
  /** Left out by « seulement les comptes jamais notifiés ». */
  alreadyNotified: number;
  /**
   * These letters (a slice of `letters`, at most ROW_SLICE) as printed, read again from the
   * database in the same order. An account gone since the selection stops the batch, as the
   * commit would.
   */
  read(letters: SelectedLetter[]): Promise<PlannedLetter[]>;
}

export interface LetterSelectionInput {
  scope: LetterScopeValue;
  kinds: AccountKind[];
  order: LetterOrder;
  reset: boolean;
  neverNotifiedOnly?: boolean;
}

const EMPTY_ADDRESS: LetterAddress = {
  line1: '',
  line2: '',
  postalCode: '',
  city: '',
  country: '',
};

/** The accounts a scope names, in the school, of the chosen kinds (plain rows, no details). */
async function scopedAccounts(
  m: EntityManager,
  schoolId: number,
  scope: LetterScopeValue,
  kinds: AccountKind[],
  today: string,
): Promise<ScopedAccount[]> {
  let rows: ScopedAccount[];
  switch (scope.kind) {
    case 'school':
      rows = await schoolAccounts(m, schoolId, false);
      break;
    case 'accounts': {
      rows = await accountsByIds(m, schoolId, scope.accountIds);
      if (rows.length !== new Set(scope.accountIds).size) {
        throw new ApiFailure('not_found', 'Un des comptes choisis est introuvable.');
      }
      break;
    }
    case 'campaign':
      rows = await campaignAccounts(m, schoolId, scope, today);
      break;
    case 'division':
    case 'level': {
      const divisions = await divisionIds(
        m,
        schoolId,
        scope.kind === 'division' ? { id: scope.divisionId } : { level: scope.level },
      );
      if (scope.kind === 'division' && divisions.length === 0) {
        throw new ApiFailure('not_found', 'Division introuvable.');
      }
      rows = await accountsOfDivisions(m, schoolId, divisions);
      break;
    }
  }
  return rows.filter((r) => kinds.includes(r.kind));
}

/**
 * A group of the campaign's table (and one division of it): as placeAccounts files them, by
 * state and by the first child's division, read a slice at a time.
 */
async function campaignAccounts(
  m: EntityManager,
  schoolId: number,
  scope: Extract<LetterScopeValue, { kind: 'campaign' }>,
  today: string,
): Promise<ScopedAccount[]> {
  const inGroup = (await schoolAccounts(m, schoolId, true)).filter(
    (a) => campaignGroupOf(a, today) === scope.group,
  );
  if (scope.divisionId === undefined) return inGroup;
  const kept: ScopedAccount[] = [];
  for (let i = 0; i < inGroup.length; i += ROW_SLICE) {
    const slice = inGroup.slice(i, i + ROW_SLICE);
    const children = await childrenOf(
      m,
      slice.map((a) => a.id),
    );
    for (const a of slice) {
      const first = (children.get(a.id) ?? []).find((c) => c.divisionId !== null);
      if ((first?.divisionId ?? null) === scope.divisionId) kept.push(a);
    }
  }
  return kept;
}

function schoolOf(row: SchoolRow): NotificationLetterData['school'] {
  return {
    academie: row.academie,
    name: row.name,
    address: addressOf(row),
    phone: row.phone,
    email: row.email,
    portalUrl: row.portalUrl,
  };
}

/** « M. Laurent MULLER », as staff name a person. */
function whom(r: PlannedLetter['data']['recipient']): string {
  return [r.civility, r.firstName, r.lastName.toUpperCase()].filter(Boolean).join(' ');
}

interface SliceContext {
  schoolId: number;
  input: LetterSelectionInput;
  today: string;
  school: SchoolRow;
  divisions: Set<number> | null;
}

/**
 * The letters of these accounts (at most ROW_SLICE), by account id: who gets which letter
 * (SPEC §4.1) and what it says, from plain rows. An account whose recipient is gone (a
 * guardian SIECLE no longer holds) has none.
 */
async function planSlice(
  m: EntityManager,
  ctx: SliceContext,
  ids: number[],
): Promise<Map<number, PlannedLetter>> {
  const { input, school, today } = ctx;
  const accounts = await letterAccounts(m, ctx.schoolId, ids);
  // A child a regroupement brought from another school is that school's to write about:
  // this school's letters name only its own pupils (their names are masked here anyway).
  const children = new Map(
    [...(await childrenOf(m, [...accounts.keys()]))].map(([id, list]) => [
      id,
      list.filter((c) => !c.otherSchool),
    ]),
  );
  const studentIds = [...accounts.values()]
    .map((a) => a.studentId)
    .filter((id): id is number => id !== null);
  // A pupil whose address is « identique à celle du responsable légal 1 » gets it from there.
  const legalOne = await legalOneOf(m, studentIds);
  const guardians = await letterGuardians(m, [
    ...[...accounts.values()].map((a) => a.guardianId).filter((id): id is number => id !== null),
    ...legalOne.values(),
  ]);
  // Every pupil the letters name: their sex and date of birth tell apart two children of
  // the same first name and say whether a pupil writing for themself is of age.
  const students = await letterStudents(m, [
    ...studentIds,
    ...[...children.values()].flat().map((c) => c.studentId),
  ]);

  const letters = new Map<number, PlannedLetter>();
  for (const account of accounts.values()) {
    const covered = children.get(account.id) ?? [];
    let recipient: NotificationLetterData['recipient'];
    let email = account.emailConfirmed ? account.email : '';
    if (account.kind === 'guardian') {
      const g = account.guardianId ? guardians.get(account.guardianId) : undefined;
      if (!g) continue; // A guardian SIECLE no longer holds: no one to write to.
      recipient = {
        civility: g.civility,
        lastName: g.lastName,
        firstName: g.firstName,
        address: addressOf(g),
      };
      email ||= g.email;
    } else {
      const s = account.studentId ? students.get(account.studentId) : undefined;
      if (!s) continue;
      const parent = guardians.get(legalOne.get(s.id) ?? -1);
      const address = s.addressSameAsGuardian1 && parent ? addressOf(parent) : addressOf(s);
      recipient = {
        civility: '',
        lastName: s.lastName,
        firstName: s.firstName,
        address:
          address.line1 || address.city ? address : parent ? addressOf(parent) : EMPTY_ADDRESS,
      };
      email ||= s.email;
    }
    const effect = letterEffect(account.state, input.reset);
    const carrier = carrierOf(covered, ctx.divisions);
    const name = `${recipient.lastName} ${recipient.firstName}`.toLowerCase();
    const carrierName = carrier ? `${carrier.lastName} ${carrier.firstName}`.toLowerCase() : '';
    letters.set(account.id, {
      account,
      effect,
      newPassword: carriesPassword(effect),
      email,
      whom: whom(recipient),
      division: carrier?.divisionCode ?? '',
      filedElsewhere:
        input.scope.kind === 'division' && filedUnder(covered) !== input.scope.divisionId,
      // Handed out in class: by the carrying child's division and name, a family's letters
      // (each guardian's, the pupil's own) together.
      sortKey:
        input.order === 'postal'
          ? `${recipient.address.postalCode.padEnd(10)}|${recipient.address.city.toLowerCase()}|${name}|${account.kind}`
          : `${(carrier?.divisionCode ?? '~').padStart(8, ' ')}|${carrierName}|${account.kind}|${name}`,
      data: {
        // Batches handed out in class name their carrier; a letter for chosen accounts (a
        // reset, a lost letter) may be posted or handed over at the desk: none.
        carrier:
          input.order === 'division' && input.scope.kind !== 'accounts' && carrier
            ? carrierLabel(carrier)
            : '',
        kind: account.kind,
        school: schoolOf(school),
        place: school.city,
        date: today,
        recipient,
        children: covered.map((c) => ({
          firstName: c.firstName,
          lastName: c.lastName,
          divisionCode: c.divisionCode ?? '',
          sex: students.get(c.studentId)?.sex ?? '',
          birthDate: students.get(c.studentId)?.birthDate ?? null,
          otherNames: students.get(c.studentId)?.firstName2 ?? '',
        })),
        login: account.login,
        envelopeWindow: school.letterWindow === 'right' ? 'right' : 'left',
      },
    });
  }
  return letters;
}

/** What the batch keeps of a planned letter until its commit. */
function kept(l: PlannedLetter): SelectedLetter {
  const { id, kind, login, displayName, passwordVersion } = l.account;
  return {
    account: { id, kind, login, displayName, passwordVersion },
    newPassword: l.newPassword,
    effect: l.effect,
    filedElsewhere: l.filedElsewhere,
    email: l.email,
    whom: l.whom,
    sortKey: l.sortKey,
    division: l.division,
  };
}

const byLetterOrder = new Intl.Collator('fr', { numeric: true }).compare;

/**
 * Who gets which letter (SPEC §4.1): every open account of the scope (or those never notified
 * only); a new provisional password unless the family chose one (then the letter recalls the
 * identifiant only, see letterReprint). Closed accounts are left out. Sorted for posting or
 * for handing out in class. Read a slice at a time; `visit` sees each letter in full once
 * (the checks before a batch), the selection keeps only what the batch needs.
 */
export async function selectLetters(
  m: EntityManager,
  schoolId: number,
  input: LetterSelectionInput,
  today: string,
  visit?: (letter: PlannedLetter) => void,
): Promise<LetterSelection> {
  checkReset(input);
  const school = await m.getRepository(SchoolEntity).findOneByOrFail({ id: schoolId });
  const all = await scopedAccounts(m, schoolId, input.scope, input.kinds, today);
  const notClosed = all.filter((a) => a.state !== 'closed');
  const open = input.neverNotifiedOnly
    ? notClosed.filter((a) => a.state === 'not_notified')
    : notClosed;
  const ctx: SliceContext = {
    schoolId,
    input,
    today,
    school,
    divisions: await batchDivisions(m, schoolId, input.scope),
  };

  const letters: SelectedLetter[] = [];
  for (let i = 0; i < open.length; i += ROW_SLICE) {
    const ids = open.slice(i, i + ROW_SLICE).map((a) => a.id);
    const planned = await planSlice(m, ctx, ids);
    for (const id of ids) {
      const letter = planned.get(id);
      if (!letter) continue;
      visit?.(letter);
      letters.push(kept(letter));
    }
  }
  letters.sort((a, b) => byLetterOrder(a.sortKey, b.sortKey));

  async function read(slice: SelectedLetter[]): Promise<PlannedLetter[]> {
    const planned = await planSlice(
      m,
      ctx,
      slice.map((l) => l.account.id),
    );
    return slice.map((selected) => {
      const letter = planned.get(selected.account.id);
      if (!letter) {
        throw new ApiFailure(
          'conflict',
          `Le compte ${selected.account.login} a changé pendant la préparation (fermé, refusé ou réinitialisé) : aucun mot de passe n’a été changé, relancez les courriers.`,
        );
      }
      // What the letter does was decided and checked with the selection; the commit checks
      // the account has not changed since.
      return {
        ...letter,
        account: { ...letter.account, passwordVersion: selected.account.passwordVersion },
        newPassword: selected.newPassword,
        effect: selected.effect,
      };
    });
  }

  return {
    letters,
    skippedClosed: all.length - notClosed.length,
    alreadyNotified: notClosed.length - open.length,
    read,
  };
}

/** The letter as printed: the password drawn for it, or none for an identifiant-only letter. */
export function finalLetter(
  planned: PlannedLetter,
  password: string | null,
): NotificationLetterData {
  return {
    ...planned.data,
    provisionalPassword: password,
    deadline: password ? activationDeadline(planned.data.date) : null,
  };
}
