import { createHash } from 'node:crypto';
import type { StsPreview, StsPreviewLine, StsQuestion } from '../../../shared/api/staff';
import { personNameKey } from '../../../shared/domain/teachingAccess';
import type { StaffUserRow } from '../../db/entities/rows';
import type { StsFile, StsSubject, StsTeacher } from '../sts/stsFile';
import { subjectLabel, type TeachingState } from './teachingState';

/**
 * Compares an STS-Web export with the database: what the import would add, change or remove.
 * Pure: the preview shows it, and apply computes it again inside its transaction and writes
 * only if nothing moved in between (same digest), as the SIECLE import does.
 */

/** Who a teacher of the file is in Pupitre: a staff user, or one to create. */
export type TeacherRef = { userId: number } | { create: StsTeacher };

export interface StsOps {
  subjectsToAdd: StsSubject[];
  subjectsToChange: StsSubject[];
  usersToCreate: StsTeacher[];
  /** STS ids to record on existing users (matched by name or by the direction's answer). */
  stsIdsToLink: { userId: number; stsId: string }[];
  servicesToAdd: {
    subjectCode: string;
    kind: 'division' | 'group';
    structureCode: string;
    groupDivisions: string[];
    teacher: TeacherRef;
  }[];
  serviceIdsToRemove: number[];
  mainTeachersToAdd: { divisionCode: string; teacher: TeacherRef }[];
  mainTeacherIdsToRemove: number[];
}

export interface StsPlan {
  preview: Omit<StsPreview, 'previewId'>;
  ops: StsOps;
  digest: string;
}

export type StsAnswers = ReadonlyMap<string, number | null>;

const teacherLabel = (t: StsTeacher) =>
  `${[t.civility, t.lastName, t.firstName].filter(Boolean).join(' ')} (STS ${t.stsId})`;
const userLabel = (u: StaffUserRow) => `${u.displayName} (${u.login})`;

const yearSpan = (start: number) => `${start}-${start + 1}`;

function schoolYearProblem(fileYear: number | null, currentYear: number | null): string | null {
  if (currentYear === null) return null;
  if (fileYear === null) {
    return 'Ce fichier STS-Web ne dit pas de quelle année scolaire il est (PARAMETRES/ANNEE_SCOLAIRE vide)\u00a0: réexportez-le depuis STS-Web.';
  }
  if (fileYear === currentYear) return null;
  return `Ce fichier STS-Web est celui de l’année ${yearSpan(fileYear)}\u00a0; l’année en cours est ${yearSpan(currentYear)}.`;
}

