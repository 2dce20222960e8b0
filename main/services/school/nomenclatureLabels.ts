import type { EntityManager } from 'typeorm';
import { relationshipLabel } from '../../../shared/domain/relationship';
import { REGIMES, type Regime } from '../../../shared/domain/school';
import { NomenclatureLabelEntity } from '../../db/entities';

/**
 * Labels as the school's SIECLE nomenclature spells them (imported into
 * nomenclature_label), falling back to Pupitre's own for schools that never imported one.
 */
export async function labelsOf(
  m: EntityManager,
  schoolId: number,
  list: string,
): Promise<Map<string, string>> {
  const rows = await m.getRepository(NomenclatureLabelEntity).findBy({ schoolId, list });
  return new Map(rows.map((r) => [r.code, r.label]));
}

export function regimeLabelOf(
  labels: Map<string, string>,
  regime: Regime,
  regimeCode: string,
): string {
  return (regimeCode && labels.get(regimeCode)) || REGIMES[regime] || regime;
}

export function relationshipLabelOf(labels: Map<string, string>, code: string): string {
  return labels.get(code) ?? relationshipLabel(code);
}
