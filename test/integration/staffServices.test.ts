import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import { SESSION_IDLE_LIMIT } from '../../main/services/staff/auth';
import type {
  AuditPage,
  GuardianDetail,
  GuardianListItem,
  SchoolSettings,
  StudentDetail,
  StudentSearchResult,
} from '../../shared/api/staff';
import {
  ADMIN_PASSWORD,
  anotherSchool,
  createStaffUser,
  loginToken,
  startTestPupitre,
  type TestPupitre,
  value,
} from '../helpers/pupitre';

let p: TestPupitre;
let direction: string;

beforeEach(async () => {
  p = await startTestPupitre({ students: 150 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
});
afterEach(async () => p.cleanup());

const search = async (query: string, token = direction) =>
  value<StudentSearchResult>(await p.dispatch('students.search', { query }, token)).items;

describe('staff login', () => {
  it('refuses a wrong password with one French sentence that does not say which part was wrong', async () => {
    const result = await p.dispatch(
      'session.login',
      { login: 'direction', password: 'nope' },
      null,
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'unauthenticated', message: 'Identifiant ou mot de passe incorrect.' },
    });
    const unknown = await p.dispatch(
      'session.login',
      { login: 'personne', password: 'nope' },
      null,
    );
    expect(unknown).toEqual(result);
  });

  it('keeps only a hash of the password and of the session token', async () => {
    const [row] = await p.db.manager.query('SELECT password_hash FROM staff_user WHERE login = ?', [
      'direction',
    ]);
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(ADMIN_PASSWORD);
    const sessions: { token_hash: string }[] = await p.db.manager.query(
      'SELECT token_hash FROM staff_session',
    );
    expect(sessions.map((s) => s.token_hash)).not.toContain(direction);
    expect(sessions[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ends an idle session after the idle limit', async () => {
    expect((await p.dispatch('session.me', {}, direction)).ok).toBe(true);
    p.clock.advance(SESSION_IDLE_LIMIT + 1000);
    expect(await p.dispatch('session.me', {}, direction)).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });

  it('logout voids the token', async () => {
    expect((await p.dispatch('session.logout', {}, direction)).ok).toBe(true);
    expect((await p.dispatch('session.me', {}, direction)).ok).toBe(false);
  });

  it('a user with a temporary password may only change it', async () => {
    const created = value<{ temporaryPassword: string }>(
      await p.dispatch(
        'users.create',
        { login: 'mme.secretaire', displayName: 'Mme Secrétaire', role: 'secretariat' },
        direction,
      ),
    );
    const token = await loginToken(p, 'mme.secretaire', created.temporaryPassword);
    expect(await p.dispatch('students.search', { query: '' }, token)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const weak = await p.dispatch(
      'session.changePassword',
      { currentPassword: created.temporaryPassword, newPassword: 'court' },
      token,
    );
    expect(weak).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: { newPassword: 'Mot de passe : 10 caractères au moins.' },
      },
    });
    value(
      await p.dispatch(
        'session.changePassword',
        { currentPassword: created.temporaryPassword, newPassword: 'Rentree2026ok' },
        token,
      ),
    );
    expect((await p.dispatch('students.search', { query: '' }, token)).ok).toBe(true);
  });
});

