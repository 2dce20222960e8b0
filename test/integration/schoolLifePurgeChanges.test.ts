import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RollSheet, SchoolLifeEvent, SchoolLifePurgePlan } from '../../shared/api/staff';
import {
  ADMIN_PASSWORD,
  createStaffUser,
  loginToken,
  startTestPupitre,
  value,
  type TestPupitre,
} from '../helpers/pupitre';

// Issue 17 §5: « the purge of vie scolaire data past the retention the school sets (…),
// refused without a recent archive ». An archive shows each event as it was when it was made:
// an event changed afterwards (motif, processing, justification, « famille avisée »,
// publication) and then purged would be lost in its changed state. Every staff path that
// changes an event stamps it; the purge refuses, naming how many, until the archive is made
// again. On a real SQLite file, through the staff calls.
let p: TestPupitre;
let direction: string;
let cpe: string;
let pupil: { id: number };
let motifId: number;

const at = async (instant: string) => {
  p.clock.set(instant);
  // Signed in again at each new time, as the staff session would be.
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
  cpe = await loginToken(p, 'cpe-changes', 'cpe-changes-Secret1');
};

beforeAll(async () => {
  p = await startTestPupitre({ students: 30 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
  cpe = (await createStaffUser(p, direction, 'cpe-changes', 'cpe')).token;
  // A pupil whose legal representative has an address: the notice can go by e-mail.
  [pupil] = (await p.db.manager.query(
    `SELECT s.id FROM student s
       JOIN student_guardian sg ON sg.student_id = s.id AND sg.responsibility_level = 1
       JOIN guardian g ON g.id = sg.guardian_id
      WHERE g.email <> '' AND s.division_id IS NOT NULL ORDER BY s.id LIMIT 1`,
  )) as [typeof pupil];
  [{ id: motifId }] = (await p.db.manager.query(
    `SELECT id FROM motif WHERE open_to_families = 1 AND active = 1 ORDER BY id LIMIT 1`,
  )) as [{ id: number }];
});
afterAll(async () => p?.cleanup());

/** Last school year's absence on that October day, all day (kept nowhere after the purge). */
async function oldAbsence(day: string): Promise<SchoolLifeEvent> {
  return value<SchoolLifeEvent>(
    await p.dispatch(
      'schoolLife.record',
      {
        studentId: pupil.id,
        kind: 'absence',
        startsAt: `${day}T06:00:00.000Z`,
        endsAt: `${day}T15:00:00.000Z`,
      },
      cpe,
    ),
  );
}

const updatedAt = async (id: number) =>
  (
    (await p.db.manager.query(
      'SELECT updated_at AS "updatedAt" FROM school_life_event WHERE id = ?',
      [id],
    )) as [{ updatedAt: string | null }]
  )[0].updatedAt;

const plan = async () =>
  value<SchoolLifePurgePlan>(await p.dispatch('schoolLife.purgePlan', {}, direction));
const eventCount = async () =>
  ((await p.db.manager.query('SELECT id FROM school_life_event')) as unknown[]).length;

describe('the purge and the events changed after the archive', () => {
  it('every change to an event is stamped, and the purge refuses those changed since the archive, in French, naming how many, until the archive is made again', async () => {
    const processed = await oldAbsence('2025-10-06');
    const printed = await oldAbsence('2025-10-07');
    const justified = await oldAbsence('2025-10-08');
    const emailed = await oldAbsence('2025-10-09');
    await oldAbsence('2025-10-10'); // never changed
    expect(await updatedAt(processed.id)).toBeNull();
    // A family sent a justification for one of them (the portal's row, waiting for the CPE).
    await p.db.manager.query(
      `INSERT INTO absence_justification (school_id, event_id, student_id, motif_id, status, submitted_at)
       VALUES (1, ?, ?, ?, 'pending', '2026-11-22T08:00:00.000Z')`,
      [justified.id, pupil.id, motifId],
    );
    // This year's roll: kept by the purge whatever happens to it.
    const [{ code }] = (await p.db.manager.query(
      'SELECT d.code FROM division d JOIN student s ON s.division_id = d.id WHERE s.id = ?',
      [pupil.id],
    )) as [{ code: string }];
    const roll = {
      structure: { kind: 'division' as const, code },
      day: '2026-11-20',
      slot: { kind: 'hour' as const, from: '10:00', to: '11:00' },
    };
    value<RollSheet>(
      await p.dispatch(
        'roll.save',
        { ...roll, entries: [{ studentId: pupil.id, status: 'absent' }] },
        cpe,
      ),
    );

    await at('2026-11-22T09:05:00.000Z');
    value(await p.dispatch('schoolLife.archiveCsv', {}, direction));
    expect(await plan()).toMatchObject({ count: 5, refusal: null });

    // The CPE gives the first one a motif after the archive.
    await at('2026-11-22T09:10:00.000Z');
    value(
      await p.dispatch(
        'schoolLife.process',
        {
          id: processed.id,
          version: processed.version,
          motifId,
          justified: true,
          publishableOnline: true,
          familyNotifiedAt: null,
          familyNotifiedBy: null,
        },
        cpe,
      ),
    );
    expect(await updatedAt(processed.id)).toBe('2026-11-22T09:10:00.000Z');
    let refusal = (await plan()).refusal;
    expect(refusal).toBe(
      '1\u00a0évènement à effacer a été modifié après la dernière archive (motif, traitement, justification, famille avisée, publication ou correction d’appel)\u00a0: l’archive ne le montre pas tel qu’il est. Refaites l’archive (CSV) et réimprimez les PDF des divisions, puis purgez.',
    );

    // « Famille avisée » by a printed notice, by e-mail; a justification accepted; a roll corrected.
    await at('2026-11-22T09:15:00.000Z');
    value(await p.dispatch('schoolLife.noticePrinted', { id: printed.id }, cpe));
    value(await p.dispatch('schoolLife.noticeEmail', { id: emailed.id }, cpe));
    const [{ id: justification }] = (await p.db.manager.query(
      'SELECT id FROM absence_justification WHERE event_id = ?',
      [justified.id],
    )) as [{ id: number }];
    value(
      await p.dispatch('justifications.decide', { id: justification, decision: 'accept' }, cpe),
    );
    value<RollSheet>(
      await p.dispatch(
        'roll.save',
        { ...roll, entries: [{ studentId: pupil.id, status: 'late', minutes: 10 }] },
        cpe,
      ),
    );
    for (const id of [printed.id, emailed.id, justified.id]) {
      expect(await updatedAt(id)).toBe('2026-11-22T09:15:00.000Z');
    }
    const [rollRow] = (await p.db.manager.query(
      `SELECT updated_at AS "updatedAt", kind FROM school_life_event WHERE roll_key IS NOT NULL`,
    )) as [{ updatedAt: string; kind: string }];
    expect(rollRow).toEqual({ updatedAt: '2026-11-22T09:15:00.000Z', kind: 'lateness' });

    // Four of the five to erase changed (the roll is this year's: not counted).
    const refused = await plan();
    expect(refused.count).toBe(5);
    refusal = refused.refusal;
    expect(refusal).toContain(
      '4\u00a0évènements à effacer ont été modifiés après la dernière archive',
    );
    expect(refusal).toContain('l’archive ne les montre pas tels qu’ils sont');
    const before = await eventCount();
    const purge = await p.dispatch('schoolLife.purge', { confirmedCount: 5 }, direction);
    expect(purge).toMatchObject({ ok: false, error: { code: 'conflict', message: refusal } });
    expect(await eventCount()).toBe(before);
    expect(
      await p.db.manager.query(`SELECT id FROM audit_log WHERE action = 'schoolLife.purge'`),
    ).toEqual([]);

    // The archive made again shows them as they are: the purge may run.
    await at('2026-11-22T09:20:00.000Z');
    value(await p.dispatch('schoolLife.archiveCsv', {}, direction));
    expect(await plan()).toMatchObject({ count: 5, refusal: null });
    const done = value<{ purged: number }>(
      await p.dispatch('schoolLife.purge', { confirmedCount: 5 }, direction),
    );
    expect(done.purged).toBe(5);
    expect(await eventCount()).toBe(before - 5);
  });

  it('erases the e-mailed notices of the absences it erases, a notice sent late for an old absence included, and only those', async () => {
    await at('2026-11-22T09:30:00.000Z');
    const old = await oldAbsence('2025-10-13');
    const kept = value<SchoolLifeEvent>(
      await p.dispatch(
        'schoolLife.record',
        {
          studentId: pupil.id,
          kind: 'absence',
          startsAt: '2026-11-16T07:00:00.000Z',
          endsAt: '2026-11-16T10:00:00.000Z',
        },
        cpe,
      ),
    );
    // Last October's absence, told to the family only now (recorded late): its notice is new.
    value(await p.dispatch('schoolLife.noticeEmail', { id: old.id }, cpe));
    value(await p.dispatch('schoolLife.noticeEmail', { id: kept.id }, cpe));
    const outbox = async () =>
      (await p.db.manager.query(
        `SELECT id, template, school_life_event_id AS "eventId", text_body AS "body"
           FROM mail_outbox ORDER BY id`,
      )) as { id: number; template: string; eventId: number | null; body: string }[];
    const before = await outbox();
    const ofOld = before.filter((r) => r.eventId === old.id);
    expect(ofOld.length).toBeGreaterThan(0);
    expect(ofOld.every((r) => r.template === 'absence-notice' && r.body.includes('2025'))).toBe(
      true,
    );
    expect(before.filter((r) => r.eventId === kept.id).length).toBeGreaterThan(0);

    await at('2026-11-22T09:35:00.000Z');
    value(await p.dispatch('schoolLife.archiveCsv', {}, direction));
    const done = value<{ purged: number }>(
      await p.dispatch('schoolLife.purge', { confirmedCount: 1 }, direction),
    );
    expect(done.purged).toBe(1);

    // The outbox read back: the old absence's notices gone, every other message as it was.
    const after = await outbox();
    expect(after.map((r) => r.id)).toEqual(
      before.filter((r) => r.eventId !== old.id).map((r) => r.id),
    );
    expect(after.some((r) => r.template === 'absence-notice' && r.body.includes('2025'))).toBe(
      false,
    );
    const [line] = (await p.db.manager.query(
      `SELECT details FROM audit_log WHERE action = 'schoolLife.purge' ORDER BY id DESC LIMIT 1`,
    )) as [{ details: string }];
    expect(JSON.parse(line.details)).toMatchObject({ effacés: 1, avisParCourriel: ofOld.length });
  });
});
