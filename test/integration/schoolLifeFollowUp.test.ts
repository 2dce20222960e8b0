import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPupitre } from '../../main/bootstrap';
import type { AbsenteeismWatchRow, SchoolLifeEvent } from '../../shared/api/staff';
import {
  ADMIN_PASSWORD,
  createStaffUser,
  loginToken,
  startTestPupitre,
  testHasher,
  value,
  type TestPupitre,
} from '../helpers/pupitre';

// Issue 17 §3: the CPE's follow-up beyond the queue: the watch's DSDEN report and export,
// and the sanctions' erasure.
let p: TestPupitre;
let direction: string;
let cpe: string;
let secretariat: string;
let pupils: { id: number; lastName: string; firstName: string }[];

beforeAll(async () => {
  p = await startTestPupitre({ students: 30 });
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
  cpe = (await createStaffUser(p, direction, 'cpe-suivi', 'cpe')).token;
  secretariat = (await createStaffUser(p, direction, 'secretariat-suivi', 'secretariat')).token;
  pupils = (await p.db.manager.query(
    'SELECT id, last_name AS "lastName", first_name AS "firstName" FROM student ORDER BY id LIMIT 10',
  )) as typeof pupils;
});
afterAll(async () => p?.cleanup());

async function auditRows(action: string) {
  return (await p.db.manager.query(
    `SELECT actor_label AS "actorLabel", target_id AS "targetId", details FROM audit_log WHERE action = '${action}' ORDER BY id`,
  )) as { actorLabel: string; targetId: string; details: string }[];
}

const record = (token: string, input: Record<string, unknown>) =>
  p.dispatch('schoolLife.record', input, token);

describe('« signalé à la DSDEN le … » and the export of the watch (L131-8)', () => {
  it('records the day for a pupil on the month’s watch, audited, shows it in the CSV, and refuses a pupil off the list', async () => {
    const [listed, notListed] = pupils as [(typeof pupils)[0], (typeof pupils)[0]];
    // Monday 2 and Tuesday 3 November 2026, all day: « quatre demi-journées dans le mois ».
    value(
      await record(cpe, {
        studentId: listed.id,
        kind: 'absence',
        startsAt: '2026-11-02T07:00:00.000Z',
        endsAt: '2026-11-03T16:00:00.000Z',
      }),
    );
    value(
      await record(cpe, {
        studentId: notListed.id,
        kind: 'absence',
        startsAt: '2026-11-02T07:00:00.000Z',
        endsAt: '2026-11-02T10:00:00.000Z',
      }),
    );
    const refused = await p.dispatch(
      'schoolLife.reportToDsden',
      { month: '2026-11', studentId: notListed.id, reportedOn: '2026-11-20' },
      cpe,
    );
    expect(refused).toMatchObject({
      ok: false,
      error: {
        message: 'Cet élève n’a pas quatre demi-journées d’absence sans motif légitime ce mois-ci.',
      },
    });
    const badDay = await p.dispatch(
      'schoolLife.reportToDsden',
      { month: '2026-11', studentId: listed.id, reportedOn: '2026-11-31' },
      cpe,
    );
    expect(badDay).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await auditRows('schoolLife.reportToDsden')).toEqual([]);

    const rows = value<AbsenteeismWatchRow[]>(
      await p.dispatch(
        'schoolLife.reportToDsden',
        { month: '2026-11', studentId: listed.id, reportedOn: '2026-11-20' },
        cpe,
      ),
    );
    const name = `${listed.lastName.toLocaleUpperCase('fr-FR')} ${listed.firstName}`;
    expect(rows).toEqual([
      expect.objectContaining({
        studentId: listed.id,
        studentName: name,
        count: 4,
        reportedOn: '2026-11-20',
      }),
    ]);
    // Recording it again corrects the day: one report a pupil and month.
    value(
      await p.dispatch(
        'schoolLife.reportToDsden',
        { month: '2026-11', studentId: listed.id, reportedOn: '2026-11-21' },
        direction,
      ),
    );
    const reports = await auditRows('schoolLife.reportToDsden');
    expect(reports.map((r) => [r.targetId, JSON.parse(r.details)])).toEqual([
      [String(listed.id), { mois: '2026-11', signaléLe: '2026-11-20' }],
      [String(listed.id), { mois: '2026-11', signaléLe: '2026-11-21' }],
    ]);
    // Vie scolaire is not the secrétariat's (SPEC §2): it neither reads the watch nor reports.
    const bySecretariat = await p.dispatch(
      'schoolLife.reportToDsden',
      { month: '2026-11', studentId: listed.id, reportedOn: '2026-11-22' },
      secretariat,
    );
    expect(bySecretariat).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await p.dispatch('schoolLife.watchCsv', { month: '2026-11' }, secretariat),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const csv = value<string>(await p.dispatch('schoolLife.watchCsv', { month: '2026-11' }, cpe));
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Élève;Division;Mois;Demi-journées;Détail;Signalé à la DSDEN le');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${name};`);
    expect(lines[1]).toContain(
      ';2026-11;4;02/11/2026 matin, 02/11/2026 après-midi, 03/11/2026 matin, 03/11/2026 après-midi;21/11/2026',
    );
  });
});

