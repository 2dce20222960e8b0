import { randomBytes } from 'node:crypto';
import { In, IsNull } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { voidQueuedLetters } from './voidLetters';
import { ApiFailure } from '../../../shared/api/result';
import type {
  AccountDetail,
  AccountSearchResult,
  AccountSummary,
  CampaignSummary,
} from '../../../shared/api/staff/accounts';
import type { AuditEntry } from '../../../shared/api/staff';
import type { AccountKind, AccountState, CampaignGroup } from '../../../shared/domain/accounts';
import type { Database } from '../../db/database';
import { AuditLogEntity, DivisionEntity, SchoolEntity } from '../../db/entities';
import { AccountTokenEntity, FamilyAccountEntity } from '../../db/entities/accounts';
import { PortalDeviceEntity, PortalSessionEntity } from '../../db/entities/portal';
import type { FamilyAccountRow } from '../../db/entities/accounts';
import type { Mailer } from '../../mail/types';
import { writeAudit } from '../audit/audit';
import { parisEndOfDay, parisToday } from '../calendar';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { hashToken } from '../secrets';
import {
  campaignSummary,
  childrenOf,
  placeAccounts,
  searchAccounts,
  summariesOf,
  toSummary,
} from './accountQueries';
import { campaignCsv } from './campaignCsv';

export interface AccountDeps {
  db: Database;
  clock: Clock;
  mailer: Mailer;
}

const NOT_FOUND = 'Compte introuvable.';

