import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FamilyView, NotesView } from '../../shared/api/portal';
import { assessmentFigures, subjectAverage } from '../../shared/domain/grades/averages';
import { parseMarkInput } from '../../shared/domain/grades/marks';
import { preparedReads, sqliteSql, type PreparedReads } from '../../main/db/preparedReads';
import { digestNews } from '../../main/services/digest/digestContent';
import { readFamilyHome } from '../../main/services/portal/readModels/home';
import { classFiguresOf } from '../../main/services/portal/readModels/notes';
import * as notesReads from '../../main/services/portal/readModels/notesReads';
import { activateAccount, startPortalWorld, type PortalWorld } from '../helpers/portal';
import { DEVOIRS, seedNotesSchool, type NotesSchool } from '../helpers/notesSchool';
import { setGroups } from '../helpers/groups';
import { TEST_NOW, createStaffUser, value } from '../helpers/pupitre';
import { fixedClock } from '../../main/services/clock';
import { assertPreviewDayPast } from '../../main/services/accounts/previewDay';

// Issue 16 §6: the family « Notes » page on its read model (a real SQLite file, marks typed
// through the staff grid's own calls), then over HTTP as a logged-in family reads it.

let w: PortalWorld;
let s: NotesSchool;
const TODAY = '2026-11-22';

