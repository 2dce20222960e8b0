import { In, IsNull } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import {
  roleMayCall,
  type AccountDetail,
  type ChildReport,
  type FamilyPreview,
} from '../../../shared/api/staff';
import type { Database } from '../../db/database';
import { DivisionEntity, StudentEntity } from '../../db/entities';
import { FamilyAccountEntity } from '../../db/entities/accounts';
import { ChildReportEntity } from '../../db/entities/portal';
import { writeAudit } from '../audit/audit';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { familyView } from '../portal/familyView';
import { endAccountAccess, type AccountService } from './accountService';
import { syncAccounts } from './provisioning';
import { FOREIGN_CHILD } from './accountQueries';
import { createInfoSheetPreview } from './infoSheetPreview';
import { createNotesPreview } from './notesPreview';
import { assertPreviewDayPast } from './previewDay';

const NOT_FOUND = 'Ce compte n’existe pas dans votre établissement.';

/** Staff's side of the family portal: preview, splitting a merge, the « pas mon enfant » queue. */
export function createFamilySupport(deps: {
  db: Database;
  clock: Clock;
  accounts: AccountService;
}) {
  const { db, clock, accounts } = deps;

  async function own(actor: StaffActor, id: number) {
    const row = await db.manager
      .getRepository(FamilyAccountEntity)
      .findOneBy({ id, schoolId: actor.schoolId });
    if (!row) throw new ApiFailure('not_found', NOT_FOUND);
    return row;
  }

  /**
   * The family's home page as of `asOf` (the school's today by this clock when none is given):
   * the portal's own read model, and a journal line.
   */
  async function preview(
    actor: StaffActor,
    request: { id: number; asOf?: string | undefined; child?: number | undefined },
  ): Promise<FamilyPreview> {
    const today = parisToday(clock);
    const input = { ...request, asOf: request.asOf ?? today };
    assertPreviewDayPast(input.asOf, clock);
    const row = await own(actor, input.id);
    // Children a regroupement brought from another school of the database: the family sees
    // them, this school's staff do not (their name, birth date and class stay there).
    let view = await familyView(db.manager, row.id, input.asOf, clock.now(), input.child);
    const local = new Set(
      (
        await db.manager.getRepository(StudentEntity).findBy({
          id: In(view.children.map((c) => c.studentId)),
          schoolId: actor.schoolId,
        })
      ).map((s) => s.id),
    );
    if (input.child !== undefined && !local.has(input.child)) {
      throw new ApiFailure(
        'forbidden',
        'Cet enfant est scolarisé dans un autre établissement : son aperçu ne vous est pas ouvert.',
      );
    }
    if (view.child && !local.has(view.child.studentId)) {
      const first = view.children.find((c) => local.has(c.studentId));
      view = first
        ? await familyView(db.manager, row.id, input.asOf, clock.now(), first.studentId)
        : // Only another school's child is left on the account: no child's page to show, and
          // not that school's block either (it would say where the child goes to school).
          { ...view, child: null, school: null, services: [] };
    }
    view = {
      ...view,
      children: view.children.map((c) =>
        local.has(c.studentId)
          ? c
          : { studentId: c.studentId, ...FOREIGN_CHILD, birthDate: null, divisionCode: null },
      ),
      // The CPE previews what the family reads of its vie scolaire; the notes are not theirs
      // to read, not even how many are new.
      services: roleMayCall('accounts.previewNotes', actor.role)
        ? view.services
        : view.services.map((service) => {
            if (service.key !== 'notes') return service;
            const withoutCount = { ...service };
            delete withoutCount.newCount;
            return withoutCount;
          }),
    };
    await db.transaction((m) =>
      writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'account.preview',
        targetType: 'family_account',
        targetId: row.id,
        targetLabel: row.login,
        details: { date: input.asOf },
      }),
    );
    return { ...view, today };
  }

  /**
   * SPEC §4.4: only the school undoes a regroupement. The merged-away account is given back
   * to its guardian (not notified: a new letter gives it a password), and the next sync
   * takes its children back from the account it had joined.
   */
  async function splitMerge(actor: StaffActor, id: number): Promise<AccountDetail> {
    const row = await own(actor, id);
    if (row.state !== 'closed' || row.closedReason !== 'merged') {
      throw new ApiFailure('conflict', 'Ce compte n’a pas été regroupé : rien à séparer.');
    }
    await db.transaction(async (m) => {
      const now = clock.now().toISOString();
      // The journal names the account it had joined, not its internal number.
      const joined = row.mergedIntoId
        ? await m.getRepository(FamilyAccountEntity).findOneBy({ id: row.mergedIntoId })
        : null;
      await m.getRepository(FamilyAccountEntity).update(row.id, {
        state: 'not_notified',
        closedReason: null,
        mergedIntoId: null,
        passwordHash: null,
        passwordVersion: row.passwordVersion + 1,
        letterDate: null,
        expiresOn: null,
        email: '',
        emailConfirmed: false,
        activatedAt: null,
        updatedAt: now,
      });
      await endAccountAccess(m, [row.id], now);
      const counts = await syncAccounts(m, row.schoolId, now);
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'account.merge_split',
        targetType: 'family_account',
        targetId: row.id,
        targetLabel: row.login,
        details: { 'regroupé dans': joined?.login ?? '—', 'enfants rendus': counts.childrenAdded },
      });
    });
    return accounts.get(actor, row.id);
  }

  async function reports(actor: StaffActor): Promise<ChildReport[]> {
    const rows = await db.manager.getRepository(ChildReportEntity).find({
      where: { schoolId: actor.schoolId, handledAt: IsNull() },
      order: { id: 'ASC' },
    });
    const out: ChildReport[] = [];
    for (const r of rows) {
      const account = await db.manager
        .getRepository(FamilyAccountEntity)
        .findOneBy({ id: r.accountId });
      const student = await db.manager.getRepository(StudentEntity).findOneBy({ id: r.studentId });
      const division = student?.divisionId
        ? await db.manager.getRepository(DivisionEntity).findOneBy({ id: student.divisionId })
        : null;
      out.push({
        id: r.id,
        accountId: r.accountId,
        accountLogin: account?.login ?? '',
        accountName: account?.displayName ?? '',
        studentId: r.studentId,
        studentName: student
          ? `${student.lastName.toLocaleUpperCase('fr-FR')} ${student.firstName}`
          : '',
        divisionCode: division?.code ?? null,
        comment: r.comment,
        createdAt: r.createdAt,
      });
    }
    return out;
  }

  async function handleReport(actor: StaffActor, id: number): Promise<null> {
    await db.transaction(async (m) => {
      const row = await m
        .getRepository(ChildReportEntity)
        .findOneBy({ id, schoolId: actor.schoolId });
      if (!row) throw new ApiFailure('not_found', 'Ce signalement n’existe pas.');
      if (row.handledAt) return;
      await m
        .getRepository(ChildReportEntity)
        .update(row.id, { handledAt: clock.now().toISOString(), handledBy: actor.userId });
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'account.child_report_handled',
        targetType: 'family_account',
        targetId: row.accountId,
        targetLabel: String(row.accountId),
        details: { signalement: row.id },
      });
    });
    return null;
  }

  return {
    preview,
    previewNotes: createNotesPreview(deps),
    previewInfoSheet: createInfoSheetPreview(deps),
    splitMerge,
    reports,
    handleReport,
  };
}

export type FamilySupport = ReturnType<typeof createFamilySupport>;
