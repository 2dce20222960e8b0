import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import { servicesVisibleTo } from '../../main/services/teaching/teachingServices';
import type {
  StsPreview,
  StsResult,
  TeachingServiceOptions,
  TeachingServiceSummary,
  TeachingServicesView,
} from '../../shared/api/staff';
import {
  ADMIN_PASSWORD,
  createStaffUser,
  loginToken,
  startTestPupitre,
  type TestPupitre,
  value,
} from '../helpers/pupitre';
import { setGroups } from '../helpers/groups';
import { writeSiecleExports } from '../helpers/siecleWriter';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'sts');
const STS = 'sts_emp_0259876Z_2026.xml';
let p: TestPupitre;
let direction: string;

beforeEach(async () => {
  p = await startTestPupitre({ students: 40 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
});
afterEach(async () => p?.cleanup());

const upload = async (name: string) =>
  value<StsPreview>(
    await p.dispatch(
      'sts.upload',
      { fileName: name, bytes: new Uint8Array(readFileSync(join(FIXTURES, name))) },
      direction,
    ),
  );

async function userNamed(login: string, displayName: string, role = 'teacher' as const) {
  const user = await createStaffUser(p, direction, login, role);
  value(await p.dispatch('users.update', { id: user.id, displayName }, direction));
  return user;
}

const idOf = async (displayName: string) =>
  (
    (await p.db.manager.query('SELECT id FROM staff_user WHERE display_name = ?', [
      displayName,
    ])) as { id: number }[]
  )[0]!.id;

describe('STS-Web import (issue 16 §1, « qui enseigne quoi »)', () => {
  it('previews, asks about an ambiguous name, applies once, and then has « aucun changement »', async () => {
    const durand = await userNamed('marie.durand', 'DURAND Marie');
    const martin1 = await userNamed('paul.martin', 'Paul Martin');
    await userNamed('paul.martin2', 'Paul MARTIN');

    const preview = await upload(STS);
    expect(preview.problems.filter((problem) => problem.blocking)).toEqual([]);
    expect(preview.noServices).toBe(false);
    expect(preview.subjects.added).toHaveLength(10);
    // Matched by name when one user has it, never when two do.
    expect(preview.teachers.linked.map((line) => line.key)).toEqual(['10001']);
    expect(preview.questions).toEqual([
      expect.objectContaining({
        stsId: '10002',
        reason: '2 utilisateurs portent ce nom : lequel est cet enseignant ?',
      }),
    ]);
    expect(preview.questions[0]!.candidates.map((c) => c.userId)).toContain(martin1.id);
    expect(preview.teachers.created).toHaveLength(8);
    expect(preview.services.added).toHaveLength(30);
    expect(preview.mainTeachers.added.map((line) => line.label).sort()).toEqual(['3A', '6A']);
    expect(preview.canApply).toBe(true);
    // Nothing is written by a preview.
    expect(await p.db.manager.query('SELECT id FROM teaching_service')).toEqual([]);

    const unanswered = await p.dispatch('sts.apply', { previewId: preview.previewId }, direction);
    expect(unanswered).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!unanswered.ok && unanswered.error.message).toMatch(
      /^Répondez d’abord à la question sur M\. MARTIN Paul/,
    );

    const result = value<StsResult>(
      await p.dispatch(
        'sts.apply',
        { previewId: preview.previewId, answers: [{ stsId: '10002', userId: martin1.id }] },
        direction,
      ),
    );
    expect(result.counts).toMatchObject({
      'matières ajoutées': 10,
      'enseignants créés': 8,
      'enseignants rattachés': 2,
      'services ajoutés': 30,
      'professeurs principaux ajoutés': 2,
    });
    const created = (await p.db.manager.query(
      "SELECT login, role, password_hash AS hash FROM staff_user WHERE display_name = 'Olivier ŒILLET'",
    )) as { login: string; role: string; hash: string }[];
    // A new teacher has no password until the direction gives one, as for any staff user.
    expect(created).toEqual([{ login: 'olivier.oeillet', role: 'teacher', hash: '' }]);
    const links = (await p.db.manager.query(
      'SELECT sts_id FROM teacher_sts_id WHERE staff_user_id IN (?, ?) ORDER BY sts_id',
      [durand.id, martin1.id],
    )) as { sts_id: string }[];
    expect(links.map((l) => l.sts_id)).toEqual(['10001', '10002']);
    const audit = (await p.db.manager.query(
      "SELECT details FROM audit_log WHERE action = 'import.sts'",
    )) as { details: string }[];
    expect(audit).toHaveLength(1);

    const again = await upload(STS);
    expect(again).toMatchObject({ unchanged: true, canApply: false, questions: [] });
    expect(again.services.unchangedCount).toBe(30);
    const twice = await p.dispatch('sts.apply', { previewId: again.previewId }, direction);
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict' } });
    value(await p.dispatch('sts.cancel', { previewId: again.previewId }, direction));
    const journal = (await p.db.manager.query(
      "SELECT action FROM audit_log WHERE action LIKE 'import.sts%' ORDER BY id",
    )) as { action: string }[];
    expect(journal.map((row) => row.action)).toEqual([
      'import.sts_preview',
      'import.sts',
      'import.sts_preview',
      'import.sts_cancel',
    ]);
  });

  it('refuses another school’s export, EDT_STS and a hostile file, in French, writing nothing', async () => {
    const other = await upload('sts_emp_0750001A_2026.xml');
    expect(other.canApply).toBe(false);
    expect(other.problems[0]).toEqual({
      blocking: true,
      message:
        'Le fichier sts_emp_0750001A_2026.xml est l’export STS-Web de l’établissement 0750001A, pas du vôtre (0259876Z) : exportez celui de votre établissement.',
    });
    const refused = await p.dispatch(
      'sts.apply',
      { previewId: other.previewId, answers: [] },
      direction,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });

    for (const [name, message] of [
      ['edt_sts_0259876Z_2026.xml', /logiciel d’emploi du temps vers STS-Web \(EDT_STS\)/],
      ['sts_emp_hostile_entites.xml', /DOCTYPE, refusée par sécurité/],
    ] as const) {
      const result = await p.dispatch(
        'sts.upload',
        { fileName: name, bytes: new Uint8Array(readFileSync(join(FIXTURES, name))) },
        direction,
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(!result.ok && result.error.message).toMatch(message);
    }
    expect(await p.db.manager.query('SELECT id FROM subject')).toEqual([]);
  });

  it('refuses last year’s export (ANNEE_SCOLAIRE), which would remove this year’s services, writing nothing', async () => {
    const first = await upload(STS);
    value(await p.dispatch('sts.apply', { previewId: first.previewId }, direction));
    const services = await p.db.manager.query('SELECT * FROM teaching_service ORDER BY id');
    // The fixture is ISO-8859-15 as STS-Web writes it: kept byte for byte (latin1).
    const lastYear = readFileSync(join(FIXTURES, STS), 'latin1')
      .replace('<ANNEE_SCOLAIRE>2026</ANNEE_SCOLAIRE>', '<ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE>')
      // Last year's services: none of this year's would be kept.
      .replace(/<SERVICES>[\s\S]*?<\/SERVICES>/g, '<SERVICES></SERVICES>');
    const old = value<StsPreview>(
      await p.dispatch(
        'sts.upload',
        {
          fileName: 'sts_emp_0259876Z_2025.xml',
          bytes: new Uint8Array(Buffer.from(lastYear, 'latin1')),
        },
        direction,
      ),
    );
    expect(old.canApply).toBe(false);
    expect(old.problems).toContainEqual({
      blocking: true,
      message:
        'Ce fichier STS-Web est celui de l’année 2025-2026\u00a0; l’année en cours est 2026-2027.',
    });
    const refused = await p.dispatch(
      'sts.apply',
      { previewId: old.previewId, answers: [] },
      direction,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await p.db.manager.query('SELECT * FROM teaching_service ORDER BY id')).toEqual(
      services,
    );
    expect(services.length).toBeGreaterThan(0);
  });

  it('warns about STS divisions Pupitre does not know, without blocking', async () => {
    await p.db.manager.query("UPDATE division SET code = '3B' WHERE code = '3A'");
    const preview = await upload(STS);
    expect(preview.problems).toEqual([
      {
        blocking: false,
        message:
          'Divisions de STS-Web inconnues dans Pupitre : 3A. Leurs services seront importés sous ces codes ; vérifiez que SIECLE et STS-Web nomment les divisions de la même façon.',
      },
    ]);
    expect(preview.canApply).toBe(true);
  });

  it('says plainly when SERVICES are empty, and keeps the services in place', async () => {
    const first = await upload(STS);
    value(await p.dispatch('sts.apply', { previewId: first.previewId }, direction));
    const empty = await upload('sts_emp_0259876Z_2026_sans_services.xml');
    expect(empty.noServices).toBe(true);
    // Said by the flag the screen shows as « Aucun service d’enseignement dans ce fichier ».
    expect(empty.problems).toEqual([]);
    expect(empty.services.removed).toEqual([]);
    expect(empty.unchanged).toBe(true);
  });

  it('asks again when a name matches a user who carries another STS id', async () => {
    const first = await upload(STS);
    value(await p.dispatch('sts.apply', { previewId: first.previewId }, direction));
    const garnier = await idOf('Éric GARNIER');
    await p.db.manager.query("UPDATE teacher_sts_id SET sts_id = '99999' WHERE staff_user_id = ?", [
      garnier,
    ]);
    const preview = await upload(STS);
    // The user still carries 99999, which this export no longer names: shown, kept.
    expect(preview.teachers.absent).toEqual([
      { key: '99999', label: 'Éric GARNIER (eric.garnier)', detail: 'STS 99999' },
    ]);
    expect(preview.questions).toEqual([
      expect.objectContaining({
        stsId: '10004',
        candidates: [{ userId: garnier, label: 'Éric GARNIER (eric.garnier)' }],
      }),
    ]);
    expect(preview.questions[0]!.reason).toMatch(/porte déjà un autre identifiant STS \(99999\)/);
    const same = await p.dispatch(
      'sts.apply',
      { previewId: preview.previewId, answers: [{ stsId: '10004', userId: garnier }] },
      direction,
    );
    expect(!same.ok && same.error.message).toMatch(/porte déjà l’identifiant STS 99999/);
  });

  it('shows each teacher only their services, and a professeur principal their division’s', async () => {
    const durand = await userNamed('marie.durand', 'Marie Durand');
    const preview = await upload(STS);
    value(await p.dispatch('sts.apply', { previewId: preview.previewId }, direction));
    const token = await loginToken(p, 'marie.durand', durand.password);
    const seen = value<TeachingServicesView>(await p.dispatch('services.list', {}, token));
    expect(seen.scope).toBe('own');
    // Professeur principal of 6A: the six services of 6A, and her own Français in 5A.
    expect(seen.services.map((s) => `${s.structureCode} ${s.subject.code}`).sort()).toEqual([
      '5A 020700',
      '6A 020700',
      '6A 030201',
      '6A 061300',
      '6A 062900',
      '6A 070500',
      '6A 100100',
    ]);
    expect(seen.mainTeachers).toEqual([
      { divisionCode: '6A', teacher: { id: durand.id, displayName: 'Marie Durand' } },
    ]);

    const chevalier = await idOf('Inès CHEVALIER');
    const hers = await servicesVisibleTo(p.db.manager, {
      schoolId: 1,
      userId: chevalier,
      role: 'teacher',
    });
    // In the school's order: 4e before 3e.
    expect(hers.map((s) => `${s.structureCode} ${s.subject.label}`)).toEqual([
      '4A Français',
      '4A Mathématiques',
      '3A Français',
      '3A Physique-chimie',
    ]);
    // Professeur principal of 3A: the groups drawn from 3A too.
    const garnier = await servicesVisibleTo(p.db.manager, {
      schoolId: 1,
      userId: await idOf('Éric GARNIER'),
      role: 'teacher',
    });
    expect(garnier.map((s) => s.structureCode)).toContain('3A_ESP2');
    expect(garnier).toHaveLength(10);
    for (const role of ['cpe', 'secretariat', 'direction'] as const) {
      expect(await servicesVisibleTo(p.db.manager, { schoolId: 1, userId: 1, role })).toHaveLength(
        30,
      );
    }
  });

  it('lets the direction add, change and remove a service by hand; a re-import keeps it', async () => {
    const preview = await upload(STS);
    value(await p.dispatch('sts.apply', { previewId: preview.previewId }, direction));
    const options = value<TeachingServiceOptions>(
      await p.dispatch('services.options', {}, direction),
    );
    const latin = options.subjects.find((s) => s.code === '020300')!;
    const blanc = options.teachers.find((t) => t.displayName === 'Théo BLANC')!;
    expect(options.divisions).toEqual(['3A', '4A', '5A', '6A']);
    const added = value<TeachingServiceSummary>(
      await p.dispatch(
        'services.save',
        {
          subjectCode: latin.code,
          structureKind: 'division',
          structureCode: '3A',
          teacherId: blanc.id,
        },
        direction,
      ),
    );
    expect(added).toMatchObject({
      source: 'manual',
      structureCode: '3A',
      subject: { label: 'LCA latin' },
    });
    const duplicate = await p.dispatch(
      'services.save',
      {
        subjectCode: latin.code,
        structureKind: 'division',
        structureCode: '3A',
        teacherId: blanc.id,
      },
      direction,
    );
    expect(duplicate).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Théo BLANC enseigne déjà LCA latin en 3A.' },
    });
    const moved = value<TeachingServiceSummary>(
      await p.dispatch(
        'services.save',
        {
          id: added.id,
          subjectCode: latin.code,
          structureKind: 'division',
          structureCode: '4A',
          teacherId: blanc.id,
        },
        direction,
      ),
    );
    expect(moved.structureCode).toBe('4A');
    expect((await upload(STS)).unchanged).toBe(true);
    value(await p.dispatch('services.remove', { id: added.id }, direction));
    const list = value<TeachingServicesView>(await p.dispatch('services.list', {}, direction));
    expect(list.services).toHaveLength(30);
    const actions = (await p.db.manager.query(
      "SELECT action FROM audit_log WHERE action LIKE 'service.%' ORDER BY id",
    )) as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual([
      'service.create',
      'service.update',
      'service.delete',
    ]);
  });

  it('offers by hand the groups pupils are members of (group_membership), not a stale student.groups text', async () => {
    const [member, stale] = (await p.db.manager.query(
      'SELECT id FROM student ORDER BY id LIMIT 2',
    )) as { id: number }[];
    await setGroups(p.db, [member!.id], ['4GRA1']);
    // The import's text copy gone stale: the member's names another group, and a pupil in
    // no group still has one in the text.
    await p.db.manager.query(`UPDATE student SET groups = '4GRZ9' WHERE id = ?`, [member!.id]);
    await p.db.manager.query(`UPDATE student SET groups = '4GRY8' WHERE id = ?`, [stale!.id]);
    await p.db.manager.query(
      `INSERT INTO subject (school_id, code, management_code, short_label, long_label)
       VALUES (1, '020700', 'LCALA', 'LATIN', 'LANGUES ET CULTURES DE L’ANTIQUITÉ LATIN')`,
    );
    const teacher = await userNamed('jeanne.roux', 'Jeanne ROUX');
    const options = value<TeachingServiceOptions>(
      await p.dispatch('services.options', {}, direction),
    );
    expect(options.groups).toEqual(['4GRA1']);
    const save = (structureCode: string) =>
      p.dispatch(
        'services.save',
        { subjectCode: '020700', structureKind: 'group', structureCode, teacherId: teacher.id },
        direction,
      );
    expect(value<TeachingServiceSummary>(await save('4GRA1')).structureCode).toBe('4GRA1');
    for (const code of ['4GRZ9', '4GRY8']) {
      expect(await save(code)).toMatchObject({
        ok: false,
        error: { code: 'not_found', message: `Groupe ${code} inconnu dans Pupitre.` },
      });
    }
  });

  it('offers the subjects of SIECLE’s Nomenclature by hand, before any STS import', async () => {
    const { nomenclature } = writeSiecleExports(generateDemoSchool({ seed: 1, studentCount: 40 }));
    const uploaded = value<{ uploadId: string }>(
      await p.dispatch(
        'import.upload',
        { fileName: 'Nomenclature.xml', bytes: new Uint8Array(nomenclature) },
        direction,
      ),
    );
    const siecle = value<{ previewId: string; canApply: boolean }>(
      await p.dispatch('import.preview', { uploadIds: [uploaded.uploadId] }, direction),
    );
    // Before: the subject is not offered; after the SIECLE import (unchanged), it is.
    const before = value<TeachingServiceOptions>(
      await p.dispatch('services.options', {}, direction),
    );
    expect(before.subjects).toEqual([]);
    expect(siecle.canApply).toBe(true);
    value(await p.dispatch('import.apply', { previewId: siecle.previewId }, direction));
    const options = value<TeachingServiceOptions>(
      await p.dispatch('services.options', {}, direction),
    );
    expect(options.subjects).toContainEqual({ code: '030201', label: 'Anglais LV1' });
    const teacher = await userNamed('jeanne.roux', 'Jeanne ROUX');
    const saved = value<TeachingServiceSummary>(
      await p.dispatch(
        'services.save',
        {
          subjectCode: '030201',
          structureKind: 'division',
          structureCode: '6A',
          teacherId: teacher.id,
        },
        direction,
      ),
    );
    expect(saved.subject).toMatchObject({ code: '030201', label: 'Anglais LV1' });
    const unknown = await p.dispatch(
      'services.save',
      {
        subjectCode: '999999',
        structureKind: 'division',
        structureCode: '6A',
        teacherId: teacher.id,
      },
      direction,
    );
    const nowhere = await p.dispatch(
      'services.save',
      {
        subjectCode: '030201',
        structureKind: 'division',
        structureCode: '9Z',
        teacherId: teacher.id,
      },
      direction,
    );
    expect(nowhere).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'Division 9Z inconnue dans Pupitre.' },
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'Matière introuvable.' },
    });
  });
});
