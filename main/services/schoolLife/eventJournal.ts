import { In, type EntityManager } from 'typeorm';
import { AuditLogEntity } from '../../db/entities';

/**
 * Journal lines about one vie scolaire event: they name the pupil (the journal's « sur qui »)
 * and give the event's number in their details (`évènement`). Staff lines target the pupil,
 * the family's online justification targets its account.
 */
export const EVENT_LINE_ACTIONS = [
  'schoolLife.record',
  'schoolLife.process',
  'schoolLife.notice',
  'schoolLife.justificationSent',
  'schoolLife.justificationAccepted',
  'schoolLife.justificationRefused',
] as const;

/** Bound parameters a statement: SQLite allows 32,766, PostgreSQL 65,535. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function eventOf(details: string): number | null {
  try {
    const value = (JSON.parse(details) as Record<string, unknown>)['évènement'];
    return typeof value === 'number' ? value : null;
  } catch {
    return null;
  }
}

/**
 * Deletes the journal lines about these events, in the caller's transaction: once an event is
 * erased (R511-13 IV) or purged, a line « DUPONT Léa — sanction n° 12 » would keep what the
 * law erases. `studentIds`, when given, narrows the lines read to those targeting them (the
 * erasure knows its pupils; the purge reads all the school's event lines once). The details
 * are JSON text on both databases, so the event number is matched here, not in SQL.
 */
export async function forgetEventLines(
  m: EntityManager,
  schoolId: number,
  eventIds: readonly number[],
  studentIds?: readonly number[],
): Promise<number> {
  if (eventIds.length === 0) return 0;
  const wanted = new Set(eventIds);
  const repo = m.getRepository(AuditLogEntity);
  const base = { schoolId, action: In([...EVENT_LINE_ACTIONS]) };
  const filters =
    studentIds === undefined
      ? [base]
      : chunks([...new Set(studentIds)].map(String)).map((ids) => ({
          ...base,
          targetType: 'student',
          targetId: In(ids),
        }));
  const doomed: number[] = [];
  for (const where of filters) {
    const lines = await repo.find({ select: { id: true, details: true }, where });
    for (const line of lines) {
      const event = eventOf(line.details);
      if (event !== null && wanted.has(event)) doomed.push(line.id);
    }
  }
  for (const ids of chunks(doomed)) await repo.delete({ id: In(ids) });
  return doomed.length;
}
