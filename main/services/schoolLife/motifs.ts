import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ApiFailure } from '../../../shared/api/result';
import type { Motif, MotifInput } from '../../../shared/api/staff';
import type { Database } from '../../db/database';
import { MotifEntity } from '../../db/entities';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';

export async function listMotifs(m: EntityManager, schoolId: number): Promise<Motif[]> {
  const rows = await m
    .getRepository(MotifEntity)
    .find({ where: { schoolId }, order: { id: 'ASC' } });
  return rows.map(({ id, label, legitimate, openToFamilies, confidential, active }) => ({
    id,
    label,
    legitimate,
    openToFamilies,
    confidential,
    active,
  }));
}

/**
 * The school's motifs (issue 17 §1). A motif in use is never deleted, only made inactive, so
 * that past events keep theirs.
 */
export function createMotifService({ db, clock }: { db: Database; clock: Clock }) {
  return {
    list: (actor: StaffActor) => listMotifs(db.manager, actor.schoolId),
    async save(actor: StaffActor, input: z.output<typeof MotifInput>): Promise<Motif[]> {
      return db.transaction(async (m) => {
        const repo = m.getRepository(MotifEntity);
        const { id, ...fields } = input;
        const sameLabel = await repo.findOneBy({ schoolId: actor.schoolId, label: fields.label });
        if (sameLabel && sameLabel.id !== id) {
          throw new ApiFailure('conflict', 'Ce motif existe déjà.', {
            label: 'Libellé : ce motif existe déjà.',
          });
        }
        let motifId = id;
        if (id === undefined) {
          motifId = Number(
            (await repo.insert({ schoolId: actor.schoolId, ...fields })).identifiers[0]?.id,
          );
        } else {
          const existing = await repo.findOneBy({ id, schoolId: actor.schoolId });
          if (!existing) throw new ApiFailure('not_found', 'Motif introuvable.');
          await repo.update({ id }, fields);
        }
        await writeAudit(m, clock, {
          schoolId: actor.schoolId,
          actor,
          action: id === undefined ? 'motifs.create' : 'motifs.update',
          targetType: 'motif',
          targetId: motifId ?? 0,
          targetLabel: fields.label,
          details: fields,
        });
        return listMotifs(m, actor.schoolId);
      });
    },
  };
}
