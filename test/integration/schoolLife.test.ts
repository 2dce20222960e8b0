import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AbsenteeismWatchRow,
  Motif,
  RollSheet,
  SchoolLifeEvent,
  SchoolLifeSettings,
  TeachingServiceOptions,
} from '../../shared/api/staff';
import { LEGITIMATE_MOTIVES } from '../../shared/domain/vieScolaire/motives';
import {
  ADMIN_PASSWORD,
  createStaffUser,
  loginToken,
  startTestPupitre,
  TEST_NOW,
  value,
  type TestPupitre,
} from '../helpers/pupitre';
import { setGroups } from '../helpers/groups';

let p: TestPupitre;
const LATER = '2027-01-25T09:00:00.000Z';
let direction: string;
let cpe: string;
let cpe2: string;
let secretariat: string;
let teacher: string;
let division: string;
let otherDivision: string;

beforeAll(async () => {
  p = await startTestPupitre({ students: 60 });
  // A roll records what happened: the app's clock after the days these rolls are taken for.
  p.clock.set(LATER);
  direction = await loginToken(p, 'direction', ADMIN_PASSWORD);
  cpe = (await createStaffUser(p, direction, 'cpe-one', 'cpe')).token;
  cpe2 = (await createStaffUser(p, direction, 'cpe-two', 'cpe')).token;
  secretariat = (await createStaffUser(p, direction, 'secretariat-one', 'secretariat')).token;
  const prof = await createStaffUser(p, direction, 'prof-histoire', 'teacher');
  teacher = prof.token;
  const options = value<TeachingServiceOptions>(
    await p.dispatch('services.options', {}, direction),
  );
  [division, otherDivision] = options.divisions as [string, string];
  // The demo school has no subjects yet (they come with STS-Web): one, by hand.
  await p.db.manager.query(
    `INSERT INTO subject (school_id, code, long_label) VALUES (1, '040100', 'HISTOIRE-GEOGRAPHIE')`,
  );
  value(
    await p.dispatch(
      'services.save',
      {
        subjectCode: '040100',
        structureKind: 'division',
        structureCode: division,
        teacherId: prof.id,
      },
      direction,
    ),
  );
});
afterAll(async () => p?.cleanup());

const morningOf = (day: string) => ({
  structure: { kind: 'division' as const, code: division },
  day,
  slot: { kind: 'halfDay' as const, part: 'morning' as const },
});

async function eventsOf(studentId: number) {
  return (await p.db.manager.query(
    'SELECT kind, minutes, roll_key AS "rollKey" FROM school_life_event WHERE student_id = ? ORDER BY id',
    [studentId],
  )) as { kind: string; minutes: number | null; rollKey: string | null }[];
}

async function auditRows(action: string) {
  return (await p.db.manager.query(
    `SELECT target_label AS "targetLabel", details FROM audit_log WHERE action = '${action}' ORDER BY id`,
  )) as { targetLabel: string; details: string }[];
}

describe('motifs (issue 17 §1)', () => {
  it('seeds each new school with the five motives « réputés légitimes » of L131-8 and the usual others', async () => {
    const motifs = value<Motif[]>(await p.dispatch('motifs.list', {}, secretariat));
    const legitimate = motifs.filter((m) => m.legitimate).map((m) => m.label);
    expect(legitimate.sort()).toEqual(Object.values(LEGITIMATE_MOTIVES).sort());
    expect(motifs.find((m) => m.label === 'Sans motif')).toMatchObject({
      legitimate: false,
      openToFamilies: false,
      active: true,
    });
    expect(motifs.map((m) => m.label)).toContain('Rendez-vous médical');
  });

  it('lets the CPE add a motif, audited, and refuses the same label twice in French', async () => {
    const saved = value<Motif[]>(
      await p.dispatch(
        'motifs.save',
        { label: 'Raison familiale', legitimate: false, openToFamilies: true, confidential: true },
        cpe,
      ),
    );
    expect(saved.find((m) => m.label === 'Raison familiale')).toMatchObject({ confidential: true });
    const again = await p.dispatch(
      'motifs.save',
      { label: 'Raison familiale', legitimate: true, openToFamilies: true, confidential: false },
      cpe,
    );
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: { label: 'Libellé : ce motif existe déjà.' } },
    });
    expect(await auditRows('motifs.create')).toHaveLength(1);
  });

  it('keeps a motif no longer used out of new events, in French', async () => {
    const motifs = value<Motif[]>(await p.dispatch('motifs.list', {}, cpe));
    const family = motifs.find((m) => m.label === 'Raison familiale')!;
    value(await p.dispatch('motifs.save', { ...family, active: false }, direction));
    const pupil = value<RollSheet>(await p.dispatch('roll.open', morningOf('2026-11-20'), cpe))
      .pupils[7]!;
    const refused = await p.dispatch(
      'schoolLife.record',
      {
        studentId: pupil.studentId,
        kind: 'absence',
        startsAt: '2026-11-20T07:00:00.000Z',
        endsAt: '2026-11-20T11:00:00.000Z',
        motifId: family.id,
      },
      cpe,
    );
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: {
          motifId: 'Le motif « Raison familiale » n’est plus utilisé : choisissez-en un autre.',
        },
      },
    });
    expect(await eventsOf(pupil.studentId)).toEqual([]);
    expect(await auditRows('motifs.update')).toHaveLength(1);
  });
});

