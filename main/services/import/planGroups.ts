import type { ImportGroupChange } from '../../../shared/api/staff';
import type { SiecleStudentsFile } from '../siecle/types';
import type { ImportOps } from './ops';
import type { ProblemList } from './problems';
import type { SchoolState } from './state';

/** group_membership.group_code's length (and teaching_service.structure_code's). */
const GROUP_CODE_MAX = 30;

/**
 * Issue 16 §1: the memberships a students file asks for, pupil by pupil, against those held.
 * Only the pupils the file lists are touched: one it no longer lists has left and keeps the
 * groups they were in (the grades' history reads them). Applying twice writes nothing.
 */
export function planGroups(
  file: SiecleStudentsFile,
  state: SchoolState,
  ops: ImportOps,
  problems: ProblemList,
): ImportGroupChange[] {
  const studentIdByKey = new Map<string, number>();
  for (const row of state.students) if (row.siecleId) studentIdByKey.set(row.siecleId, row.id);
  const heldByStudent = new Map<number, Map<string, number>>();
  for (const m of state.memberships) {
    const held = heldByStudent.get(m.studentId) ?? new Map<string, number>();
    held.set(m.groupCode, m.id);
    heldByStudent.set(m.studentId, held);
  }

  const changes = new Map<string, ImportGroupChange>();
  const change = (code: string) => {
    const entry = changes.get(code) ?? { code, entering: 0, leaving: 0 };
    changes.set(code, entry);
    return entry;
  };
  const seen = new Set<string>();
  for (const s of file.students) {
    if (seen.has(s.eleveId)) continue;
    seen.add(s.eleveId);
    const wanted = new Set<string>();
    for (const raw of file.structures.get(s.eleveId)?.groups ?? []) {
      const code = raw.trim();
      if (code === '') continue;
      if (code.length > GROUP_CODE_MAX) {
        problems.warn(
          `Groupe « ${code.slice(0, 40)}… » : code de plus de ${GROUP_CODE_MAX} caractères, ignoré.`,
          file.fileName,
          s.line,
        );
        continue;
      }
      wanted.add(code);
    }
    const studentId = studentIdByKey.get(s.eleveId);
    const held = studentId === undefined ? new Map<string, number>() : heldByStudent.get(studentId);
    for (const code of wanted) {
      if (held?.has(code)) continue;
      ops.membershipInserts.push({ studentKey: s.eleveId, groupCode: code });
      change(code).entering++;
    }
    for (const [code, id] of held ?? []) {
      if (wanted.has(code)) continue;
      ops.membershipDeletes.push(id);
      change(code).leaving++;
    }
  }
  return [...changes.values()].sort((a, b) =>
    a.code.localeCompare(b.code, 'fr', { numeric: true }),
  );
}
