import { slashDate } from '../../../shared/domain/frenchDates';
import { frenchClockWords } from '../../../shared/domain/publication/parisDays';
import type { SiecleExportMarkRow } from '../../db/entities/importMarks';
import type { SiecleFile, SiecleParams } from '../siecle/types';
import type { ProblemList } from './problems';

/** « du 15/11/2026 à 8 h », « du 15/11/2026 » when the file had no HORODATAGE. */
function when(date: string, stamp: string | null): string {
  return stamp
    ? `du ${slashDate(date)} à ${frenchClockWords(stamp.slice(11, 16))}`
    : `du ${slashDate(date)}`;
}

/**
 * Which of two exports is the older: by HORODATAGE when both have one, else by date. An
 * export of the same date and time is the same export (it re-imports as « aucun changement »).
 */
function compare(a: { date: string; stamp: string | null }, b: typeof a): number {
  if (a.stamp && b.stamp) return a.stamp.localeCompare(b.stamp);
  return a.date.localeCompare(b.date);
}

const KIND_WORDS = {
  eleves: 'des élèves',
  responsables: 'des responsables',
  nomenclature: 'de la nomenclature',
} as const;

const stampOf = (params: SiecleParams) => ({
  date: params.exportDate!,
  stamp: params.exportStamp?.startsWith(params.exportDate!) ? params.exportStamp : null,
});

/**
 * Older than what the school has: applying a September export after a November one would
 * mark November's arrivals as left and undo moves and contacts. Files of one import must
 * also be of one day: pupils of November with guardians of September would drop the
 * guardians of every pupil who arrived in between.
 */
export function checkExportDates(
  files: SiecleFile[],
  marks: SiecleExportMarkRow[],
  problems: ProblemList,
) {
  for (const file of files) {
    if (!file.params.exportDate) {
      problems.warn(
        `Le fichier ${file.fileName} ne donne pas sa date d’export (DATE_EXPORT) : Pupitre ne peut pas vérifier qu’il n’est pas plus ancien que le dernier import.`,
        file.fileName,
      );
      continue;
    }
    const mark = marks.find((m) => m.kind === file.kind);
    if (!mark) continue;
    const last = { date: mark.exportDate, stamp: mark.exportedAt || null };
    const mine = stampOf(file.params);
    if (compare(mine, last) < 0) {
      problems.block(
        `Le fichier ${file.fileName} est l’export ${KIND_WORDS[file.kind]} ${when(mine.date, mine.stamp)} ; Pupitre a déjà appliqué celui ${when(last.date, last.stamp)}. L’appliquer déferait les arrivées, départs et changements reçus depuis : exportez à nouveau depuis SIECLE.`,
        file.fileName,
      );
    }
  }
  const pupils = files.find((f) => f.kind === 'eleves');
  const guardians = files.find((f) => f.kind === 'responsables');
  const [a, b] = [pupils?.params.exportDate, guardians?.params.exportDate];
  if (pupils && guardians && a && b && a !== b) {
    problems.block(
      `Les fichiers ne sont pas du même jour : ${pupils.fileName} est exporté le ${slashDate(a)}, ${guardians.fileName} le ${slashDate(b)}. Exportez les élèves et les responsables ensemble depuis SIECLE.`,
    );
  }
}

/** The marks to keep once the files are applied: the newest export of each kind. */
export function marksAfter(files: SiecleFile[]) {
  return files
    .filter((f) => f.params.exportDate)
    .map((f) => ({
      kind: f.kind,
      exportDate: f.params.exportDate!,
      exportedAt: stampOf(f.params).stamp ?? '',
      fileName: f.fileName.slice(0, 200),
    }));
}
