/**
 * The one Content-Security-Policy of the staff window: the web server sends it as a header,
 * Electron adds it to every response, and the built index.html carries it as a meta tag
 * (vite.config.ts writes it there). No inline script, nothing from elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The same policy for a meta tag: browsers ignore frame-ancestors there (and warn about it),
 * so it is left to the header.
 */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');
