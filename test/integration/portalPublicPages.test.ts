import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchoolSettings } from '../../shared/api/staff';
import { ADMIN_PASSWORD, loginToken, value } from '../helpers/pupitre';
import { startPortalWorld, type PortalWorld } from '../helpers/portal';

// The pages a family reads before logging in, over the portal's own HTTP listener.
let w: PortalWorld;
let direction: string;
beforeAll(async () => {
  w = await startPortalWorld({ students: 30 });
  direction = await loginToken(w.p, 'direction', ADMIN_PASSWORD);
});
afterAll(async () => w?.cleanup());

/** Page text with tags out and every kind of space made one. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, '’')
    .replace(/\s+/g, ' ');

describe('before logging in', () => {
  it('the login page names the school and shows its welcome message', async () => {
    const page = await w.client().get('/');
    expect(page.status).toBe(200);
    const t = text(page.body);
    expect(t).toContain('COLLÈGE LUCIE VERNEREY');
    expect(t).toContain('Bienvenue sur l’espace des familles du collège Lucie-Vernerey.');
  });

  it('« Mentions légales » name the publisher and the director of publication set by the school', async () => {
    let t = text((await w.client().get('/mentions-legales')).body);
    expect(t).toContain('Éditeur COLLÈGE LUCIE VERNEREY, 8 rue des Tilleuls, 25660 Saône');
    expect(t).toContain('Directeur ou directrice de la publication Mme Hélène Roussel, principale');

    const settings = value<SchoolSettings>(await w.p.dispatch('school.get', {}, direction));
    expect(settings.publicationDirector).toBe('Mme Hélène Roussel, principale');
    const saved = value<SchoolSettings>(
      await w.p.dispatch(
        'settings.update',
        { ...settings, publicationDirector: 'M. Karim Benali, principal' },
        direction,
      ),
    );
    expect(saved.publicationDirector).toBe('M. Karim Benali, principal');
    t = text((await w.client().get('/mentions-legales')).body);
    expect(t).toContain('Directeur ou directrice de la publication M. Karim Benali, principal');

    // Left out by an older client, it does not change.
    const { publicationDirector: _left, ...older } = saved;
    const again = value<SchoolSettings>(
      await w.p.dispatch('settings.update', { ...older, phone: '03 81 00 00 00' }, direction),
    );
    expect(again.publicationDirector).toBe('M. Karim Benali, principal');
  });
});
