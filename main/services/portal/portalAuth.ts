import { createAuthKit, type AuthKit, type PortalAuthDeps } from './auth/authKit';
import {
  checkConfirmLink,
  confirmEmail,
  correctEmail,
  resendConfirmation,
} from './auth/confirmation';
import { firstConnection, stageInfo } from './auth/firstConnection';
import { proveHolder } from './auth/holderProof';
import { login, logout, purgeLoginTraces } from './auth/login';
import { changeEmail, changePassword } from './auth/profile';
import { checkResetLink, forgotLogin, forgotPassword, resetPassword } from './auth/recovery';

export { BAD_CREDENTIALS, PORTAL_RULES, type PortalAuthDeps } from './auth/authKit';
export { resetLink } from './auth/recovery';

/**
 * The portal's authentication, one file a job under ./auth (login, first connection,
 * confirmation, recovery, profile, the regroupement's proof); this binds them to one kit of
 * throttles and hashing so that the handlers and the regroupement call them by name.
 */
export function createPortalAuth(deps: PortalAuthDeps) {
  const kit = createAuthKit(deps);
  const bind =
    <A extends unknown[], T>(f: (k: AuthKit, ...args: A) => T): ((...args: A) => T) =>
    (...args) =>
      f(kit, ...args);
  return {
    login: bind(login),
    logout: bind(logout),
    stageInfo: bind(stageInfo),
    proveHolder: bind(proveHolder),
    firstConnection: bind(firstConnection),
    resendConfirmation: bind(resendConfirmation),
    correctEmail: bind(correctEmail),
    checkConfirmLink: bind(checkConfirmLink),
    confirmEmail: bind(confirmEmail),
    forgotLogin: bind(forgotLogin),
    forgotPassword: bind(forgotPassword),
    checkResetLink: bind(checkResetLink),
    resetPassword: bind(resetPassword),
    changePassword: bind(changePassword),
    changeEmail: bind(changeEmail),
    purge: () => purgeLoginTraces(kit),
    /** Resolves when the work done after answers (recovery mail) has finished. */
    settled: () => kit.settled(),
  };
}

export type PortalAuth = ReturnType<typeof createPortalAuth>;
