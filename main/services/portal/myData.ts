import { In } from 'typeorm';
import type { MyData } from '../../../shared/api/portal';
import { AuditLogEntity, GuardianEntity, StudentEntity } from '../../db/entities';
import { FamilyAccountEntity } from '../../db/entities/accounts';
import { MailOutboxEntity } from '../../db/entities/mail';
import { addressOf } from '../../db/rowHelpers';
import type { Database } from '../../db/database';
import type { Clock } from '../clock';
import { accountChildren, portalAccount } from './familyView';

/**
 * « Télécharger mes données » (RGPD right of access): everything Pupitre holds on the
 * account and its children, as the school recorded it. Never a password hash or a token.
 */
export async function myData(db: Database, clock: Clock, accountId: number): Promise<MyData> {
  const m = db.manager;
  const now = clock.now();
  const row = await m.getRepository(FamilyAccountEntity).findOneByOrFail({ id: accountId });
  const children = await accountChildren(m, accountId);
  const students = new Map(
    (await m.getRepository(StudentEntity).findBy({ id: In(children.map((c) => c.studentId)) })).map(
      (s) => [s.id, s],
    ),
  );
  const guardian = row.guardianId
    ? await m.getRepository(GuardianEntity).findOneBy({ id: row.guardianId })
    : null;
  const history = await m.getRepository(AuditLogEntity).find({
    where: { targetType: 'family_account', targetId: String(accountId) },
    order: { id: 'DESC' },
    take: 500,
  });
  // An « identifiant oublié » reminder names every account of its address, so it belongs to
  // none: it is listed for the accounts whose confirmed address received it.
  const messages = await m
    .getRepository(MailOutboxEntity)
    .createQueryBuilder('o')
    .where('o.account_id = :accountId', { accountId })
    .orWhere('o.account_id IS NULL AND o.template = :reminder AND LOWER(o.to_address) = :email', {
      reminder: 'account-identifiants',
      email: row.emailConfirmed ? row.email.toLowerCase() : '',
    })
    .orderBy('o.id', 'DESC')
    .limit(500)
    .getMany();
  return {
    exportedAt: now.toISOString(),
    account: {
      ...(await portalAccount(m, row, now)),
      createdAt: row.createdAt,
      activatedAt: row.activatedAt,
    },
    children: children.map((c) => {
      const s = students.get(c.studentId)!;
      return {
        ...c,
        sex: s.sex,
        address: addressOf(s),
        phoneHome: s.phoneHome,
        phoneMobile: s.phoneMobile,
        email: s.email,
        regime: s.regime,
      };
    }),
    guardian: guardian
      ? {
          civility: guardian.civility,
          lastName: guardian.lastName,
          firstName: guardian.firstName,
          address: addressOf(guardian),
          phoneHome: guardian.phoneHome,
          phoneMobile: guardian.phoneMobile,
          phoneWork: guardian.phoneWork,
          email: guardian.email,
          profession: guardian.profession,
        }
      : null,
    // A member of staff is « L’établissement » here: their name and staff-window login are
    // not the family's to keep (issue 14, attack review).
    history: history.map((h) => ({
      at: h.at,
      action: h.action,
      by: h.actorId === null ? h.actorLabel : 'L’établissement',
    })),
    messages: messages.map((x) => ({
      at: x.createdAt,
      to: x.toAddress,
      subject: x.subject,
      status: x.status,
    })),
  };
}
