import type { ApiResult } from '../../shared/api/result';
import type { LoginResult } from '../../shared/api/types';

/**
 * What a call's result means for the session token the transport holds (an HttpOnly
 * cookie in web mode, a per-window map in the desktop app): a login issues one, which is
 * taken out of the answer so the page's script never sees it; a logout or an expired
 * session ends it.
 */
export function sessionTokenEffect(
  name: string,
  result: ApiResult<unknown>,
): { result: ApiResult<unknown>; issued: string | null; ended: boolean } {
  if (result.ok && name === 'session.login') {
    const login = result.value as LoginResult;
    return {
      result: { ok: true, value: { ...login, token: '' } },
      issued: login.token,
      ended: false,
    };
  }
  const ended =
    (result.ok && name === 'session.logout') ||
    (!result.ok && result.error.code === 'unauthenticated');
  return { result, issued: null, ended };
}
