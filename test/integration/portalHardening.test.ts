import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPortalWorld, type PortalWorld } from '../helpers/portal';

// Issue 14 §3: what a stranger's odd request must not do to the portal, over real HTTP on
// 127.0.0.1.
let w: PortalWorld;
beforeAll(async () => {
  w = await startPortalWorld({ students: 20 });
});
afterAll(async () => w?.cleanup());

describe('the notice named in the address', () => {
  it('is looked up among the portal’s own notices only: `?info=__proto__` and `?info=constructor` show the plain page and log nothing', async () => {
    const logged = vi.spyOn(console, 'error');
    try {
      for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
        const res = await fetch(new URL(`/?info=${key}`, w.portal.url));
        const body = await res.text();
        expect(res.status, key).toBe(200);
        expect(body, key).toContain('name="login"');
        expect(body, key).not.toMatch(/function|\[object/);
      }
      expect(logged).not.toHaveBeenCalled();
      const known = await (await fetch(new URL('/?info=deconnexion', w.portal.url))).text();
      expect(known).toContain('Déconnexion effectuée.');
    } finally {
      logged.mockRestore();
    }
  });
});