describe('the roll (issue 17 §2)', () => {
  it('opens a division for a half-day with everyone present; a teacher only where they teach', async () => {
    const sheet = value<RollSheet>(await p.dispatch('roll.open', morningOf('2026-11-23'), teacher));
    expect(sheet.title).toBe(`Division ${division}`);
    expect(sheet.pupils.length).toBeGreaterThan(0);
    expect(sheet.pupils.every((x) => x.status === 'present' && x.coveredBy === null)).toBe(true);
    expect(sheet.saved).toBe(false);
    const elsewhere = await p.dispatch(
      'roll.open',
      { ...morningOf('2026-11-23'), structure: { kind: 'division', code: otherDivision } },
      teacher,
    );
    expect(elsewhere).toMatchObject({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Vous ne faites l’appel que dans les divisions et groupes où vous enseignez.',
      },
    });
    // The secrétariat reads the roll but does not take it.
    value(await p.dispatch('roll.open', morningOf('2026-11-23'), secretariat));
    const bySecretariat = await p.dispatch(
      'roll.save',
      { ...morningOf('2026-11-23'), entries: [] },
      secretariat,
    );
    expect(bySecretariat).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('saves absent and late pupils; the same roll saved twice gives one absence, corrected', async () => {
    const sheet = value<RollSheet>(await p.dispatch('roll.open', morningOf('2026-11-24'), teacher));
    const [absent, late] = sheet.pupils as [RollSheet['pupils'][0], RollSheet['pupils'][0]];
    const entries = [
      { studentId: absent.studentId, status: 'absent' as const },
      { studentId: late.studentId, status: 'late' as const, minutes: 10 },
    ];
    const first = value<RollSheet>(
      await p.dispatch('roll.save', { ...morningOf('2026-11-24'), entries }, teacher),
    );
    const second = value<RollSheet>(
      await p.dispatch('roll.save', { ...morningOf('2026-11-24'), entries }, teacher),
    );
    expect(second).toEqual(first);
    expect(second.saved).toBe(true);
    expect(second.pupils.find((x) => x.studentId === late.studentId)).toMatchObject({
      status: 'late',
      minutes: 10,
    });
    expect((await eventsOf(absent.studentId)).map((e) => e.kind)).toEqual(['absence']);
    expect(await eventsOf(late.studentId)).toMatchObject([{ kind: 'lateness', minutes: 10 }]);

    // The late pupil was in fact there on time: saving again removes the retard.
    value(
      await p.dispatch(
        'roll.save',
        { ...morningOf('2026-11-24'), entries: [entries[0]!] },
        teacher,
      ),
    );
    expect(await eventsOf(late.studentId)).toEqual([]);
    expect((await eventsOf(absent.studentId)).map((e) => e.kind)).toEqual(['absence']);
    const audit = await auditRows('roll.save');
    expect(audit).toHaveLength(3);
    // The journal says how many, never who.
    expect(audit.map((a) => a.details).join(' ')).not.toContain(sheet.pupils[0]!.lastName);
    expect(JSON.parse(audit[2]!.details)).toMatchObject({ absences: 1, retards: 0, retirés: 1 });
  });

  it('a roll saved again cannot remove or change an absence the vie scolaire already processed', async () => {
    const day = '2027-01-12';
    const sheet = value<RollSheet>(await p.dispatch('roll.open', morningOf(day), teacher));
    const pupil = sheet.pupils[0]!;
    const thatDay = async () =>
      (
        (await p.db.manager.query(
          `SELECT id, version, kind, processed FROM school_life_event
            WHERE student_id = ? AND starts_at LIKE '2027-01-12%'`,
          [pupil.studentId],
        )) as { id: number; version: number; kind: string; processed: number | boolean }[]
      ).map((e) => ({ ...e, processed: Boolean(e.processed) }));
    const entries = [{ studentId: pupil.studentId, status: 'absent' as const }];
    value(await p.dispatch('roll.save', { ...morningOf(day), entries }, teacher));
    const [event] = await thatDay();
    // Processed by the CPE (the queue's own test covers how; here only its mark counts).
    await p.db.manager.query('UPDATE school_life_event SET processed = ? WHERE id = ?', [
      true,
      event!.id,
    ]);
    const removed = await p.dispatch('roll.save', { ...morningOf(day), entries: [] }, teacher);
    expect(!removed.ok && removed.error.message).toBe(
      'Un élève de cet appel a déjà été traité par la vie scolaire ou sa famille en a été avisée : son absence ou son retard ne peut plus être retiré ni changé depuis l’appel. Signalez la correction à la vie scolaire.',
    );
    const late = await p.dispatch(
      'roll.save',
      { ...morningOf(day), entries: [{ studentId: pupil.studentId, status: 'late', minutes: 5 }] },
      teacher,
    );
    expect(late.ok).toBe(false);
    expect(await thatDay()).toMatchObject([{ id: event!.id, kind: 'absence', processed: true }]);
    // Saved again unchanged, the roll still goes through.
    value(await p.dispatch('roll.save', { ...morningOf(day), entries }, teacher));
  });

  it('a roll saved again cannot remove an absence the family was already told about', async () => {
    const day = '2027-01-13';
    const sheet = value<RollSheet>(await p.dispatch('roll.open', morningOf(day), teacher));
    const pupil = sheet.pupils[1]!;
    const entries = [{ studentId: pupil.studentId, status: 'absent' as const }];
    value(await p.dispatch('roll.save', { ...morningOf(day), entries }, teacher));
    // « Famille avisée » by telephone, not yet processed nor justified.
    await p.db.manager.query(
      `UPDATE school_life_event SET family_notified_at = ?, family_notified_by = 'telephone'
        WHERE student_id = ? AND roll_key IS NOT NULL AND starts_at LIKE '2027-01-13%'`,
      ['2027-01-13T09:00:00.000Z', pupil.studentId],
    );
    const removed = await p.dispatch('roll.save', { ...morningOf(day), entries: [] }, teacher);
    expect(!removed.ok && removed.error).toMatchObject({
      code: 'conflict',
      message:
        'Un élève de cet appel a déjà été traité par la vie scolaire ou sa famille en a été avisée : son absence ou son retard ne peut plus être retiré ni changé depuis l’appel. Signalez la correction à la vie scolaire.',
    });
    expect((await eventsOf(pupil.studentId)).filter((e) => e.rollKey?.includes(day))).toEqual([
      expect.objectContaining({ kind: 'absence' }),
    ]);
  });

  it('records no second absence for a pupil an excused absence already covers over the slot', async () => {
    const day = '2027-01-14';
    const sheet = value<RollSheet>(await p.dispatch('roll.open', morningOf(day), teacher));
    const [covered, other] = [sheet.pupils[2]!, sheet.pupils[3]!];
    // Two days justified by the CPE, Thursday and Friday.
    value(
      await p.dispatch(
        'schoolLife.record',
        {
          studentId: covered.studentId,
          kind: 'absence',
          startsAt: '2027-01-13T23:00:00.000Z',
          endsAt: '2027-01-15T23:00:00.000Z',
          justified: true,
        },
        cpe,
      ),
    );
    const entries = [covered, other].map((s) => ({
      studentId: s.studentId,
      status: 'absent' as const,
    }));
    const saved = value<RollSheet>(
      await p.dispatch('roll.save', { ...morningOf(day), entries }, teacher),
    );
    expect(saved.pupils.find((s) => s.studentId === covered.studentId)).toMatchObject({
      status: 'present',
      coveredBy: { kind: 'absence', label: 'Absence justifiée' },
    });
    expect(saved.pupils.find((s) => s.studentId === other.studentId)?.status).toBe('absent');
    const ofRoll = (rows: { rollKey: string | null }[]) =>
      rows.filter((e) => e.rollKey?.includes(day));
    expect(ofRoll(await eventsOf(covered.studentId))).toEqual([]);
    expect(ofRoll(await eventsOf(other.studentId))).toHaveLength(1);
    const audit = await auditRows('roll.save');
    expect(JSON.parse(audit.at(-1)!.details)).toMatchObject({ absences: 1, couverts: 1 });
  });

  it('refuses, in French, a roll for a day to come or a day without school, and records nothing', async () => {
    // The app's clock: Monday 25 January 2027.
    const refusal = async (day: string) => {
      const result = await p.dispatch('roll.open', morningOf(day), teacher);
      return !result.ok && result.error.fields?.day;
    };
    expect(await refusal('2027-01-26')).toBe(
      'Jour : l’appel se fait le jour même ou après, pas à l’avance.',
    );
    expect(await refusal('2027-01-24')).toBe(
      'Jour : pas de cours ce jour-là (dimanche, vacances ou fermeture dans les réglages).',
    );
    // A Saturday keeps its morning.
    expect((await p.dispatch('roll.open', morningOf('2027-01-23'), teacher)).ok).toBe(true);
    const pupil = value<RollSheet>(await p.dispatch('roll.open', morningOf('2027-01-25'), teacher))
      .pupils[7]!;
    const saved = await p.dispatch(
      'roll.save',
      { ...morningOf('2027-01-31'), entries: [{ studentId: pupil.studentId, status: 'absent' }] },
      teacher,
    );
    expect(!saved.ok && saved.error.code).toBe('invalid_input');
    expect(
      (await eventsOf(pupil.studentId)).filter((e) => e.rollKey?.includes('2027-01-31')),
    ).toEqual([]);
  });

  it('takes a group’s roll (its pupils from several divisions) for an hour', async () => {
    const ids = (
      (await p.db.manager.query(
        `SELECT id FROM student WHERE division_id IS NOT NULL ORDER BY id LIMIT 3`,
      )) as { id: number }[]
    ).map((r) => r.id);
    await setGroups(p.db, ids, ['LAT1', 'ESP2']);
    const hour = {
      structure: { kind: 'group' as const, code: 'LAT1' },
      day: '2026-11-30',
      slot: { kind: 'hour' as const, from: '14:00', to: '15:00' },
    };
    expect(await p.dispatch('roll.open', hour, teacher)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const sheet = value<RollSheet>(
      await p.dispatch(
        'roll.save',
        { ...hour, entries: [{ studentId: ids[1]!, status: 'absent' }] },
        cpe,
      ),
    );
    expect(sheet.title).toBe('Groupe LAT1');
    expect(sheet.pupils.map((x) => x.studentId).sort()).toEqual([...ids].sort());
    expect(sheet.pupils.find((x) => x.studentId === ids[1])?.status).toBe('absent');
    expect(await eventsOf(ids[1]!)).toMatchObject([
      { kind: 'absence', rollKey: 'group:LAT1|2026-11-30|14:00-15:00' },
    ]);
  });

  it('takes a division’s roll for an hour: its events run over that hour, count one morning half-day, and saving it again corrects them', async () => {
    const day = '2027-01-19';
    const hour = (from: string, to: string) => ({
      structure: { kind: 'division' as const, code: division },
      day,
      slot: { kind: 'hour' as const, from, to },
    });
    const thatDay = async (studentId: number) =>
      (await eventsOf(studentId)).filter((e) => e.rollKey?.includes(day));
    const sheet = value<RollSheet>(await p.dispatch('roll.open', hour('10:00', '11:00'), teacher));
    const [absent, late, excused] = sheet.pupils as [
      RollSheet['pupils'][0],
      RollSheet['pupils'][0],
      RollSheet['pupils'][0],
    ];
    // Excused by the vie scolaire from 9:00 to 11:00 (Paris, UTC+1 in January).
    value(
      await p.dispatch(
        'schoolLife.record',
        {
          studentId: excused.studentId,
          kind: 'absence',
          startsAt: '2027-01-19T08:00:00.000Z',
          endsAt: '2027-01-19T10:00:00.000Z',
          justified: true,
        },
        cpe,
      ),
    );
    const covered = async (from: string, to: string) =>
      value<RollSheet>(await p.dispatch('roll.open', hour(from, to), teacher)).pupils.find(
        (x) => x.studentId === excused.studentId,
      )?.coveredBy;
    expect(await covered('10:00', '11:00')).toEqual({
      kind: 'absence',
      label: 'Absence justifiée',
    });
    expect(await covered('11:00', '12:00')).toBeNull();

    const entries = [
      { studentId: absent.studentId, status: 'absent' as const },
      { studentId: late.studentId, status: 'late' as const, minutes: 7 },
    ];
    value(await p.dispatch('roll.save', { ...hour('10:00', '11:00'), entries }, teacher));
    // Saved again, by someone else: the same rows, corrected, never doubled.
    const again = value<RollSheet>(
      await p.dispatch(
        'roll.save',
        {
          ...hour('10:00', '11:00'),
          entries: [
            { studentId: absent.studentId, status: 'late' as const, minutes: 15 },
            entries[1]!,
          ],
        },
        cpe,
      ),
    );
    expect(again.startsAt).toBe('2027-01-19T09:00:00.000Z');
    expect(again.endsAt).toBe('2027-01-19T10:00:00.000Z');
    expect(await thatDay(absent.studentId)).toEqual([
      { kind: 'lateness', minutes: 15, rollKey: `division:${division}|${day}|10:00-11:00` },
    ]);
    value(await p.dispatch('roll.save', { ...hour('10:00', '11:00'), entries }, teacher));
    const queue = value<SchoolLifeEvent[]>(await p.dispatch('schoolLife.queue', {}, cpe));
    const ofHour = (studentId: number) =>
      queue.filter((e) => e.studentId === studentId && e.startsAt.startsWith(day));
    // « Toute absence sur une demi-journée compte pour une demi-journée »: one morning.
    expect(ofHour(absent.studentId)).toMatchObject([
      {
        kind: 'absence',
        startsAt: '2027-01-19T09:00:00.000Z',
        endsAt: '2027-01-19T10:00:00.000Z',
        halfDays: [{ day, part: 'morning' }],
      },
    ]);
    expect(ofHour(late.studentId)).toMatchObject([
      {
        kind: 'lateness',
        minutes: 7,
        startsAt: '2027-01-19T09:00:00.000Z',
        endsAt: '2027-01-19T09:07:00.000Z',
      },
    ]);
    // Another hour of the same morning is another roll, with its own rows.
    value(
      await p.dispatch('roll.save', { ...hour('11:00', '12:00'), entries: [entries[0]!] }, teacher),
    );
    expect((await thatDay(absent.studentId)).map((e) => e.rollKey)).toEqual([
      `division:${division}|${day}|10:00-11:00`,
      `division:${division}|${day}|11:00-12:00`,
    ]);

    // Processed by the vie scolaire: the hour saved again may not take it back.
    const processed = ofHour(absent.studentId)[0]!;
    await p.db.manager.query('UPDATE school_life_event SET processed = ? WHERE id = ?', [
      true,
      processed.id,
    ]);
    const removed = await p.dispatch(
      'roll.save',
      { ...hour('10:00', '11:00'), entries: [entries[1]!] },
      teacher,
    );
    expect(removed).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await thatDay(absent.studentId)).map((e) => e.kind)).toEqual(['absence', 'absence']);
  });

  it('refuses an hour outside the school day, in French, and records nothing', async () => {
    const early = await p.dispatch(
      'roll.save',
      {
        structure: { kind: 'division', code: division },
        day: '2027-01-20',
        slot: { kind: 'hour', from: '07:00', to: '08:00' },
        entries: [],
      },
      cpe,
    );
    expect(early).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: { 'slot.from': 'Heure de cours : dans la journée, de 8\u00a0h à 18\u00a0h.' },
      },
    });
    expect(await auditRows('roll.save')).not.toContainEqual(
      expect.objectContaining({ details: expect.stringContaining('2027-01-20') }),
    );
  });

  it('refuses a retard without minutes and a pupil from elsewhere, in French, field by field', async () => {
    const sheet = value<RollSheet>(await p.dispatch('roll.open', morningOf('2026-11-25'), teacher));
    const noMinutes = await p.dispatch(
      'roll.save',
      {
        ...morningOf('2026-11-25'),
        entries: [{ studentId: sheet.pupils[0]!.studentId, status: 'late' }],
      },
      teacher,
    );
    expect(noMinutes).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: { 'entries.0.minutes': 'Retard : combien de minutes ?' },
      },
    });
    const other = value<RollSheet>(
      await p.dispatch(
        'roll.open',
        { ...morningOf('2026-11-25'), structure: { kind: 'division', code: otherDivision } },
        cpe,
      ),
    );
    const stranger = await p.dispatch(
      'roll.save',
      {
        ...morningOf('2026-11-25'),
        entries: [{ studentId: other.pupils[0]!.studentId, status: 'absent' }],
      },
      teacher,
    );
    expect(stranger).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await eventsOf(other.pupils[0]!.studentId)).toEqual([]);
  });

  it('shows a pupil on a sortie recorded by the CPE as such, over several days', async () => {
    const sheet = value<RollSheet>(await p.dispatch('roll.open', morningOf('2026-11-26'), cpe));
    const pupil = sheet.pupils[2]!;
    value<SchoolLifeEvent>(
      await p.dispatch(
        'schoolLife.record',
        {
          studentId: pupil.studentId,
          kind: 'outing',
          startsAt: '2026-11-25T07:00:00.000Z',
          endsAt: '2026-11-27T17:00:00.000Z',
          comment: 'Voyage à Rome',
        },
        cpe,
      ),
    );
    const after = value<RollSheet>(await p.dispatch('roll.open', morningOf('2026-11-26'), teacher));
    expect(after.pupils.find((x) => x.studentId === pupil.studentId)?.coveredBy).toEqual({
      kind: 'outing',
      label: 'Sortie / voyage',
    });
    const byTeacher = await p.dispatch(
      'schoolLife.record',
      {
        studentId: pupil.studentId,
        kind: 'absence',
        startsAt: '2026-11-25T07:00:00.000Z',
        endsAt: '2026-11-25T11:00:00.000Z',
      },
      teacher,
    );
    expect(byTeacher).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('events, the CPE’s queue and processing (issue 17 §2–§3)', () => {
  it('« peuvent être assorties du sursis » only the sanctions 3° to 6° of R511-13', async () => {
    const pupil = value<RollSheet>(await p.dispatch('roll.open', morningOf('2026-11-27'), cpe))
      .pupils[3]!;
    const warning = await p.dispatch(
      'schoolLife.record',
      {
        studentId: pupil.studentId,
        kind: 'sanction',
        sanctionKind: 'warning',
        suspended: true,
        startsAt: '2026-11-27T10:00:00.000Z',
        endsAt: '2026-11-27T10:00:00.000Z',
      },
      direction,
    );
    expect(warning).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: {
          suspended:
            'Sursis : pour la mesure de responsabilisation et les exclusions seulement (R511-13).',
        },
      },
    });
    const exclusion = value<SchoolLifeEvent>(
      await p.dispatch(
        'schoolLife.record',
        {
          studentId: pupil.studentId,
          kind: 'sanction',
          sanctionKind: 'temporaryExclusion',
          suspended: true,
          suspendedUntil: '2027-08-31',
          startsAt: '2026-11-27T10:00:00.000Z',
          endsAt: '2026-11-27T10:00:00.000Z',
        },
        direction,
      ),
    );
    expect(exclusion).toMatchObject({
      sanctionKind: 'temporaryExclusion',
      suspended: true,
      suspendedUntil: '2027-08-31',
    });
  });

  it('a sursis carries the day until which it may be revoked, within the bounds of R511-13-1', async () => {
    const pupil = value<RollSheet>(await p.dispatch('roll.open', morningOf('2026-11-27'), cpe))
      .pupils[4]!;
    const countBefore = (await eventsOf(pupil.studentId)).length;
    const exclusion = (suspendedUntil: string | null) =>
      p.dispatch(
        'schoolLife.record',
        {
          studentId: pupil.studentId,
          kind: 'sanction',
          sanctionKind: 'classExclusion',
          suspended: true,
          suspendedUntil,
          startsAt: '2026-11-27T10:00:00.000Z',
          endsAt: '2026-11-27T10:00:00.000Z',
        },
        direction,
      );
    const fieldError = async (until: string | null) => {
      const result = await exclusion(until);
      return !result.ok && result.error.fields?.suspendedUntil;
    };
    expect(await fieldError(null)).toBe('Sursis révocable jusqu’au : quel jour (R511-13-1) ?');
    // « ne peut être inférieure à l’année scolaire en cours »
    expect(await fieldError('2027-06-30')).toBe(
      'Sursis révocable jusqu’au : au moins la fin de l’année scolaire en cours, le 31/08/2027 (R511-13-1).',
    );
    // No longer than the exclusion stays in the record: the end of the second following year.
    expect(await fieldError('2029-09-01')).toBe(
      'Sursis révocable jusqu’au : au plus tard le 31/08/2029, jour où la sanction quitte le dossier (R511-13-1).',
    );
    const without = await p.dispatch(
      'schoolLife.record',
      {
        studentId: pupil.studentId,
        kind: 'sanction',
        sanctionKind: 'classExclusion',
        suspendedUntil: '2027-08-31',
        startsAt: '2026-11-27T10:00:00.000Z',
        endsAt: '2026-11-27T10:00:00.000Z',
      },
      direction,
    );
    expect(!without.ok && without.error.fields?.suspendedUntil).toBe(
      'Sursis révocable jusqu’au : pour une sanction avec sursis seulement.',
    );
    expect(await eventsOf(pupil.studentId)).toHaveLength(countBefore);
    const saved = value<SchoolLifeEvent>(await exclusion('2029-08-31'));
    const queued = value<SchoolLifeEvent[]>(await p.dispatch('schoolLife.queue', {}, cpe));
    expect(queued.find((e) => e.id === saved.id)).toMatchObject({
      suspended: true,
      suspendedUntil: '2029-08-31',
    });
  });

  it('lists unprocessed events oldest first, by division, and one of two CPE at once wins', async () => {
    const all = value<SchoolLifeEvent[]>(await p.dispatch('schoolLife.queue', {}, cpe));
    // « CPE / vie scolaire: vie scolaire events » (SPEC §2): not the secretariat's.
    const refused = await p.dispatch('schoolLife.queue', {}, secretariat);
    expect(!refused.ok && refused.error.code).toBe('forbidden');
    expect(all.length).toBeGreaterThan(2);
    expect(all.map((e) => e.startsAt)).toEqual([...all.map((e) => e.startsAt)].sort());
    const divisionId = (
      (await p.db.manager.query(`SELECT id FROM division WHERE code = '${otherDivision}'`)) as {
        id: number;
      }[]
    )[0]!.id;
    expect(
      value<SchoolLifeEvent[]>(await p.dispatch('schoolLife.queue', { divisionId }, cpe)),
    ).toEqual([]);

    const absence = all.find((e) => e.kind === 'absence')!;
    expect(absence.halfDays).toEqual([{ day: '2026-11-24', part: 'morning' }]);
    const sansMotif = value<Motif[]>(await p.dispatch('motifs.list', {}, cpe)).find(
      (m) => m.label === 'Sans motif',
    )!;
    const processing = (token: string, justified: boolean) =>
      p.dispatch(
        'schoolLife.process',
        {
          id: absence.id,
          version: absence.version,
          motifId: sansMotif.id,
          justified,
          publishableOnline: true,
          // Before the app's clock (Sunday 22 November, 10:00 in Paris): « famille avisée » is
          // never a time to come.
          familyNotifiedAt: '2026-11-22T08:30:00.000Z',
          familyNotifiedBy: 'sms',
        },
        token,
      );
    const results = await Promise.all([processing(cpe, false), processing(cpe2, true)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([
      {
        error: {
          code: 'conflict',
          message:
            'Cet évènement vient d’être modifié par quelqu’un d’autre : rechargez-le avant de le traiter.',
        },
      },
    ]);
    const after = value<SchoolLifeEvent[]>(await p.dispatch('schoolLife.queue', {}, cpe));
    expect(after.find((e) => e.id === absence.id)).toBeUndefined();
    expect(await auditRows('schoolLife.process')).toHaveLength(1);
  });

  it('refuses « famille avisée le » after the app’s clock, in French, and changes nothing', async () => {
    const pupil = value<RollSheet>(await p.dispatch('roll.open', morningOf('2026-12-07'), cpe))
      .pupils[3]!;
    const event = value<SchoolLifeEvent>(
      await p.dispatch(
        'schoolLife.record',
        {
          studentId: pupil.studentId,
          kind: 'absence',
          startsAt: '2026-11-20T07:00:00.000Z',
          endsAt: '2026-11-20T11:00:00.000Z',
        },
        cpe,
      ),
    );
    // The app's clock: Sunday 22 November 2026, 10:00 in Paris.
    p.clock.set(TEST_NOW);
    const processing = (familyNotifiedAt: string) =>
      p.dispatch(
        'schoolLife.process',
        {
          id: event.id,
          version: event.version,
          motifId: null,
          justified: false,
          publishableOnline: false,
          familyNotifiedAt,
          familyNotifiedBy: 'telephone',
        },
        cpe,
      );
    const before = await auditRows('schoolLife.process');
    // The next morning, typed by mistake: the family has not been told yet.
    expect(await processing('2026-11-23T08:00:00.000Z')).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Famille avisée le : la date et l’heure ne peuvent pas être dans le futur.',
      },
    });
    // An hour ahead of the app's clock is refused as well.
    expect(await processing('2026-11-22T10:00:00.000Z')).toMatchObject({ ok: false });
    const unchanged = value<SchoolLifeEvent[]>(await p.dispatch('schoolLife.queue', {}, cpe)).find(
      (e) => e.id === event.id,
    );
    expect(unchanged).toMatchObject({ processed: false, familyNotifiedAt: null, version: 1 });
    expect(await auditRows('schoolLife.process')).toEqual(before);
    // A call made a moment ago is what « famille avisée » records.
    expect(value<SchoolLifeEvent>(await processing('2026-11-22T08:45:00.000Z'))).toMatchObject({
      familyNotifiedAt: '2026-11-22T08:45:00.000Z',
      familyNotifiedBy: 'telephone',
    });
    p.clock.set(LATER);
  });
});

