// The SIECLE import bench's baseline: the rows the import writes for a first import into an
// empty school, written with raw better-sqlite3 prepared statements into Pupitre's own
// tables (made by its migrations, with their foreign keys and indexes), in one transaction.
// No ORM, no comparison with what the school holds: the least the database must do.
import type { Database as Sqlite } from 'better-sqlite3';
import type { SiecleFile } from '../main/services/siecle/types';
import { foldForSearch } from '../shared/domain/normalize';
import { baseIdentifiant, uniqueIdentifiant } from '../shared/domain/identifiant';
import { hasLeft } from '../shared/domain/leaving';
import { parisDate } from '../main/services/calendar';
import {
  addressFromSiecle,
  civilityFromSiecle,
  countryCodeFromSiecle,
  countryFromCode,
  levelFromFormation,
  levelFromMef,
  regimeFromCode,
  relationshipFromCode,
  sexFromCode,
} from '../main/services/import/siecleMapping';
import { marksAfter } from '../main/services/import/exportDates';

type Id = number | bigint;

/** The import's lists of nomenclature labels (plan.ts), for the same label rows. */
const LABEL_LISTS = ['REGIMES', 'LIENS_PARENTE', 'PROFESSIONS'];

/** Rows written per table, to check both sides did the same work. */
export type TableCounts = Record<string, number>;

export function countRows(db: Sqlite): TableCounts {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]),
  );
}

/**
 * Writes the files' rows into the school; returns the pupils, guardians, links, accounts and
 * accesses written (the rows the import's counts name, for the same rows per second).
 */