export function createAccountService({ db, clock, mailer }: AccountDeps) {
  async function own(m: EntityManager, actor: StaffActor, id: number): Promise<FamilyAccountRow> {
    const row = await m
      .getRepository(FamilyAccountEntity)
      .findOneBy({ id, schoolId: actor.schoolId });
    if (!row) throw new ApiFailure('not_found', NOT_FOUND);
    return row;
  }

  async function history(m: EntityManager, id: number): Promise<AuditEntry[]> {
    const rows = await m.getRepository(AuditLogEntity).find({
      where: { targetType: 'family_account', targetId: String(id) },
      order: { id: 'DESC' },
      take: 100,
    });
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorLabel: r.actorLabel,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      targetLabel: r.targetLabel,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }));
  }

  async function detail(m: EntityManager, row: FamilyAccountRow): Promise<AccountDetail> {
    const children = await childrenOf(m, [row.id]);
    return {
      ...toSummary(row, children.get(row.id) ?? []),
      guardianId: row.guardianId,
      studentId: row.studentId,
      joinedLogins: (
        await m.getRepository(FamilyAccountEntity).find({
          where: { mergedIntoId: row.id },
          order: { login: 'ASC' },
        })
      ).map((a) => a.login),
      history: await history(m, row.id),
    };
  }

  function audit(
    m: EntityManager,
    actor: StaffActor,
    row: FamilyAccountRow,
    action: string,
    details: Record<string, unknown> = {},
  ) {
    return writeAudit(m, clock, {
      schoolId: actor.schoolId,
      actor,
      action,
      targetType: 'family_account',
      targetId: row.id,
      targetLabel: row.login,
      details,
    });
  }

  async function update(
    actor: StaffActor,
    id: number,
    change: (row: FamilyAccountRow, m: EntityManager) => Promise<Partial<FamilyAccountRow> | null>,
  ): Promise<AccountDetail> {
    const result = await db.transaction(async (m) => {
      const row = await own(m, actor, id);
      const patch = await change(row, m);
      if (patch) {
        await m
          .getRepository(FamilyAccountEntity)
          .update(row.id, { ...patch, updatedAt: clock.now().toISOString() });
      }
      return detail(m, { ...row, ...(patch ?? {}) });
    });
    mailer.kick();
    return result;
  }

  async function search(
    actor: StaffActor,
    input: {
      query: string;
      kind?: AccountKind | undefined;
      state?: AccountState | undefined;
      descending?: boolean | undefined;
      limit: number;
    },
  ): Promise<AccountSearchResult> {
    const { rows, truncated } = await searchAccounts(db.manager, actor.schoolId, input);
    return { items: await summariesOf(db.manager, rows), truncated };
  }

  async function get(actor: StaffActor, id: number): Promise<AccountDetail> {
    return detail(db.manager, await own(db.manager, actor, id));
  }

  /** « Sans courriel » (SPEC §4.1): activates without confirmation; recovery goes through the school. */
  function setNoEmail(actor: StaffActor, id: number, noEmail: boolean) {
    return update(actor, id, async (row, m) => {
      if (row.kind !== 'guardian') {
        throw new ApiFailure(
          'invalid_input',
          'Seul le compte d’un responsable peut être « sans courriel ».',
        );
      }
      if (row.noEmail === noEmail) return null;
      const activates = noEmail && row.state === 'awaiting_confirmation';
      await audit(m, actor, row, 'account.no_email', {
        'sans courriel': noEmail ? 'oui' : 'non',
        ...(activates ? { état: 'actif' } : {}),
      });
      // A change of state ends the account's access, as every remedy does (issue 14 §1): the
      // family signs in again, now active; its confirmation link is void with the rest.
      if (activates) await endAccountAccess(m, [row.id], clock.now().toISOString());
      return {
        noEmail,
        ...(activates
          ? {
              state: 'active' as const,
              expiresOn: null,
              activatedAt: clock.now().toISOString(),
              passwordVersion: row.passwordVersion + 1,
            }
          : {}),
      };
    });
  }

  function resendConfirmation(actor: StaffActor, id: number) {
    return update(actor, id, async (row, m) => {
      if (row.state !== 'awaiting_confirmation' || row.email === '') {
        throw new ApiFailure(
          'conflict',
          'Ce compte n’attend pas de confirmation de courriel : rien à renvoyer.',
        );
      }
      const school = await m.getRepository(SchoolEntity).findOneByOrFail({ id: row.schoolId });
      if (!school.portalUrl.trim()) {
        throw new ApiFailure(
          'invalid_input',
          'L’adresse du portail des familles n’est pas renseignée (Paramètres) : le lien de confirmation ne mènerait nulle part.',
        );
      }
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      // The previous links stop working: only the newest e-mail confirms.
      await m
        .getRepository(AccountTokenEntity)
        .update(
          { accountId: row.id, purpose: 'confirm_email', usedAt: IsNull() },
          { usedAt: now.toISOString() },
        );
      await m.getRepository(AccountTokenEntity).insert({
        accountId: row.id,
        purpose: 'confirm_email',
        tokenHash: hashToken(token),
        email: row.email,
        createdAt: now.toISOString(),
        expiresAt: parisEndOfDay(row.expiresOn ?? parisToday(clock)),
        usedAt: null,
        reference: '',
      });
      await mailer.enqueue(m, {
        schoolId: row.schoolId,
        to: row.email,
        template: 'account-confirm-email',
        accountId: row.id,
        data: {
          login: row.login,
          schoolName: school.name,
          link: confirmationLink(school.portalUrl, token),
          deadline: row.expiresOn,
        },
      });
      await audit(m, actor, row, 'account.confirmation_resent');
      return null;
    });
  }

  /** The refusal coupon: « pour moi-même » closes the guardian's account, « pour l’élève » the pupil's. */
  async function recordRefusal(
    actor: StaffActor,
    input: { guardianAccountId?: number | undefined; studentAccountIds: number[] },
  ): Promise<null> {
    await db.transaction(async (m) => {
      const ids = [
        ...(input.guardianAccountId ? [input.guardianAccountId] : []),
        ...input.studentAccountIds,
      ];
      const rows = await m
        .getRepository(FamilyAccountEntity)
        .findBy({ id: In(ids), schoolId: actor.schoolId });
      if (rows.length !== new Set(ids).size) throw new ApiFailure('not_found', NOT_FOUND);
      for (const row of rows) {
        const expected: AccountKind = row.id === input.guardianAccountId ? 'guardian' : 'student';
        if (row.kind !== expected) {
          throw new ApiFailure(
            'invalid_input',
            `Le compte ${row.login} n’est pas un compte ${expected === 'guardian' ? 'de responsable' : 'd’élève'}.`,
          );
        }
        if (row.state === 'closed') continue;
        // The version moves: a batch of letters prepared meanwhile will not reopen it.
        await m.getRepository(FamilyAccountEntity).update(row.id, {
          state: 'closed',
          closedReason: 'refused',
          passwordVersion: row.passwordVersion + 1,
          updatedAt: clock.now().toISOString(),
        });
        await voidQueuedLetters(m, [row.id], 'Compte fermé (refus d’accès)');
        await endAccountAccess(m, [row.id], clock.now().toISOString());
        await audit(m, actor, row, 'account.refused', { 'état avant': row.state });
      }
    });
    return null;
  }

  /**
   * After a refusal is withdrawn or a closure undone: an account the family had activated
   * comes back active (its password still theirs); any other needs a new letter.
   */
  function reactivate(actor: StaffActor, id: number) {
    return update(actor, id, async (row, m) => {
      if (row.state !== 'closed' || row.closedReason === 'merged') {
        throw new ApiFailure(
          'conflict',
          row.closedReason === 'merged'
            ? 'Un compte regroupé ne se réactive pas : créez un nouveau compte en séparant le regroupement.'
            : 'Ce compte n’est pas fermé.',
        );
      }
      const state: AccountState = row.activatedAt ? 'active' : 'not_notified';
      await audit(m, actor, row, 'account.reactivated', { état: state });
      // Whoever was in before the closure is not let back in by the reopening.
      await endAccountAccess(m, [row.id], clock.now().toISOString());
      return {
        state,
        closedReason: null,
        ...(state === 'not_notified'
          ? {
              passwordHash: null,
              letterDate: null,
              expiresOn: null,
              passwordVersion: row.passwordVersion + 1,
            }
          : {}),
      };
    });
  }

  function close(actor: StaffActor, id: number) {
    return update(actor, id, async (row, m) => {
      if (row.state === 'closed') throw new ApiFailure('conflict', 'Ce compte est déjà fermé.');
      await audit(m, actor, row, 'account.closed', { 'état avant': row.state });
      await voidQueuedLetters(m, [row.id], 'Compte fermé par l’établissement');
      await endAccountAccess(m, [row.id], clock.now().toISOString());
      return {
        state: 'closed' as const,
        closedReason: 'staff' as const,
        passwordVersion: row.passwordVersion + 1,
      };
    });
  }

  async function campaign(actor: StaffActor): Promise<CampaignSummary> {
    const today = parisToday(clock);
    const { placed } = await placeAccounts(db.manager, actor.schoolId, today);
    const divisions = await db.manager
      .getRepository(DivisionEntity)
      .findBy({ schoolId: actor.schoolId });
    return campaignSummary(placed, today, new Map(divisions.map((d) => [d.id, d.level])));
  }

  async function campaignList(
    actor: StaffActor,
    input: {
      group?: CampaignGroup | undefined;
      divisionId?: number | undefined;
      kind?: AccountKind | undefined;
    },
  ): Promise<AccountSummary[]> {
    const today = parisToday(clock);
    const { placed, children } = await placeAccounts(db.manager, actor.schoolId, today);
    return placed
      .filter(
        (p) =>
          (input.group === undefined ? p.group !== null : p.group === input.group) &&
          (input.divisionId === undefined || p.divisionId === input.divisionId) &&
          (input.kind === undefined || p.row.kind === input.kind),
      )
      .map((p) => toSummary(p.row, children.get(p.row.id) ?? []));
  }

  async function csv(
    actor: StaffActor,
    input: Parameters<typeof campaignList>[1],
  ): Promise<string> {
    return campaignCsv(await campaignList(actor, input));
  }

  return {
    search,
    get,
    setNoEmail,
    resendConfirmation,
    recordRefusal,
    reactivate,
    close,
    campaign,
    campaignList,
    csv,
  };
}

