// Issue 16 §8: the grades' costs, each next to the same work in raw SQL on better-sqlite3 in
// the same run (interleaved: each side first every other round or division, so that machine
// noise hits both alike; both on synchronous = NORMAL, as the app), on a 2,000-pupil school
// with ten subjects in every division:
//   1. a 35-pupil grid saved cell by cell through the real marks.save service path;
//   2. the same grid as one paste (marks.saveColumn);
//   3. the averages of the whole school for a term (reportCards.averages, division by
//      division: subject averages, class figures and general average of every pupil).
// Both sides run the same transactions (one a cell, one a column) and the same averages
// engine; they differ only in the data access. The family notes page (the fourth figure of
// §8) is measured with that page, not here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { startPupitre } from '../main/bootstrap';
import { fixedClock } from '../main/services/clock';
import type { StaffActor } from '../main/services/context';
import { createScryptHasher } from '../main/services/secrets';
import { defaultPeriods } from '../shared/domain/periods';
import { rawDivisionAverages, rawSaveCell, rawSaveColumn, type RawActor } from './gradesRaw';

const STUDENTS = 2000;
const GRID = 35;
const SUBJECTS = 10;
const ASSESSMENTS_PER_SERVICE = 4;
const WRITE_ROUNDS = 12;
// Rounds first run to warm both sides (the JIT, the statement caches), not counted.
const WARM_UP_ROUNDS = 2;
const AVERAGE_ROUNDS = 3;
const GOAL = 2;
// 22 November: inside the first trimestre, whose entry is still open for its teachers.
const NOW = '2026-11-22T09:00:00.000Z';

const dir = mkdtempSync(join(tmpdir(), 'pupitre-bench-grades-'));
const pupitre = await startPupitre({
  dataDir: dir,
  adminPassword: 'Bench2026x',
  hasher: createScryptHasher({ N: 1024, r: 8, p: 1 }),
  demoStudentCount: STUDENTS,
  clock: fixedClock(NOW),
});
const created = await pupitre.services.setup.createSchool({ kind: 'demo' });
const schoolId = created.school.id;
const q = <T>(sql: string, params: unknown[] = []) =>
  pupitre.db.manager.query(sql, params) as Promise<T>;
const directionId = (
  await q<{ id: number }[]>(
    `SELECT id FROM staff_user WHERE school_id = ? AND role = 'direction' LIMIT 1`,
    [schoolId],
  )
)[0]!.id;
const actorOf = (userId: number, role: StaffActor['role']): StaffActor => ({
  sessionId: 0,
  userId,
  schoolId,
  role,
  login: `bench-${userId}`,
  displayName: 'Bench',
  mustChangePassword: false,
});
const direction = actorOf(directionId, 'direction');

// The school's trimestres, ten subjects, a teacher each, a service for every division.
const { year } = await pupitre.services.periods.list(direction);
const { periods } = await pupitre.services.periods.update(direction, {
  level: '',
  kind: 'trimestres',
  periods: defaultPeriods('trimestres', year!).map(
    ({ startsOn, endsOn, closesOn, publishesOn }) => ({
      startsOn,
      endsOn,
      closesOn,
      publishesOn,
    }),
  ),
});
const t1 = periods.find((p) => p.level === '' && p.code === 'T1')!;
const teachers: number[] = [];
for (let i = 0; i < SUBJECTS; i++) {
  await q(
    `INSERT INTO subject (school_id, code, management_code, short_label, long_label)
     VALUES (?, ?, ?, ?, ?)`,
    [schoolId, `0100${10 + i}`, `MAT${i}`, `MATIERE ${i}`, `MATIÈRE NUMÉRO ${i}`],
  );
  const user = await pupitre.services.users.create(direction, {
    login: `prof-${i}`,
    displayName: `Professeur ${i}`,
    role: 'teacher',
  });
  teachers.push(user.user.id);
}
const divisions = await q<{ id: number; code: string; pupils: number }[]>(
  `SELECT d.id, d.code, COUNT(s.id) AS pupils FROM division d
     LEFT JOIN student s ON s.division_id = d.id AND s.left_on IS NULL
    WHERE d.school_id = ? GROUP BY d.id, d.code ORDER BY COUNT(s.id) DESC, d.code`,
  [schoolId],
);
// The grid's class: the largest division, brought to exactly 35 pupils.
const gridDivision = divisions[0]!;
if (gridDivision.pupils < GRID) {
  await q(
    `UPDATE student SET division_id = ? WHERE id IN (
       SELECT id FROM student WHERE school_id = ? AND left_on IS NULL AND division_id <> ?
       ORDER BY id LIMIT ?)`,
    [gridDivision.id, schoolId, gridDivision.id, GRID - gridDivision.pupils],
  );
} else if (gridDivision.pupils > GRID) {
  await q(
    `UPDATE student SET division_id = ? WHERE id IN (
       SELECT id FROM student WHERE division_id = ? AND left_on IS NULL ORDER BY id LIMIT ?)`,
    [divisions[1]!.id, gridDivision.id, gridDivision.pupils - GRID],
  );
}
const subjects = await q<{ id: number }[]>(
  'SELECT id FROM subject WHERE school_id = ? ORDER BY code',
  [schoolId],
);
for (const division of divisions) {
  for (const [i, subject] of subjects.entries()) {
    await q(
      `INSERT INTO teaching_service (school_id, subject_id, structure_kind, structure_code,
         group_divisions, staff_user_id, source, created_at)
       VALUES (?, ?, 'division', ?, '', ?, 'manual', ?)`,
      [schoolId, subject.id, division.code, teachers[i], NOW],
    );
  }
}

