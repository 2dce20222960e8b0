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
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('content-security-policy', PORTAL_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    if (options.https) reply.header('strict-transport-security', 'max-age=31536000');
    if (!request.url.startsWith('/portail.css')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
