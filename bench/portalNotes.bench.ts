// The family « Notes » page with 300 marks (issue 16 §8): the read model the portal and the
// staff preview call (prepared reads, publication decided per mark, averages and their
// explanations on exact fractions), next to the same reads in raw SQL on better-sqlite3 with
// nothing done to their rows, in turns in the same run; and the page's rendering. Prints
// figures and its target (met or missed); never fails on timing.
// First: React reads NODE_ENV when it is loaded (productionMode.ts), as the portal process does.
import '../main/http/portal/productionMode';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startPupitre } from '../main/bootstrap';
import { renderPage } from '../main/http/portal/render';
import { sqliteSql, type ReadQuery } from '../main/db/preparedReads';
import { fixedClock } from '../main/services/clock';
import * as reads from '../main/services/portal/readModels/notesReads';
import { NotesPage } from '../renderer/portal/pages/NotesPage';
import { seedNotesSchool, SUBJECTS, type Devoir } from '../test/helpers/notesSchool';
import { TEST_NOW, testHasher } from '../test/helpers/pupitre';
import { percentile } from './stats';

const MARKS = 300;
const ROUNDS = 5;
const PER_ROUND = 200;
const TODAY = '2026-11-22';

const dir = mkdtempSync(join(tmpdir(), 'pupitre-bench-notes-'));
const clock = fixedClock(TEST_NOW);
const p = await startPupitre({
  dataDir: dir,
  clock,
  hasher: testHasher,
  adminPassword: 'Direction2026',
  demoStudentCount: 300,
  manualMail: true,
});
await p.services.setup.createSchool({ kind: 'demo' });

// 300 devoirs of the first trimestre over four subjects, each marked for the child and six
// classmates (marks, Abs, a barème /10 and a coefficient now and then).
const devoirs: Devoir[] = Array.from({ length: MARKS }, (_, i) => ({
  subject: SUBJECTS[i % SUBJECTS.length]!.code,
  label: `Devoir ${i + 1}`,
  day: `2026-${String(9 + Math.floor(i / 110)).padStart(2, '0')}-${String(1 + (i % 20)).padStart(2, '0')}`,
  ...(i % 7 === 0 ? { scale: '10' } : {}),
  ...(i % 5 === 0 ? { coefficient: '2' } : {}),
  child: i % 23 === 0 ? 'Abs' : String(1 + (i % 10)),
  classmates: ['6', '8,5', '5', 'Abs', '7', '9'],
}));
const s = await seedNotesSchool(p, clock, devoirs);
const options = { child: s.childId, period: s.t1 };

const connection = (
  p.db.dataSource.driver as unknown as {
    databaseConnection: { prepare(sql: string): { all(...v: unknown[]): unknown[] } };
  }
).databaseConnection;
const raw = (query: ReadQuery) => {
  const { sql, order } = sqliteSql(query.sql);
  const statement = connection.prepare(sql);
  return (values: unknown[]) => statement.all(...order.map((i) => values[i]));
};
const children = raw(reads.NOTES_CHILDREN);
const childReads = [
  reads.NOTES_PERIODS,
  reads.NOTES_SERVICES,
  reads.NOTES_MARKS,
  reads.NOTES_COEFFICIENTS,
].map(raw);
const figures = raw(reads.NOTES_CLASS_FIGURES);
const rawPage = () => {
  children([s.guardian.id]);
  for (const read of childReads) read([s.guardian.id, s.childId]);
  // The page's instant too: without it the figures' `entered_at <= $4` matches nothing.
  figures([s.guardian.id, s.childId, s.t1, new Date(TEST_NOW).toISOString()]);
};

const model = () => p.portal.services.notes(s.guardian.id, TODAY, options);
const view = await model();
const shown = view.subjects.reduce((n, x) => n + x.marks.length, 0);

async function timed(work: () => unknown, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return times;
}

// Warmed up (not counted), then in turns so that the machine's noise falls on both.
await timed(model, 50);
await timed(rawPage, 50);
const modelTimes: number[] = [];
const rawTimes: number[] = [];
const renderTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  rawTimes.push(...(await timed(rawPage, PER_ROUND)));
  modelTimes.push(...(await timed(model, PER_ROUND)));
  renderTimes.push(
    ...(await timed(() => renderPage('Notes', NotesPage, { view, csrf: 'x' }), PER_ROUND / 4)),
  );
}
await p.close();
rmSync(dir, { recursive: true, force: true });

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const figure = (name: string, times: number[]) =>
  console.log(
    `${name}: mean ${mean(times).toFixed(2)} ms, p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms (${times.length} runs)`,
  );
console.log(
  `notes page of one child: ${MARKS} marks in the period (${shown} shown), ${view.subjects.length} subjects, 7 marks a devoir for the class figures`,
);
figure('read model (readFamilyNotes)', modelTimes);
figure('raw SQL, same reads, rows untouched', rawTimes);
figure('page rendering (renderToStaticMarkup)', renderTimes);
const ratio = mean(modelTimes) / mean(rawTimes);
console.log(
  `target notes read model within ×2 of raw SQL: ×${ratio.toFixed(2)} (goal ≤ ×2) → ${ratio <= 2 ? 'met' : 'missed'}`,
);