// A term's marks for the whole school, written in one raw transaction (setup, not timed).
const raw = new BetterSqlite3(join(dir, 'pupitre.sqlite'));
raw.pragma('journal_mode = WAL');
raw.pragma('busy_timeout = 5000');
raw.pragma('foreign_keys = ON');
// As the app opens its database (main/db/database.ts): the same durability on both sides, or
// the baseline would pay an fsync at every commit that the service does not.
raw.pragma('synchronous = NORMAL');
const services = raw
  .prepare(
    `SELECT ts.id, d.id AS divisionId FROM teaching_service ts
       JOIN division d ON d.code = ts.structure_code AND d.school_id = ts.school_id
      WHERE ts.school_id = ?`,
  )
  .all(schoolId) as { id: number; divisionId: number }[];
const pupilsOf = raw.prepare(
  'SELECT id FROM student WHERE division_id = ? AND left_on IS NULL ORDER BY id',
);
const insertAssessment = raw.prepare(
  `INSERT INTO assessment (school_id, teaching_service_id, period_id, label, day, scale_hundredths,
     coefficient_hundredths, optional, publishes_on, created_by, created_at, updated_by, updated_at, version)
   VALUES (?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, ?, 1)`,
);
const insertMark = raw.prepare(
  `INSERT INTO mark (school_id, assessment_id, student_id, points, special, updated_by, updated_at,
     modified_after_publication_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 1)`,
);
let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
let markCount = 0;
raw.transaction(() => {
  for (const service of services) {
    const pupils = pupilsOf.all(service.divisionId) as { id: number }[];
    for (let k = 0; k < ASSESSMENTS_PER_SERVICE; k++) {
      const scale = k === 1 ? 1000 : 2000;
      const { lastInsertRowid } = insertAssessment.run(
        schoolId,
        service.id,
        t1.id,
        `DS ${k + 1}`,
        `2026-10-0${k + 1}`,
        scale,
        k === 2 ? 200 : 100,
        directionId,
        NOW,
        directionId,
        NOW,
      );
      for (const pupil of pupils) {
        const absent = random() < 0.04;
        insertMark.run(
          schoolId,
          lastInsertRowid,
          pupil.id,
          absent ? null : Math.round((random() * scale) / 25) * 25,
          absent ? 'abs' : null,
          directionId,
          NOW,
        );
        markCount++;
      }
    }
  }
})();
raw.exec('ANALYZE');

const gridService = (
  raw
    .prepare(
      `SELECT ts.id FROM teaching_service ts WHERE ts.school_id = ? AND ts.structure_code = ?
        ORDER BY ts.id LIMIT 1`,
    )
    .get(schoolId, gridDivision.code) as { id: number }
).id;
const gridTeacher = actorOf(teachers[0]!, 'teacher');
const rawTeacher: RawActor = { schoolId, userId: teachers[0]!, now: NOW };
const gridPupils = (pupilsOf.all(gridDivision.id) as { id: number }[]).map((p) => p.id);
const marksOf = (round: number) =>
  gridPupils.map((_, i) => ['12,5', '8', 'abs', '17,25', '0', '20'][(i + round) % 6]!);

