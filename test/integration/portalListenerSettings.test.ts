import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchoolSettings } from '../../shared/api/staff';
import {
  ADMIN_PASSWORD,
  loginToken,
  startTestPupitre,
  value,
  type TestPupitre,
} from '../helpers/pupitre';

// Issue 8 §1: where the desktop app serves the portal is a school setting — 127.0.0.1 by
// default, « publier sur le réseau de l'établissement » binds a chosen interface.
let p: TestPupitre;
let token: string;
beforeAll(async () => {
  p = await startTestPupitre({ students: 20 });
  token = await loginToken(p, 'direction', ADMIN_PASSWORD);
});
afterAll(async () => p?.cleanup());

describe('the portal listener in the school settings', () => {
  it('serves this computer only by default, and publishes on a chosen interface when asked', async () => {
    const settings = value<SchoolSettings>(await p.dispatch('school.get', {}, token));
    expect(settings.portalListener).toEqual({
      publish: false,
      bind: '127.0.0.1',
      port: 3211,
      trustedProxy: '',
    });

    const missing = await p.dispatch(
      'settings.update',
      { ...settings, portalListener: { publish: true, bind: '', port: 3211, trustedProxy: '' } },
      token,
    );
    expect(missing.ok).toBe(false);
    const lowPort = await p.dispatch(
      'settings.update',
      {
        ...settings,
        portalListener: { publish: true, bind: '192.168.1.20', port: 80, trustedProxy: '' },
      },
      token,
    );
    expect(!lowPort.ok && lowPort.error.message).toContain('entre 1024 et 65535');

    const saved = value<SchoolSettings>(
      await p.dispatch(
        'settings.update',
        {
          ...settings,
          portalListener: {
            publish: true,
            bind: '192.168.1.20',
            port: 8443,
            trustedProxy: '10.0.0.1',
          },
        },
        token,
      ),
    );
    expect(saved.portalListener).toEqual({
      publish: true,
      bind: '192.168.1.20',
      port: 8443,
      trustedProxy: '10.0.0.1',
    });
    const [school] = await p.portal.schools();
    expect(school!.listener).toEqual({
      bind: '192.168.1.20',
      port: 8443,
      trustedProxy: '10.0.0.1',
    });

    // Unpublished again: back to this computer only, whatever interface was typed.
    const back = value<SchoolSettings>(
      await p.dispatch(
        'settings.update',
        {
          ...settings,
          portalListener: { publish: false, bind: '192.168.1.20', port: 8443, trustedProxy: '' },
        },
        token,
      ),
    );
    expect(back.portalListener).toMatchObject({ publish: false, bind: '127.0.0.1' });
  });
});