export function insertSiecleRaw(
  db: Sqlite,
  files: SiecleFile[],
  school: { id: number; yearId: number; label: string },
  uploads: { name: string; bytes: number }[],
): number {
  const eleves = files.find((f) => f.kind === 'eleves')!;
  const responsables = files.find((f) => f.kind === 'responsables')!;
  const nomenclature = files.find((f) => f.kind === 'nomenclature');
  const nowIso = new Date().toISOString();
  const today = parisDate(new Date(nowIso));
  const run = (sql: string) => db.prepare(sql);
  const insertAudit = run(
    "INSERT INTO audit_log (school_id, at, actor_id, actor_label, action, target_type, target_id, target_label, details) VALUES (?, ?, 1, 'Bench (bench)', ?, 'school', ?, ?, ?)",
  );
  const insertLabel = run(
    'INSERT INTO nomenclature_label (school_id, list, code, label) VALUES (?, ?, ?, ?)',
  );
  const insertDivision = run(
    'INSERT INTO division (school_id, school_year_id, code, label, level) VALUES (?, ?, ?, ?, ?)',
  );
  const insertStudent = run(
    `INSERT INTO student (school_id, siecle_id, ine, last_name, first_name, first_name2, first_name3, sex, birth_date, birth_commune, birth_department, birth_country, division_id, regime, address_line1, address_line2, address_postal_code, address_city, address_country, address_same_as_guardian1, phone_home, phone_mobile, email, left_on, search_last, search_first, created_at, updated_at, regime_code, mef_code, groups, address_country_code)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertGuardian = run(
    `INSERT INTO guardian (school_id, siecle_id, civility, last_name, first_name, profession, address_line1, address_line2, address_postal_code, address_city, address_country, shares_address, phone_home, phone_work, phone_mobile, accepts_sms, email, search_last, search_first, created_at, updated_at, profession_code, address_country_code)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertLink = run(
    'INSERT INTO student_guardian (school_id, student_id, guardian_id, relationship, legal_rank, responsibility_level) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertAccount = run(
    `INSERT INTO family_account (school_id, kind, login, password_hash, password_version, state, email, email_confirmed, no_email, guardian_id, student_id, display_name, search_name, created_at, updated_at, birth_date_misses)
     VALUES (?, ?, ?, NULL, 0, 'not_notified', '', 0, 0, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const insertAccess = run(
    "INSERT INTO account_student (account_id, student_id, source, created_at) VALUES (?, ?, 'siecle', ?)",
  );
  const insertMark = run(
    'INSERT INTO siecle_export_mark (school_id, kind, export_date, exported_at, file_name, applied_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  let rows = 0;
  const audit = (action: string, label: string, details: object) => {
    insertAudit.run(school.id, nowIso, action, String(school.id), label, JSON.stringify(details));
  };

  db.transaction(() => {
    for (const u of uploads) audit('import.upload', u.name, { fichier: u.name, taille: u.bytes });
    audit('import.preview', school.label, { fichiers: uploads.map((u) => u.name) });
    if (nomenclature) {
      const lists: [string, Map<string, string>][] = [
        ['MEFS', new Map([...nomenclature.mefs].map(([code, m]) => [code, m.label]))],
        ['MATIERES', nomenclature.subjects],
        ['DIVISIONS', nomenclature.divisions],
        ...LABEL_LISTS.flatMap((name): [string, Map<string, string>][] => {
          const list = nomenclature.codeLists.get(name);
          return list ? [[name, list]] : [];
        }),
      ];
      for (const [list, entries] of lists)
        for (const [code, label] of entries) {
          insertLabel.run(school.id, list, code, label);
        }
    }

    // Divisions: each first division code once, its level from its first pupil's MEF.
    const mefOf = new Map(eleves.students.map((s) => [s.eleveId, s.mefCode]));
    const divisions = new Map<string, Id>();
    for (const [eleveId, structure] of eleves.structures) {
      const code = structure.divisions[0];
      if (!code || divisions.has(code)) continue;
      const mef = mefOf.get(eleveId) ?? '';
      const formation = nomenclature?.mefs.get(mef)?.formation;
      const level = (formation && levelFromFormation(formation)) || levelFromMef(mef) || '';
      const label = nomenclature?.divisions.get(code) ?? code;
      divisions.set(
        code,
        insertDivision.run(school.id, school.yearId, code, label, level).lastInsertRowid,
      );
    }

    // Légal 1 and 2: the first two level-1 links of each pupil, in file order.
    const ranks = new Map<string, number>();
    const legalCount = new Map<string, number>();
    const legal1Address = new Map<string, string>();
    const personAddress = new Map(responsables.persons.map((p) => [p.personneId, p.addressId]));
    for (const l of responsables.links) {
      if (l.responsibilityLevel !== '1') continue;
      const rank = (legalCount.get(l.eleveId) ?? 0) + 1;
      legalCount.set(l.eleveId, rank);
      if (rank <= 2) ranks.set(`${l.eleveId}|${l.personneId}`, rank);
      if (rank === 1) legal1Address.set(l.eleveId, personAddress.get(l.personneId) ?? '');
    }

    const students = new Map<string, Id>();
    const present = new Set<string>();
    for (const s of eleves.students) {
      const structure = eleves.structures.get(s.eleveId);
      const division = structure?.divisions[0];
      const found = s.addressId ? eleves.addresses.get(s.addressId) : undefined;
      const a = found
        ? addressFromSiecle(found)
        : { line1: '', line2: '', postalCode: '', city: '', country: '' };
      const regimeLabel = nomenclature?.codeLists.get('REGIMES')?.get(s.regimeCode);
      if (!hasLeft(s.leftDate, today)) present.add(s.eleveId);
      students.set(
        s.eleveId,
        insertStudent.run(
          school.id,
          s.eleveId,
          s.ine,
          s.lastName,
          s.firstName,
          s.firstName2,
          s.firstName3,
          sexFromCode(s.sexCode) ?? 'M',
          s.birthDate,
          s.birthCity,
          s.birthDepartment,
          countryFromCode(s.countryCode),
          division ? divisions.get(division)! : null,
          regimeFromCode(s.regimeCode, regimeLabel) ?? 'externe',
          a.line1,
          a.line2,
          a.postalCode,
          a.city,
          a.country,
          found && legal1Address.get(s.eleveId) === s.addressId ? 1 : 0,
          s.phoneHome,
          s.phoneMobile,
          s.email,
          s.leftDate,
          foldForSearch(s.lastName),
          foldForSearch(s.firstName),
          nowIso,
          nowIso,
          s.regimeCode,
          s.mefCode,
          (structure?.groups ?? []).join(','),
          found ? countryCodeFromSiecle(found) : '',
        ).lastInsertRowid,
      );
      rows++;
    }

    const professions = nomenclature?.codeLists.get('PROFESSIONS');
    const guardians = new Map<string, Id>();
    for (const p of responsables.persons) {
      const found = p.addressId ? responsables.addresses.get(p.addressId) : undefined;
      const a = found
        ? addressFromSiecle(found)
        : { line1: '', line2: '', postalCode: '', city: '', country: '' };
      guardians.set(
        p.personneId,
        insertGuardian.run(
          school.id,
          p.personneId,
          civilityFromSiecle(p.civility),
          p.lastName,
          p.firstName,
          professions?.get(p.professionCode) ?? '',
          a.line1,
          a.line2,
          a.postalCode,
          a.city,
          a.country,
          p.sharesAddress ? 1 : 0,
          p.phoneHome,
          p.phoneWork,
          p.phoneMobile,
          p.acceptsSms ? 1 : 0,
          p.email,
          foldForSearch(p.lastName),
          foldForSearch(p.firstName),
          nowIso,
          nowIso,
          p.professionCode,
          found ? countryCodeFromSiecle(found) : '',
        ).lastInsertRowid,
      );
      rows++;
    }
    for (const l of responsables.links) {
      const level = ['1', '2', '3'].includes(l.responsibilityLevel)
        ? Number(l.responsibilityLevel)
        : 3;
      insertLink.run(
        school.id,
        students.get(l.eleveId)!,
        guardians.get(l.personneId)!,
        relationshipFromCode(l.relationshipCode) ?? '90',
        ranks.get(`${l.eleveId}|${l.personneId}`) ?? null,
        level,
      );
      rows++;
    }

    // Family accounts as provisioning gives them: one per pupil present, then one per legal
    // guardian of a pupil present covering those pupils, identifiants given in that order.
    const taken = new Set<string>();
    const account = (
      kind: 'student' | 'guardian',
      names: { firstName: string; lastName: string },
      ids: { guardianId: Id | null; studentId: Id | null },
      displayName: string,
      searched: string,
    ) => {
      const base = baseIdentifiant(names.firstName, names.lastName);
      const login = uniqueIdentifiant(base, (c) => taken.has(c));
      taken.add(login);
      rows++;
      return insertAccount.run(
        school.id,
        kind,
        login,
        ids.guardianId,
        ids.studentId,
        displayName,
        foldForSearch(`${searched} ${login}`).slice(0, 300),
        nowIso,
        nowIso,
      ).lastInsertRowid;
    };
    for (const s of eleves.students) {
      if (!present.has(s.eleveId)) continue;
      const studentId = students.get(s.eleveId)!;
      const name = `${s.lastName.toUpperCase()} ${s.firstName}`;
      const id = account('student', s, { guardianId: null, studentId }, name, name);
      insertAccess.run(id, studentId, nowIso);
      rows++;
    }
    const children = new Map<string, Set<string>>();
    for (const l of responsables.links) {
      if (l.responsibilityLevel !== '1' || !present.has(l.eleveId)) continue;
      const set = children.get(l.personneId) ?? new Set<string>();
      set.add(l.eleveId);
      children.set(l.personneId, set);
    }
    for (const p of responsables.persons) {
      const pupils = children.get(p.personneId);
      if (!pupils) continue;
      const name = `${p.lastName.toUpperCase()} ${p.firstName}`;
      const displayName = [civilityFromSiecle(p.civility), name].filter(Boolean).join(' ');
      const ids = { guardianId: guardians.get(p.personneId)!, studentId: null };
      const id = account('guardian', p, ids, displayName, name);
      for (const eleveId of pupils) {
        insertAccess.run(id, students.get(eleveId)!, nowIso);
        rows++;
      }
    }

    for (const m of marksAfter(files)) {
      insertMark.run(school.id, m.kind, m.exportDate, m.exportedAt, m.fileName, nowIso);
    }
    audit('import.siecle', school.label, { fichiers: uploads.map((u) => u.name), lignes: rows });
  })();
  return rows;
}
