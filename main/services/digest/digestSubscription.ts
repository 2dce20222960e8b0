import { MoreThan } from 'typeorm';
import type { DigestStatus } from '../../../shared/api/portal';
import { ApiFailure } from '../../../shared/api/result';
import type { Database } from '../../db/database';
import { DigestUnsubscribeTokenEntity, FamilyDigestEntity } from '../../db/entities';
import { FamilyAccountEntity } from '../../db/entities/accounts';
import type { Clock } from '../clock';
import type { FamilyActor } from '../portal/familyActor';
import { familyAudit } from '../portal/familyAudit';
import { hashToken } from '../secrets';

export const UNSUBSCRIBE_LINK_SPENT =
  'Ce lien de désabonnement n’est plus valable. Vous pouvez arrêter le résumé par courriel depuis la page « Gérer mon compte ».';

/** The family's choice about the e-mail digest, and the link that ends it without login. */
export function createDigestSubscription(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;

  async function status(accountId: number): Promise<DigestStatus> {
    const [row, account] = await Promise.all([
      db.manager.getRepository(FamilyDigestEntity).findOneBy({ accountId }),
      db.manager.getRepository(FamilyAccountEntity).findOneByOrFail({ id: accountId }),
    ]);
    return { enabled: row?.enabled ?? false, addressConfirmed: account.emailConfirmed };
  }

  /** Turns it on or off; turned on, only what comes next is « new » (no backlog at once). */
  async function set(actor: FamilyActor, enabled: boolean): Promise<DigestStatus> {
    await db.transaction(async (m) => {
      const account = await m
        .getRepository(FamilyAccountEntity)
        .findOneByOrFail({ id: actor.accountId });
      if (enabled && !account.emailConfirmed) {
        throw new ApiFailure(
          'invalid_input',
          'Confirmez d’abord votre adresse électronique : le résumé n’est envoyé qu’à une adresse confirmée.',
        );
      }
      const repo = m.getRepository(FamilyDigestEntity);
      const row = await repo.findOneBy({ accountId: account.id });
      const now = clock.now().toISOString();
      if (row?.enabled === enabled) return;
      if (row) {
        await repo.update(row.id, {
          enabled,
          updatedAt: now,
          ...(enabled ? { sinceAt: now } : {}),
        });
      } else {
        await repo.insert({
          accountId: account.id,
          enabled,
          sinceAt: now,
          lastSentOn: null,
          updatedAt: now,
        });
      }
      if (!enabled) {
        await m.getRepository(DigestUnsubscribeTokenEntity).delete({ accountId: account.id });
      }
      await familyAudit(
        m,
        clock,
        account,
        enabled ? 'account.digest_on' : 'account.digest_off',
        {},
      );
    });
    return status(actor.accountId);
  }

  async function accountOfToken(token: string) {
    const row = await db.manager.getRepository(DigestUnsubscribeTokenEntity).findOneBy({
      tokenHash: hashToken(token),
      expiresAt: MoreThan(clock.now().toISOString()),
    });
    if (!row) throw new ApiFailure('not_found', UNSUBSCRIBE_LINK_SPENT);
    return row.accountId;
  }

  /** GET of the link: says whose digest it ends, changes nothing (mail scanners follow links). */
  async function checkUnsubscribeLink(input: { token: string }): Promise<{ login: string }> {
    const accountId = await accountOfToken(input.token);
    const account = await db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: accountId });
    return { login: account.login };
  }

  /** POST of the link (the page's button, or RFC 8058's one-click): the digest stops. */
  async function unsubscribe(input: { token: string }): Promise<{ login: string }> {
    const accountId = await accountOfToken(input.token);
    return db.transaction(async (m) => {
      const account = await m.getRepository(FamilyAccountEntity).findOneByOrFail({ id: accountId });
      await m
        .getRepository(FamilyDigestEntity)
        .update({ accountId }, { enabled: false, updatedAt: clock.now().toISOString() });
      // Every link of the account goes: an old digest's link must not work forever.
      await m.getRepository(DigestUnsubscribeTokenEntity).delete({ accountId });
      await familyAudit(m, clock, account, 'account.digest_off', { par: 'lien du courriel' });
      return { login: account.login };
    });
  }

  return { status, set, checkUnsubscribeLink, unsubscribe };
}

export type DigestSubscription = ReturnType<typeof createDigestSubscription>;
