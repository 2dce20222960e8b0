import type { StaffRole } from './roles';
import { foldForSearch } from './normalize';

/**
 * Who sees which teaching service (issue 16 §1). A teacher sees their own services and, as
 * professeur principal, every service of their division (groups drawn from it included): they
 * follow the whole class. The office sees them all: direction decides them, the secrétariat
 * answers families and prints class lists naming the teachers, the CPE must reach a class's
 * teachers about a pupil. Grades, averages and the portal ask this same question.
 */
export interface ServiceViewer {
  role: StaffRole;
  userId: number;
  /** Division codes of which the viewer is professeur principal. */
  mainDivisions: readonly string[];
}

export interface ServiceScope {
  teacherId: number;
  structureKind: 'division' | 'group';
  structureCode: string;
  /** For a group: the divisions it draws from. */
  groupDivisions: readonly string[];
}

export function seesAllServices(role: StaffRole): boolean {
  return role !== 'teacher';
}

export function serviceVisibleTo(viewer: ServiceViewer, service: ServiceScope): boolean {
  if (seesAllServices(viewer.role)) return true;
  if (service.teacherId === viewer.userId) return true;
  const divisions =
    service.structureKind === 'division' ? [service.structureCode] : service.groupDivisions;
  return divisions.some((code) => viewer.mainDivisions.includes(code));
}

const CIVILITIES = new Set(['m', 'mme', 'mlle', 'mr', 'monsieur', 'madame']);

/**
 * A person's name as a key that ignores case, accents, word order and civility: « DURAND
 * Marie », « Mme Marie Durand » and « marie durand » are the same key. Two different people
 * may share it, which is why a match by name is only a proposal (see the STS import).
 */
export function personNameKey(name: string): string {
  return foldForSearch(name)
    .split(' ')
    .filter((word) => word !== '' && !CIVILITIES.has(word))
    .sort()
    .join(' ');
}
