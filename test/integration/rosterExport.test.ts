import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DivisionSummary } from '../../shared/api/staff';
import { pdfPages } from '../helpers/pdfText';
import {
  ADMIN_PASSWORD,
  loginToken,
  startTestPupitre,
  type TestPupitre,
  value,
} from '../helpers/pupitre';
import { setGroups } from '../helpers/groups';

// Issue 12: « the first thing a secretariat prints each September ».
let p: TestPupitre;
let direction: string;
let division: DivisionSummary;

beforeEach(async () => {
  p = await startTestPupitre({ students: 120 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
  const divisions = value<DivisionSummary[]>(await p.dispatch('divisions.list', {}, direction));
  division = divisions.find((d) => d.studentCount > 0)!;
});
afterEach(async () => p.cleanup());

async function firstPupil() {
  const [row] = await p.db.manager.query(
    `SELECT s.id, s.last_name, s.first_name, s.birth_date, g.id AS guardian_id
       FROM student s JOIN student_guardian sg ON sg.student_id = s.id AND sg.legal_rank = 1
       JOIN guardian g ON g.id = sg.guardian_id
      WHERE s.division_id = ? AND s.left_on IS NULL ORDER BY s.search_last, s.search_first LIMIT 1`,
    [division.id],
  );
  return row as {
    id: number;
    last_name: string;
    first_name: string;
    birth_date: string;
    guardian_id: number;
  };
}

describe('a division list exported as CSV and printed as PDF', () => {
  it('CSV: BOM, « ; », one line a pupil, French phones, and a name never runs as a formula', async () => {
    const pupil = await firstPupil();
    await p.db.manager.query('UPDATE student SET first_name = ? WHERE id = ?', [
      '=HYPERLINK("http://x")',
      pupil.id,
    ]);
    await p.db.manager.query('UPDATE guardian SET phone_mobile = ? WHERE id = ?', [
      '0611112222',
      pupil.guardian_id,
    ]);
    const csv = value<string>(
      await p.dispatch('rosters.csv', { divisionId: division.id }, direction),
    );
    expect(csv.startsWith('\uFEFFNom;Prénom;Date de naissance;Régime;Responsable 1;')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(division.studentCount + 1);
    const line = lines.find((l) => l.startsWith(`${pupil.last_name};`))!;
    expect(line).toContain(`;"'=HYPERLINK(""http://x"")";`);
    expect(line).toContain(
      `;${pupil.birth_date.slice(8, 10)}/${pupil.birth_date.slice(5, 7)}/${pupil.birth_date.slice(0, 4)};`,
    );
    expect(line).toContain('06 11 11 22 22 (portable)');
  });

  it('PDF: names, dates of birth, régime and guardians’ phones, read back from the file', async () => {
    const pupil = await firstPupil();
    await p.db.manager.query('UPDATE guardian SET phone_mobile = ? WHERE id = ?', [
      '+33 6 12 34 56 78',
      pupil.guardian_id,
    ]);
    const bytes = value<Uint8Array>(
      await p.dispatch('rosters.pdf', { divisionId: division.id }, direction),
    );
    const text = (await pdfPages(bytes)).join('\n');
    expect(text).toContain(`Division ${division.code}`);
    expect(text).toContain(`${pupil.last_name.toLocaleUpperCase('fr-FR')} ${pupil.first_name}`);
    expect(text).toContain(
      `${pupil.birth_date.slice(8, 10)}/${pupil.birth_date.slice(5, 7)}/${pupil.birth_date.slice(0, 4)}`,
    );
    expect(text).toContain('06 12 34 56 78 (portable)');
    expect(text).toMatch(/Externe|Demi-pensionnaire|Interne/);
    expect(text).toMatch(new RegExp(`${division.studentCount}\\sélèves`));
  });

  it('PDF: a character the font lacks is printed « ? » and said, never dropped silently', async () => {
    const pupil = await firstPupil();
    await p.db.manager.query('UPDATE student SET first_name = ? WHERE id = ?', [
      'Zoé\u{13000}',
      pupil.id,
    ]);
    const bytes = value<Uint8Array>(
      await p.dispatch('rosters.pdf', { divisionId: division.id }, direction),
    );
    const text = (await pdfPages(bytes)).join('\n');
    expect(text).toContain('Zoé?');
    expect(text).toContain('Certains caractères ne s’impriment pas avec cette police');
  });

  it('writes each export to the journal without a child’s name', async () => {
    const pupil = await firstPupil();
    await p.dispatch('rosters.csv', { divisionId: division.id }, direction);
    await p.dispatch('rosters.pdf', { divisionId: division.id }, direction);
    const rows: { action: string; target_label: string; details: string }[] =
      await p.db.manager.query(
        `SELECT action, target_label, details FROM audit_log WHERE action = 'roster.export' ORDER BY id`,
      );
    expect(rows.map((r) => JSON.parse(r.details).format)).toEqual(['csv', 'pdf']);
    expect(rows[0]!.target_label).toBe(`Division ${division.code}`);
    expect(JSON.stringify(rows)).not.toContain(pupil.last_name);
  });

  it('a group list holds its members only (a code matches whole, not a prefix)', async () => {
    const ids: { id: number }[] = await p.db.manager.query(
      'SELECT id FROM student WHERE left_on IS NULL AND division_id IS NOT NULL ORDER BY id LIMIT 3',
    );
    await setGroups(p.db, [ids[0]!.id, ids[1]!.id], ['4LAT1', 'AGL2']);
    await setGroups(p.db, [ids[2]!.id], ['4LAT10']);
    const csv = value<string>(await p.dispatch('rosters.csv', { group: '4LAT1' }, direction));
    expect(csv.trimEnd().split('\r\n')).toHaveLength(3);
    // A group mixes divisions: each line says its pupil's.
    const [member] = await p.db.manager.query(
      'SELECT d.code FROM student s JOIN division d ON d.id = s.division_id WHERE s.id = ?',
      [ids[0]!.id],
    );
    expect(csv).toContain(`;${member.code}\r\n`);

    expect(await p.dispatch('groups.list', {}, direction)).toEqual({
      ok: true,
      value: [
        { code: '4LAT1', studentCount: 2 },
        { code: '4LAT10', studentCount: 1 },
        { code: 'AGL2', studentCount: 2 },
      ],
    });
    const listed = value<{ items: { id: number }[] }>(
      await p.dispatch('students.search', { query: '', group: '4LAT1' }, direction),
    );
    expect(listed.items.map((s) => s.id).sort((a, b) => a - b)).toEqual([ids[0]!.id, ids[1]!.id]);
    // « % » and « _ » in a code are characters, not wildcards.
    const none = value<{ items: unknown[] }>(
      await p.dispatch('students.search', { query: '', group: '4LAT_' }, direction),
    );
    expect(none.items).toEqual([]);
  });

  it('an unknown division or group is said so in French', async () => {
    expect(await p.dispatch('rosters.pdf', { divisionId: 999_999 }, direction)).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'Division introuvable.' },
    });
    expect(await p.dispatch('rosters.csv', { group: 'INCONNU' }, direction)).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'Groupe introuvable.' },
    });
    expect(await p.dispatch('rosters.csv', {}, direction)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});

