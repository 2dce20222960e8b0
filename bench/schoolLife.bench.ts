// Issue 17 §7, in one run: (a) the morning roll of a whole 2,000-pupil school (80 divisions of
// 25) saved through the real roll.save service, next to the same transactions in raw SQL on
// better-sqlite3 (the same reads before and after, the same inserts, the audit line);
// (b) the monthly absentéisme watch (L131-8) over 2,000 pupils × a school year of events, next
// to one raw SQL read feeding the same pure half-day rule. Rounds are interleaved so that
// machine noise hits both alike. (The family page has its own bench: schoolLifePage.bench.ts.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import type { StaffActor } from '../main/services/context';
import { addDays, parisStartOfDay } from '../shared/domain/publication/parisDays';
import { absenteeismWatch } from '../shared/domain/vieScolaire/absenteeism';
import { DEFAULT_HALF_DAY_SETTINGS } from '../shared/domain/vieScolaire/halfDays';
import { rollKey, rollSpan } from '../shared/domain/vieScolaire/rollSlots';
import { benchSchool } from './benchSchool';
import { fmt, percentile } from './stats';

const PUPILS = 2000;
const DIVISIONS = 80;
const ROLL_ROUNDS = 6;
const WATCH_ROUNDS = 12;
const WATCH_MONTH = '2026-10';

const dir = mkdtempSync(join(tmpdir(), 'pupitre-bench-'));
const { pupitre, actor: secretariat } = await benchSchool(dir, {
  kind: 'demo',
  students: PUPILS,
});
const actor: StaffActor = { ...secretariat, role: 'cpe' };
const file = join(dir, 'pupitre.sqlite');
const raw = new BetterSqlite3(file);
raw.pragma('journal_mode = WAL');
raw.pragma('busy_timeout = 5000');
raw.pragma('synchronous = NORMAL'); // as main/db/database.ts opens it

// 80 divisions of 25: the demo opens classes of up to 30, so the pupils are dealt again.
const year = raw
  .prepare(`SELECT id FROM school_year WHERE school_id = ? AND is_current = 1`)
  .get(actor.schoolId) as { id: number };
const levels = ['6e', '5e', '4e', '3e'];
const divisionIds: number[] = [];
raw.transaction(() => {
  raw.prepare(`UPDATE student SET division_id = NULL WHERE school_id = ?`).run(actor.schoolId);
  raw.prepare(`DELETE FROM division WHERE school_id = ?`).run(actor.schoolId);
  const insert = raw.prepare(
    `INSERT INTO division (school_id, school_year_id, code, label, level) VALUES (?, ?, ?, ?, ?)`,
  );
  for (let d = 0; d < DIVISIONS; d++) {
    const level = levels[d % 4]!;
    const code = `${level[0]}B${String(Math.floor(d / 4) + 1).padStart(2, '0')}`;
    divisionIds.push(
      Number(insert.run(actor.schoolId, year.id, code, `${level} ${code}`, level).lastInsertRowid),
    );
  }
  const ids = raw
    .prepare(`SELECT id FROM student WHERE school_id = ? ORDER BY id LIMIT ?`)
    .all(actor.schoolId, PUPILS) as { id: number }[];
  const place = raw.prepare(`UPDATE student SET division_id = ?, left_on = NULL WHERE id = ?`);
  ids.forEach((s, i) => place.run(divisionIds[i % DIVISIONS], s.id));
})();
const divisions = raw
  .prepare(`SELECT id, code FROM division WHERE school_id = ? ORDER BY id`)
  .all(actor.schoolId) as { id: number; code: string }[];
const pupilsOf = raw.prepare(
  `SELECT id FROM student WHERE school_id = ? AND division_id = ? AND (left_on IS NULL OR left_on > ?)
    ORDER BY search_last, search_first, id`,
);
const sizes = divisions.map((d) => pupilsOf.all(actor.schoolId, d.id, '2027-01-01').length);

// ---- (a) the morning roll -------------------------------------------------------------
/** A morning's roll: about one pupil in ten absent, one late, as a school day goes. */
function entriesOf(studentIds: number[], round: number) {
  return studentIds
    .filter((_, i) => (i + round) % 10 === 0 || (i + round) % 25 === 3)
    .map((studentId, i) =>
      i % 3 === 2
        ? { studentId, status: 'late' as const, minutes: 10 }
        : { studentId, status: 'absent' as const },
    );
}

