import type { FastifyInstance } from 'fastify';

/** No script at all, nothing from elsewhere, never in a frame. */
export const PORTAL_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * The portal's headers: its pages hold children's data, so none is stored by a browser or
 * a proxy (only the stylesheet is); links carrying a token never leak through Referer; HSTS
 * once the portal is served over HTTPS.
 */
export function registerPortalHeaders(app: FastifyInstance, options: { https: boolean }) {
  const every: Record<string, string> = {
    'content-security-policy': PORTAL_CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
    ...(options.https ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
  const personal = { ...every, 'cache-control': 'no-store' };
  // A callback hook, not an async one: every answer passes here, and a promise apiece is waste.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.headers(request.url.startsWith('/portail.css') ? every : personal);
    done(null, payload);
  });
}