describe('a pupil who « part le … » a later day (issue 12 §1)', () => {
  it('is still on the division list, the group counts and their guardian’s line until that day', async () => {
    const pupil = await firstPupil();
    // TEST_NOW is 22 November 2026 in Paris: the pupil leaves on the 23rd.
    await p.db.manager.query(`UPDATE student SET left_on = '2026-11-23' WHERE id = ?`, [pupil.id]);
    await setGroups(p.db, [pupil.id], ['LAT5']);
    const csv = value<string>(
      await p.dispatch('rosters.csv', { divisionId: division.id }, direction),
    );
    expect(csv.trimEnd().split('\r\n')).toHaveLength(division.studentCount + 1);
    expect(csv).toContain(`${pupil.last_name};`);
    expect(
      value<{ code: string; studentCount: number }[]>(
        await p.dispatch('groups.list', {}, direction),
      ),
    ).toContainEqual({
      code: 'LAT5',
      studentCount: 1,
    });
    const guardians = value<{ id: number; children: { studentId: number }[] }[]>(
      await p.dispatch('guardians.list', {}, direction),
    );
    expect(
      guardians.find((g) => g.id === pupil.guardian_id)!.children.map((c) => c.studentId),
    ).toContain(pupil.id);

    // Left yesterday: gone from all three.
    await p.db.manager.query(`UPDATE student SET left_on = '2026-11-21' WHERE id = ?`, [pupil.id]);
    const after = value<string>(
      await p.dispatch('rosters.csv', { divisionId: division.id }, direction),
    );
    expect(after.trimEnd().split('\r\n')).toHaveLength(division.studentCount);
    expect(
      value<{ code: string }[]>(await p.dispatch('groups.list', {}, direction)).map((g) => g.code),
    ).not.toContain('LAT5');
  });
});