const rawRoll = {
  settings: raw.prepare(
    `SELECT midday_boundary, closed_periods FROM school_life_setting WHERE school_id = ?`,
  ),
  year: raw.prepare(`SELECT id FROM school_year WHERE school_id = ? AND is_current = 1`),
  divisions: raw.prepare(`SELECT id, code FROM division WHERE school_year_id = ? AND code = ?`),
  previous: raw.prepare(`SELECT * FROM school_life_event WHERE school_id = ? AND roll_key = ?`),
  insert:
    raw.prepare(`INSERT INTO school_life_event (school_id, student_id, kind, starts_at, ends_at,
      minutes, motif_id, justified, publishable_online, family_notified_at, family_notified_by,
      sanction_kind, suspended, comment, roll_key, recorded_by, recorded_at, processed, version)
    VALUES (?, ?, ?, ?, ?, ?, NULL, 0, 0, NULL, NULL, NULL, 0, '', ?, ?, ?, 0, 1)`),
  audit:
    raw.prepare(`INSERT INTO audit_log (school_id, at, actor_id, actor_label, action, target_type,
      target_id, target_label, details) VALUES (?, ?, ?, ?, 'roll.save', 'roll', ?, ?, ?)`),
  pupils:
    raw.prepare(`SELECT id, last_name, first_name, division_id FROM student WHERE school_id = ? AND division_id = ?
      AND (left_on IS NULL OR left_on > ?) ORDER BY search_last, search_first, id`),
  overlapping: raw.prepare(`SELECT * FROM school_life_event WHERE school_id = ? AND student_id IN
      (SELECT value FROM json_each(?)) AND starts_at < ? AND ends_at > ? ORDER BY id`),
  // The pupils an excused absence already covers: the service records no second absence.
  excused: raw.prepare(`SELECT student_id, starts_at, ends_at, roll_key FROM school_life_event
    WHERE school_id = ? AND kind = 'absence' AND justified = 1 AND student_id IN
      (SELECT value FROM json_each(?)) AND starts_at < ? AND ends_at > ?`),
};

/** One division's roll in raw SQL, in the transaction the service runs. */
const rawSave = raw.transaction(
  (code: string, day: string, entries: ReturnType<typeof entriesOf>) => {
    rawRoll.settings.get(actor.schoolId);
    const span = rollSpan(day, { kind: 'halfDay', part: 'afternoon' }, '12:00');
    const key = rollKey({ kind: 'division', code }, day, { kind: 'halfDay', part: 'afternoon' });
    const { id: yearId } = rawRoll.year.get(actor.schoolId) as { id: number };
    const division = rawRoll.divisions.get(yearId, code) as { id: number; code: string };
    const pupils = rawRoll.pupils.all(actor.schoolId, division.id, day) as { id: number }[];
    // (The service reads the pupils' names and division only; so does this.)
    const inRoll = new Set(pupils.map((p) => p.id));
    if (entries.some((e) => !inRoll.has(e.studentId))) throw new Error('hors liste');
    rawRoll.excused.all(
      actor.schoolId,
      JSON.stringify(pupils.map((p) => p.id)),
      span.end.toISOString(),
      span.start.toISOString(),
    );
    rawRoll.previous.all(actor.schoolId, key);
    const now = new Date().toISOString();
    const start = span.start.toISOString();
    for (const e of entries) {
      const late = e.status === 'late';
      const end = late
        ? new Date(span.start.getTime() + (e.minutes ?? 0) * 60_000).toISOString()
        : span.end.toISOString();
      rawRoll.insert.run(
        actor.schoolId,
        e.studentId,
        late ? 'lateness' : 'absence',
        start,
        end,
        late ? (e.minutes ?? 0) : null,
        key,
        actor.userId,
        now,
      );
    }
    rawRoll.audit.run(
      actor.schoolId,
      now,
      actor.userId,
      'Bench (bench)',
      code,
      `Division ${code}`,
      JSON.stringify({ appel: key, absences: entries.length }),
    );
    // The sheet sent back: the pupils read above and what covers them.
    return rawRoll.overlapping.all(
      actor.schoolId,
      JSON.stringify(pupils.map((p) => p.id)),
      span.end.toISOString(),
      start,
    ).length;
  },
);

