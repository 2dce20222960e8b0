import type { FastifyInstance } from 'fastify';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp';

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * Every answer carries the window's policy; API answers hold pupils' and guardians' data, so
 * no browser or proxy may keep a copy of them (no-store).
 */
export function registerSecurityHeaders(
  app: FastifyInstance,
  options: { noStorePrefixes: string[] },
) {
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [header, value] of Object.entries(SECURITY_HEADERS)) reply.header(header, value);
    if (options.noStorePrefixes.some((prefix) => request.url.startsWith(prefix))) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
