import { hasLeft } from '../../../shared/domain/leaving';
import type { ImportLine } from '../../../shared/api/staff';
import type { GuardianRow, StudentGuardianRow } from '../../db/entities/rows';
import type {
  SiecleLink,
  SiecleNomenclatureFile,
  SiecleResponsablesFile,
  SiecleStudentsFile,
} from '../siecle/types';
import { GUARDIAN_LIMITS, fitToColumns } from './columnLimits';
import { describeChanges, personLabel, pupilLabels, type PupilNaming } from './labels';
import { guardianRoleLabel } from '../../../shared/domain/relationship';
import { diffValues, type GuardianValues, type ImportOps, type LinkValues } from './ops';
import type { ProblemList } from './problems';
import {
  addressFromSiecle,
  civilityFromSiecle,
  countryCodeFromSiecle,
  relationshipFromCode,
  sexFromCode,
} from './siecleMapping';
import type { SchoolState } from './state';
import { checkedEmail, checkNames } from './valueRules';

export interface GuardianPreview {
  guardians: {
    added: ImportLine[];
    changed: ImportLine[];
    removed: ImportLine[];
    sharedBySiblings: ImportLine[];
  };
  links: { added: ImportLine[]; changed: ImportLine[]; removed: ImportLine[] };
}

export function emptyGuardianPreview(): GuardianPreview {
  return {
    guardians: { added: [], changed: [], removed: [], sharedBySiblings: [] },
    links: { added: [], changed: [], removed: [] },
  };
}

interface PlannedLink extends LinkValues {
  eleveId: string;
  personneId: string;
  line: number;
  rawRelationship: string;
  /** RESP_LEGAL gave the rank; otherwise it comes from the order of the file. */
  explicitRank: boolean;
}

/** The file's links in rank order, with the database's links they are compared with. */
export interface RankedLinks extends ReturnType<typeof orderLinks> {
  existing: Map<string, StudentGuardianRow>;
}

/** Orders and ranks the file's links once, for the students' addresses and the guardians both. */
export function rankLinks(file: SiecleResponsablesFile, state: SchoolState): RankedLinks {
  const ordered = orderLinks(file);
  const existing = linksBySiecleKeys(state);
  keepKnownRanks(ordered.planned, existing);
  return { ...ordered, existing };
}

/** ELEVE_ID → ADRESSE_ID of the student's légal 1, to tell "same address as légal 1". */
export function legal1Addresses(
  file: SiecleResponsablesFile,
  { planned }: RankedLinks,
): Map<string, string> {
  const persons = new Map(file.persons.map((p) => [p.personneId, p]));
  const result = new Map<string, string>();
  for (const link of planned) {
    const addressId = persons.get(link.personneId)?.addressId;
    if (link.legalRank === 1 && addressId) result.set(link.eleveId, addressId);
  }
  return result;
}

/** The database's links keyed "ELEVE_ID|PERSONNE_ID", as the files name them. */
function linksBySiecleKeys(state: SchoolState): Map<string, StudentGuardianRow> {
  const guardianKeyById = new Map(state.guardians.map((g) => [g.id, g.siecleId]));
  const studentKeyById = new Map(state.students.map((s) => [s.id, s.siecleId]));
  const links = new Map<string, StudentGuardianRow>();
  for (const l of state.links) {
    links.set(`${studentKeyById.get(l.studentId)}|${guardianKeyById.get(l.guardianId)}`, l);
  }
  return links;
}

/**
 * Légal 1 and légal 2 are the first two "représentant légal" links of a student, in
 * RESP_LEGAL order where an older export gives it, else in file order.
 */