const serviceRoll: number[] = [];
const rawRollTimes: number[] = [];
const serviceDivision: number[] = [];
const rawDivision: number[] = [];
let rowsPerRoll = 0;
// School days of October 2026, one a round (days gone by: a roll is refused for a day to come). Division by division, the service saves the
// morning roll and raw SQL the afternoon's (another roll key, the same work), so that the
// machine's noise (2 cores shared) hits both alike.
let day = '2026-10-05';
for (let round = 0; round < ROLL_ROUNDS + 2; round++) {
  while ([0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay())) day = addDays(day, 1);
  let rows = 0;
  let serviceTotal = 0;
  let rawTotal = 0;
  for (const d of divisions) {
    const ids = (pupilsOf.all(actor.schoolId, d.id, day) as { id: number }[]).map((p) => p.id);
    const entries = entriesOf(ids, round);
    rows += entries.length;
    const t0 = performance.now();
    await pupitre.services.roll.save(actor, {
      structure: { kind: 'division', code: d.code },
      day,
      slot: { kind: 'halfDay', part: 'morning' },
      entries,
    });
    const t1 = performance.now();
    rawSave(d.code, day, entries);
    const t2 = performance.now();
    serviceTotal += t1 - t0;
    rawTotal += t2 - t1;
    if (round >= 2) {
      serviceDivision.push(t1 - t0);
      rawDivision.push(t2 - t1);
    }
  }
  if (round >= 2) {
    // Two warm-up rounds.
    serviceRoll.push(serviceTotal);
    rawRollTimes.push(rawTotal);
  }
  rowsPerRoll = rows;
  day = addDays(day, 1);
}

// ---- (b) the monthly watch -------------------------------------------------------------
// A school year of events for every pupil: absences of a half-day, a day or several days,
// retards, some processed and justified with a legitimate motive; a few pupils absent often.
const motifs = raw
  .prepare(`SELECT id, legitimate FROM motif WHERE school_id = ?`)
  .all(actor.schoolId) as { id: number; legitimate: number }[];
const legitimateMotif = motifs.find((m) => m.legitimate === 1)?.id ?? null;
const otherMotif = motifs.find((m) => m.legitimate === 0)?.id ?? null;
const students = raw
  .prepare(`SELECT id FROM student WHERE school_id = ? AND division_id IS NOT NULL ORDER BY id`)
  .all(actor.schoolId) as { id: number }[];
const insertEvent = raw.prepare(`INSERT INTO school_life_event (school_id, student_id, kind,
    starts_at, ends_at, minutes, motif_id, justified, publishable_online, processed, recorded_at,
    version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 1)`);
let seed = 17;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
raw.transaction(() => {
  for (const [i, s] of students.entries()) {
    const often = i % 20 === 0;
    for (let d = '2026-09-01'; d < '2027-07-04'; d = addDays(d, 1)) {
      if ([0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay())) continue;
      if (random() > (often ? 0.12 : 0.04)) continue;
      const kind = random() < 0.25 ? 'lateness' : 'absence';
      const length = kind === 'absence' && random() < 0.15 ? Math.floor(random() * 3) : 0;
      const afternoon = random() < 0.4;
      const start = parisStartOfDay(d).getTime() + (afternoon ? 13 : 8) * 3_600_000;
      const end =
        kind === 'lateness'
          ? start + 10 * 60_000
          : parisStartOfDay(addDays(d, length)).getTime() + (afternoon ? 17 : 12) * 3_600_000;
      const processed = random() < 0.7;
      const justified = processed && random() < 0.6;
      insertEvent.run(
        actor.schoolId,
        s.id,
        kind,
        new Date(start).toISOString(),
        new Date(end).toISOString(),
        kind === 'lateness' ? 10 : null,
        justified ? (random() < 0.7 ? legitimateMotif : otherMotif) : null,
        justified ? 1 : 0,
        processed ? 1 : 0,
        new Date(start).toISOString(),
      );
    }
  }
})();
const eventCount = (
  raw.prepare(`SELECT COUNT(*) AS n FROM school_life_event`).get() as { n: number }
).n;

const watchStatement = raw.prepare(`
  SELECT e.student_id AS studentId, e.starts_at AS startsAt, e.ends_at AS endsAt,
         (e.processed = 1 AND e.justified = 1 AND m.legitimate = 1) AS legitimate,
         s.last_name AS lastName, s.first_name AS firstName, d.code AS divisionCode,
         r.reported_on AS reportedOn
    FROM school_life_event e
    JOIN student s ON s.id = e.student_id
    LEFT JOIN division d ON d.id = s.division_id
    LEFT JOIN motif m ON m.id = e.motif_id
    LEFT JOIN absenteeism_report r
      ON r.school_id = e.school_id AND r.student_id = e.student_id AND r.month = ?
   WHERE e.school_id = ? AND e.kind = 'absence' AND e.starts_at < ? AND e.ends_at >= ?`);

