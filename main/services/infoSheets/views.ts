import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { InfoSheetRequestView } from '../../../shared/api/staff';
import { fieldLabel, type InfoSheetRecordKind } from '../../../shared/domain/infoSheet/fields';
import { guardianRoleLabel } from '../../../shared/domain/relationship';
import {
  DivisionEntity,
  GuardianEntity,
  StudentEntity,
  StudentGuardianEntity,
} from '../../db/entities';
import { FamilyAccountEntity } from '../../db/entities/accounts';
import { InfoSheetChangeEntity, type InfoSheetRequestRow } from '../../db/entities/infoSheets';
import { codeLists, shownValue } from './records';

const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));

/** Requests as staff read them: who, which record, each change old → new in words. */
export async function requestViews(
  m: EntityManager,
  schoolId: number,
  rows: InfoSheetRequestRow[],
): Promise<InfoSheetRequestView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const changes = await m
    .getRepository(InfoSheetChangeEntity)
    .find({ where: { requestId: In(ids) }, order: { id: 'ASC' } });
  const students = byId(
    await m.getRepository(StudentEntity).findBy({ id: In(rows.map((r) => r.studentId)) }),
  );
  const divisionIds = [...students.values()].map((s) => s.divisionId).filter((d) => d !== null);
  const divisions = byId(await m.getRepository(DivisionEntity).findBy({ id: In(divisionIds) }));
  const guardianIds = rows.map((r) => r.guardianId).filter((g) => g !== null);
  const guardians = byId(await m.getRepository(GuardianEntity).findBy({ id: In(guardianIds) }));
  const links = await m
    .getRepository(StudentGuardianEntity)
    .findBy({ guardianId: In(guardianIds), schoolId });
  const accountIds = rows.map((r) => r.accountId).filter((a) => a !== null);
  const accounts = byId(await m.getRepository(FamilyAccountEntity).findBy({ id: In(accountIds) }));
  const lists = await codeLists(m, schoolId);
  return rows.map((r) => {
    const s = students.get(r.studentId);
    const kind: InfoSheetRecordKind = r.guardianId === null ? 'student' : 'guardian';
    const g = r.guardianId === null ? undefined : guardians.get(r.guardianId);
    const link = links.find((l) => l.guardianId === r.guardianId && l.studentId === r.studentId);
    const legalRank = link?.legalRank === 1 || link?.legalRank === 2 ? link.legalRank : null;
    return {
      id: r.id,
      version: r.version,
      status: r.status,
      studentId: r.studentId,
      studentName: s ? `${s.lastName.toUpperCase()} ${s.firstName}` : '',
      divisionCode: (s?.divisionId && divisions.get(s.divisionId)?.code) || '',
      record: kind,
      guardianId: r.guardianId,
      recordLabel: g
        ? `${guardianRoleLabel(legalRank, 1, g.civility)} : ${`${g.civility} ${g.lastName.toUpperCase()} ${g.firstName}`.trim()}`
        : 'Élève',
      submittedBy: (r.accountId !== null && accounts.get(r.accountId)?.login) || '',
      holderMail: holderMail(r.accountId === null ? undefined : accounts.get(r.accountId)),
      submittedAt: r.submittedAt,
      reviewedAt: r.reviewedAt,
      comment: r.comment,
      changes: changes
        .filter((c) => c.requestId === r.id)
        .map((c) => ({
          id: c.id,
          field: c.field,
          label: fieldLabel(kind, c.field),
          oldValue: c.oldValue,
          newValue: c.newValue,
          oldShown: shownValue(c.field, c.oldValue, lists),
          newShown: shownValue(c.field, c.newValue, lists),
          status: c.status,
          comment: c.comment,
        })),
    };
  });
}

/** Whether the review's e-mail reaches the account holder: the rule tellAccountHolder follows. */
export function holderMail(
  account: { email: string; noEmail: boolean } | null | undefined,
): InfoSheetRequestView['holderMail'] {
  if (!account) return 'no_account';
  return account.email === '' || account.noEmail ? 'no_email' : 'email';
}
