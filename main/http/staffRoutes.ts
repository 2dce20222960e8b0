import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiResult, ErrorCode } from '../../shared/api/result';
import type { StaffDispatch } from '../services/staffApi';

export const SESSION_COOKIE = 'pupitre_session';

const STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  unknown_call: 404,
  too_many_attempts: 429,
  internal: 500,
};

/**
 * A cross-site page could post to a local server; the session cookie is SameSite=Strict
 * and, belt and braces, a request whose Origin is not this server is refused.
 */
export function isCrossOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

export function send(reply: FastifyReply, result: ApiResult<unknown>) {
  if (result.ok && result.value instanceof Uint8Array) {
    // A call that answers bytes (a PDF, a zip) sends them as they are: as JSON a Buffer
    // becomes an array of numbers, about ten times its size in the server's memory.
    const { buffer, byteOffset, byteLength } = result.value;
    return reply
      .code(200)
      .header('content-type', 'application/octet-stream')
      .header('cache-control', 'no-store')
      .send(Buffer.from(buffer, byteOffset, byteLength));
  }
  return reply.code(result.ok ? 200 : STATUS[result.error.code]).send(result);
}

/** Binds the staff API to POST /api/:name, the same dispatcher as the desktop IPC channel. */
export function registerStaffRoutes(
  app: FastifyInstance,
  dispatch: StaffDispatch,
  secureCookies: boolean,
) {
  app.post<{ Params: { name: string } }>('/api/:name', async (request, reply) => {
    if (isCrossOrigin(request)) {
      return send(reply, {
        ok: false,
        error: { code: 'forbidden', message: 'Requête refusée : elle ne vient pas de Pupitre.' },
      });
    }
    const token = request.cookies[SESSION_COOKIE] ?? null;
    const { name } = request.params;
    const { result, issued, ended } = await dispatch.handle(name, request.body, token, {
      address: request.ip,
    });
    if (issued) {
      reply.setCookie(SESSION_COOKIE, issued, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookies,
      });
    } else if (ended && token) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    return send(reply, result);
  });
}
