import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InfoSheetChangeEntity, InfoSheetRequestEntity } from '../../main/db/entities/infoSheets';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import {
  activateAccount,
  startPortalWorld,
  twoGuardianFamilies,
  type PortalWorld,
  type TwoGuardianFamily,
} from '../helpers/portal';

// Issue 18 §1: the family side of the fiche de renseignements, over real HTTP (Fastify, the
// session cookie, the form token), read as text the way a family reads it (seed 000
// « Mise à jour élève / responsable légal », seed 003 §3.3).

let w: PortalWorld;
let f: TwoGuardianFamily;
let joint: TwoGuardianFamily;
let addresses = 40;
const PASSWORD = 'Tigre7Bleu';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

async function signIn(accountId: number) {
  const account = await w.p.db.manager
    .getRepository(FamilyAccountEntity)
    .findOneByOrFail({ id: accountId });
  const browser = w.client(`192.0.2.${addresses++}`);
  const login = await browser.submit('/', '/connexion', {
    login: account.login,
    password: PASSWORD,
  });
  expect(login.status).toBe(303);
  return browser;
}

const page = (tab = 'eleve', extra = '') =>
  `/fiche-renseignements?enfant=${f.studentId}&onglet=${tab}${extra}`;

/** Every field of a record's form as the page filled it, as a browser would post it back. */
function formValues(html: string): Record<string, string> {
  const form = /<form[^>]*action="\/fiche-renseignements"[\s\S]*?<\/form>/.exec(html)![0];
  const values: Record<string, string> = {};
  for (const m of form.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) {
    values[m[1]!] = m[2]!.replace(/&#x27;/g, "'").replace(/&amp;/g, '&');
  }
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    values[m[1]!] = /<option value="([^"]*)" selected=""/.exec(m[2]!)?.[1] ?? '';
  }
  delete values._csrf;
  return values;
}

beforeAll(async () => {
  w = await startPortalWorld({ students: 40 });
  await w.p.db.manager.query(`UPDATE school SET opened_services = 'notes,fiche_renseignements'`);
  const both = await twoGuardianFamilies(w.p);
  f = both[0]!;
  joint = both.find((x) => x.a1 !== f.a1 && x.a2 !== f.a2 && x.a1 !== f.a2)!;
  for (const id of [f.a1, f.a2, joint.a1]) {
    await activateAccount(w.p, id, PASSWORD, `compte${id}@example.fr`);
  }
  // A compte joint: légal 2's account regrouped into légal 1's (SPEC §4.4).
  await w.p.db.manager
    .getRepository(FamilyAccountEntity)
    .update(joint.a2, { mergedIntoId: joint.a1, state: 'closed', closedReason: 'merged' });
});
afterAll(async () => w?.cleanup());

