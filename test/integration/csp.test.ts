import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../main/http/plugins/securityHeaders';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

// One policy, three places: the built page's meta tag, web mode's header, Electron's header
// (main/app/window.ts imports the same constant). `npm test` builds the renderer first.
describe('the window’s Content-Security-Policy', () => {
  it('the built page carries the shared policy, not a copy written by hand', () => {
    const html = readFileSync(
      join(__dirname, '..', '..', 'dist', 'renderer', 'index.html'),
      'utf8',
    ).replace(/&#39;/g, "'");
    const metas = [...html.matchAll(/http-equiv="Content-Security-Policy" content="([^"]+)"/g)];
    expect(metas.map((m) => m[1])).toEqual([META_CONTENT_SECURITY_POLICY]);
    expect(META_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
  });

  it('web mode sends the same policy as a header, with frame-ancestors', () => {
    expect(SECURITY_HEADERS['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});