function orderLinks(file: SiecleResponsablesFile) {
  // Links to a person the file does not hold, and repeats, are set aside before ranking:
  // either would otherwise take the place of a real légal 1 or légal 2.
  const known = new Set(file.persons.map((p) => p.personneId));
  const seen = new Set<string>();
  const dangling: SiecleLink[] = [];
  const duplicates: SiecleLink[] = [];
  const perStudent = new Map<string, SiecleLink[]>();
  for (const link of file.links) {
    const key = `${link.eleveId}|${link.personneId}`;
    if (!known.has(link.personneId)) dangling.push(link);
    else if (seen.has(key)) duplicates.push(link);
    else {
      seen.add(key);
      const list = perStudent.get(link.eleveId);
      if (list) list.push(link);
      else perStudent.set(link.eleveId, [link]);
    }
  }
  const planned: PlannedLink[] = [];
  for (const links of perStudent.values()) {
    const legal = links
      .filter((l) => l.responsibilityLevel === '1')
      .sort((a, b) => (a.legacyLegalRank || '9').localeCompare(b.legacyLegalRank || '9'));
    for (const link of links) {
      const rank = legal.indexOf(link);
      planned.push({
        eleveId: link.eleveId,
        personneId: link.personneId,
        line: link.line,
        rawRelationship: link.relationshipCode,
        explicitRank: link.legacyLegalRank !== '',
        relationship: relationshipFromCode(link.relationshipCode) ?? '90',
        legalRank: rank === 0 ? 1 : rank === 1 ? 2 : null,
        responsibilityLevel: ['1', '2', '3'].includes(link.responsibilityLevel)
          ? Number(link.responsibilityLevel)
          : 3,
      });
    }
  }
  return { planned, dangling, duplicates };
}

