import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage, SchoolSettings } from '../../shared/api/staff';
import {
  ADMIN_PASSWORD,
  createStaffUser,
  loginToken,
  startTestPupitre,
  value,
  type TestPupitre,
} from '../helpers/pupitre';

// Issue 17 §5: « An opt-in e-mail digest of what is new, at most once a day at a set hour,
// never between 21:00 and 07:00 » — the hour is the school's, set by direction in « Paramètres ».
let p: TestPupitre;
let direction: string;
beforeAll(async () => {
  p = await startTestPupitre({ students: 5 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
});
afterAll(async () => p?.cleanup());

const MESSAGE =
  'Heure d’envoi du résumé aux familles\u00a0: un nombre entier entre 7 et 20 (jamais la nuit).';

const stored = async () =>
  Number((await p.db.manager.query('SELECT digest_hour AS h FROM school'))[0].h);

describe('the hour of the family digest in the school settings', () => {
  it('is 17 h by default, saved by direction, and audited old → new', async () => {
    const settings = value<SchoolSettings>(await p.dispatch('school.get', {}, direction));
    expect(settings.digestHour).toBe(17);

    const saved = value<SchoolSettings>(
      await p.dispatch('settings.update', { ...settings, digestHour: 8 }, direction),
    );
    expect(saved.digestHour).toBe(8);
    expect(await stored()).toBe(8);
    const [entry] = value<AuditPage>(
      await p.dispatch('audit.list', { action: 'settings' }, direction),
    ).entries;
    expect(entry).toMatchObject({
      action: 'settings.update',
      details: { digestHour: { avant: 17, après: 8 } },
    });
    expect(Object.keys(entry!.details)).toEqual(['digestHour']);

    // The bounds themselves are allowed: 07 h and 20 h.
    for (const hour of [7, 20]) {
      const at = value<SchoolSettings>(
        await p.dispatch('settings.update', { ...settings, digestHour: hour }, direction),
      );
      expect(at.digestHour).toBe(hour);
    }
  });

  it('« jamais entre 21 h et 7 h »: refuses a night hour, a fraction or text in French, and changes nothing', async () => {
    const settings = value<SchoolSettings>(await p.dispatch('school.get', {}, direction));
    const auditBefore = value<AuditPage>(await p.dispatch('audit.list', {}, direction)).entries
      .length;
    for (const digestHour of [6, 21, 0, 23, 9.5, '17', null]) {
      const result = await p.dispatch(
        'settings.update',
        { ...settings, welcomeMessage: 'Changé ?', digestHour },
        direction,
      );
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', fields: { digestHour: MESSAGE } },
      });
    }
    expect(value<SchoolSettings>(await p.dispatch('school.get', {}, direction))).toEqual(settings);
    expect(value<AuditPage>(await p.dispatch('audit.list', {}, direction)).entries).toHaveLength(
      auditBefore,
    );
  });

  it('left out (an older client), the hour does not change', async () => {
    const { digestHour, ...settings } = value<SchoolSettings>(
      await p.dispatch('school.get', {}, direction),
    );
    const saved = value<SchoolSettings>(
      await p.dispatch('settings.update', { ...settings, welcomeMessage: 'Bonjour' }, direction),
    );
    expect(saved.digestHour).toBe(digestHour);
    expect(saved.welcomeMessage).toBe('Bonjour');
  });

  it('only direction may change it: the CPE is refused and the hour stays', async () => {
    const settings = value<SchoolSettings>(await p.dispatch('school.get', {}, direction));
    const cpe = await createStaffUser(p, direction, 'm.cpe', 'cpe');
    const result = await p.dispatch(
      'settings.update',
      { ...settings, digestHour: settings.digestHour === 9 ? 10 : 9 },
      cpe.token,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await stored()).toBe(settings.digestHour);
  });
});
