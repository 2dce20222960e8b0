// The family absences page (issue 17 §7) for a pupil with a school year of events: the
// portal's read model (prepared reads scoped by account_student, the publication rule, the
// weeks derived from the events) against the same page's data read in raw SQL on
// better-sqlite3 — the publication flags tested in SQL, the same pure half-day and week rules
// applied after — interleaved in one run so that machine noise hits both alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { preparedReads } from '../main/db/preparedReads';
import { readFamilySchoolLife } from '../main/services/portal/readModels/schoolLife';
import {
  addDays,
  laterDay,
  parisDay,
  parisStartOfDay,
} from '../shared/domain/publication/parisDays';
import { monthWeeks } from '../shared/domain/vieScolaire/weeks';
import { benchSchool } from './benchSchool';
import { fmt, percentile } from './stats';

const ROUNDS = 3000;
const AS_OF = '2027-06-20';
const MONTHS = ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03'];

const dir = mkdtempSync(join(tmpdir(), 'pupitre-bench-'));
const { pupitre, actor } = await benchSchool(dir, { kind: 'demo', students: 300 });
const db = pupitre.db.manager;
await db.query(`UPDATE school SET opened_services = 'vie_scolaire'`);
const [family] = (await db.query(
  `SELECT a.id AS id, x.student_id AS childId FROM family_account a
     JOIN account_student x ON x.account_id = a.id WHERE a.kind = 'guardian' ORDER BY a.id LIMIT 1`,
)) as { id: number; childId: number }[];

// A school year of one pupil's events: an absence or a retard most school days, a punition
// now and then, some not « publiable en ligne » — about 300 rows.
const kinds = ['absence', 'absence', 'lateness', 'absence', 'punishment', 'exemption'];
let day = '2026-09-01';
for (let i = 0; day < AS_OF; i++, day = addDays(day, 1)) {
  if (new Date(`${day}T12:00:00Z`).getUTCDay() % 6 === 0) continue;
  const kind = kinds[i % kinds.length]!;
  const start = new Date(`${day}T07:00:00Z`).toISOString();
  const end = new Date(`${day}T${kind === 'absence' ? '15' : '07'}:00:00Z`).toISOString();
  await db.query(
    `INSERT INTO school_life_event (school_id, student_id, kind, starts_at, ends_at, minutes,
       publishable_online, processed, recorded_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    [
      actor.schoolId,
      family!.childId,
      kind,
      start,
      end,
      kind === 'lateness' ? 10 : null,
      i % 7 === 0 ? 0 : 1,
      i % 5 === 0 ? 0 : 1,
      start,
    ],
  );
}
const [{ n }] = (await db.query(
  `SELECT COUNT(*) AS n FROM school_life_event WHERE student_id = ?`,
  [family!.childId],
)) as [{ n: number }];

const raw = new BetterSqlite3(join(dir, 'pupitre.sqlite'), { readonly: true });
const statement = raw.prepare(`
  SELECT e.id, e.kind, e.starts_at AS startsAt, e.ends_at AS endsAt, e.processed
    FROM account_student x
    JOIN student s ON s.id = x.student_id
    JOIN school_life_event e ON e.student_id = s.id AND e.school_id = s.school_id
   WHERE x.account_id = ? AND s.id = ? AND e.starts_at >= ? AND e.starts_at < ?
     AND ((e.kind IN ('absence', 'lateness', 'punishment', 'preventionMeasure') AND e.publishable_online = 1)
       OR (e.kind = 'sanction' AND e.family_notified_at IS NOT NULL))`);

function rawPage(month: string) {
  const rows = statement.all(
    family!.id,
    family!.childId,
    parisStartOfDay(addDays(`${month}-01`, -62)).toISOString(),
    parisStartOfDay(
      laterDay(AS_OF, addDays(`${month}-01`, 38)) === AS_OF ? addDays(`${month}-01`, 38) : AS_OF,
    ).toISOString(),
  ) as { id: number; kind: string; startsAt: string; endsAt: string; processed: number }[];
  const weeks = monthWeeks(
    month,
    rows
      .filter((r) => r.kind === 'absence')
      .map((r) => ({ start: r.startsAt, end: r.endsAt, processed: r.processed === 1 })),
  );
  return { weeks, events: rows.filter((r) => parisDay(r.startsAt).startsWith(month)) };
}

const reads = preparedReads(pupitre.db.dataSource);
const modelTimes: number[] = [];
const rawTimes: number[] = [];
for (let i = 0; i < ROUNDS + 200; i++) {
  const month = MONTHS[i % MONTHS.length]!;
  const t0 = performance.now();
  const view = await readFamilySchoolLife(reads, {
    accountId: family!.id,
    childId: family!.childId,
    month,
    asOf: AS_OF,
    viewer: 'parent',
    mayJustify: true,
  });
  const t1 = performance.now();
  const bare = rawPage(month);
  const t2 = performance.now();
  if (
    JSON.stringify(view.weeks) !== JSON.stringify(bare.weeks) ||
    view.events.length !== bare.events.length
  ) {
    throw new Error(`Pages différentes pour ${month}`);
  }
  if (i >= 200) {
    // The first 200 rounds warm the JIT and SQLite's page cache.
    modelTimes.push(t1 - t0);
    rawTimes.push(t2 - t1);
  }
}

const p50m = percentile(modelTimes, 50);
const p50r = percentile(rawTimes, 50);
console.log(`family absences page — one pupil, ${n} events over a school year, ${ROUNDS} rounds`);
console.log(`  read model : p50 ${fmt(p50m)}  p95 ${fmt(percentile(modelTimes, 95))}`);
console.log(`  raw SQL    : p50 ${fmt(p50r)}  p95 ${fmt(percentile(rawTimes, 95))}`);
const ratio = p50m / p50r;
console.log(
  `target family absences page within ×2 of raw SQL (p50): ×${ratio.toFixed(2)} (goal ≤ ×2) → ${ratio <= 2 ? 'met' : 'missed'}`,
);

raw.close();
await pupitre.close();
rmSync(dir, { recursive: true, force: true });
