import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { AssessmentEntity } from '../../db/entities';

/**
 * How many devoirs hang on each of some services or periods. The assessment table keys them
 * without cascade (marks never leave with a service or a period): whoever removes one asks
 * here first and says so in French rather than failing on the key.
 */
export async function assessmentCounts(
  m: EntityManager,
  by: 'teachingServiceId' | 'periodId',
  ids: readonly number[],
): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await m.getRepository(AssessmentEntity).find({
    where: { [by]: In([...ids]) },
    select: { id: true, teachingServiceId: true, periodId: true },
  });
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(row[by], (counts.get(row[by]) ?? 0) + 1);
  return counts;
}

/** « 1 devoir », « 3 devoirs ». */
export const devoirs = (count: number) => `${count} devoir${count > 1 ? 's' : ''}`;
