// Searching students by name prefix on a 2,000-student school: the service layer
// (TypeORM query builder, school scoping, mapping) against the same query in raw SQL on
// better-sqlite3, interleaved in one run so that machine noise hits both alike. Both narrow
// in SQL on the spaceless names, then keep the rows whose words the query starts (issue 12:
// apostrophes and spaces folded both ways).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { foldForSearch, matchesAllTokens, searchTokens } from '../shared/domain/normalize';
import { benchSchool } from './benchSchool';
import { fmt, percentile } from './stats';

const STUDENTS = 2000;
const ROUNDS = 3000;

const dir = mkdtempSync(join(tmpdir(), 'pupitre-bench-'));
const { pupitre, actor } = await benchSchool(dir, { kind: 'demo', students: STUDENTS });

const raw = new BetterSqlite3(join(dir, 'pupitre.sqlite'), { readonly: true });
const statement = raw.prepare(`
  SELECT s.id, s.ine, s.last_name AS lastName, s.first_name AS firstName, s.birth_date AS birthDate,
         s.division_id AS divisionId, d.code AS divisionCode, s.left_on AS leftOn,
         (SELECT group_concat(g.last_name || ' ' || g.first_name, '|') FROM student_guardian sg
            JOIN guardian g ON g.id = sg.guardian_id WHERE sg.student_id = s.id) AS guardians
  FROM student s LEFT JOIN division d ON d.id = s.division_id
  WHERE s.school_id = ? AND s.left_on IS NULL
    AND (REPLACE(s.search_last || s.search_first, ' ', '') LIKE ?
         OR s.ine LIKE ?
         OR s.id IN (SELECT sg.student_id FROM student_guardian sg JOIN guardian g ON g.id = sg.guardian_id
                     WHERE g.school_id = ? AND REPLACE(g.search_last || g.search_first, ' ', '') LIKE ?))
  ORDER BY s.search_last, s.search_first, s.id`);

interface RawRow {
  lastName: string;
  firstName: string;
  ine: string;
  guardians: string | null;
}

function rawSearch(prefix: string): RawRow[] {
  const tokens = searchTokens(prefix);
  const rows = statement.all(
    actor.schoolId,
    `%${prefix}%`,
    `${prefix.toUpperCase()}%`,
    actor.schoolId,
    `%${prefix}%`,
  ) as RawRow[];
  return rows
    .filter(
      (r) =>
        matchesAllTokens(tokens, `${r.lastName} ${r.firstName} ${r.ine}`) ||
        (r.guardians ?? '').split('|').some((name) => matchesAllTokens(tokens, name)),
    )
    .slice(0, 500);
}

const names: { last_name: string }[] = raw.prepare('SELECT last_name FROM student').all() as {
  last_name: string;
}[];
const prefixes = [...new Set(names.map((n) => foldForSearch(n.last_name).slice(0, 3)))].filter(
  (p) => /^[a-z]{3}$/.test(p),
);

const serviceTimes: number[] = [];
const rawTimes: number[] = [];
let serviceRows = 0;
let rawRows = 0;
for (let i = 0; i < ROUNDS + 200; i++) {
  const prefix = prefixes[i % prefixes.length]!;
  const t0 = performance.now();
  const viaService = await pupitre.services.students.search(actor, {
    query: prefix,
    withoutDivision: false,
    includeLeft: false,
    limit: 500,
  });
  const t1 = performance.now();
  const viaRaw = rawSearch(prefix);
  const t2 = performance.now();
  if (viaService.items.length !== viaRaw.length) {
    throw new Error(
      `Résultats différents pour « ${prefix} » : ${viaService.items.length} ≠ ${viaRaw.length}`,
    );
  }
  if (i >= 200) {
    // The first 200 rounds warm the JIT and SQLite's page cache.
    serviceTimes.push(t1 - t0);
    rawTimes.push(t2 - t1);
    serviceRows += viaService.items.length;
    rawRows += viaRaw.length;
  }
}

const p50s = percentile(serviceTimes, 50);
const p50r = percentile(rawTimes, 50);
console.log(
  `student search by name prefix — ${STUDENTS} students, ${prefixes.length} prefixes, ${ROUNDS} rounds`,
);
console.log(
  `  service layer : p50 ${fmt(p50s)}  p95 ${fmt(percentile(serviceTimes, 95))}  (${(serviceRows / ROUNDS).toFixed(1)} rows/query)`,
);
console.log(
  `  raw SQL       : p50 ${fmt(p50r)}  p95 ${fmt(percentile(rawTimes, 95))}  (${(rawRows / ROUNDS).toFixed(1)} rows/query)`,
);
console.log(
  `  ratio service/raw : p50 ×${(p50s / p50r).toFixed(2)}  p95 ×${(percentile(serviceTimes, 95) / percentile(rawTimes, 95)).toFixed(2)}`,
);

raw.close();
await pupitre.close();
rmSync(dir, { recursive: true, force: true });
