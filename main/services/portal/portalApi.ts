import { portalCalls, type PortalCalls } from '../../../shared/api/portal';
import { stageAllows } from '../../../shared/domain/familyAccess';
import { preparedReads } from '../../db/preparedReads';
import { createDispatcher, type Handlers } from '../../api/dispatcher';
import type { ErrorLogger } from '../../api/errorLog';
import type { Database } from '../../db/database';
import type { Mailer } from '../../mail/types';
import type { Clock } from '../clock';
import type { PasswordHasher } from '../secrets';
import { reportNotMyChild } from './childReports';
import { requireFamily, type FamilyActor } from './familyActor';
import { familyView } from './familyView';
import { myData } from './myData';
import { createPortalAuth } from './portalAuth';
import { createPortalSessions } from './portalSessions';
import { readFamilyNotes, type NotesOptions } from './readModels/notes';
import { parisDayOf } from './readModels/parisDay';
import { readFamilySchoolLife } from './readModels/schoolLife';
import { createJustificationService } from '../schoolLife/justifications';
import { createRegroupement } from './regroupement';
import { familyInfoSheet } from '../infoSheets/familySheet';
import { createInfoSheetSubmission } from '../infoSheets/submit';
import { createDigestSubscription } from '../digest/digestSubscription';

export interface PortalDeps {
  db: Database;
  clock: Clock;
  /** The one hasher of the installation, already bounded (STACK.md). */
  hasher: PasswordHasher;
  mailer: Mailer;
  /** Where work done after the answer reports a failure (no one waits for it). */
  logger?: ErrorLogger;
}

export function createPortalServices(deps: PortalDeps) {
  const sessions = createPortalSessions(deps);
  const auth = createPortalAuth({ ...deps, sessions });
  const regroupement = createRegroupement({ ...deps, auth });
  const justifications = createJustificationService(deps);
  const today = parisDayOf(deps.clock);
  return {
    sessions,
    auth,
    regroupement,
    /** The home page's read model; the staff preview calls it with its own date. */
    view: (accountId: number, asOf: string, childId?: number) =>
      familyView(deps.db.manager, accountId, asOf, deps.clock.now(), childId),
    /** The notes page's read model; the staff preview calls it with its own date. */
    notes: (accountId: number, asOf: string, options: NotesOptions, now = deps.clock.now()) =>
      readFamilyNotes(preparedReads(deps.db.dataSource), accountId, asOf, now, options),
    myData: (accountId: number) => myData(deps.db, deps.clock, accountId),
    notMyChild: (actor: FamilyActor, input: { child: number; comment: string }) =>
      reportNotMyChild(deps.db, deps.clock, actor, input),
    /** « Vie scolaire » for a child, as the publication rule lets the family see it today. */
    schoolLife: (actor: FamilyActor, input: { child?: number; month?: string }) =>
      readFamilySchoolLife(preparedReads(deps.db.manager.dataSource), {
        accountId: actor.accountId,
        childId: input.child,
        month: input.month,
        asOf: today(),
        viewer: actor.role === 'student' ? 'student' : 'parent',
        mayJustify: actor.role === 'guardian',
      }),
    justifyAbsence: (actor: FamilyActor, input: Parameters<typeof justifications.submit>[1]) =>
      justifications.submit(actor, input, today()),
    /** « Today » in Paris, its bounds worked out once a day. */
    today,
    infoSheetSubmit: createInfoSheetSubmission(deps),
    infoSheet: (actor: FamilyActor, child: number) => familyInfoSheet(deps.db, actor, child),
    /** The e-mail digest: on/off from the account page, off by its link (issue 17 §5). */
    digest: createDigestSubscription(deps),
  };
}

export type PortalServices = ReturnType<typeof createPortalServices>;

export function portalHandlers(s: PortalServices): Handlers<PortalCalls, FamilyActor> {
  return {
    'portal.login': (input, ctx) => s.auth.login(input, ctx),
    'portal.logout': (_input, ctx) => s.auth.logout(ctx),
    'portal.stage': (_input, ctx) => s.auth.stageInfo(requireFamily(ctx)),
    'portal.firstConnection': (input, ctx) =>
      s.auth.firstConnection(requireFamily(ctx), input, ctx),
    'portal.resendConfirmation': (_input, ctx) => s.auth.resendConfirmation(requireFamily(ctx)),
    'portal.correctEmail': (input, ctx) => s.auth.correctEmail(requireFamily(ctx), input),
    'portal.checkConfirmLink': (input) => s.auth.checkConfirmLink(input),
    'portal.confirmEmail': (input) => s.auth.confirmEmail(input),
    'portal.forgotLogin': (input, ctx) => s.auth.forgotLogin(input, ctx),
    'portal.forgotPassword': (input, ctx) => s.auth.forgotPassword(input, ctx),
    'portal.checkResetLink': (input) => s.auth.checkResetLink(input),
    'portal.resetPassword': (input, ctx) => s.auth.resetPassword(input, ctx),
    'portal.home': (input, ctx) => s.view(requireFamily(ctx).accountId, s.today(), input.child),
    'portal.notes': (input, ctx) => s.notes(requireFamily(ctx).accountId, s.today(), input),
    'portal.changePassword': (input, ctx) => s.auth.changePassword(requireFamily(ctx), input, ctx),
    'portal.changeEmail': (input, ctx) => s.auth.changeEmail(requireFamily(ctx), input, ctx),
    'portal.mergePreview': (input, ctx) => s.regroupement.preview(requireFamily(ctx), input, ctx),
    'portal.merge': (_input, ctx) => s.regroupement.merge(requireFamily(ctx)),
    'portal.notMyChild': (input, ctx) => s.notMyChild(requireFamily(ctx), input),
    'portal.myData': (_input, ctx) => s.myData(requireFamily(ctx).accountId),
    'portal.schoolLife': (input, ctx) => s.schoolLife(requireFamily(ctx), input),
    'portal.justifyAbsence': (input, ctx) => s.justifyAbsence(requireFamily(ctx), input),
    'portal.infoSheet': (input, ctx) => s.infoSheet(requireFamily(ctx), input.child),
    'portal.infoSheetSubmit': (input, ctx) => s.infoSheetSubmit(requireFamily(ctx), input),
    'portal.digestStatus': (_input, ctx) => s.digest.status(requireFamily(ctx).accountId),
    'portal.setDigest': (input, ctx) => s.digest.set(requireFamily(ctx), input.enabled),
    'portal.checkUnsubscribeLink': (input) => s.digest.checkUnsubscribeLink(input),
    'portal.unsubscribeDigest': (input) => s.digest.unsubscribe(input),
  };
}

/** The portal's one door: the family actor from the session cookie, and the stage's gate. */
export function createPortalDispatcher(services: PortalServices, logger: ErrorLogger) {
  return createDispatcher({
    calls: portalCalls,
    handlers: portalHandlers(services),
    resolveActor: (token) => services.sessions.resolve(token),
    gate: (name, actor) =>
      stageAllows(actor.stage, name)
        ? null
        : {
            code: 'forbidden',
            message:
              actor.stage === 'first_connection'
                ? 'Terminez d’abord votre première connexion.'
                : 'Confirmez d’abord votre adresse électronique.',
          },
    logger,
    unauthenticated: 'Votre session a pris fin : reconnectez-vous.',
  });
}

export type PortalDispatcher = ReturnType<typeof createPortalDispatcher>;