export type AccountService = ReturnType<typeof createAccountService>;

/** The portal's confirmation page: the link works once, until the account's deadline. */
export function confirmationLink(portalUrl: string, token: string): string {
  const base = portalUrl.replace(/\/+$/, '');
  return `${base}/confirmer?jeton=${encodeURIComponent(token)}`;
}

/**
 * A new provisional password (a reset, a re-print) voids every link sent before it: a
 * confirmation link must not open an account whose password is now the one printed on paper,
 * and a « mot de passe oublié » link sent to an old mailbox must not set a password once the
 * family has done its first connection again. The family confirms again from the first
 * connection. In the caller's transaction.
 */
export async function voidPendingLinks(
  m: EntityManager,
  accountIds: number[],
  at: string,
  only?: 'reset_password',
) {
  for (let i = 0; i < accountIds.length; i += 500) {
    await m.getRepository(AccountTokenEntity).update(
      {
        accountId: In(accountIds.slice(i, i + 500)),
        usedAt: IsNull(),
        ...(only ? { purpose: only } : {}),
      },
      { usedAt: at },
    );
  }
}

/**
 * Issue 14: every remedy (a new password, a closure, a reactivation, a refusal, a regroupement,
 * a split, a confirmed new address) ends the account's access in the caller's transaction:
 * all its portal sessions, its known browsers (a browser that knew the old password must
 * prove itself again) and every pending link. A family's own password change then opens a
 * fresh session for the browser that made it (a new token: a stolen copy of the old cookie is
 * worth nothing). Another account's pending regroupement proof of it is dropped too. A waiting confirmation link is void too: an intruder's request for their own
 * address, confirmed later, would hand them the account's recovery (issue 14, review).
 */
export async function endAccountAccess(m: EntityManager, accountIds: number[], at: string) {
  for (let i = 0; i < accountIds.length; i += 500) {
    const accountId = In(accountIds.slice(i, i + 500));
    await m.getRepository(PortalSessionEntity).delete({ accountId });
    await m.getRepository(PortalDeviceEntity).delete({ accountId });
    // A regroupement proved with this account's old password must not outlive the remedy.
    await m
      .getRepository(PortalSessionEntity)
      .update({ pendingMergeId: accountId }, { pendingMergeId: null, pendingMergeAt: null });
  }
  await voidPendingLinks(m, accountIds, at);
}
