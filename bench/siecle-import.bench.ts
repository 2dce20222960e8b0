// Importing a whole school's SIECLE exports (2,000 students, 3,500 guardians) through the
// real import service — preview, then apply in one transaction — against a baseline that
// parses the same files with the same reader and inserts the rows with raw better-sqlite3
// in one transaction, no ORM and no comparison. Each side runs in its own process so that
// its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { generateDemoSchool } from '../main/services/demo/generateDemoSchool';
import { readSiecleExport } from '../main/services/siecle';
import type { SiecleFile } from '../main/services/siecle/types';
import { writeSiecleExports } from '../test/helpers/siecleWriter';
import { foldForSearch } from '../shared/domain/normalize';
import { benchSchool } from './benchSchool';

const STUDENTS = 2000;
const GUARDIANS = 3500;
const FILES = ['eleves.xml', 'responsables.xml', 'nomenclature.xml'];

interface Figures {
  seconds: number;
  rows: number;
  peakRssMb: number;
}

/** The demo school at 2,000 students, topped up with contact persons to 3,500 guardians. */
function writeFiles(dir: string) {
  const seed = generateDemoSchool({ seed: 7, studentCount: STUDENTS });
  for (let i = 0; seed.guardians.length < GUARDIANS; i++) {
    const student = seed.students[(i * 7) % seed.students.length]!;
    const template = seed.guardians[i % seed.guardians.length]!;
    seed.guardians.push({ ...template, key: `PX${i}`, firstName: `${template.firstName}-${i}` });
    seed.links.push({
      studentKey: student.key,
      guardianKey: `PX${i}`,
      relationship: '38',
      legalRank: null,
      responsibilityLevel: 3,
    });
  }
  const e = writeSiecleExports(seed);
  writeFileSync(join(dir, FILES[0]!), e.eleves);
  writeFileSync(join(dir, FILES[1]!), e.responsables);
  writeFileSync(join(dir, FILES[2]!), e.nomenclature);
  return {
    uai: seed.school.uai,
    students: seed.students.length,
    guardians: seed.guardians.length,
    links: seed.links.length,
  };
}