export function planStsImport(file: StsFile, state: TeachingState, answers: StsAnswers): StsPlan {
  const problems: StsPreview['problems'] = [];
  if (file.uaj === '') {
    problems.push({
      blocking: true,
      message: `Le fichier ${file.fileName} ne dit pas de quel établissement il vient (PARAMETRES/UAJ vide) : réexportez-le depuis STS-Web.`,
    });
  } else if (file.uaj !== state.school.uai.toUpperCase()) {
    problems.push({
      blocking: true,
      message: `Le fichier ${file.fileName} est l’export STS-Web de l’établissement ${file.uaj}, pas du vôtre (${state.school.uai}) : exportez celui de votre établissement.`,
    });
  }

  // Last year's export would remove this year's services: the file's year must be the school's.
  const yearProblem = schoolYearProblem(file.schoolYear, state.schoolYear);
  if (yearProblem) problems.push({ blocking: true, message: yearProblem });

  // Subjects: the file's nomenclature, by six-digit code.
  const known = new Map(state.subjects.map((s) => [s.code, s]));
  const subjectsToAdd: StsSubject[] = [];
  const subjectsToChange: StsSubject[] = [];
  const subjectLines = { added: [] as StsPreviewLine[], changed: [] as StsPreviewLine[] };
  for (const subject of file.subjects) {
    const before = known.get(subject.code);
    const line = { key: subject.code, label: `${subjectLabel(subject)} (${subject.code})` };
    if (!before) {
      subjectsToAdd.push(subject);
      subjectLines.added.push({ ...line, detail: subject.managementCode });
    } else if (
      before.managementCode !== subject.managementCode ||
      before.shortLabel !== subject.shortLabel ||
      before.longLabel !== subject.longLabel
    ) {
      subjectsToChange.push(subject);
      subjectLines.changed.push({
        ...line,
        detail: `${subjectLabel(before)} → ${subjectLabel(subject)}`,
      });
    }
  }
  const subjectCodes = new Set([...known.keys(), ...file.subjects.map((s) => s.code)]);
  const labelOfSubject = (code: string) => {
    const subject = file.subjects.find((s) => s.code === code) ?? known.get(code);
    return subject ? subjectLabel(subject) : code;
  };

  // Teachers: by STS id, then by name; an ambiguous name is a question, never a merge.
  const usersById = new Map(state.users.map((u) => [u.id, u]));
  const userOfStsId = new Map(state.stsIds.map((l) => [l.stsId, l.staffUserId]));
  const stsIdOfUser = new Map(state.stsIds.map((l) => [l.staffUserId, l.stsId]));
  const usersByName = new Map<string, StaffUserRow[]>();
  for (const user of state.users) {
    const key = personNameKey(user.displayName);
    usersByName.set(key, [...(usersByName.get(key) ?? []), user]);
  }
  const refs = new Map<string, TeacherRef>();
  const usersToCreate: StsTeacher[] = [];
  const stsIdsToLink: StsOps['stsIdsToLink'] = [];
  const questions: StsQuestion[] = [];
  const teacherLines = { created: [] as StsPreviewLine[], linked: [] as StsPreviewLine[] };
  let unchangedTeachers = 0;
  const claimed = new Map<number, string>();
  for (const teacher of file.teachers) {
    const byId = userOfStsId.get(teacher.stsId);
    if (byId !== undefined) {
      refs.set(teacher.stsId, { userId: byId });
      claimed.set(byId, teacher.stsId);
      unchangedTeachers += 1;
      continue;
    }
    const sameName =
      usersByName.get(personNameKey(`${teacher.firstName} ${teacher.lastName}`)) ?? [];
    const line = { key: teacher.stsId, label: teacherLabel(teacher) };
    const only = sameName.length === 1 ? sameName[0] : undefined;
    if (sameName.length === 0) {
      refs.set(teacher.stsId, { create: teacher });
      usersToCreate.push(teacher);
      teacherLines.created.push({
        ...line,
        detail: 'nouvel utilisateur, rôle professeur, sans mot de passe',
      });
      continue;
    }
    if (only && !stsIdOfUser.has(only.id)) {
      refs.set(teacher.stsId, { userId: only.id });
      stsIdsToLink.push({ userId: only.id, stsId: teacher.stsId });
      teacherLines.linked.push({ ...line, detail: `rattaché par le nom à ${userLabel(only)}` });
      continue;
    }
    questions.push({
      stsId: teacher.stsId,
      label: teacherLabel(teacher),
      reason: only
        ? `Le seul utilisateur de ce nom, ${userLabel(only)}, porte déjà un autre identifiant STS (${stsIdOfUser.get(only.id)}) : est-ce la même personne ?`
        : `${sameName.length} utilisateurs portent ce nom : lequel est cet enseignant ?`,
      candidates: sameName.map((u) => ({ userId: u.id, label: userLabel(u) })),
    });
    const answer = answers.get(teacher.stsId);
    if (answer === undefined) continue;
    if (answer === null) {
      refs.set(teacher.stsId, { create: teacher });
      usersToCreate.push(teacher);
    } else if (sameName.some((u) => u.id === answer)) {
      refs.set(teacher.stsId, { userId: answer });
      if (stsIdOfUser.has(answer)) {
        problems.push({
          blocking: true,
          message: `${userLabel(usersById.get(answer)!)} porte déjà l’identifiant STS ${stsIdOfUser.get(answer)} : choisissez « nouvel utilisateur » pour ${teacherLabel(teacher)}.`,
        });
      } else stsIdsToLink.push({ userId: answer, stsId: teacher.stsId });
    }
  }
  for (const { userId, stsId } of stsIdsToLink) {
    const other = claimed.get(userId);
    if (other !== undefined && other !== stsId) {
      problems.push({
        blocking: true,
        message: `Deux enseignants du fichier (STS ${other} et ${stsId}) seraient le même utilisateur, ${userLabel(usersById.get(userId)!)} : répondez autrement.`,
      });
    }
    claimed.set(userId, stsId);
  }

  const refKey = (ref: TeacherRef | undefined, stsId: string) =>
    ref && 'userId' in ref ? `u${ref.userId}` : `sts${stsId}`;
  const nameOf = (ref: TeacherRef | undefined, stsId: string) => {
    if (ref && 'userId' in ref) return usersById.get(ref.userId)?.displayName ?? '';
    const teacher = file.teachers.find((t) => t.stsId === stsId);
    return teacher ? `${teacher.firstName} ${teacher.lastName}` : `STS ${stsId}`;
  };

  // Services: the file's set replaces the imported ones; the direction's own are kept.
  const noServices = file.serviceElements === 0;
  const groupDivisions = new Map(file.groups.map((g) => [g.code, g.divisions]));
  const subjectCodeOf = new Map(state.subjects.map((s) => [s.id, s.code]));
  const existing = new Map(
    state.services.map((s) => [
      `${subjectCodeOf.get(s.subjectId)}|${s.structureKind}|${s.structureCode}|u${s.staffUserId}`,
      s,
    ]),
  );
  const servicesToAdd: StsOps['servicesToAdd'] = [];
  const serviceLines = { added: [] as StsPreviewLine[], removed: [] as StsPreviewLine[] };
  const wanted = new Set<string>();
  const structureLabel = (kind: string, code: string) =>
    kind === 'division' ? code : `groupe ${code}`;
  const unknownSubjects = new Set<string>();
  const unknownTeachers = new Set<string>();
  for (const service of file.services) {
    if (!subjectCodes.has(service.subjectCode)) {
      unknownSubjects.add(service.subjectCode);
      continue;
    }
    if (!file.teachers.some((t) => t.stsId === service.teacherStsId)) {
      unknownTeachers.add(service.teacherStsId);
      continue;
    }
    const ref = refs.get(service.teacherStsId);
    const key = `${service.subjectCode}|${service.kind}|${service.structureCode}|${refKey(ref, service.teacherStsId)}`;
    wanted.add(key);
    if (existing.has(key)) continue;
    servicesToAdd.push({
      subjectCode: service.subjectCode,
      kind: service.kind,
      structureCode: service.structureCode,
      groupDivisions: groupDivisions.get(service.structureCode) ?? [],
      teacher: ref ?? { create: file.teachers.find((t) => t.stsId === service.teacherStsId)! },
    });
    serviceLines.added.push({
      key,
      label: `${structureLabel(service.kind, service.structureCode)} — ${labelOfSubject(service.subjectCode)}`,
      detail: nameOf(ref, service.teacherStsId),
    });
  }
  if (unknownSubjects.size > 0) {
    problems.push({
      blocking: false,
      message: `Services ignorés : matière inconnue de la nomenclature (${[...unknownSubjects].join(', ')}).`,
    });
  }
  if (unknownTeachers.size > 0) {
    problems.push({
      blocking: false,
      message: `Services ignorés : enseignant absent des individus du fichier (STS ${[...unknownTeachers].join(', ')}).`,
    });
  }
  // Codes STS and SIECLE disagree on: the services are kept, but nobody would find them.
  const unknownDivisions = [
    ...new Set([...file.divisionCodes, ...file.groups.flatMap((g) => g.divisions)]),
  ].filter((code) => !state.divisionCodes.includes(code));
  if (unknownDivisions.length > 0 && state.divisionCodes.length > 0) {
    problems.push({
      blocking: false,
      message: `Divisions de STS-Web inconnues dans Pupitre : ${unknownDivisions.join(', ')}. Leurs services seront importés sous ces codes ; vérifiez que SIECLE et STS-Web nomment les divisions de la même façon.`,
    });
  }
  const serviceIdsToRemove: number[] = [];
  // A file without services says nothing about them: the services in place stay.
  if (!noServices) {
    for (const [key, row] of existing) {
      if (row.source !== 'sts' || wanted.has(key)) continue;
      serviceIdsToRemove.push(row.id);
      serviceLines.removed.push({
        key,
        label: `${structureLabel(row.structureKind, row.structureCode)} — ${labelOfSubject(subjectCodeOf.get(row.subjectId) ?? '')}`,
        detail: usersById.get(row.staffUserId)?.displayName ?? '',
      });
    }
  }

  // Professeurs principaux.
  const existingMain = new Map(
    state.mainTeachers.map((m) => [`${m.divisionCode}|u${m.staffUserId}`, m]),
  );
  const wantedMain = new Set<string>();
  const mainTeachersToAdd: StsOps['mainTeachersToAdd'] = [];
  const mainLines = { added: [] as StsPreviewLine[], removed: [] as StsPreviewLine[] };
  for (const teacher of file.teachers) {
    const ref = refs.get(teacher.stsId);
    for (const divisionCode of teacher.mainDivisions) {
      const key = `${divisionCode}|${refKey(ref, teacher.stsId)}`;
      wantedMain.add(key);
      if (existingMain.has(key)) continue;
      mainTeachersToAdd.push({ divisionCode, teacher: ref ?? { create: teacher } });
      mainLines.added.push({ key, label: divisionCode, detail: nameOf(ref, teacher.stsId) });
    }
  }
  const mainTeacherIdsToRemove: number[] = [];
  for (const [key, row] of existingMain) {
    if (wantedMain.has(key)) continue;
    mainTeacherIdsToRemove.push(row.id);
    mainLines.removed.push({
      key,
      label: row.divisionCode,
      detail: usersById.get(row.staffUserId)?.displayName ?? '',
    });
  }

  const ops: StsOps = {
    subjectsToAdd,
    subjectsToChange,
    usersToCreate,
    stsIdsToLink,
    servicesToAdd,
    serviceIdsToRemove,
    mainTeachersToAdd,
    mainTeacherIdsToRemove,
  };
  const blocking = problems.some((p) => p.blocking);
  const unchanged =
    !blocking &&
    questions.length === 0 &&
    subjectsToAdd.length + subjectsToChange.length === 0 &&
    teacherLines.created.length + teacherLines.linked.length === 0 &&
    servicesToAdd.length + serviceIdsToRemove.length === 0 &&
    mainTeachersToAdd.length + mainTeacherIdsToRemove.length === 0;
  const preview: StsPlan['preview'] = {
    fileName: file.fileName,
    uaj: file.uaj,
    schoolYear: file.schoolYear,
    problems,
    noServices,
    subjects: {
      ...subjectLines,
      unchangedCount:
        file.subjects.length - subjectLines.added.length - subjectLines.changed.length,
    },
    teachers: {
      ...teacherLines,
      absent: state.stsIds
        .filter((link) => !file.teachers.some((t) => t.stsId === link.stsId))
        .flatMap((link) => {
          const user = usersById.get(link.staffUserId);
          return user?.active
            ? [{ key: link.stsId, label: userLabel(user), detail: `STS ${link.stsId}` }]
            : [];
        }),
      unchangedCount: unchangedTeachers,
    },
    questions,
    services: {
      ...serviceLines,
      unchangedCount: wanted.size - serviceLines.added.length,
    },
    mainTeachers: mainLines,
    canApply: !blocking && !unchanged,
    unchanged,
  };
  // The digest covers the comparison, not the answers: the preview was computed without them.
  const digest = createHash('sha256')
    .update(JSON.stringify({ ...preview, questions: questions.map((q) => q.stsId) }))
    .digest('hex');
  return { preview, ops, digest };
}
