import type { GradeGrid } from '../../../../shared/api/staff';
import { frenchSpacing } from '../../../../shared/domain/frenchTypography';
import { parseMarkInput } from '../../../../shared/domain/grades/marks';
import { formatCount, personName } from '../../../ui/format';

/** One devoir's share of a paste: the cells to send with the versions the grid read. */
export interface PastedColumn {
  assessmentId: number;
  cells: { studentId: number; text: string; version: number }[];
}

export type PastePlan = { ok: true; columns: PastedColumn[] } | { ok: false; message: string };

/**
 * A spreadsheet's selection as the clipboard holds it: one line a row, cells split by tabs
 * (`12\t14\n15\t16`). The trailing line break a spreadsheet adds is not a row.
 */
export function clipboardRows(text: string): string[][] {
  const lines = text.replace(/\r/g, '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => line.split('\t'));
}

/**
 * What a paste from the focused cell (fromColumn, fromRow) would save, checked as a typed
 * cell is (the same parser, each devoir's own barème) before anything is sent: one wrong
 * value refuses the whole paste, in French, naming its line. A blank value is skipped, never
 * sent as « no mark »: a blank line in the middle of a pasted column (a pupil the teacher had
 * not marked in the spreadsheet) must not silently clear a mark already in the grid; clearing
 * a mark is done in its own cell.
 */
export function planPaste(
  grid: GradeGrid,
  fromColumn: number,
  fromRow: number,
  rows: string[][],
): PastePlan {
  const width = Math.max(...rows.map((row) => row.length));
  const pupils = grid.pupils.slice(fromRow, fromRow + rows.length);
  const assessments = grid.assessments.slice(fromColumn, fromColumn + width);
  if (pupils.length < rows.length) {
    return refuse(
      `${formatCount(rows.length, 'ligne collée', 'lignes collées')} pour ${formatCount(pupils.length, 'élève', 'élèves')} à partir d’ici : rien n’est enregistré.`,
    );
  }
  if (assessments.length < width) {
    return refuse(
      `${formatCount(width, 'colonne collée', 'colonnes collées')} pour ${formatCount(assessments.length, 'devoir', 'devoirs')} à partir d’ici : rien n’est enregistré.`,
    );
  }
  const columns: PastedColumn[] = assessments.map((a) => ({ assessmentId: a.id, cells: [] }));
  const problems: string[] = [];
  rows.forEach((row, index) => {
    const pupil = pupils[index]!;
    row.forEach((text, offset) => {
      if (text.trim() === '') return;
      const assessment = assessments[offset]!;
      const parsed = parseMarkInput(text, assessment.scaleHundredths);
      if (!parsed.ok) {
        const where = width > 1 ? `, ${assessment.label}` : '';
        problems.push(
          `Ligne ${index + 1} (${personName(pupil.lastName, pupil.firstName)}${where}) : ${parsed.message}`,
        );
        return;
      }
      columns[offset]!.cells.push({
        studentId: pupil.id,
        text,
        version: pupil.cells[String(assessment.id)]!.version,
      });
    });
  });
  if (problems.length === 1) return refuse(`${problems[0]!} Rien n’est enregistré.`);
  if (problems.length > 1) {
    return refuse(
      `${formatCount(problems.length, 'ligne', 'lignes')} à corriger, rien n’est enregistré. ${problems[0]!}`,
    );
  }
  return { ok: true, columns: columns.filter((c) => c.cells.length > 0) };
}

function refuse(message: string): PastePlan {
  return { ok: false, message: frenchSpacing(message) };
}