describe('« Fiche de renseignements » in the portal (issue 18 §1)', () => {
  it('the home page opens it; the pupil’s tab shows the values, and the régime and address with their reason', async () => {
    const browser = await signIn(f.a1);
    const home = await browser.get(`/accueil?enfant=${f.studentId}`);
    expect(home.body).toContain(`href="/fiche-renseignements?enfant=${f.studentId}"`);
    const sheet = await browser.get(`/fiche-renseignements?enfant=${f.studentId}`);
    expect(sheet.status).toBe(200);
    expect(sheet.body).not.toContain('<script');
    const body = text(sheet.body);
    expect(body).toContain('Fiche de renseignements');
    expect(body).toContain('Tél. mobile');
    expect(body).toContain(
      'concernant l’élève et le responsable légal. Si nécessaire, cliquez sur le bouton « Modifier » pour',
    );
    expect(body).toContain(
      'Le régime n’est pas modifiable : pour signaler un changement de régime, contactez l’établissement.',
    );
    expect(body).toContain(
      'L’adresse de l’élève n’est pas modifiable ici : pour la modifier, veuillez prendre contact avec l’établissement.',
    );
    // The guide's « Adresse : Identique à celle du responsable légal 1 », shown, not offered.
    expect(body).toContain('Adresse Identique à celle du responsable légal 1 L’adresse de l’élève');
    const pupilForm = formValues((await browser.get(page('eleve', '&modifier=1'))).body);
    expect(pupilForm).toHaveProperty('phoneMobile');
    expect(pupilForm).not.toHaveProperty('addressLine1');
    expect(pupilForm).not.toHaveProperty('regime');
    // A tab for the pupil and one for légal 1's own record; never légal 2's.
    expect(sheet.body).toContain(`onglet=${f.g1}`);
    expect(sheet.body).not.toContain(`onglet=${f.g2}`);
    expect(sheet.body).toContain(`href="${page('eleve', '&modifier=1').replace(/&/g, '&amp;')}"`);
  });

  it('a refused value keeps what was typed and names the field; nothing is stored', async () => {
    const browser = await signIn(f.a1);
    const form = formValues((await browser.get(page(String(f.g1), '&modifier=1'))).body);
    expect(Object.keys(form)).toEqual(expect.arrayContaining(['professionCode', 'phoneMobile']));
    const refused = await browser.post('/fiche-renseignements', {
      ...form,
      phoneMobile: '06 12',
      city: 'Besançon (typed)',
      professionCode: '33',
    });
    expect(refused.status).toBe(400);
    const body = text(refused.body);
    expect(body).toContain('Le formulaire contient une erreur');
    // The message names its field, beside the field and in the summary (RGAA).
    const message = /<p class="p-error" id="erreur-champ-phoneMobile">([^<]+)<\/p>/.exec(
      refused.body,
    )![1]!;
    expect(message).toMatch(/^Tél\. mobile\u00a0: numéro invalide/);
    expect(refused.body).toContain(`<a href="#champ-phoneMobile">${message}</a>`);
    expect(refused.body).toContain('id="erreur-champ-phoneMobile"');
    expect(refused.body).toContain('value="06 12"');
    expect(refused.body).toContain('value="Besançon (typed)"');
    expect(refused.body).toMatch(/<option value="33" selected="">/);
    expect(await w.p.db.manager.getRepository(InfoSheetRequestEntity).count()).toBe(0);
  });

  it('the form sent back unchanged says so and opens no request', async () => {
    const browser = await signIn(f.a1);
    const form = formValues((await browser.get(page('eleve', '&modifier=1'))).body);
    const sent = await browser.post('/fiche-renseignements', {
      child: String(f.studentId),
      ...form,
    });
    expect(sent.status).toBe(303);
    expect(sent.location).toContain('info=inchange');
    expect(text((await browser.get(sent.location!)).body)).toContain(
      'Aucune modification : le formulaire envoyé ne change aucune valeur.',
    );
    expect(await w.p.db.manager.getRepository(InfoSheetRequestEntity).count()).toBe(0);
  });

  it('a guardian whose profession the school never had changes only their work phone: the empty list is not theirs to fill first', async () => {
    const browser = await signIn(f.a1);
    const form = formValues((await browser.get(page(String(f.g1), '&modifier=1'))).body);
    expect(form.professionCode).toBe('');
    const sent = await browser.post('/fiche-renseignements', { ...form, phoneWork: '0381112233' });
    expect(sent.status).toBe(303);
    const after = text((await browser.get(sent.location!)).body);
    expect(after).toContain('03 81 11 22 33 — en attente de validation par l’établissement');
    // Set back to the school's value: the request closes, and the page says so.
    const again = formValues((await browser.get(page(String(f.g1), '&modifier=1'))).body);
    expect(again.phoneWork).toBe('03 81 11 22 33');
    const back = await browser.post('/fiche-renseignements', {
      ...again,
      phoneWork: form.phoneWork!,
    });
    expect(back.location).toContain('info=identique');
    expect(text((await browser.get(back.location!)).body)).toContain(
      'Aucune modification en attente : les valeurs envoyées sont celles que l’établissement connaît déjà.',
    );
    expect(await w.p.db.manager.getRepository(InfoSheetChangeEntity).count()).toBe(0);
  });

  it('a valid change waits, shown « en attente de validation par l’établissement »; the other guardian is told why they cannot', async () => {
    const browser = await signIn(f.a1);
    const form = formValues((await browser.get(page('eleve', '&modifier=1'))).body);
    // Without the form's token: refused, nothing stored.
    const forged = await browser.post(
      '/fiche-renseignements',
      { ...form, phoneMobile: '06 98 76 54 32' },
      'faux-jeton',
    );
    expect(forged.status).toBe(403);
    expect(await w.p.db.manager.getRepository(InfoSheetChangeEntity).count()).toBe(0);
    await browser.get(page('eleve', '&modifier=1'));
    const sent = await browser.post('/fiche-renseignements', {
      ...form,
      phoneMobile: '0698765432',
    });
    expect(sent.status).toBe(303);
    const after = text((await browser.get(sent.location!)).body);
    expect(after).toContain('Vos modifications ont été envoyées à l’établissement.');
    expect(after).toContain('06 98 76 54 32 — en attente de validation par l’établissement');
    const changes = await w.p.db.manager.getRepository(InfoSheetChangeEntity).find();
    expect(changes.map((c) => [c.field, c.newValue, c.status])).toEqual([
      ['phoneMobile', '06 98 76 54 32', 'pending'],
    ]);

    const other = await signIn(f.a2);
    const theirs = await other.get(page());
    const body = text(theirs.body);
    expect(body).toContain('envoyée par l’autre responsable, attend d’être traitée');
    // Told that one waits, not what it is; and no « Modifier » on the pupil's tab.
    expect(body).not.toContain('06 98 76 54 32');
    expect(theirs.body).not.toContain('modifier=1');
    const form2 = formValues((await other.get(page(String(f.g2), '&modifier=1'))).body);
    const blocked = await other.post('/fiche-renseignements', {
      ...form2,
      guardian: '',
      phoneMobile: '07 00 00 00 01',
    });
    expect(blocked.status).toBe(409);
    expect(text(blocked.body)).toContain('envoyée par l’autre responsable');
    expect(await w.p.db.manager.getRepository(InfoSheetChangeEntity).count()).toBe(1);
  });

  it('« un compte joint » shows a tab for each of its two guardian records (SPEC §7)', async () => {
    const browser = await signIn(joint.a1);
    const sheet = await browser.get(`/fiche-renseignements?enfant=${joint.studentId}`);
    expect(sheet.status).toBe(200);
    expect(text(sheet.body)).toMatch(/Élève Responsables? légale? 1 Responsables? légale? 2/);
    const second = await browser.get(
      `/fiche-renseignements?enfant=${joint.studentId}&onglet=${joint.g2}&modifier=1`,
    );
    expect(formValues(second.body)).toMatchObject({ guardian: String(joint.g2) });
  });

  it('another family’s child is « page introuvable » (404) with nothing of the child', async () => {
    const browser = await signIn(f.a1);
    const [other] = (await w.p.db.manager.query(
      `SELECT s.id, s.last_name AS "lastName" FROM student s
        WHERE s.id NOT IN (SELECT student_id FROM account_student WHERE account_id = ?) LIMIT 1`,
      [f.a1],
    )) as { id: number; lastName: string }[];
    const foreign = await browser.get(`/fiche-renseignements?enfant=${other!.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body).not.toContain(other!.lastName.toUpperCase());
    await browser.get(`/accueil`);
    const posted = await browser.post('/fiche-renseignements', {
      child: String(other!.id),
      phoneMobile: '06 11 11 11 11',
    });
    expect(posted.status).toBe(404);
    expect(await w.p.db.manager.getRepository(InfoSheetChangeEntity).count()).toBe(1);
    // Légal 2's record, posted from légal 1's session: refused, nothing stored.
    await browser.get(page());
    const theirs = await browser.post('/fiche-renseignements', {
      child: String(f.studentId),
      guardian: String(f.g2),
      phoneWork: '03 81 99 99 99',
    });
    expect(theirs.status).toBe(404);
    expect(await w.p.db.manager.getRepository(InfoSheetChangeEntity).count()).toBe(1);
  });

  it('a pupil’s own account: no tile, and the page and the form are refused (403) as the backend defines', async () => {
    const [pupil] = (await w.p.db.manager.query(
      `SELECT id FROM family_account WHERE kind = 'student' AND student_id = ?`,
      [f.studentId],
    )) as { id: number }[];
    await activateAccount(w.p, pupil!.id, PASSWORD, 'eleve@example.fr');
    const browser = await signIn(pupil!.id);
    expect((await browser.get('/accueil')).body).not.toContain('/fiche-renseignements');
    expect((await browser.get(page())).status).toBe(403);
    const posted = await browser.post('/fiche-renseignements', {
      child: String(f.studentId),
      phoneMobile: '06 22 22 22 22',
    });
    expect(posted.status).toBe(403);
    expect(await w.p.db.manager.getRepository(InfoSheetChangeEntity).count()).toBe(1);
  });

  it('a school that has not opened the fiche: no page, no tile', async () => {
    await w.p.db.manager.query(`UPDATE school SET opened_services = 'notes'`);
    try {
      const browser = await signIn(f.a1);
      const closed = await browser.get(page());
      expect(closed.status).toBe(404);
      expect(text(closed.body)).toContain(
        'La fiche de renseignements n’est pas ouverte par l’établissement.',
      );
      expect((await browser.get('/accueil')).body).not.toContain('/fiche-renseignements');
    } finally {
      await w.p.db.manager.query(
        `UPDATE school SET opened_services = 'notes,fiche_renseignements'`,
      );
    }
  });
});
