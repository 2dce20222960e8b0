import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ApiFailure } from '../../../shared/api/result';
import type { DivisionCoefficients, SubjectCoefficientInput } from '../../../shared/api/staff';
import type { Database } from '../../db/database';
import {
  DivisionEntity,
  NomenclatureLabelEntity,
  SubjectCoefficientEntity,
} from '../../db/entities';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';

/** Stored in hundredths, so that 1.5 stays 1.5 in every sum the averages make. */
const DEFAULT_HUNDREDTHS = 100;

async function divisionOf(m: EntityManager, schoolId: number, divisionId: number) {
  const division = await m.getRepository(DivisionEntity).findOneBy({ id: divisionId, schoolId });
  if (!division) throw new ApiFailure('not_found', 'Division introuvable.');
  return division;
}

async function read(m: EntityManager, schoolId: number, divisionId: number) {
  const division = await divisionOf(m, schoolId, divisionId);
  const labels = await m
    .getRepository(NomenclatureLabelEntity)
    .find({ where: { schoolId, list: 'MATIERES' }, order: { label: 'ASC' } });
  const set = new Map(
    (await m.getRepository(SubjectCoefficientEntity).findBy({ divisionId })).map((r) => [
      r.subjectCode,
      r.coefficientHundredths,
    ]),
  );
  const codes = [
    ...labels.map((l) => l.code),
    ...[...set.keys()].filter((c) => !labels.some((l) => l.code === c)),
  ];
  const result: DivisionCoefficients = {
    divisionId: division.id,
    divisionCode: division.code,
    subjects: codes.map((subjectCode) => ({
      subjectCode,
      label: labels.find((l) => l.code === subjectCode)?.label ?? subjectCode,
      coefficient: (set.get(subjectCode) ?? DEFAULT_HUNDREDTHS) / 100,
    })),
  };
  return { division, result, set };
}

/** Subject coefficients per division (default 1), read by the general average. */
export function createCoefficientService({ db, clock }: { db: Database; clock: Clock }) {
  async function list(actor: StaffActor, divisionId: number): Promise<DivisionCoefficients> {
    return (await read(db.manager, actor.schoolId, divisionId)).result;
  }

  async function update(
    actor: StaffActor,
    input: z.output<typeof SubjectCoefficientInput>,
  ): Promise<DivisionCoefficients> {
    return db.transaction(async (m) => {
      const { division, set } = await read(m, actor.schoolId, input.divisionId);
      const hundredths = Math.round(input.coefficient * 100);
      const before = set.get(input.subjectCode) ?? DEFAULT_HUNDREDTHS;
      const repo = m.getRepository(SubjectCoefficientEntity);
      // The default is no row: a later change of the default reaches every division.
      await repo.delete({ divisionId: division.id, subjectCode: input.subjectCode });
      if (hundredths !== DEFAULT_HUNDREDTHS) {
        await repo.insert({
          schoolId: actor.schoolId,
          divisionId: division.id,
          subjectCode: input.subjectCode,
          coefficientHundredths: hundredths,
        });
      }
      if (before !== hundredths) {
        await writeAudit(m, clock, {
          schoolId: actor.schoolId,
          actor,
          action: 'coefficients.update',
          targetType: 'division',
          targetId: division.id,
          targetLabel: division.code,
          details: {
            matière: input.subjectCode,
            coefficient: { avant: before / 100, après: hundredths / 100 },
          },
        });
      }
      return (await read(m, actor.schoolId, division.id)).result;
    });
  }

  return { list, update };
}

export type CoefficientService = ReturnType<typeof createCoefficientService>;