describe('changing one’s own password', () => {
  it('a window left open does not let someone try current passwords at hash speed: five free tries, then waits that double', async () => {
    const created = value<{ temporaryPassword: string }>(
      await p.dispatch(
        'users.create',
        { login: 'm.essais', displayName: 'M. Essais', role: 'secretariat' },
        direction,
      ),
    );
    const token = await loginToken(p, 'm.essais', created.temporaryPassword);
    const change = (currentPassword: string) =>
      p.dispatch(
        'session.changePassword',
        { currentPassword, newPassword: 'Rentree2026ok' },
        token,
      );
    for (let i = 0; i < 6; i++) {
      expect(await change(`Devine${i}xxxxx`)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    // The right one now waits too: the count is the user's, not the guess's.
    expect(await change(created.temporaryPassword)).toMatchObject({
      ok: false,
      error: { code: 'too_many_attempts', message: expect.stringContaining('réessayez dans') },
    });
    p.clock.advance(1001);
    expect((await change(created.temporaryPassword)).ok).toBe(true);
  });
});

describe('students and guardians', () => {
  it('finds students by name prefix, regardless of accents and case', async () => {
    const all = await search('');
    const someone = all.find((s) => /[éèëïç]/i.test(s.lastName + s.firstName)) ?? all[0]!;
    const folded = someone.lastName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase()
      .slice(0, 4);
    const found = await search(folded);
    expect(found.map((s) => s.id)).toContain(someone.id);
    for (const s of found) {
      expect(
        `${s.lastName} ${s.firstName}`
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toUpperCase(),
      ).toMatch(new RegExp(`(^|[ '-])${folded}`));
    }
  });

  it('narrows on "nom prénom" and finds by INE', async () => {
    const [target] = await search('');
    const both = await search(`${target!.lastName} ${target!.firstName}`);
    expect(both.map((s) => s.id)).toContain(target!.id);
    expect(
      both.every((s) => s.lastName === target!.lastName || s.firstName === target!.firstName),
    ).toBe(true);
    expect((await search(target!.ine)).map((s) => s.id)).toEqual([target!.id]);
  });

  it('« dartagnan » finds D’Artagnan: apostrophes and spaces folded both ways (issue 12)', async () => {
    const [row] = await p.db.manager.query(
      `SELECT id, last_name FROM student WHERE last_name LIKE 'D''%' AND left_on IS NULL LIMIT 1`,
    );
    expect(row).toBeDefined();
    const glued = String(row.last_name).replace(/'/g, '');
    expect((await search(glued)).map((s) => s.id)).toContain(row.id);
    await p.db.manager.query('UPDATE student SET last_name = ?, search_last = ? WHERE id = ?', [
      'Dartagnan',
      'dartagnan',
      row.id,
    ]);
    expect((await search('d’artagnan')).map((s) => s.id)).toContain(row.id);
    expect((await search('d artag')).map((s) => s.id)).toContain(row.id);
    expect(await search('artagnan')).toEqual([]);
  });

  it('a division code (« 5B », any case or spacing) lists that division', async () => {
    const divisions = value<{ id: number; code: string; studentCount: number }[]>(
      await p.dispatch('divisions.list', {}, direction),
    );
    const division = divisions.find((d) => d.studentCount > 0)!;
    const result = value<StudentSearchResult>(
      await p.dispatch('students.search', { query: ` ${division.code.toLowerCase()} ` }, direction),
    );
    expect(result.division).toEqual({ id: division.id, code: division.code });
    expect(result.items).toHaveLength(division.studentCount);
    expect(result.items.every((s) => s.divisionId === division.id)).toBe(true);
  });

  it('« Élèves sans division 6 » on the dashboard lists those six (issue 12)', async () => {
    await p.db.manager.query(
      `UPDATE student SET division_id = (SELECT MIN(id) FROM division) WHERE division_id IS NULL`,
    );
    const ids: { id: number }[] = await p.db.manager.query(
      'SELECT id FROM student WHERE left_on IS NULL ORDER BY id LIMIT 6',
    );
    await p.db.manager.query(
      `UPDATE student SET division_id = NULL WHERE id IN (${ids.map((r) => r.id).join(',')})`,
    );
    const summary = value<{ studentsWithoutDivision: number }>(
      await p.dispatch('dashboard.summary', {}, direction),
    );
    const listed = value<StudentSearchResult>(
      await p.dispatch('students.search', { query: '', withoutDivision: true }, direction),
    );
    expect(summary.studentsWithoutDivision).toBe(6);
    expect(listed.items.map((s) => s.id).sort((a, b) => a - b)).toEqual(ids.map((r) => r.id));
  });

  it('« Responsables » and « Responsables sans adresse e-mail » on the dashboard open those guardians (issue 12)', async () => {
    const summary = value<{ guardianCount: number; guardiansWithoutEmail: number }>(
      await p.dispatch('dashboard.summary', {}, direction),
    );
    const all = value<GuardianListItem[]>(await p.dispatch('guardians.list', {}, direction));
    const without = value<GuardianListItem[]>(
      await p.dispatch('guardians.list', { withoutEmail: true }, direction),
    );
    expect(summary.guardiansWithoutEmail).toBeGreaterThan(0);
    expect(all).toHaveLength(summary.guardianCount);
    expect(without).toHaveLength(summary.guardiansWithoutEmail);
    expect(without.every((g) => g.email === '')).toBe(true);
    expect(all.filter((g) => g.children.length > 0).length).toBeGreaterThan(0);
  });

  it('finds a student by a guardian’s name, and the guardian page lists all the siblings', async () => {
    const [row] = await p.db.manager.query(
      `SELECT guardian_id, COUNT(*) AS n FROM student_guardian GROUP BY guardian_id HAVING n >= 2 LIMIT 1`,
    );
    const guardian = value<GuardianDetail>(
      await p.dispatch('guardians.get', { id: row.guardian_id }, direction),
    );
    expect(guardian.children.length).toBeGreaterThanOrEqual(2);
    const found = await search(guardian.lastName);
    for (const child of guardian.children.filter((c) => c.leftOn === null)) {
      expect(found.map((s) => s.id)).toContain(child.studentId);
    }
    const child = value<StudentDetail>(
      await p.dispatch('students.get', { id: guardian.children[0]!.studentId }, direction),
    );
    expect(child.guardians.map((g) => g.guardianId)).toContain(guardian.id);
  });

  it('finds a child by a guardian’s first name followed by last name, and the other way round', async () => {
    const [row] = await p.db.manager.query(
      `SELECT g.first_name, g.last_name, sg.student_id FROM guardian g JOIN student_guardian sg ON sg.guardian_id = g.id
       JOIN student s ON s.id = sg.student_id WHERE s.left_on IS NULL LIMIT 1`,
    );
    for (const query of [
      `${row.first_name} ${row.last_name}`,
      `${row.last_name} ${row.first_name}`,
    ]) {
      expect((await search(query)).map((s) => s.id)).toContain(row.student_id);
    }
  });

  it('a pupil without an own address shows the guardian’s it follows, not « Adresse non renseignée » (issue 12)', async () => {
    const [row] = await p.db.manager.query(
      `SELECT s.id AS student_id, g.id AS guardian_id, g.address_line1, g.address_city AS city
         FROM student s JOIN student_guardian sg ON sg.student_id = s.id AND sg.legal_rank = 1
         JOIN guardian g ON g.id = sg.guardian_id
        WHERE s.left_on IS NULL AND g.address_line1 <> '' LIMIT 1`,
    );
    const get = async () =>
      value<StudentDetail>(await p.dispatch('students.get', { id: row.student_id }, direction));
    await p.db.manager.query(
      `UPDATE student SET address_same_as_guardian1 = ?, address_line1 = '', address_line2 = '',
              address_postal_code = '', address_city = '' WHERE id = ?`,
      [false, row.student_id],
    );
    const followed = (await get()).followedAddress;
    expect(followed).toMatchObject({ guardianId: row.guardian_id, legalRank: 1 });
    expect(followed!.address).toMatchObject({ line1: row.address_line1, city: row.city });

    await p.db.manager.query(
      `UPDATE student SET address_line1 = '3 rue du Lycée', address_city = 'Dole' WHERE id = ?`,
      [row.student_id],
    );
    expect((await get()).followedAddress).toBeNull();
    await p.db.manager.query(`UPDATE student SET address_same_as_guardian1 = ? WHERE id = ?`, [
      true,
      row.student_id,
    ]);
    expect((await get()).followedAddress?.guardianId).toBe(row.guardian_id);
  });

  it('shows a teacher the student but neither the student’s nor the guardians’ contact details', async () => {
    const teacher = await createStaffUser(p, direction, 'm.prof', 'teacher');
    const [first] = await search('');
    const detail = value<StudentDetail>(
      await p.dispatch('students.get', { id: first!.id }, teacher.token),
    );
    expect(detail.guardiansHidden).toBe(true);
    expect(detail.guardians).toEqual([]);
    expect(detail.contactHidden).toBe(true);
    expect(
      [detail.address.line1, detail.phoneHome, detail.phoneMobile, detail.email].join(''),
    ).toBe('');
    const asDirection = value<StudentDetail>(
      await p.dispatch('students.get', { id: first!.id }, direction),
    );
    expect(asDirection.guardians.length).toBeGreaterThan(0);
    expect(asDirection.contactHidden).toBe(false);
  });

  it('stores the demo school as generated: divisions, links and légal 1 per student', async () => {
    const seed = generateDemoSchool({ studentCount: 150 });
    const [s] = seed.students.filter((x) => x.divisionCode && !x.leftOn);
    const [row] = await p.db.manager.query(
      'SELECT s.id, d.code FROM student s JOIN division d ON d.id = s.division_id WHERE s.siecle_id = ?',
      [s!.key],
    );
    expect(row.code).toBe(s!.divisionCode);
    const [counts] = await p.db.manager.query(
      'SELECT (SELECT COUNT(*) FROM student) AS students, (SELECT COUNT(*) FROM guardian) AS guardians, (SELECT COUNT(*) FROM student_guardian) AS links',
    );
    expect(counts).toEqual({
      students: seed.students.length,
      guardians: seed.guardians.length,
      links: seed.links.length,
    });
  });

  it('staff of one school never see another school of the same database', async () => {
    const other = await anotherSchool(p, { seed: 99, students: 30, uai: '0000001B' });
    const otherToken = other.directionToken;
    const mine = await search('');
    const theirs = value<StudentSearchResult>(
      await p.dispatch('students.search', { query: '' }, otherToken),
    ).items;
    expect(theirs).toHaveLength(other.students);
    expect(theirs.some((s) => mine.some((m) => m.id === s.id))).toBe(false);
    expect(await p.dispatch('students.get', { id: mine[0]!.id }, otherToken)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const [guardianOfMine] = await p.db.manager.query(
      'SELECT id FROM guardian WHERE school_id = 1 LIMIT 1',
    );
    expect(await p.dispatch('guardians.get', { id: guardianOfMine.id }, otherToken)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const audit = value<AuditPage>(await p.dispatch('audit.list', {}, otherToken));
    expect(audit.entries.every((e) => !e.actorLabel.includes('(direction)'))).toBe(true);
  });
});

describe('school settings', () => {
  it('saves a change and writes old → new to the audit log', async () => {
    const settings = value<SchoolSettings>(await p.dispatch('school.get', {}, direction));
    const saved = value<SchoolSettings>(
      await p.dispatch(
        'settings.update',
        {
          ...settings,
          welcomeMessage: 'Bienvenue aux familles !',
          openedServices: ['notes', 'vie_scolaire'],
        },
        direction,
      ),
    );
    expect(saved.welcomeMessage).toBe('Bienvenue aux familles !');
    expect(saved.openedServices).toEqual(['notes', 'vie_scolaire']);
    const [entry] = value<AuditPage>(
      await p.dispatch('audit.list', { action: 'settings' }, direction),
    ).entries;
    expect(entry).toMatchObject({
      action: 'settings.update',
      actorLabel: 'Chef d’établissement (direction)',
    });
    expect(entry!.details).toMatchObject({
      welcomeMessage: { avant: settings.welcomeMessage, après: 'Bienvenue aux familles !' },
    });
    expect(Object.keys(entry!.details).sort()).toEqual(['openedServices', 'welcomeMessage']);
  });

  it('refuses bad input with French messages per field and changes nothing', async () => {
    const settings = value<SchoolSettings>(await p.dispatch('school.get', {}, direction));
    const result = await p.dispatch(
      'settings.update',
      { ...settings, uai: '0251711A', email: 'pas-une-adresse', portalUrl: 'javascript:alert(1)' },
      direction,
    );
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: {
          uai: 'UAI : la lettre de contrôle de 0251711 est Z, pas A.',
          email: 'Courriel : adresse électronique invalide (exemple : prenom.nom@exemple.fr).',
          portalUrl: 'Adresse du portail : une adresse web commençant par http:// ou https://.',
        },
      },
    });
    expect(value<SchoolSettings>(await p.dispatch('school.get', {}, direction))).toEqual(settings);
  });
});

describe('journal filters', () => {
  it('filters by author and by a date range, and refuses a range that ends before it starts', async () => {
    const secretary = await createStaffUser(p, direction, 'mme.secretariat', 'secretariat');
    const monday = p.clock.now().toISOString();
    p.clock.advance(2 * 24 * 3600 * 1000);
    const wednesday = p.clock.now().toISOString();
    await loginToken(p, 'mme.secretariat', secretary.password);
    direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
    const page = async (input: Record<string, unknown>) =>
      value<AuditPage>(await p.dispatch('audit.list', input, direction)).entries;

    const hers = await page({ actorId: secretary.id });
    expect(hers.length).toBeGreaterThan(1);
    expect(hers.every((e) => e.actorLabel === 'Test mme.secretariat (mme.secretariat)')).toBe(true);

    const fromWednesday = await page({ from: wednesday });
    expect(fromWednesday.map((e) => e.action).sort()).toEqual(['session.login', 'session.login']);
    const untilWednesday = await page({ from: monday, until: wednesday });
    expect(untilWednesday.length).toBeGreaterThan(0);
    expect(untilWednesday.every((e) => e.at >= monday && e.at < wednesday)).toBe(true);
    const both = await page({ actorId: secretary.id, from: wednesday });
    expect(both).toHaveLength(1);

    expect(
      await p.dispatch('audit.list', { from: wednesday, until: monday }, direction),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: { until: 'Période : la date de fin vient après celle du début.' },
      },
    });
  });
});

