import type { LetterScopeValue } from '../../../shared/api/staff/letters';
import type { EntityManager } from 'typeorm';
import { DivisionEntity } from '../../db/entities';

/**
 * Letters handed out in class (« par division puis par nom »): each letter is filed under the
 * child of the batch's division who carries it home, and says so; a family with children in
 * several divisions is thus in each division's batch, under the right child.
 */

export interface CarrierChild {
  firstName: string;
  lastName: string;
  divisionId: number | null;
  divisionCode: string | null;
}

/** The divisions a batch is printed for, when it is printed for some; null for the school. */
export async function batchDivisions(
  m: EntityManager,
  schoolId: number,
  scope: LetterScopeValue,
): Promise<Set<number> | null> {
  if (scope.kind === 'division') return new Set([scope.divisionId]);
  if (scope.kind === 'campaign' && scope.divisionId !== undefined)
    return new Set([scope.divisionId]);
  if (scope.kind !== 'level') return null;
  const rows = await m.getRepository(DivisionEntity).findBy({ level: scope.level, schoolId });
  return new Set(rows.map((d) => d.id));
}

/** The child in the batch's division(s), else the first child with a division. */
export function carrierOf<C extends CarrierChild>(
  children: C[],
  divisions: Set<number> | null,
): C | undefined {
  const inBatch = divisions
    ? children.find((c) => c.divisionId !== null && divisions.has(c.divisionId))
    : undefined;
  return inBatch ?? children.find((c) => c.divisionId !== null);
}

/** The campaign table files an account under its first child's division (placeAccounts). */
export function filedUnder(children: CarrierChild[]): number | null {
  return children.find((c) => c.divisionId !== null)?.divisionId ?? null;
}

/** « MARTIN Léonie (4C) »: who carries the letter home, printed on it. */
export function carrierLabel(c: CarrierChild): string {
  return `${c.firstName} ${c.lastName.toUpperCase()}${c.divisionCode ? ` (${c.divisionCode})` : ''}`;
}