export function planGuardians(
  file: SiecleResponsablesFile,
  ranked: RankedLinks,
  studentsFile: SiecleStudentsFile | undefined,
  nomenclature: SiecleNomenclatureFile | undefined,
  state: SchoolState,
  ops: ImportOps,
  problems: ProblemList,
  /** A Paris date, for the rule of shared/domain/leaving.ts. */
  today: string,
): GuardianPreview {
  const preview = emptyGuardianPreview();
  const professions = nomenclature?.codeLists.get('PROFESSIONS');
  const existingByKey = new Map<string, GuardianRow>();
  for (const g of state.guardians) if (g.siecleId) existingByKey.set(g.siecleId, g);
  const persons = new Map<string, (typeof file.persons)[number]>();
  for (const p of file.persons) {
    if (persons.has(p.personneId)) {
      problems.block(
        `${personLabel(p.lastName, p.firstName)} : PERSONNE_ID ${p.personneId} apparaît deux fois.`,
        file.fileName,
        p.line,
      );
    }
    persons.set(p.personneId, p);
  }

  // Pupils of the students file who have not left (one who « part le … » later is still
  // here): their guardians are never deleted.
  const present = new Set(
    (studentsFile?.students ?? []).filter((s) => !hasLeft(s.leftDate, today)).map((s) => s.eleveId),
  );
  // Students the links may name: those of the students file, else those already known.
  // Named with their division (and date of birth for homonyms) so that each line says which child.
  const divisionCodes = new Map(state.divisions.map((d) => [d.id, d.code]));
  const named = new Map<string, PupilNaming>();
  for (const s of state.students) {
    if (!s.siecleId) continue;
    const division = s.divisionId ? (divisionCodes.get(s.divisionId) ?? null) : null;
    named.set(s.siecleId, { ...s, key: s.siecleId, division });
  }
  for (const s of studentsFile?.students ?? []) {
    named.set(s.eleveId, {
      key: s.eleveId,
      lastName: s.lastName,
      firstName: s.firstName,
      division: studentsFile!.structures.get(s.eleveId)?.divisions[0] ?? null,
      sex: sexFromCode(s.sexCode),
      birthDate: s.birthDate,
    });
  }
  const studentNames = pupilLabels(named.values());

  const { planned, dangling, duplicates, existing: existingLinks } = ranked;
  for (const link of dangling) {
    problems.warn(
      `Lien vers la personne ${link.personneId}, absente du fichier des responsables : ignoré.`,
      file.fileName,
      link.line,
    );
  }
  for (const link of duplicates) {
    problems.warn(
      `Lien en double entre la personne ${link.personneId} et l’élève ${studentNames.get(link.eleveId) ?? link.eleveId} : seul le premier est gardé.`,
      file.fileName,
      link.line,
    );
  }
  const withKnownChild = new Set(
    planned.filter((l) => studentNames.has(l.eleveId)).map((l) => l.personneId),
  );

  // Each person's name and civility as the lines show them, made once: their links name
  // them again.
  const names = new Map<string, string>();
  const civilities = new Map<string, string>();
  for (const p of persons.values()) {
    const name = personLabel(p.lastName, p.firstName);
    const civility = civilityFromSiecle(p.civility);
    names.set(p.personneId, name);
    civilities.set(p.personneId, civility);
    const label = `${civility} ${name}`.trim();
    const existing = existingByKey.get(p.personneId);
    if (!existing && !withKnownChild.has(p.personneId)) {
      problems.warn(
        `${label} : responsable d’aucun élève connu de Pupitre, non importé.`,
        file.fileName,
        p.line,
      );
      continue;
    }
    const address = p.addressId ? file.addresses.get(p.addressId) : undefined;
    const a = address
      ? addressFromSiecle(address)
      : { line1: '', line2: '', postalCode: '', city: '', country: '' };
    const professionLabel = professions?.get(p.professionCode);
    if (p.professionCode && professions && professionLabel === undefined) {
      problems.warn(
        `${label} : code profession ${p.professionCode} inconnu de la nomenclature.`,
        file.fileName,
        p.line,
      );
    }
    checkNames({ nom: p.lastName, prénom: p.firstName }, label, problems, file.fileName, p.line);
    const values: GuardianValues = {
      civility,
      lastName: p.lastName,
      firstName: p.firstName,
      profession: professionLabel ?? '',
      professionCode: p.professionCode,
      addressLine1: a.line1,
      addressLine2: a.line2,
      postalCode: a.postalCode,
      city: a.city,
      country: a.country,
      addressCountryCode: address ? countryCodeFromSiecle(address) : '',
      sharesAddress: p.sharesAddress,
      phoneHome: p.phoneHome,
      phoneWork: p.phoneWork,
      phoneMobile: p.phoneMobile,
      acceptsSms: p.acceptsSms,
      email: checkedEmail(p.email, label, problems, file.fileName, p.line),
    };
    fitToColumns(values, GUARDIAN_LIMITS, label, problems, file.fileName, p.line);
    if (!existing) {
      ops.guardianInserts.push({ key: p.personneId, ...values });
      preview.guardians.added.push({
        key: p.personneId,
        label,
        detail: values.email || 'Pas d’adresse e-mail',
      });
      continue;
    }
    const changes = diffValues(existing, values);
    if (changes.length > 0) {
      ops.guardianUpdates.push({
        id: existing.id,
        values: Object.fromEntries(changes.map((c) => [c.key, c.after])),
      });
      preview.guardians.changed.push({
        key: p.personneId,
        label,
        detail: describeChanges(changes),
      });
    }
  }

  // Links: the file is the whole truth for the students it names.
  const childrenOf = new Map<string, string[]>();
  const seen = new Set<string>();
  const studentsInFile = new Set<string>();
  for (const link of planned) {
    const person = persons.get(link.personneId);
    const child = studentNames.get(link.eleveId);
    const sourceLine = link.line;
    // Persons not imported (no child known here) were reported with the persons.
    if (!person || (!existingByKey.has(link.personneId) && !withKnownChild.has(link.personneId))) {
      continue;
    }
    const guardianLabel = names.get(link.personneId)!;
    if (!child) {
      problems.warn(
        `${guardianLabel} : lien vers l’élève ${link.eleveId}, inconnu : ignoré.`,
        file.fileName,
        sourceLine,
      );
      continue;
    }
    if (relationshipFromCode(link.rawRelationship) === null) {
      problems.warn(
        `${guardianLabel} : code de parenté « ${link.rawRelationship} » inconnu, noté « autre lien ».`,
        file.fileName,
        sourceLine,
      );
    }
    const key = `${link.eleveId}|${link.personneId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    studentsInFile.add(link.eleveId);
    const children = childrenOf.get(link.personneId);
    if (children) children.push(child);
    else childrenOf.set(link.personneId, [child]);
    const values: LinkValues = {
      relationship: link.relationship,
      legalRank: link.legalRank,
      responsibilityLevel: link.responsibilityLevel,
    };
    const lineLabel = `${guardianLabel} → ${child}`;
    const existing = existingLinks.get(key);
    if (!existing) {
      ops.linkInserts.push({ studentKey: link.eleveId, guardianKey: link.personneId, ...values });
      preview.links.added.push({
        key,
        label: lineLabel,
        detail: rankText(values, civilities.get(link.personneId)!),
      });
    } else {
      const changes = diffValues(existing, values);
      if (changes.length > 0) {
        ops.linkUpdates.push({ id: existing.id, values });
        preview.links.changed.push({ key, label: lineLabel, detail: describeChanges(changes) });
      }
    }
  }
  for (const [personneId, children] of childrenOf) {
    if (children.length >= 2) {
      preview.guardians.sharedBySiblings.push({
        key: personneId,
        label: `${civilities.get(personneId)!} ${names.get(personneId)!}`.trim(),
        detail: `${children.length} enfants : ${children.join(', ')}`,
      });
    }
  }

  // Links of the students the file names that it no longer has. A student the file does
  // not name at all (an arrival after the guardians were exported, a leaver) keeps their
  // guardians: the file says nothing about them.
  const keptGuardianIds = new Set<number>();
  const guardianById = new Map(state.guardians.map((g) => [g.id, g]));
  const unnamed = new Set<string>();
  for (const [key, row] of existingLinks) {
    const [eleveId] = key.split('|');
    if (studentsInFile.has(eleveId!) && !seen.has(key)) {
      ops.linkDeletes.push(row.id);
      const g = guardianById.get(row.guardianId);
      preview.links.removed.push({
        key,
        label: `${g ? personLabel(g.lastName, g.firstName) : '?'} → ${studentNames.get(eleveId!) ?? eleveId}`,
        detail: 'Lien supprimé',
      });
    } else {
      keptGuardianIds.add(row.guardianId);
      if (present.has(eleveId!) && !studentsInFile.has(eleveId!)) unnamed.add(eleveId!);
    }
  }
  for (const eleveId of unnamed) {
    problems.warn(
      `${studentNames.get(eleveId) ?? eleveId} : absent du fichier des responsables ; ses responsables sont gardés tels quels.`,
      file.fileName,
    );
  }
  for (const g of state.guardians) {
    if (g.siecleId && !persons.has(g.siecleId) && !keptGuardianIds.has(g.id)) {
      ops.guardianDeletes.push(g.id);
      preview.guardians.removed.push({
        key: g.siecleId,
        label: `${g.civility} ${personLabel(g.lastName, g.firstName)}`.trim(),
        detail: 'Plus aucun enfant dans l’établissement',
      });
    }
  }
  return preview;
}

/** « Responsable légale 1 » for a woman, as on the pupil's record (shared/domain/relationship). */
function rankText(v: LinkValues, civility: string): string {
  const rank = v.legalRank === 1 || v.legalRank === 2 ? v.legalRank : null;
  // Without a rank, a link is at most « personne en charge » (a légal has a rank).
  const level = v.responsibilityLevel === 2 ? 2 : 3;
  return guardianRoleLabel(rank, level, civility);
}

/**
 * Recent exports give no légal 1 / légal 2, only an order that SIECLE may shuffle between
 * two exports. When a student's legal guardians are the same two people as before, their
 * ranks stay as they were rather than swapping with the file's order.
 */
function keepKnownRanks(planned: PlannedLink[], existing: Map<string, StudentGuardianRow>) {
  const legalByStudent = new Map<string, PlannedLink[]>();
  for (const link of planned) {
    if (link.legalRank === null || link.explicitRank) continue;
    const list = legalByStudent.get(link.eleveId);
    if (list) list.push(link);
    else legalByStudent.set(link.eleveId, [link]);
  }
  for (const links of legalByStudent.values()) {
    const before = links.map(
      (l) => existing.get(`${l.eleveId}|${l.personneId}`)?.legalRank ?? null,
    );
    const sameSet =
      before.every((rank) => rank === 1 || rank === 2) && new Set(before).size === links.length;
    if (sameSet) links.forEach((link, i) => (link.legalRank = before[i]!));
  }
}