describe('services offered by school kind', () => {
  it('the demo collège is not offered the LSL and may not open it, but may open the LSU', async () => {
    const settings = value<SchoolSettings>(await p.dispatch('school.get', {}, direction));
    expect(settings.offeredServices).not.toContain('livret_scolaire');
    expect(settings.offeredServices).toContain('livret_competences');
    const refused = await p.dispatch(
      'settings.update',
      { ...settings, openedServices: ['notes', 'livret_scolaire'] },
      direction,
    );
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Le service « Livret scolaire du lycée (LSL) » n’est pas proposé à un collège.',
      },
    });
    expect(value<SchoolSettings>(await p.dispatch('school.get', {}, direction))).toEqual(settings);
    const saved = value<SchoolSettings>(
      await p.dispatch(
        'settings.update',
        { ...settings, openedServices: ['livret_competences'] },
        direction,
      ),
    );
    expect(saved.openedServices).toEqual(['livret_competences']);
  });
});

describe('staff users', () => {
  it('a reset voids the old password and every open session of that user', async () => {
    const cpe = await createStaffUser(p, direction, 'mme.cpe', 'cpe');
    const reset = value<{ temporaryPassword: string }>(
      await p.dispatch('users.resetPassword', { id: cpe.id }, direction),
    );
    expect(reset.temporaryPassword).toMatch(/^[A-HJ-NP-Z2-9]{12}$/);
    expect((await p.dispatch('session.me', {}, cpe.token)).ok).toBe(false);
    expect(
      (await p.dispatch('session.login', { login: 'mme.cpe', password: cpe.password }, null)).ok,
    ).toBe(false);
    expect(
      (
        await p.dispatch(
          'session.login',
          { login: 'mme.cpe', password: reset.temporaryPassword },
          null,
        )
      ).ok,
    ).toBe(true);
  });

  it('a deactivated user is logged out at once and cannot log in', async () => {
    const teacher = await createStaffUser(p, direction, 'm.prof', 'teacher');
    value(await p.dispatch('users.update', { id: teacher.id, active: false }, direction));
    expect((await p.dispatch('session.me', {}, teacher.token)).ok).toBe(false);
    expect(
      (await p.dispatch('session.login', { login: 'm.prof', password: teacher.password }, null)).ok,
    ).toBe(false);
  });

  it('a role change, a deactivation and a new display name go to the journal, old → new', async () => {
    const secretary = await createStaffUser(p, direction, 'mme.secretariat', 'secretariat');
    value(await p.dispatch('users.update', { id: secretary.id, role: 'cpe' }, direction));
    value(
      await p.dispatch(
        'users.update',
        { id: secretary.id, displayName: 'Mme Durand-Lefèvre' },
        direction,
      ),
    );
    value(await p.dispatch('users.update', { id: secretary.id, active: false }, direction));
    const entries = value<AuditPage>(
      await p.dispatch('audit.list', { action: 'user.update' }, direction),
    ).entries;
    expect(entries.map((e) => e.details).reverse()).toEqual([
      { role: { avant: 'secretariat', après: 'cpe' } },
      { displayName: { avant: 'Test mme.secretariat', après: 'Mme Durand-Lefèvre' } },
      { active: { avant: true, après: false } },
    ]);
    expect(entries[0]!.targetLabel).toBe('Mme Durand-Lefèvre (mme.secretariat)');
  });

  it('the direction cannot lock itself out', async () => {
    const me = value<{ userId: number }>(await p.dispatch('session.me', {}, direction));
    expect(
      await p.dispatch('users.update', { id: me.userId, active: false }, direction),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses a second school on first start', async () => {
    expect(await p.dispatch('setup.createSchool', { kind: 'demo' }, null)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });
});
