import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../main/services/clock';
import { eraseDueSanctions } from '../../main/services/schoolLife/sanctionErasure';
import type { SchoolLifeEvent } from '../../shared/api/staff';
import {
  ADMIN_PASSWORD,
  createStaffUser,
  loginToken,
  startTestPupitre,
  value,
  type TestPupitre,
} from '../helpers/pupitre';

// Issue 17 §3 « Sanctions carry their erasure date », R511-13 IV: besides the yearly days,
// every sanction but the exclusion définitive leaves the record at the end of the pupil's
// secondary schooling; the school knows it ends when a pupil leaves it from a terminale.
let p: TestPupitre;
let cpe: string;
let lycéen: { id: number; divisionId: number };
let collégien: { id: number; divisionId: number };

beforeAll(async () => {
  p = await startTestPupitre({ students: 30 });
  const direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
  cpe = (await createStaffUser(p, direction, 'cpe-effacement', 'cpe')).token;
  const pupils = (await p.db.manager.query(
    `SELECT s.id, s.division_id AS "divisionId" FROM student s
      WHERE s.division_id IS NOT NULL ORDER BY s.division_id, s.id`,
  )) as { id: number; divisionId: number }[];
  lycéen = pupils[0]!;
  collégien = pupils.find((s) => s.divisionId !== lycéen.divisionId)!;
  // A terminale and a 3e; both pupils leave the school on Friday 4 July 2027 (SIECLE's
  // DATE_SORTIE).
  await p.db.manager.query(`UPDATE division SET level = 'Tle' WHERE id = ?`, [lycéen.divisionId]);
  await p.db.manager.query(`UPDATE division SET level = '3e' WHERE id = ?`, [collégien.divisionId]);
  await p.db.manager.query(`UPDATE student SET left_on = '2027-07-04' WHERE id IN (?, ?)`, [
    lycéen.id,
    collégien.id,
  ]);
});
afterAll(async () => p?.cleanup());

const blâme = async (studentId: number, sanctionKind = 'reprimand') =>
  value<SchoolLifeEvent>(
    await p.dispatch(
      'schoolLife.record',
      {
        studentId,
        kind: 'sanction',
        sanctionKind,
        startsAt: '2026-11-10T09:00:00.000Z',
        endsAt: '2026-11-10T09:00:00.000Z',
      },
      cpe,
    ),
  );

describe('« au terme de sa scolarité dans le second degré » (R511-13 IV)', () => {
  it('a sanction of a pupil leaving from a terminale goes on the day they leave, shown beside it; a 3e keeps the yearly day; the exclusion définitive stays', async () => {
    const lycéenBlâme = await blâme(lycéen.id);
    const collégienBlâme = await blâme(collégien.id);
    const definitive = await blâme(lycéen.id, 'permanentExclusion');
    // What the CPE's queue shows beside each sanction.
    const queue = value<SchoolLifeEvent[]>(await p.dispatch('schoolLife.queue', {}, cpe));
    const erasedOn = (id: number) => queue.find((e) => e.id === id)?.sanctionErasedOn;
    expect(erasedOn(lycéenBlâme.id)).toBe('2027-07-04');
    expect(erasedOn(collégienBlâme.id)).toBe('2028-09-01');
    expect(erasedOn(definitive.id)).toBeNull();

    const sanctions = async () =>
      (
        (await p.db.manager.query(
          `SELECT id FROM school_life_event WHERE kind = 'sanction' ORDER BY id`,
        )) as { id: number }[]
      ).map((r) => r.id);
    expect(await eraseDueSanctions(p.db, fixedClock('2027-07-03T12:00:00.000Z'))).toBe(0);
    expect(await eraseDueSanctions(p.db, fixedClock('2027-07-04T12:00:00.000Z'))).toBe(1);
    expect(await sanctions()).toEqual([collégienBlâme.id, definitive.id]);
  });

  it('an erasure made before the journal was cleaned with it: the lines naming the pupil go at the next run, the old line keeps only « effacée »', async () => {
    // As the job wrote it then: the number, kind and days; the « saisi » line still named her.
    const line = async (fields: Record<string, unknown>) =>
      p.db.manager.query(
        `INSERT INTO audit_log (school_id, at, actor_id, actor_label, action, target_type, target_id, target_label, details)
         VALUES (1, ?, NULL, ?, ?, ?, ?, ?, ?)`,
        [
          '2026-09-01T06:00:00.000Z',
          fields.actorLabel,
          fields.action,
          fields.targetType,
          fields.targetId,
          fields.targetLabel,
          JSON.stringify(fields.details),
        ],
      );
    await line({
      actorLabel: 'Test CPE (cpe)',
      action: 'schoolLife.record',
      targetType: 'student',
      targetId: String(collégien.id),
      targetLabel: 'DUPONT Léa',
      details: { évènement: 9001, type: 'Sanction' },
    });
    await line({
      actorLabel: 'système',
      action: 'schoolLife.eraseSanction',
      targetType: 'school_life_event',
      targetId: '9001',
      targetLabel: 'Exclusion temporaire de la classe',
      details: { prononcéeLe: '2024-11-10', effacéeLe: '2026-09-01' },
    });
    await eraseDueSanctions(p.db, fixedClock('2027-07-05T12:00:00.000Z'));
    const rows = (await p.db.manager.query(
      `SELECT action, target_type AS "targetType", target_label AS "targetLabel", details
         FROM audit_log WHERE at = '2026-09-01T06:00:00.000Z'`,
    )) as Record<string, string>[];
    expect(rows).toEqual([
      {
        action: 'schoolLife.eraseSanction',
        targetType: 'school',
        targetLabel: 'Sanctions effacées du dossier (R511-13 IV)',
        details: JSON.stringify({ effacées: 1 }),
      },
    ]);
  });
});