async function runOurs(dir: string, uai: string): Promise<Figures> {
  rmSync(join(dir, 'ours'), { recursive: true, force: true });
  const { pupitre, actor } = await benchSchool(join(dir, 'ours'), { kind: 'empty', uai });
  const started = performance.now();
  const uploads = [];
  for (const name of FILES) {
    uploads.push(
      await pupitre.services.imports.receive(actor, name, createReadStream(join(dir, name))),
    );
  }
  const preview = await pupitre.services.imports.preview(
    actor,
    uploads.map((u) => u.uploadId),
  );
  if (!preview.canApply)
    throw new Error(`Aperçu bloqué : ${preview.problems.map((p) => p.message).join(' | ')}`);
  const result = await pupitre.services.imports.apply(actor, preview.previewId);
  const seconds = (performance.now() - started) / 1000;
  await pupitre.close();
  const rows =
    (result.counts.élèvesAjoutés ?? 0) +
    (result.counts.responsablesAjoutés ?? 0) +
    (result.counts.liensAjoutés ?? 0);
  return { seconds, rows, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

async function runBaseline(dir: string): Promise<Figures> {
  const started = performance.now();
  const files: SiecleFile[] = [];
  for (const name of FILES) files.push(...(await readSiecleExport(name, join(dir, name))));
  for (const suffix of ['', '-wal', '-shm'])
    rmSync(join(dir, `baseline.sqlite${suffix}`), { force: true });
  const db = new BetterSqlite3(join(dir, 'baseline.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE student (id INTEGER PRIMARY KEY, siecle_id TEXT, ine TEXT, last_name TEXT, first_name TEXT, birth_date TEXT, division TEXT, search_last TEXT, search_first TEXT);
           CREATE TABLE guardian (id INTEGER PRIMARY KEY, siecle_id TEXT, last_name TEXT, first_name TEXT, email TEXT, phone_mobile TEXT, search_last TEXT);
           CREATE TABLE student_guardian (id INTEGER PRIMARY KEY, student_id INTEGER, guardian_id INTEGER, relationship TEXT, level INTEGER);`);
  let rows = 0;
  db.transaction(() => {
    const students = new Map<string, number | bigint>();
    const guardians = new Map<string, number | bigint>();
    const insertStudent = db.prepare(
      'INSERT INTO student (siecle_id, ine, last_name, first_name, birth_date, division, search_last, search_first) VALUES (?,?,?,?,?,?,?,?)',
    );
    const insertGuardian = db.prepare(
      'INSERT INTO guardian (siecle_id, last_name, first_name, email, phone_mobile, search_last) VALUES (?,?,?,?,?,?)',
    );
    const insertLink = db.prepare(
      'INSERT INTO student_guardian (student_id, guardian_id, relationship, level) VALUES (?,?,?,?)',
    );
    for (const f of files) {
      if (f.kind !== 'eleves') continue;
      for (const s of f.students) {
        const division = f.structures.get(s.eleveId)?.divisions[0] ?? null;
        students.set(
          s.eleveId,
          insertStudent.run(
            s.eleveId,
            s.ine,
            s.lastName,
            s.firstName,
            s.birthDate,
            division,
            foldForSearch(s.lastName),
            foldForSearch(s.firstName),
          ).lastInsertRowid,
        );
        rows++;
      }
    }
    for (const f of files) {
      if (f.kind !== 'responsables') continue;
      for (const p of f.persons) {
        guardians.set(
          p.personneId,
          insertGuardian.run(
            p.personneId,
            p.lastName,
            p.firstName,
            p.email,
            p.phoneMobile,
            foldForSearch(p.lastName),
          ).lastInsertRowid,
        );
        rows++;
      }
      for (const l of f.links) {
        insertLink.run(
          students.get(l.eleveId) ?? null,
          guardians.get(l.personneId) ?? null,
          l.relationshipCode,
          Number(l.responsibilityLevel),
        );
        rows++;
      }
    }
  })();
  db.close();
  return {
    seconds: (performance.now() - started) / 1000,
    rows,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

const [mode, dirArg, uaiArg] = process.argv.slice(2);
if (mode === 'ours' || mode === 'baseline') {
  const figures = mode === 'ours' ? await runOurs(dirArg!, uaiArg!) : await runBaseline(dirArg!);
  process.stdout.write(JSON.stringify(figures));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'pupitre-bench-import-'));
  const counts = writeFiles(dir);
  const self = fileURLToPath(import.meta.url);
  const run = (which: string): Figures => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', self, which, dir, counts.uai], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`${which} : ${child.stderr}`);
    return JSON.parse(child.stdout) as Figures;
  };
  // Alternated runs, medians: a shared machine's noise then falls on both sides alike.
  const ROUNDS = 3;
  const baselines: Figures[] = [];
  const ourRuns: Figures[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    baselines.push(run('baseline'));
    ourRuns.push(run('ours'));
  }
  const median = (runs: Figures[]): Figures => {
    const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
    const middle = sorted[Math.floor(sorted.length / 2)]!;
    return { ...middle, peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) };
  };
  const baseline = median(baselines);
  const ours = median(ourRuns);
  const line = (name: string, f: Figures) =>
    `  ${name.padEnd(28)} ${f.seconds.toFixed(2)} s  ${Math.round(f.rows / f.seconds).toLocaleString('fr-FR')} lignes/s  pic RSS ${Math.round(f.peakRssMb)} Mo`;
  console.log(
    `SIECLE import, médiane de 3 essais alternés — ${counts.students} élèves, ${counts.guardians} responsables, ${counts.links} liens (3 fichiers ISO-8859-15)`,
  );
  console.log(line('Pupitre (aperçu + application)', ours));
  console.log(line('base : lecture + SQL brut', baseline));
  console.log(
    `  rapport Pupitre/base : ×${(ours.seconds / baseline.seconds).toFixed(2)} (objectif ≤ ×2), pic RSS Pupitre ${Math.round(ours.peakRssMb)} Mo (objectif < 300 Mo)`,
  );
  rmSync(dir, { recursive: true, force: true });
}
