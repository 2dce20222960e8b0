import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FamilyView } from '../../shared/api/portal';
import { FamilyAccountEntity } from '../../main/db/entities/accounts';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import { writeNewSchool } from '../../main/services/school/schoolWriter';
import { syncAccounts } from '../../main/services/accounts/provisioning';
import { ADMIN_PASSWORD, loginToken, value } from '../helpers/pupitre';
import {
  activateAccount,
  giveProvisionalPassword,
  startPortalWorld,
  typed,
  type PortalWorld,
} from '../helpers/portal';

let w: PortalWorld;
let staff: string;
const q = <T>(sql: string, params: unknown[] = []) =>
  w.p.db.manager.query(sql, params) as Promise<T[]>;

const activate = (accountId: number, password: string) =>
  activateAccount(w.p, accountId, password, `compte${accountId}@example.fr`);

beforeAll(async () => {
  w = await startPortalWorld();
  staff = await loginToken(w.p, 'direction', ADMIN_PASSWORD);
});
afterAll(async () => w?.cleanup());

describe('regroupement (SPEC §4.4, seed 003 « Regrouper des comptes »)', () => {
  it('makes a compte joint with the other guardian, and only the school can split it', async () => {
    // A child with two legal guardians, each with an account.
    const [pair] = await q<{ student_id: number; g1: number; g2: number; birth_date: string }>(
      `SELECT x.student_id, x.account_id AS g1, y.account_id AS g2, s.birth_date
         FROM account_student x JOIN account_student y ON y.student_id = x.student_id AND y.account_id > x.account_id
         JOIN family_account a ON a.id = x.account_id AND a.kind = 'guardian'
         JOIN family_account b ON b.id = y.account_id AND b.kind = 'guardian'
         JOIN student s ON s.id = x.student_id LIMIT 1`,
    );
    await activate(pair!.g1, 'Tigre7Bleu');
    await giveProvisionalPassword(w.p, pair!.g2, 'M4RJ7QXK');
    const [g1, g2] = await Promise.all(
      [pair!.g1, pair!.g2].map((id) =>
        w.p.db.manager.getRepository(FamilyAccountEntity).findOneByOrFail({ id }),
      ),
    );

    const browser = w.client('192.0.2.50');
    await browser.submit('/', '/connexion', { login: g1!.login, password: 'Tigre7Bleu' });
    await browser.get('/compte/regrouper');
    const noDate = await browser.post('/compte/regrouper', {
      login: g2!.login,
      password: 'M4RJ7QXK',
      birthDate: '',
    });
    expect(noDate.status).toBe(400);
    expect(noDate.body).toContain('jamais été activé');
    const preview = await browser.post('/compte/regrouper', {
      login: g2!.login,
      password: 'M4RJ7QXK',
      birthDate: typed(pair!.birth_date),
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('Confirmer le regroupement');
    expect(preview.body).toContain(`Enfants du compte ${g2!.login}`);
    // Issue 13: the other guardian is told to use this identifiant from now on.
    expect(preview.body).toContain('il se connectera désormais avec votre identifiant');
    expect(preview.body).toContain(`<strong>${g1!.login}</strong>`);
    const merged = await browser.post('/compte/regrouper/valider', {});
    expect(merged.location).toBe('/accueil?info=regroupement');

    const closed = await w.p.db.manager
      .getRepository(FamilyAccountEntity)
      .findOneByOrFail({ id: g2!.id });
    expect(closed).toMatchObject({ state: 'closed', closedReason: 'merged', mergedIntoId: g1!.id });
    // The merged-away guardian, typing the old password, is told where the children are now.
    const late = await w
      .client('192.0.2.51')
      .submit('/', '/connexion', { login: g2!.login, password: 'M4RJ7QXK' });
    expect(late.status).toBe(400);
    expect(late.body).not.toContain('Identifiant ou mot de passe incorrect');
    expect(late.body).toContain(`regroupé dans le compte ${g1!.login}`);
    expect(late.body).not.toContain('M4RJ7QXK');
    // A wrong password still says nothing of the merge.
    const guess = await w
      .client('192.0.2.52')
      .submit('/', '/connexion', { login: g2!.login, password: 'AAAA2222' });
    expect(guess.body).toContain('Identifiant ou mot de passe incorrect');
    expect(guess.body).not.toContain('regroupé');

    // The surviving account shows that it is now joint, on the portal and to the school.
    expect((await browser.get('/compte')).body).toContain(`Regroupe aussi le compte ${g2!.login}`);
    const survivor = value<{ joinedLogins: string[] }>(
      await w.p.dispatch('accounts.get', { id: g1!.id }, staff),
    );
    expect(survivor.joinedLogins).toEqual([g2!.login]);
    // The merge is journaled as done by the surviving account's holder, on both accounts.
    const done = await q<{ action: string; actor_label: string; details: string }>(
      `SELECT action, actor_label, details FROM audit_log WHERE action IN ('account.merged', 'account.merged_away') ORDER BY id DESC LIMIT 2`,
    );
    for (const line of done) expect(line.actor_label).toBe(`Famille (${g1!.login})`);

    // An import keeps the compte joint: both guardians' links resolve to one account.
    await w.p.db.transaction((m) => syncAccounts(m, g1!.schoolId, new Date().toISOString()));
    const links = await q<{ account_id: number }>(
      'SELECT account_id FROM account_student WHERE student_id = ?',
      [pair!.student_id],
    );
    expect(links.map((l) => l.account_id).filter((id) => id === g2!.id)).toEqual([]);

    const split = value<{ state: string }>(
      await w.p.dispatch('accounts.splitMerge', { id: g2!.id }, staff),
    );
    expect(split.state).toBe('not_notified');
    const after = await q<{ account_id: number }>(
      'SELECT account_id FROM account_student WHERE student_id = ? ORDER BY account_id',
      [pair!.student_id],
    );
    expect(after.map((l) => l.account_id)).toContain(g1!.id);
    expect(after.map((l) => l.account_id)).toContain(g2!.id);
    const journal = await q<{ action: string }>(
      `SELECT action FROM audit_log WHERE target_type = 'family_account' AND target_id = ? ORDER BY id`,
      [String(g2!.id)],
    );
    expect(journal.map((j) => j.action)).toEqual(
      expect.arrayContaining(['account.merged_away', 'account.merge_split']),
    );
    // History details name the account, not its internal number.
    const [splitLine] = await q<{ details: string }>(
      `SELECT details FROM audit_log WHERE action = 'account.merge_split' AND target_id = ?`,
      [String(g2!.id)],
    );
    expect(JSON.parse(splitLine!.details)['regroupé dans']).toBe(g1!.login);
  });

  it('brings a child of another school of the same database under one account, with a switcher, kept across imports', async () => {
    const seed = generateDemoSchool({ seed: 77, studentCount: 20 });
    seed.school.uai = '0250001A';
    seed.school.name = 'Collège Victor-Hugo';
    const otherSchool = await w.p.db.transaction(async (m) => {
      const id = await writeNewSchool(m, seed, new Date().toISOString());
      await syncAccounts(m, id, new Date().toISOString());
      return id;
    });
    const [there] = await q<{
      id: number;
      login: string;
      student_id: number;
      birth_date: string;
      first_name: string;
    }>(
      `SELECT a.id, a.login, s.id AS student_id, s.birth_date, s.first_name FROM family_account a
         JOIN account_student x ON x.account_id = a.id JOIN student s ON s.id = x.student_id
        WHERE a.school_id = ? AND a.kind = 'guardian' LIMIT 1`,
      [otherSchool],
    );
    await giveProvisionalPassword(w.p, there!.id, 'ZP8QK3WN');
    const [here] = await q<{ id: number; login: string }>(
      `SELECT a.id, a.login FROM family_account a WHERE a.school_id <> ? AND a.kind = 'guardian' AND a.state = 'not_notified'
         AND EXISTS (SELECT 1 FROM account_student x WHERE x.account_id = a.id) ORDER BY a.id LIMIT 1`,
      [otherSchool],
    );
    await activate(here!.id, 'Cerf9Violon');

    const browser = w.client('192.0.2.60');
    await browser.submit('/', '/connexion', { login: here!.login, password: 'Cerf9Violon' });
    await browser.get('/compte/regrouper');
    await browser.post('/compte/regrouper', {
      login: there!.login,
      password: 'ZP8QK3WN',
      birthDate: typed(there!.birth_date),
    });
    expect((await browser.post('/compte/regrouper/valider', {})).location).toBe(
      '/accueil?info=regroupement',
    );

    const home = await browser.get('/accueil');
    expect(home.body).toContain('aria-label="Choisir l’enfant"');
    const switched = await browser.get(`/accueil?enfant=${there!.student_id}`);
    expect(switched.status).toBe(200);
    expect(switched.body).toContain('Collège Victor-Hugo');
    expect(switched.body).toContain(there!.first_name);

    // This school's preview names its own children only; the other school's is masked.
    const preview = value<FamilyView>(
      await w.p.dispatch('accounts.preview', { id: here!.id, asOf: '2026-11-22' }, staff),
    );
    expect(JSON.stringify(preview)).not.toContain(there!.first_name);
    expect(preview.children.some((c) => c.schoolName === 'Autre établissement')).toBe(true);
    const refused = await w.p.dispatch(
      'accounts.preview',
      { id: here!.id, asOf: '2026-11-22', child: there!.student_id },
      staff,
    );
    expect(refused.ok).toBe(false);

    // The other school's next import does not take the child back.
    await w.p.db.transaction((m) => syncAccounts(m, otherSchool, new Date().toISOString()));
    expect((await browser.get(`/accueil?enfant=${there!.student_id}`)).status).toBe(200);
  });
});

describe('staff preview (issue 8 §4)', () => {
  it('gives the very read model the portal gives, for the same account and day, and is journaled', async () => {
    const [row] = await q<{ id: number; login: string }>(
      `SELECT id, login FROM family_account a WHERE kind = 'guardian' AND state = 'not_notified'
         AND (SELECT COUNT(*) FROM account_student x WHERE x.account_id = a.id) > 1 ORDER BY id LIMIT 1`,
    );
    await activate(row!.id, 'Tigre7Bleu');
    const login = await w.p.portal.dispatch.handle(
      'portal.login',
      { login: row!.login, password: 'Tigre7Bleu' },
      null,
      {
        address: '192.0.2.70',
      },
    );
    expect(login.result.ok).toBe(true);
    const portal = value<FamilyView>(await w.p.portal.dispatch('portal.home', {}, login.issued));
    const preview = value<FamilyView>(
      await w.p.dispatch('accounts.preview', { id: row!.id, asOf: portal.asOf }, staff),
    );
    // The same read model, and the server's today the staff field starts on.
    expect(preview).toEqual({ ...portal, today: portal.asOf });
    for (const child of portal.children) {
      const p1 = value<FamilyView>(
        await w.p.portal.dispatch('portal.home', { child: child.studentId }, login.issued),
      );
      const p2 = value<FamilyView>(
        await w.p.dispatch(
          'accounts.preview',
          { id: row!.id, asOf: portal.asOf, child: child.studentId },
          staff,
        ),
      );
      expect(p2).toEqual({ ...p1, today: p1.asOf });
    }
    const [line] = await q<{ action: string }>(
      `SELECT action FROM audit_log WHERE action = 'account.preview' AND target_id = ? LIMIT 1`,
      [String(row!.id)],
    );
    expect(line?.action).toBe('account.preview');
  });
});

describe('history details name people, not internal numbers (issue 13)', () => {
  it('« Cet enfant n’est pas le mien » names the pupil in the account’s history', async () => {
    const [row] = await q<{ id: number; login: string }>(
      `SELECT id, login FROM family_account a WHERE kind = 'guardian' AND state = 'not_notified'
         AND school_id = (SELECT MIN(id) FROM school)
         AND EXISTS (SELECT 1 FROM account_student x WHERE x.account_id = a.id) ORDER BY id DESC LIMIT 1`,
    );
    await activate(row!.id, 'Tigre7Bleu');
    const login = await w.p.portal.dispatch.handle(
      'portal.login',
      { login: row!.login, password: 'Tigre7Bleu' },
      null,
      { address: '192.0.2.71' },
    );
    const view = value<FamilyView>(await w.p.portal.dispatch('portal.home', {}, login.issued));
    const child = view.children[0]!;
    value(
      await w.p.portal.dispatch(
        'portal.notMyChild',
        { child: child.studentId, comment: '' },
        login.issued,
      ),
    );
    const detail = value<{ history: { details: Record<string, unknown> }[] }>(
      await w.p.dispatch('accounts.get', { id: row!.id }, staff),
    );
    const reported = detail.history.find((h) => 'élève' in h.details);
    expect(reported?.details.élève).toBe(`${child.firstName} ${child.lastName.toUpperCase()}`);
  });
});