describe('the absentéisme watch (L131-8)', () => {
  it('lists a pupil at the fourth half-day « sans motif légitime ni excuses valables » of the month, not before', async () => {
    const pupil = value<RollSheet>(
      await p.dispatch(
        'roll.open',
        { ...morningOf('2026-12-01'), structure: { kind: 'division', code: otherDivision } },
        cpe,
      ),
    ).pupils[0]!;
    const absent = (start: string, end: string) =>
      p.dispatch(
        'schoolLife.record',
        { studentId: pupil.studentId, kind: 'absence', startsAt: start, endsAt: end },
        cpe,
      );
    const listed = async () =>
      value<AbsenteeismWatchRow[]>(
        await p.dispatch('schoolLife.watch', { month: '2026-12' }, cpe),
      ).find((r) => r.studentId === pupil.studentId);
    // Tuesday 1 December, all day (two half-days), then Wednesday morning: three.
    value(await absent('2026-12-01T07:00:00.000Z', '2026-12-01T16:00:00.000Z'));
    value(await absent('2026-12-02T08:00:00.000Z', '2026-12-02T10:00:00.000Z'));
    expect(await listed()).toBeUndefined();
    // A legitimate, justified motive the same week does not count.
    const illness = value<Motif[]>(await p.dispatch('motifs.list', {}, cpe)).find(
      (m) => m.label === LEGITIMATE_MOTIVES.childIllness,
    )!;
    const excused = value<SchoolLifeEvent>(
      await absent('2026-12-03T08:00:00.000Z', '2026-12-03T10:00:00.000Z'),
    );
    value(
      await p.dispatch(
        'schoolLife.process',
        {
          id: excused.id,
          version: excused.version,
          motifId: illness.id,
          justified: true,
          publishableOnline: true,
        },
        cpe,
      ),
    );
    expect(await listed()).toBeUndefined();
    // The fourth: Friday afternoon.
    value(await absent('2026-12-04T13:30:00.000Z', '2026-12-04T14:30:00.000Z'));
    expect(await listed()).toMatchObject({
      count: 4,
      halfDays: [
        { day: '2026-12-01', part: 'morning' },
        { day: '2026-12-01', part: 'afternoon' },
        { day: '2026-12-02', part: 'morning' },
        { day: '2026-12-04', part: 'afternoon' },
      ],
    });
  });

  it('reads the school’s midday boundary: an absence from 12:15 to 12:45 is a morning at 13:00', async () => {
    const pupil = value<RollSheet>(await p.dispatch('roll.open', morningOf('2026-12-07'), cpe))
      .pupils[5]!;
    const noon = value<SchoolLifeEvent>(
      await p.dispatch(
        'schoolLife.record',
        {
          studentId: pupil.studentId,
          kind: 'absence',
          startsAt: '2026-12-07T11:15:00.000Z',
          endsAt: '2026-12-07T11:45:00.000Z',
        },
        cpe,
      ),
    );
    expect(noon.halfDays).toEqual([{ day: '2026-12-07', part: 'afternoon' }]);
    const bad = await p.dispatch(
      'schoolLife.updateSettings',
      { middayBoundary: '13h', closedPeriods: [] },
      direction,
    );
    expect(bad).toMatchObject({
      ok: false,
      error: { fields: { middayBoundary: 'Heure de midi : une heure, HH:MM.' } },
    });
    value<SchoolLifeSettings>(
      await p.dispatch(
        'schoolLife.updateSettings',
        { middayBoundary: '13:00', closedPeriods: [{ from: '2026-12-19', to: '2027-01-03' }] },
        direction,
      ),
    );
    const queue = value<SchoolLifeEvent[]>(await p.dispatch('schoolLife.queue', {}, cpe));
    expect(queue.find((e) => e.id === noon.id)?.halfDays).toEqual([
      { day: '2026-12-07', part: 'morning' },
    ]);
    expect(value<SchoolLifeSettings>(await p.dispatch('schoolLife.settings', {}, cpe))).toEqual({
      middayBoundary: '13:00',
      closedPeriods: [{ from: '2026-12-19', to: '2027-01-03' }],
    });
  });
});