async function freshAssessment(label: string): Promise<number> {
  const a = await pupitre.services.assessments.create(gridTeacher, {
    serviceId: gridService,
    periodId: t1.id,
    label,
    day: '2026-11-20',
    scale: 2000,
    coefficient: 100,
    optional: false,
    publishesOn: null,
  });
  return a.id;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const targets: { name: string; service: number; raw: number }[] = [];

console.log(
  `Grades on a ${STUDENTS}-pupil school: ${divisions.length} divisions × ${SUBJECTS} subjects, ${markCount} marks in ${t1.label}; grid of ${gridPupils.length} pupils (${gridDivision.code})`,
);

// 1 and 2. A grid of 35 cells on fresh assessments (every cell a new mark), round after round;
// the first WARM_UP_ROUNDS warm both sides and are not counted.
const cellService: number[] = [];
const cellRaw: number[] = [];
const pasteService: number[] = [];
const pasteRaw: number[] = [];
for (let round = 0; round < WARM_UP_ROUNDS + WRITE_ROUNDS; round++) {
  const texts = marksOf(round);
  const [a, b, c, d] = [
    await freshAssessment(`Cellules ${round}`),
    await freshAssessment(`Cellules brut ${round}`),
    await freshAssessment(`Colonne ${round}`),
    await freshAssessment(`Colonne brut ${round}`),
  ];
  const timed = async (work: () => unknown) => {
    const t = performance.now();
    await work();
    return performance.now() - t;
  };
  const serviceCells = () =>
    timed(async () => {
      for (const [i, studentId] of gridPupils.entries()) {
        const result = await pupitre.services.markSaving.save(gridTeacher, {
          assessmentId: a,
          studentId,
          text: texts[i]!,
          version: 0,
        });
        if (result.status !== 'saved') throw new Error('bench: a cell went stale');
      }
    });
  const rawCells = () =>
    timed(() => {
      for (const [i, studentId] of gridPupils.entries())
        rawSaveCell(raw, rawTeacher, b, studentId, texts[i]!);
    });
  const servicePaste = () =>
    timed(() =>
      pupitre.services.markSaving.saveColumn(gridTeacher, {
        assessmentId: c,
        cells: gridPupils.map((studentId, i) => ({ studentId, text: texts[i]!, version: 0 })),
      }),
    );
  const rawPaste = () =>
    timed(() =>
      rawSaveColumn(
        raw,
        rawTeacher,
        d,
        gridPupils.map((studentId, i) => ({ studentId, text: texts[i]! })),
      ),
    );
  // Each side goes first every other round: what one side's writes leave to the disk and the
  // caches (a checkpoint, a flush) falls on the other side as often as on this one.
  const serviceFirst = round % 2 === 0;
  let cellS: number, cellR: number, pasteS: number, pasteR: number;
  if (serviceFirst) {
    cellS = await serviceCells();
    cellR = await rawCells();
    pasteS = await servicePaste();
    pasteR = await rawPaste();
  } else {
    cellR = await rawCells();
    cellS = await serviceCells();
    pasteR = await rawPaste();
    pasteS = await servicePaste();
  }
  if (round >= WARM_UP_ROUNDS) {
    cellService.push(cellS);
    cellRaw.push(cellR);
    pasteService.push(pasteS);
    pasteRaw.push(pasteR);
  }
}
// Both sides wrote the same marks.
const written = raw
  .prepare(
    `SELECT a.label LIKE '%brut%' AS isRaw, COUNT(*) AS n, SUM(m.points) AS points FROM mark m
       JOIN assessment a ON a.id = m.assessment_id
      WHERE a.label LIKE 'Cellules%' OR a.label LIKE 'Colonne%' GROUP BY isRaw`,
  )
  .all() as { isRaw: number; n: number; points: number }[];
if (
  written.length !== 2 ||
  written[0]!.n !== written[1]!.n ||
  written[0]!.points !== written[1]!.points
) {
  throw new Error(`bench: service and raw wrote different marks: ${JSON.stringify(written)}`);
}
console.log(
  `\n1. A ${GRID}-pupil grid saved cell by cell (marks.save, one transaction a cell), median of ${WRITE_ROUNDS}:`,
);
console.log(`  service : ${ms(median(cellService))}  (${ms(median(cellService) / GRID)} a cell)`);
console.log(`  raw SQL : ${ms(median(cellRaw))}  (${ms(median(cellRaw) / GRID)} a cell)`);
targets.push({ name: 'grid-cell-by-cell', service: median(cellService), raw: median(cellRaw) });
console.log(
  `\n2. The same grid as one paste (marks.saveColumn, one transaction), median of ${WRITE_ROUNDS}:`,
);
console.log(`  service : ${ms(median(pasteService))}`);
console.log(`  raw SQL : ${ms(median(pasteRaw))}`);
targets.push({ name: 'grid-paste', service: median(pasteService), raw: median(pasteRaw) });

// Of a cell's time, what the transaction queue and TypeORM's transaction cost alone (the
// context, the pupil and the write are prepared statements: markWriteStatements.ts).
const probe = async (work: () => Promise<unknown>) => {
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return median(times);
};
const emptyMs = await probe(() => pupitre.db.transaction((m) => m.query('SELECT 1')));
console.log(
  `  of a cell's ${ms(median(cellService) / GRID)}: an empty transaction through the queue ${(emptyMs * 1000).toFixed(0)} µs`,
);

// 3. Every division's averages for the term, the whole school, round after round.
const averagesService: number[] = [];
const averagesRaw: number[] = [];
let checksum = { service: 0, raw: 0 };
for (let round = 0; round <= AVERAGE_ROUNDS; round++) {
  let s = 0;
  let r = 0;
  let pupilsService = 0;
  let sumService = 0;
  let pupilsRaw = 0;
  let sumRaw = 0;
  const serviceDivision = async (division: (typeof divisions)[number]) => {
    const t = performance.now();
    const { pupils } = await pupitre.services.reportCards.averages(direction, {
      periodId: t1.id,
      divisionId: division.id,
    });
    s += performance.now() - t;
    pupilsService += pupils.length;
    for (const p of pupils) sumService += p.general.hundredths ?? 0;
  };
  const rawDivision = (division: (typeof divisions)[number]) => {
    const t = performance.now();
    const pupils = rawDivisionAverages(raw, { schoolId, today: NOW.slice(0, 10) }, division, t1.id);
    r += performance.now() - t;
    pupilsRaw += pupils.length;
    for (const p of pupils) sumRaw += p.general.hundredths ?? 0;
  };
  // Division by division, each side first every other time: the machine's noise (other
  // processes, collections) falls on both sides alike.
  for (const [k, division] of divisions.entries()) {
    if (k % 2 === 0) {
      await serviceDivision(division);
      rawDivision(division);
    } else {
      rawDivision(division);
      await serviceDivision(division);
    }
  }
  if (pupilsService !== pupilsRaw || sumService !== sumRaw) {
    throw new Error(
      `bench: averages differ (${pupilsService}/${sumService} vs ${pupilsRaw}/${sumRaw})`,
    );
  }
  checksum = { service: pupilsService, raw: sumRaw };
  if (round > 0) {
    averagesService.push(s);
    averagesRaw.push(r);
  }
}
console.log(
  `\n3. Averages of the whole school for ${t1.label} (${checksum.service} pupils, ${divisions.length} divisions; same general averages both sides), median of ${AVERAGE_ROUNDS}:`,
);
console.log(
  `  service : ${ms(median(averagesService))}  (${averagesService.map((x) => x.toFixed(0)).join(', ')} ms)`,
);
console.log(
  `  raw SQL : ${ms(median(averagesRaw))}  (${averagesRaw.map((x) => x.toFixed(0)).join(', ')} ms)`,
);
targets.push({
  name: 'school-averages',
  service: median(averagesService),
  raw: median(averagesRaw),
});

console.log('');
for (const target of targets) {
  const ratio = target.service / target.raw;
  console.log(
    `target ${target.name}: ×${ratio.toFixed(2)} (goal ≤ ×${GOAL} of raw) → ${ratio <= GOAL ? 'met' : 'missed'}`,
  );
}

raw.close();
await pupitre.close();
rmSync(dir, { recursive: true, force: true });
