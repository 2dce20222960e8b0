import { createHash } from 'node:crypto';
import type { ImportFileSummary, ImportPreview } from '../../../shared/api/staff';
import type {
  SiecleFile,
  SiecleNomenclatureFile,
  SiecleResponsablesFile,
  SiecleStudentsFile,
} from '../siecle/types';
import { checkExportDates } from './exportDates';
import { emptyOps, opsCount, type ImportOps } from './ops';
import { emptyGuardianPreview, legal1Addresses, planGuardians, rankLinks } from './planGuardians';
import { emptyStudentPreview, planStudents } from './planStudents';
import { planGroups } from './planGroups';
import { ProblemList } from './problems';
import { schoolYearLabel } from './siecleMapping';
import type { SchoolState } from './state';

const KIND_LABELS = {
  eleves: 'Élèves',
  responsables: 'Responsables',
  nomenclature: 'Nomenclature',
} as const;

/** Nomenclature lists whose labels Pupitre keeps, by the name used in nomenclature_label. */
const KEPT_LISTS = ['REGIMES', 'LIENS_PARENTE', 'PROFESSIONS'];

export interface ImportPlan {
  preview: Omit<ImportPreview, 'previewId'>;
  ops: ImportOps;
}

/** Same files on the same database state ⇒ same digest: apply compares a new plan with it. */
export function planDigest(ops: ImportOps): string {
  return createHash('sha256').update(JSON.stringify(ops)).digest('hex');
}

function checkParams(file: SiecleFile, state: SchoolState, problems: ProblemList) {
  const { uaj, schoolYear } = file.params;
  if (!uaj) {
    problems.block(
      `Le fichier ${file.fileName} ne dit pas de quel établissement il est l’export (UAJ absent) : prenez l’export tel que SIECLE le donne.`,
      file.fileName,
    );
  } else if (uaj.toUpperCase() !== state.school.uai) {
    problems.block(
      `Le fichier ${file.fileName} est l’export de l’établissement ${uaj}, pas de ${state.school.name} (${state.school.uai}).`,
      file.fileName,
    );
  }
  const currentStart = state.year ? Number(state.year.label.slice(0, 4)) : null;
  if (schoolYear !== null && currentStart !== null && schoolYear !== currentStart) {
    problems.block(
      `Le fichier ${file.fileName} est un export de l’année ${schoolYearLabel(schoolYear)} ; l’année en cours dans Pupitre est ${state.year!.label}.`,
      file.fileName,
    );
  }
}

function planLabels(nomenclature: SiecleNomenclatureFile, state: SchoolState, ops: ImportOps) {
  const existing = new Map(state.labels.map((l) => [`${l.list}|${l.code}`, l]));
  const lists: [string, Map<string, string>][] = [
    ['MEFS', new Map([...nomenclature.mefs].map(([code, m]) => [code, m.label]))],
    ['MATIERES', nomenclature.subjects],
    ['DIVISIONS', nomenclature.divisions],
    ...KEPT_LISTS.flatMap((name): [string, Map<string, string>][] => {
      const list = nomenclature.codeLists.get(name);
      return list ? [[name, list]] : [];
    }),
  ];
  let added = 0;
  let changed = 0;
  for (const [list, entries] of lists) {
    for (const [code, label] of entries) {
      const row = existing.get(`${list}|${code}`);
      if (row?.label === label) continue;
      ops.labels.push({ list, code, label, id: row?.id ?? null });
      if (row) changed++;
      else added++;
    }
  }
  return { added, changed };
}

/** Compares the files with the database and lists every change; writes nothing. */
export function planImport(files: SiecleFile[], state: SchoolState, today: string): ImportPlan {
  const problems = new ProblemList();
  const ops = emptyOps();
  const byKind = <K extends SiecleFile['kind']>(kind: K) =>
    files.filter((f): f is Extract<SiecleFile, { kind: K }> => f.kind === kind);

  for (const kind of ['eleves', 'responsables', 'nomenclature'] as const) {
    const same = byKind(kind);
    if (same.length > 1) {
      problems.block(
        `Deux fichiers « ${KIND_LABELS[kind]} » : ${same.map((f) => f.fileName).join(' et ')}. Gardez-en un seul.`,
      );
    }
  }
  for (const file of files) checkParams(file, state, problems);
  checkExportDates(files, state.exportMarks, problems);

  const students: SiecleStudentsFile | undefined = byKind('eleves')[0];
  const responsables: SiecleResponsablesFile | undefined = byKind('responsables')[0];
  const nomenclature: SiecleNomenclatureFile | undefined = byKind('nomenclature')[0];
  if (students && !responsables) {
    problems.warn(
      `Fichier des responsables absent : les élèves seront mis à jour, pas leurs responsables. Ajoutez ResponsablesAvecAdresses pour les mettre à jour aussi.`,
    );
  }
  if (!state.year && students) {
    problems.block(
      'Aucune année scolaire en cours dans Pupitre : créez-la avant d’importer les élèves.',
    );
  }

  const labels = nomenclature ? planLabels(nomenclature, state, ops) : { added: 0, changed: 0 };
  const ranked = responsables ? rankLinks(responsables, state) : null;
  const studentPreview = students
    ? planStudents(
        students,
        nomenclature,
        responsables && ranked ? legal1Addresses(responsables, ranked) : null,
        state,
        ops,
        problems,
        today,
      )
    : emptyStudentPreview();
  const groups = students ? planGroups(students, state, ops, problems) : [];
  const guardianPreview =
    responsables && ranked
      ? planGuardians(responsables, ranked, students, nomenclature, state, ops, problems, today)
      : emptyGuardianPreview();

  const summaries: ImportFileSummary[] = files.map((f) => ({
    fileName: f.fileName,
    kind: f.kind,
    kindLabel: KIND_LABELS[f.kind],
    uaj: f.params.uaj,
    schoolYear: f.params.schoolYear,
    exportDate: f.params.exportDate,
    exportedAt: f.params.exportStamp,
    records:
      f.kind === 'eleves'
        ? f.students.length
        : f.kind === 'responsables'
          ? f.persons.length
          : f.mefs.size + f.subjects.size,
  }));
  const unchanged = opsCount(ops) === 0;
  return {
    preview: {
      files: summaries,
      problems: problems.items,
      canApply: !problems.hasBlocking && !unchanged,
      unchanged,
      students: studentPreview,
      guardians: guardianPreview.guardians,
      links: guardianPreview.links,
      divisions: { added: ops.divisions.map((d) => d.code) },
      groups,
      labels,
    },
    ops,
  };
}