describe('the roll’s hours and the school’s midday boundary', () => {
  it('with the afternoon at 12:30, « 12 h – 13 h » is cut in two and an absence at one slot counts one half-day', async () => {
    value(
      await p.dispatch(
        'schoolLife.updateSettings',
        { middayBoundary: '12:30', closedPeriods: [] },
        direction,
      ),
    );
    const hours = value<{ from: string; to: string }[]>(
      await p.dispatch('roll.hours', {}, teacher),
    );
    expect(hours.map((h) => `${h.from}-${h.to}`)).toEqual(
      expect.arrayContaining(['11:00-12:00', '12:00-12:30', '12:30-13:00', '13:00-14:00']),
    );
    expect(hours.map((h) => `${h.from}-${h.to}`)).not.toContain('12:00-13:00');
    const day = '2027-01-18';
    const slot = (from: string, to: string) => ({
      structure: { kind: 'division' as const, code: division },
      day,
      slot: { kind: 'hour' as const, from, to },
    });
    const across = await p.dispatch('roll.open', slot('12:00', '13:00'), teacher);
    expect(!across.ok && across.error.code).toBe('invalid_input');
    expect(!across.ok && across.error.message.replace(/\u00a0/g, ' ')).toBe(
      'L’après-midi commence à 12 h 30 dans l’établissement : faites l’appel de 12 h à 12 h 30, puis de 12 h 30 à 13 h.',
    );
    const pupil = value<RollSheet>(await p.dispatch('roll.open', slot('12:00', '12:30'), teacher))
      .pupils[6]!;
    const refused = await p.dispatch(
      'roll.save',
      { ...slot('12:00', '13:00'), entries: [{ studentId: pupil.studentId, status: 'absent' }] },
      teacher,
    );
    expect(refused.ok).toBe(false);
    expect((await eventsOf(pupil.studentId)).filter((e) => e.rollKey?.includes(day))).toEqual([]);
    value(
      await p.dispatch(
        'roll.save',
        { ...slot('12:00', '12:30'), entries: [{ studentId: pupil.studentId, status: 'absent' }] },
        teacher,
      ),
    );
    const queue = value<SchoolLifeEvent[]>(await p.dispatch('schoolLife.queue', {}, cpe));
    expect(
      queue.filter((e) => e.studentId === pupil.studentId && e.startsAt.startsWith(day)),
    ).toMatchObject([{ halfDays: [{ day, part: 'morning' }] }]);
  });
});
