import type { EntityManager } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import {
  markEntryStatus,
  markEntryStatusText,
  type MarkEntryQuestion,
  type MarkEntryStatus,
} from '../../../shared/domain/periods';
import { PeriodEntity, PeriodReopeningEntity } from '../../db/entities';
import type { Clock } from '../clock';

/**
 * For the grades service, inside its transaction: whether a teacher may still enter or change
 * marks of a period (canTeacherEditMarks on the stored closing day and reopenings). Throws a
 * French refusal when the entry is closed; direction's own changes do not go through here.
 */
export async function assertTeacherMayEditMarks(
  m: EntityManager,
  clock: Clock,
  { schoolId, periodId, teacherId }: { schoolId: number; periodId: number; teacherId: number },
): Promise<MarkEntryStatus> {
  const period = await m.getRepository(PeriodEntity).findOneBy({ id: periodId, schoolId });
  if (!period) throw new ApiFailure('not_found', 'Période introuvable.');
  const reopenings = await m
    .getRepository(PeriodReopeningEntity)
    .findBy({ periodId: period.id, teacherId });
  return openEntryStatus({ period, teacherId, reopenings, now: clock.now() });
}

/** The entry's status from rows already read; the same French refusal when it is closed. */
export function openEntryStatus(
  question: MarkEntryQuestion & { period: MarkEntryQuestion['period'] & { label: string } },
): MarkEntryStatus {
  const status = markEntryStatus(question);
  if (status.state === 'closed') {
    throw new ApiFailure(
      'conflict',
      `${markEntryStatusText(status)} pour ${question.period.label} : la direction peut rouvrir la saisie pour vous.`,
    );
  }
  return status;
}
