// The académie's schools: 600 pupils and 1,000 guardians each, written either through the
// SIECLE import (the school being measured) or through the product's own school writer and
// account sync (the 49 others: the very rows and family accounts an import leaves, written
// in about a second a school instead of three).
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Pupitre } from '../../main/bootstrap';
import type { StaffActor } from '../../main/services/context';
import { syncAccounts } from '../../main/services/accounts/provisioning';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import type { SchoolSeed } from '../../main/services/school/schoolSeed';
import { writeNewSchool } from '../../main/services/school/schoolWriter';
import { writeSiecleExports } from '../../test/helpers/siecleWriter';

export const PUPILS = 600;
export const GUARDIANS = 1000;
const FILES = ['eleves.xml', 'responsables.xml', 'nomenclature.xml'] as const;

/** A UAI of the académie, distinct for each school number (7 digits and a letter). */
export const uaiOf = (n: number) => `09${String(n).padStart(5, '0')}X`;

/**
 * The demo collège of `seedNumber` at 600 pupils, topped up with contact persons (no legal
 * responsibility, hence no account) to 1,000 guardians, as bench/siecle-import.bench.ts
 * tops up its school.
 */
export function schoolOfSize(seedNumber: number, uai: string): SchoolSeed {
  const seed = generateDemoSchool({ seed: seedNumber, studentCount: PUPILS });
  seed.school.uai = uai;
  seed.school.name = `Collège ${uai}`;
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
  return seed;
}

/** The school itself, without its pupils: what « établissement vide » creates. */
export function emptyOf(seed: SchoolSeed): SchoolSeed {
  return { ...seed, divisions: [], students: [], guardians: [], links: [] };
}

/** Writes the three SIECLE exports of `seed` into `dir`. */
export function writeSiecleFiles(dir: string, seed: SchoolSeed): void {
  const e = writeSiecleExports(seed);
  writeFileSync(join(dir, FILES[0]), e.eleves);
  writeFileSync(join(dir, FILES[1]), e.responsables);
  writeFileSync(join(dir, FILES[2]), e.nomenclature);
}

/** Upload, preview and apply, as the secretariat does; returns the seconds it took. */
export async function importSiecle(
  pupitre: Pupitre,
  actor: StaffActor,
  dir: string,
): Promise<number> {
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
  await pupitre.services.imports.apply(actor, preview.previewId);
  return (performance.now() - started) / 1000;
}

/** A new school in the database, with its pupils or without; returns its id. */
export async function addSchool(pupitre: Pupitre, seed: SchoolSeed): Promise<number> {
  const nowIso = new Date().toISOString();
  return pupitre.db.transaction(async (m) => {
    const id = await writeNewSchool(m, seed, nowIso);
    await syncAccounts(m, id, nowIso);
    return id;
  });
}

/**
 * Every guardian account has confirmed its e-mail once, as in a year under way: the used
 * confirmation links stay in account_token (the portal keeps them), one per family.
 */
export async function confirmedEmails(pupitre: Pupitre): Promise<void> {
  await pupitre.db.manager.query(
    `INSERT INTO account_token
       (account_id, purpose, token_hash, email, created_at, expires_at, used_at, reference)
     SELECT id, 'confirm_email', encode(sha256(convert_to('bench-' || id, 'UTF8')), 'hex'),
            login || '@example.fr', '2026-09-10T08:00:00.000Z', '2026-09-17T08:00:00.000Z',
            '2026-09-10T08:30:00.000Z', ''
     FROM family_account WHERE kind = 'guardian'`,
  );
}

/** The secretariat of school `schoolId`, acting as staff user `userId`. */
export function secretariat(schoolId: number, userId = 1): StaffActor {
  return {
    sessionId: 0,
    userId,
    schoolId,
    role: 'secretariat',
    login: 'bench',
    displayName: 'Bench',
    mustChangePassword: false,
  };
}