function rawWatch(month: string) {
  const rows = watchStatement.all(
    month,
    actor.schoolId,
    parisStartOfDay(addDays(`${month}-01`, 31).slice(0, 7) + '-01').toISOString(),
    parisStartOfDay(`${month}-01`).toISOString(),
  ) as {
    studentId: number;
    startsAt: string;
    endsAt: string;
    legitimate: number | null;
    lastName: string;
    firstName: string;
    divisionCode: string | null;
    reportedOn: string | null;
  }[];
  const byStudent = new Map<number, { rows: typeof rows }>();
  for (const r of rows) {
    const entry = byStudent.get(r.studentId) ?? { rows: [] };
    entry.rows.push(r);
    byStudent.set(r.studentId, entry);
  }
  return absenteeismWatch(
    [...byStudent].map(([studentId, { rows: own }]) => ({
      studentId,
      absences: own.map((r) => ({
        start: r.startsAt,
        end: r.endsAt,
        legitimateMotive: r.legitimate === 1,
      })),
    })),
    month,
    DEFAULT_HALF_DAY_SETTINGS,
  ).map((f) => {
    const first = byStudent.get(f.studentId)!.rows[0]!;
    return {
      studentId: f.studentId,
      // As the staff window writes a pupil (« DUPONT Léa »), with the CPE's « signalé le ».
      studentName: `${first.lastName.toLocaleUpperCase('fr-FR')} ${first.firstName}`,
      divisionCode: first.divisionCode ?? '',
      halfDays: f.halfDays,
      count: f.count,
      reportedOn: first.reportedOn,
    };
  });
}

const serviceWatch: number[] = [];
const rawWatchTimes: number[] = [];
let listed = 0;
for (let round = 0; round < WATCH_ROUNDS + 2; round++) {
  const t0 = performance.now();
  const fromService = await pupitre.services.absenteeism.watch(actor, WATCH_MONTH);
  const t1 = performance.now();
  const fromRaw = rawWatch(WATCH_MONTH);
  const t2 = performance.now();
  if (JSON.stringify(fromService) !== JSON.stringify(fromRaw)) {
    throw new Error('La veille du service et celle du SQL brut diffèrent.');
  }
  listed = fromService.length;
  if (round >= 2) {
    serviceWatch.push(t1 - t0);
    rawWatchTimes.push(t2 - t1);
  }
}

// ---- figures -------------------------------------------------------------------------
const target = (name: string, measured: number, bare: number) => {
  const ratio = measured / bare;
  console.log(
    `target ${name}: ×${ratio.toFixed(2)} of raw (${fmt(measured)} vs ${fmt(bare)}) (goal ≤ ×2 of raw) → ${ratio <= 2 ? 'met' : 'missed'}`,
  );
};
const rollService = percentile(serviceRoll, 50);
const rollRaw = percentile(rawRollTimes, 50);
console.log(
  `morning roll — ${divisions.length} divisions (${Math.min(...sizes)}–${Math.max(...sizes)} pupils), ` +
    `${rowsPerRoll} absences and retards saved, ${ROLL_ROUNDS} rounds each`,
);
const divisionService = percentile(serviceDivision, 50);
const divisionRaw = percentile(rawDivision, 50);
console.log(
  `  roll.save service : whole school p50 ${fmt(rollService)}; a division p50 ${fmt(divisionService)}  p95 ${fmt(percentile(serviceDivision, 95))}`,
);
console.log(
  `  raw SQL           : whole school p50 ${fmt(rollRaw)}; a division p50 ${fmt(divisionRaw)}  p95 ${fmt(percentile(rawDivision, 95))}`,
);
const watchService = percentile(serviceWatch, 50);
const watchRaw = percentile(rawWatchTimes, 50);
console.log(
  `absentéisme watch ${WATCH_MONTH} — ${students.length} pupils, ${eventCount} events over the year, ` +
    `${listed} pupils listed, ${WATCH_ROUNDS} rounds`,
);
console.log(
  `  schoolLife.watch : p50 ${fmt(watchService)}  p95 ${fmt(percentile(serviceWatch, 95))}`,
);
console.log(`  raw SQL          : p50 ${fmt(watchRaw)}  p95 ${fmt(percentile(rawWatchTimes, 95))}`);
target('morning roll of the school saved (p50 of whole rolls)', rollService, rollRaw);
target('one division’s roll saved (p50)', divisionService, divisionRaw);
target('monthly watch (p50)', watchService, watchRaw);

raw.close();
await pupitre.close();
rmSync(dir, { recursive: true, force: true });
