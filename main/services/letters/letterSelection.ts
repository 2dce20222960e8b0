import { In } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import type { LetterOrder, LetterScopeValue } from '../../../shared/api/staff/letters';
import { activationDeadline, type AccountKind } from '../../../shared/domain/accounts';
import {
  DivisionEntity,
  GuardianEntity,
  SchoolEntity,
  StudentEntity,
  StudentGuardianEntity,
} from '../../db/entities';
import { FamilyAccountEntity } from '../../db/entities/accounts';
import type { FamilyAccountRow } from '../../db/entities/accounts';
import type { SchoolRow, StudentRow } from '../../db/entities/rows';
import { addressOf } from '../../db/rowHelpers';
import type { LetterAddress, NotificationLetterData } from '../../pdf/letterData';
import { childrenOf, placeAccounts } from '../accounts/accountQueries';
import { batchDivisions, carrierLabel, carrierOf, filedUnder } from './letterCarrier';
import { carriesPassword, checkReset, letterEffect, type LetterEffect } from './letterReprint';

/** One letter to print: the account, what it says, and whether it carries a new password. */
export interface PlannedLetter {
  account: FamilyAccountRow;
  /** Everything but the password, drawn when the batch runs. */
  data: Omit<NotificationLetterData, 'provisionalPassword' | 'deadline'>;
  newPassword: boolean;
  /** What it does to the account: a first password, a re-print, the identifiant only, a reset. */
  effect: LetterEffect;
  /** A division's batch: the campaign table counts this account under another division. */
  filedElsewhere: boolean;
  /** Where an e-mailed letter goes: the confirmed address, else the school's record. */
  email: string;
  sortKey: string;
}

export interface LetterSelection {
  letters: PlannedLetter[];
  skippedClosed: number;
  /** Left out by « seulement les comptes jamais notifiés ». */
  alreadyNotified: number;
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

/** The accounts a scope names, in the school, of the chosen kinds. */
async function scopedAccounts(
  m: EntityManager,
  schoolId: number,
  scope: LetterScopeValue,
  kinds: AccountKind[],
  today: string,
): Promise<FamilyAccountRow[]> {
  const repo = m.getRepository(FamilyAccountEntity);
  let rows: FamilyAccountRow[];
  switch (scope.kind) {
    case 'school':
      rows = await repo.findBy({ schoolId });
      break;
    case 'accounts': {
      rows = await repo.findBy({ schoolId, id: In(scope.accountIds) });
      if (rows.length !== new Set(scope.accountIds).size) {
        throw new ApiFailure('not_found', 'Un des comptes choisis est introuvable.');
      }
      break;
    }
    case 'campaign': {
      const { placed } = await placeAccounts(m, schoolId, today);
      rows = placed
        .filter(
          (p) =>
            p.group === scope.group &&
            (scope.divisionId === undefined || p.divisionId === scope.divisionId),
        )
        .map((p) => p.row);
      break;
    }
    case 'division':
    case 'level': {
      const divisions =
        scope.kind === 'division'
          ? await m.getRepository(DivisionEntity).findBy({ id: scope.divisionId, schoolId })
          : await m.getRepository(DivisionEntity).findBy({ level: scope.level, schoolId });
      if (scope.kind === 'division' && divisions.length === 0) {
        throw new ApiFailure('not_found', 'Division introuvable.');
      }
      const ids = divisions.map((d) => d.id);
      rows = ids.length
        ? await repo
            .createQueryBuilder('a')
            .where('a.schoolId = :schoolId', { schoolId })
            .andWhere(
              `a.id IN (SELECT x.account_id FROM account_student x JOIN student s ON s.id = x.student_id
                        WHERE s.division_id IN (:...ids))`,
              { ids },
            )
            .getMany()
        : [];
      break;
    }
  }
  return rows.filter((r) => kinds.includes(r.kind));
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

/**
 * Who gets which letter (SPEC §4.1): every open account of the scope (or those never notified
 * only); a new provisional password unless the family chose one (then the letter recalls the
 * identifiant only, see letterReprint). Closed accounts are left out. Sorted for posting or
 * for handing out in class.
 */
export async function selectLetters(
  m: EntityManager,
  schoolId: number,
  input: LetterSelectionInput,
  today: string,
): Promise<LetterSelection> {
  checkReset(input);
  const school = await m.getRepository(SchoolEntity).findOneByOrFail({ id: schoolId });
  const all = await scopedAccounts(m, schoolId, input.scope, input.kinds, today);
  const notClosed = all.filter((a) => a.state !== 'closed');
  const open = input.neverNotifiedOnly
    ? notClosed.filter((a) => a.state === 'not_notified')
    : notClosed;
  const divisions = await batchDivisions(m, schoolId, input.scope);
  const children = await childrenOf(
    m,
    open.map((a) => a.id),
  );
  const guardians = new Map(
    (
      await m.getRepository(GuardianEntity).findBy({
        id: In(open.map((a) => a.guardianId).filter((id): id is number => id !== null)),
      })
    ).map((g) => [g.id, g]),
  );
  const studentIds = open.map((a) => a.studentId).filter((id): id is number => id !== null);
  // Every pupil the letters name: their sex and date of birth tell apart two children of
  // the same first name and say whether a pupil writing for themself is of age.
  const namedIds = new Set([
    ...studentIds,
    ...[...children.values()].flat().map((c) => c.studentId),
  ]);
  const students = new Map<number, StudentRow>();
  const named = [...namedIds];
  for (let i = 0; i < named.length; i += 500) {
    for (const s of await m
      .getRepository(StudentEntity)
      .findBy({ id: In(named.slice(i, i + 500)) }))
      students.set(s.id, s);
  }
  // A pupil whose address is « identique à celle du responsable légal 1 » gets it from there.
  const legalOne = new Map<number, number>();
  for (const link of await m
    .getRepository(StudentGuardianEntity)
    .findBy({ studentId: In(studentIds), legalRank: 1 })) {
    legalOne.set(link.studentId, link.guardianId);
  }
  const legalOneGuardians = new Map(
    (await m.getRepository(GuardianEntity).findBy({ id: In([...legalOne.values()]) })).map((g) => [
      g.id,
      g,
    ]),
  );

  const letters: PlannedLetter[] = [];
  for (const account of open) {
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
      const parent = legalOneGuardians.get(legalOne.get(s.id) ?? -1);
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
    const carrier = carrierOf(covered, divisions);
    const name = `${recipient.lastName} ${recipient.firstName}`.toLowerCase();
    const carrierName = carrier ? `${carrier.lastName} ${carrier.firstName}`.toLowerCase() : '';
    letters.push({
      account,
      effect,
      newPassword: carriesPassword(effect),
      email,
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
  letters.sort((a, b) => a.sortKey.localeCompare(b.sortKey, 'fr', { numeric: true }));
  return {
    letters,
    skippedClosed: all.length - notClosed.length,
    alreadyNotified: notClosed.length - open.length,
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