describe('sanctions leave the record on the days of R511-13 IV (décret 2019-906)', () => {
  it('« l’avertissement est effacé […] à l’issue de l’année scolaire »: the job erases what is due after months with the app closed, journal lines included: nothing left says whose', async () => {
    const pupil = pupils[5]!;
    const sanction = async (sanctionKind: string) =>
      value<SchoolLifeEvent>(
        await record(cpe, {
          studentId: pupil.id,
          kind: 'sanction',
          sanctionKind,
          startsAt: '2026-11-10T09:00:00.000Z',
          endsAt: '2026-11-10T09:00:00.000Z',
          comment: `Bousculade au gymnase (${sanctionKind})`,
        }),
      ).id;
    const warning = await sanction('warning');
    const reprimand = await sanction('reprimand');
    const exclusion = await sanction('classExclusion');
    const permanent = await sanction('permanentExclusion');
    // Processed, the family told: the journal has a « traité » line naming the pupil too.
    for (const id of [warning, reprimand, exclusion]) {
      value(
        await p.dispatch(
          'schoolLife.process',
          {
            id,
            version: 1,
            motifId: null,
            justified: false,
            publishableOnline: false,
            familyNotifiedAt: '2026-11-12T10:00:00.000Z',
            familyNotifiedBy: 'courrier',
          },
          cpe,
        ),
      );
    }
    const remaining = async () =>
      (
        (await p.db.manager.query(
          `SELECT id FROM school_life_event WHERE kind = 'sanction' AND student_id = ? ORDER BY id`,
          [pupil.id],
        )) as { id: number }[]
      ).map((r) => r.id);

    const lastRun = async () =>
      (
        (await p.db.manager.query(
          `SELECT last_run_on AS "lastRunOn" FROM scheduled_job WHERE name = 'schoolLife.sanctionErasure'`,
        )) as { lastRunOn: string }[]
      )[0]?.lastRunOn;

    // The app is closed on 31 August 2027 and opened again on 14 September: the job runs at
    // start and catches up.
    const { dir } = p;
    await p.close();
    const reopen = async (at: string) => {
      p.clock.set(at);
      const again = await startPupitre({
        dataDir: dir,
        clock: p.clock,
        hasher: testHasher,
        adminPassword: ADMIN_PASSWORD,
        logger: { error: (message, summary) => console.error(message, summary) },
        manualMail: true,
      });
      p = {
        ...again,
        dir,
        clock: p.clock,
        cleanup: async () => {
          await again.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    };
    await reopen('2027-08-31T20:00:00.000Z');
    // Still 31 August in Paris (22:00): the job ran and found nothing due yet.
    await expect.poll(lastRun).toBe('2027-08-31');
    expect(await remaining()).toEqual([warning, reprimand, exclusion, permanent]);
    await p.close();
    await reopen('2027-09-14T08:00:00.000Z');
    await expect.poll(remaining).toEqual([reprimand, exclusion, permanent]);
    await p.close();
    // The blâme at the end of 2027-2028; the exclusion at the end of 2028-2029; the exclusion
    // définitive stays (« au terme de la scolarité »).
    await reopen('2028-09-01T08:00:00.000Z');
    await expect.poll(remaining).toEqual([exclusion, permanent]);
    await p.close();
    await reopen('2029-09-01T08:00:00.000Z');
    await expect.poll(remaining).toEqual([permanent]);
    expect(await lastRun()).toBe('2029-09-01');
    // The journal keeps that sanctions left the record, and how many; never whose, which or
    // which number (R511-13 IV erases it: a pupil's name beside it would keep it).
    const audit = (await p.db.manager.query(
      `SELECT actor_label AS "actorLabel", target_type AS "targetType", target_id AS "targetId",
              target_label AS "targetLabel", details
         FROM audit_log WHERE action = 'schoolLife.eraseSanction' ORDER BY id`,
    )) as Record<string, string>[];
    const trace = {
      actorLabel: 'système',
      targetType: 'school',
      targetId: '1',
      targetLabel: 'Sanctions effacées du dossier (R511-13 IV)',
      details: { effacées: 1 },
    };
    expect(audit.map((r) => ({ ...r, details: JSON.parse(r.details!) as unknown }))).toEqual([
      trace,
      trace,
      trace,
    ]);

    // Nothing in the database says any more that this pupil had these sanctions: every row of
    // every table, read back as text.
    const tables = (
      (await p.db.manager.query(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
      )) as { name: string }[]
    ).map((t) => t.name);
    const rowsHolding = async (needle: string) => {
      const found: string[] = [];
      for (const table of tables) {
        for (const row of (await p.db.manager.query(`SELECT * FROM "${table}"`)) as object[]) {
          const text = JSON.stringify(row);
          if (text.toLowerCase().includes(needle.toLowerCase())) found.push(`${table}: ${text}`);
        }
      }
      return found;
    };
    for (const erased of ['warning', 'reprimand', 'classExclusion']) {
      expect(await rowsHolding(`Bousculade au gymnase (${erased})`)).toEqual([]);
      expect(await rowsHolding(`"${erased}"`)).toEqual([]);
    }
    for (const label of ['Avertissement', 'Blâme', 'Exclusion temporaire de la classe']) {
      expect(await rowsHolding(label)).toEqual([]);
    }
    // The pupil is still named where they are a pupil, never in the journal of vie scolaire
    // (the exclusion définitive stays, with its record line).
    const journalLines = (await rowsHolding(pupil.lastName)).filter((r) =>
      r.startsWith('audit_log:'),
    );
    expect(journalLines).toHaveLength(1);
    expect(journalLines[0]).toContain('"action":"schoolLife.record"');
    expect(journalLines[0]).toContain(`\\"évènement\\":${permanent}`);
  });
});