/** Text as a person reads it: no tags, French no-break spaces as plain ones. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ');

const notes = (
  options: { child?: number; period?: number; preview?: boolean } = {},
  asOf = TODAY,
) => w.p.portal.services.notes(s.guardian.id, asOf, { child: s.childId, ...options });

const subject = (view: NotesView, code: string) => view.subjects.find((x) => x.code === code)!;

beforeAll(async () => {
  w = await startPortalWorld({ students: 60 });
  s = await seedNotesSchool(w.p, w.p.clock);
});
afterAll(async () => w?.cleanup());

describe('the notes read model', () => {
  it('gives each subject with its teacher, the period’s marks as the guides write them, and the class figures', async () => {
    const view = await notes();
    expect(view.period?.label).toBe('Trimestre 1');
    expect(view.periods.map((p) => p.label)).toEqual(['Trimestre 1', 'Trimestre 2', 'Trimestre 3']);
    expect(view.subjects.map((x) => [x.label, x.teachers])).toEqual([
      ['ANGLAIS LV1', ['Emma WILSON']],
      ['FRANCAIS', ['Marc LEROY']],
      ['HISTOIRE-GEOGRAPHIE', ['Paul MARTIN']],
      ['MATHEMATIQUES', ['Claire DUBOIS']],
    ]);
    const french = subject(view, '020700');
    // Seed 000: « 8,00/16 » for a mark not on 20; Disp shown as such.
    expect(french.marks.map((m) => [m.day, m.label, m.mark])).toEqual([
      ['2026-11-13', 'Dictée', 'Disp'],
      ['2026-10-09', 'Article de presse', '8,00/16'],
    ]);
    const maths = subject(view, '061300');
    expect(maths.marks.find((m) => m.label === 'Devoir maison')).toMatchObject({
      optional: true,
      coefficient: '1',
    });
    expect(maths.marks.find((m) => m.label === 'Interrogation')).toMatchObject({
      mark: '7,00/10',
      coefficient: '0,5',
    });
    // The class figures are assessmentFigures’ own, on the devoir's scale, Abs left out.
    for (const devoir of DEVOIRS) {
      const scale = Number(devoir.scale ?? '20') * 100;
      const values = [devoir.child, ...devoir.classmates].map((t) => {
        const parsed = parseMarkInput(t, scale);
        return parsed.ok ? parsed.value : null;
      });
      const expected = assessmentFigures(values).display;
      const line = subject(view, devoir.subject).marks.find((m) => m.label === devoir.label)!;
      expect([line.classAverage, line.lowest, line.highest], devoir.label).toEqual([
        expected.average,
        expected.lowest,
        expected.highest,
      ]);
    }
    expect(classFiguresOf(undefined)).toEqual({ average: '—', lowest: '—', highest: '—' });
  });

  it('computes the subject and general averages from the visible marks, with their explanation', async () => {
    const view = await notes();
    const maths = subject(view, '061300');
    // 14 ×1, 7/10 → 14 ×0,5, facultatif 11 below the average: left out, never lowering it.
    const expected = subjectAverage([
      {
        ref: 'a',
        label: 'DS',
        value: { kind: 'points', points: 1400 },
        scaleHundredths: 2000,
        coefficientHundredths: 100,
      },
      {
        ref: 'b',
        label: 'I',
        value: { kind: 'points', points: 700 },
        scaleHundredths: 1000,
        coefficientHundredths: 50,
      },
      {
        ref: 'c',
        label: 'DM',
        value: { kind: 'points', points: 1100 },
        scaleHundredths: 2000,
        coefficientHundredths: 100,
        optional: true,
      },
    ]);
    expect(maths.average.display).toBe(expected.display);
    expect(maths.average.display).toBe('14,00');
    const explanation = text(maths.average.explanation.join(' | '));
    expect(explanation).toContain('Interrogation : 7,00/10 soit 14,00/20, coefficient 0,5');
    expect(explanation).toContain(
      'Devoir maison : 11,00, note facultative : elle aurait baissé la moyenne',
    );
    // « Disp » counts in no average: French is 8/16 = 10/20 alone.
    expect(subject(view, '020700').average.display).toBe('10,00');
    expect(text(subject(view, '020700').average.explanation.join(' '))).toContain(
      'Dictée : Disp, dispensé : ne compte pas',
    );
    // No mark in history-geography: no average (« — »), and it is left out of the general one.
    expect(subject(view, '040300').average.display).toBe('—');
    // (14 + 10 + (16,5×2 + 12)/3 = 15) / 3 = 13,00
    expect(view.general.display).toBe('13,00');
    expect(text(view.general.explanation.join(' '))).toContain(
      'HISTOIRE-GEOGRAPHIE : pas de moyenne dans cette matière',
    );
  });

  it('refuses another family’s child and a period the class does not follow, before reading anything', async () => {
    const [other] = (await w.p.db.manager.query(
      `SELECT s.id FROM student s WHERE NOT EXISTS (SELECT 1 FROM account_student x
         WHERE x.student_id = s.id AND x.account_id = ?) ORDER BY s.id LIMIT 1`,
      [s.guardian.id],
    )) as { id: number }[];
    await expect(notes({ child: other!.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(notes({ period: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the notes reads on SQLite', () => {
  it('reach every table through an index (FAMILY_READ_PATH.md: no scan on a family page)', async () => {
    for (const query of Object.values(notesReads)) {
      if (typeof query !== 'object' || !('sql' in query)) continue;
      const { sql, order } = sqliteSql(query.sql);
      const plan = (await w.p.db.manager.query(
        `EXPLAIN QUERY PLAN ${sql}`,
        order.map(() => 1),
      )) as { detail: string }[];
      const steps = plan.map((r) => r.detail).filter((d) => !d.startsWith('USE TEMP B-TREE'));
      expect(steps.length, query.name).toBeGreaterThan(0);
      for (const step of steps) expect(step, query.name).toMatch(/^SEARCH /);
    }
  });
});

describe('what each viewer sees, and when (issue 16 §5 through the page)', () => {
  it('« à date »: a devoir with a publication day is not shown before it, and is on that day', async () => {
    await s.addDevoir({
      subject: '040300',
      label: 'Croquis',
      day: '2026-11-18',
      publishesOn: '2026-11-24',
      child: '15',
      classmates: ['9'],
    });
    const before = await notes();
    expect(subject(before, '040300').marks).toEqual([]);
    expect(subject(before, '040300').average.display).toBe('—');
    const on = await notes({}, '2026-11-24');
    expect(subject(on, '040300').marks.map((m) => m.mark)).toEqual(['15,00']);
    // The general average of that day counts it: what a family sees is what is computed.
    expect(on.general.counted.map((c) => c.label)).toContain('HISTOIRE-GEOGRAPHIE');
  });

  it('« l’élève d’abord » (Pronote’s delay): the pupil sees a mark a day before the parent, and the preview sees the parent’s side', async () => {
    await w.p.db.manager.query('UPDATE school SET student_delay_days = 1, parent_delay_days = 1');
    try {
      await s.addDevoir({
        subject: '030201',
        label: 'Compréhension orale',
        day: '2026-11-21',
        child: '17',
        classmates: ['10'],
      });
      const parent = await notes();
      expect(subject(parent, '030201').marks.map((m) => m.label)).not.toContain(
        'Compréhension orale',
      );
      expect((await notes({ preview: true })).viewer).toBe('staffPreview');
      expect(
        subject(await notes({ preview: true }), '030201').marks.map((m) => m.label),
      ).not.toContain('Compréhension orale');
      const tomorrow = await notes({}, '2026-11-23');
      expect(subject(tomorrow, '030201').marks.map((m) => m.label)).toContain(
        'Compréhension orale',
      );
      if (s.studentAccount) {
        const pupil = await w.p.portal.services.notes(s.studentAccount.id, TODAY, {});
        expect(pupil.viewer).toBe('student');
        expect(subject(pupil, '030201').marks.map((m) => m.label)).toContain('Compréhension orale');
      }
    } finally {
      await w.p.db.manager.query('UPDATE school SET student_delay_days = 0, parent_delay_days = 0');
    }
  });
});

describe('a mark cleared after publication', () => {
  it('stays as a line « — » with the day it was cleared, and counts in no average', async () => {
    const interrogation = s.assessments.get('Interrogation')!.id;
    w.p.clock.set('2026-11-21T10:00:00.000Z');
    await s.retype(interrogation, s.childId, '');
    w.p.clock.set(TEST_NOW);
    const maths = subject(await notes(), '061300');
    expect(maths.marks.find((m) => m.label === 'Interrogation')).toMatchObject({
      mark: '—',
      cleared: true,
      isNew: false,
      modifiedAt: '2026-11-21T10:00:00.000Z',
    });
    expect(maths.average.counted.map((m) => m.label)).toEqual(['DS 1 — fractions']);
  });
});

describe('the staff « Aperçu du portail » at a chosen date', () => {
  it('shows the notes page exactly as the parent read it that day, and journals the opening', async () => {
    for (const asOf of ['2026-10-05', TODAY]) {
      const preview = value<NotesView>(
        await w.p.dispatch(
          'accounts.previewNotes',
          { id: s.guardian.id, asOf, child: s.childId },
          s.direction,
        ),
      );
      const parent = await notes({}, asOf);
      expect(preview.viewer).toBe('staffPreview');
      expect({ ...preview, viewer: 'parent' }).toEqual(parent);
    }
    // On 05/10 only September's DS and the oral of 02/10 were out.
    const early = value<NotesView>(
      await w.p.dispatch(
        'accounts.previewNotes',
        { id: s.guardian.id, asOf: '2026-10-05' },
        s.direction,
      ),
    );
    expect(early.subjects.flatMap((x) => x.marks.map((m) => m.label)).sort()).toEqual([
      'DS 1 — fractions',
      'Oral',
    ]);
    // A devoir of 01/10 whose mark was typed on 10/11: not on the page of 05/10.
    const carte = await s.addDevoir({
      subject: '040300',
      label: 'Carte',
      day: '2026-10-01',
      child: '',
      classmates: ['12'],
    });
    w.p.clock.set('2026-11-10T17:00:00.000Z');
    await s.retype(carte.id, s.childId, '13');
    // A classmate absent on 02/10 sits the oral later: the class figures of 05/10 know nothing of it.
    await s.retype(s.assessments.get('Oral')!.id, s.classmates[2]!, '20');
    w.p.clock.set(TEST_NOW);
    const oral = async (asOf: string) =>
      value<NotesView>(
        await w.p.dispatch('accounts.previewNotes', { id: s.guardian.id, asOf }, s.direction),
      )
        .subjects.flatMap((x) => x.marks)
        .find((m) => m.label === 'Oral')!;
    expect(await oral('2026-10-05')).toMatchObject({ classAverage: '13,50', highest: '16,50' });
    expect(await oral(TODAY)).toMatchObject({ classAverage: '15,13', highest: '20,00' });
    const labels = async (asOf: string) =>
      value<NotesView>(
        await w.p.dispatch('accounts.previewNotes', { id: s.guardian.id, asOf }, s.direction),
      ).subjects.flatMap((x) => x.marks.map((m) => m.label));
    expect(await labels('2026-10-05')).not.toContain('Carte');
    // The home page of that day counts the same two as new (never logged in), not « Carte ».
    const home = value<FamilyView>(
      await w.p.dispatch(
        'accounts.preview',
        { id: s.guardian.id, asOf: '2026-10-05', child: s.childId },
        s.direction,
      ),
    );
    expect(home.services.find((x) => x.key === 'notes')).toMatchObject({
      status: 'open',
      newCount: 2,
    });
    expect(await labels('2026-11-10')).toContain('Carte');
    expect(await labels('2026-10-05')).toEqual(['Oral', 'DS 1 — fractions']);
    const [journal] = (await w.p.db.manager.query(
      `SELECT details FROM audit_log WHERE action = 'account.preview' ORDER BY id DESC LIMIT 1`,
    )) as { details: string }[];
    expect(JSON.parse(journal!.details)).toEqual({ date: '2026-10-05', page: 'notes' });
  });
});

describe('the « Aperçu du portail » never reads ahead of the family', () => {
  it('refuses a day after today (Paris) in every dated preview, so a mark « à date » stays hidden from staff too', async () => {
    // The secrétariat has no grid: a devoir published on 24/11 (the « Croquis » above) must
    // not reach it on 22/11 through a preview « au 24/11 ».
    const { token: secretariat } = await createStaffUser(
      w.p,
      s.direction,
      'secretariat-apercu',
      'secretariat',
    );
    const refused = async (name: string, input: Record<string, unknown>, token: string) => {
      const result = await w.p.dispatch(name as 'accounts.preview', input as never, token);
      expect(result.ok, name).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatchObject({
          code: 'invalid_input',
          message:
            'L’aperçu montre ce que la famille voyait : choisissez une date passée ou aujourd’hui.',
        });
      }
    };
    const ahead = { id: s.guardian.id, asOf: '2026-11-24', child: s.childId };
    const journalBefore = await w.p.db.manager.query(`SELECT COUNT(*) AS n FROM audit_log`);
    await refused('accounts.previewNotes', ahead, secretariat);
    await refused('accounts.preview', ahead, secretariat);
    await refused('accounts.previewSchoolLife', { ...ahead, asOf: '2026-11-23' }, s.direction);
    // Nothing was read, so nothing was journaled.
    expect(await w.p.db.manager.query(`SELECT COUNT(*) AS n FROM audit_log`)).toEqual(
      journalBefore,
    );
    // Today is allowed, and does not show the devoir of 24/11.
    const today = value<NotesView>(
      await w.p.dispatch('accounts.previewNotes', { ...ahead, asOf: TODAY }, secretariat),
    );
    expect(today.subjects.flatMap((x) => x.marks.map((m) => m.label))).not.toContain('Croquis');
    // « Today » is the Paris day: at 00:30 in Paris on 23/11 (23:30 UTC on 22/11), 23/11 has come.
    const midnight = fixedClock('2026-11-22T23:30:00.000Z');
    expect(() => assertPreviewDayPast('2026-11-23', midnight)).not.toThrow();
    expect(() => assertPreviewDayPast('2026-11-24', midnight)).toThrow(
      /choisissez une date passée/,
    );
  });
});

describe('the « Notes » page over HTTP, as a logged-in family reads it', () => {
  it('shows the tiles, the tables, the new marks since the last login, « modifiée le … », and the explanation without script', async () => {
    await activateAccount(w.p, s.guardian.id, 'Tigre7Bleu', 'famille@example.fr');
    const browser = w.client();
    expect(
      (await browser.submit('/', '/connexion', { login: s.guardian.login, password: 'Tigre7Bleu' }))
        .location,
    ).toBe('/accueil');
    await w.p.portal.services.auth.settled();
    // The previous login was on 15/11: what was entered since is new.
    await w.p.db.manager.query(
      'UPDATE family_account SET previous_login_at = ?, last_login_at = ? WHERE id = ?',
      ['2026-11-15T08:00:00.000Z', TEST_NOW, s.guardian.id],
    );
    // Corrected after the family could see it: « modifiée le … ».
    w.p.clock.set('2026-11-21T16:30:00.000Z');
    await s.retype(s.assessments.get('Article de presse')!.id, s.childId, '9');
    w.p.clock.set(TEST_NOW);

    const page = await browser.get(`/notes?enfant=${s.childId}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('<script');
    const read = text(page.body);
    expect(read).toContain('Trimestre 1');
    expect(read).toContain('MATHEMATIQUES Claire DUBOIS');
    // Published since 15/11: Vocabulaire (20/11), Compréhension orale (21/11), and the
    // article corrected on 21/11; the other marks were there before.
    expect(read).toContain('3 nouvelles notes depuis votre dernière connexion');
    expect(page.body).toMatch(/class="n-tile n-tile-new"><a href="#matiere-030201">/);
    expect(read).toMatch(/ANGLAIS LV1 2 nouvelles Emma WILSON/);
    expect(read).toMatch(/FRANCAIS 1 nouvelle Marc LEROY/);
    expect(page.body).toMatch(/class="n-tile"><a href="#matiere-061300">/);
    expect(read).toContain('Article de presse nouvelle 9,00/16 modifiée le 21/11/2026 à 17 h 30');
    expect(read).toContain('Dictée Disp 9,00 6,00 12,00 1');
    expect(read).toContain('facultatif');
    expect(read).toContain('Interrogation — effacée le 21/11/2026 à 11 h');
    expect(page.body).toContain(
      '<details class="n-explain"><summary>Comment est calculée cette moyenne',
    );
    expect(read).toContain('Moyenne générale : ');
    // The period buttons carry their own new marks: the home tile counts the year's, so a
    // family reading Trimestre 2 finds the late marks of Trimestre 1 by its button.
    expect(read).toContain('Trimestre 1 · 3 nouvelles');
    const t2 = s.periods.find((x) => x.label === 'Trimestre 2')!;
    const second = await browser.get(`/notes?enfant=${s.childId}&periode=${t2.id}`);
    const readSecond = text(second.body);
    expect(readSecond).not.toContain('depuis votre dernière connexion');
    expect(readSecond).toContain('Trimestre 1 · 3 nouvelles');
    expect(second.body).toMatch(/<li class="n-period-new"><a href="[^"]*periode=\d+">Trimestre 1/);
    expect(readSecond).not.toMatch(/Trimestre [23] · /);
    // Another family's child: the same « page introuvable » as a child that does not exist.
    const [other] = (await w.p.db.manager.query(
      `SELECT s.id FROM student s WHERE NOT EXISTS (SELECT 1 FROM account_student x
         WHERE x.student_id = s.id AND x.account_id = ?) ORDER BY s.id LIMIT 1`,
      [s.guardian.id],
    )) as { id: number }[];
    const refused = await browser.get(`/notes?enfant=${other!.id}`);
    expect(refused.status).toBe(404);
    expect(text(refused.body)).toContain('Cet enfant n’est pas rattaché à votre compte.');
    expect((await browser.get(`/notes?enfant=abc`)).status).toBe(400);

    // The home tile opens the service and counts the new marks.
    const home = text((await browser.get(`/accueil?enfant=${s.childId}`)).body);
    expect(home).toContain('3 nouvelles notes');
    expect(home).not.toMatch(/Notes Bientôt disponible/);
  });

  it('the home tile and the e-mail digest count new marks from the children they read, without reading them again', async () => {
    const names: string[] = [];
    const real = preparedReads(w.p.db.manager.dataSource);
    const reads: PreparedReads = {
      all: (query, params) => (names.push(query.name), real.all(query, params)),
      one: (query, params) => (names.push(query.name), real.one(query, params)),
      tuples: (query, params) => (names.push(query.name), real.tuples(query, params)),
    };
    const now = w.p.clock.now();
    const home = await readFamilyHome(reads, s.guardian.id, TODAY, now, s.childId);
    expect(names.sort()).toEqual([
      'portal.home.joinedLogins',
      'portal.home.rows',
      'portal.notes.periods',
      'portal.notes.tileMarks',
    ]);
    // The count the notes page gives for the same account and day, period by period.
    const page = await notes();
    const onPage = page.periods.reduce((n, p) => n + p.newCount, 0);
    expect(onPage).toBeGreaterThan(0);
    expect(home.services.find((x) => x.key === 'notes')?.newCount).toBe(onPage);

    names.length = 0;
    const since = '2026-09-01T00:00:00.000Z';
    const news = await digestNews(
      reads,
      { accountId: s.guardian.id, kind: 'guardian' },
      since,
      now,
    );
    expect(news.find((c) => c.studentId === s.childId)?.marks).toBeGreaterThan(0);
    expect(names).not.toContain('portal.notes.children');
  });

  it('the page’s marks, read as tuples, are named as the select’s own aliases name them', async () => {
    const reads = preparedReads(w.p.db.manager.dataSource);
    const params = [s.guardian.id, s.childId];
    const objects = await reads.all(notesReads.NOTES_MARKS, params);
    const tuples = await reads.tuples(notesReads.NOTES_MARKS, params);
    expect(objects.length).toBeGreaterThan(0);
    expect(tuples.map(notesReads.markRowOf)).toEqual(objects);
  });

  it('sends a visitor without a session to the login page', async () => {
    const page = await w.client('192.0.2.99').get('/notes');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/?info=session');
  });
});

describe('the groups a child follows (issue 16 §1: « Groups are real »)', () => {
  it('reads group_membership, not the `groups` text the import keeps beside it', async () => {
    await w.p.db.manager.query(
      `INSERT INTO subject (school_id, code, management_code, short_label, long_label)
       VALUES (1, '022200', 'LCALA', 'LATIN', 'LCA LATIN')`,
    );
    // A classmate in the group, so that the group is known to Pupitre.
    await setGroups(w.p.db, [s.classmates[0]!], ['LAT_1']);
    const teacher = await createStaffUser(w.p, s.direction, 'prof-latin', 'teacher');
    value(
      await w.p.dispatch(
        'services.save',
        {
          subjectCode: '022200',
          structureKind: 'group',
          structureCode: 'LAT_1',
          teacherId: teacher.id,
        },
        s.direction,
      ),
    );
    const latin = async () => (await notes()).subjects.find((x) => x.code === '022200');
    // A stale text saying the child is in the group (or in one whose code LIKE would match):
    // no membership, no Latin tile.
    await w.p.db.manager.query('UPDATE student SET groups = ? WHERE id = ?', [
      'LAT_1,LATX1',
      s.childId,
    ]);
    expect(await latin()).toBeUndefined();
    // A membership (a group whose `_` a LIKE would take for any character is another group).
    await setGroups(w.p.db, [s.childId], ['LATX1']);
    expect(await latin()).toBeUndefined();
    await setGroups(w.p.db, [s.childId], ['LAT_1']);
    await w.p.db.manager.query(`UPDATE student SET groups = '' WHERE id = ?`, [s.childId]);
    expect(await latin()).toMatchObject({ label: 'LCA LATIN', marks: [] });
    expect((await latin())?.teachers).toHaveLength(1);
    await setGroups(w.p.db, [s.childId], []);
    expect(await latin()).toBeUndefined();
  });
});
