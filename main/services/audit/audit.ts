import type { EntityManager } from 'typeorm';
import { And, IsNull, LessThan, MoreThanOrEqual, Raw, type FindOperator } from 'typeorm';
import { AuditLogEntity } from '../../db/entities';
import type { AuditLogRow } from '../../db/entities/rows';
import type { z } from 'zod';
import type { AuditEntry, AuditListInput, AuditPage } from '../../../shared/api/staff';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';

export interface AuditRecord {
  schoolId: number | null;
  actor: Pick<StaffActor, 'userId' | 'login' | 'displayName'> | null;
  action: string;
  targetType: string;
  targetId: string | number;
  targetLabel: string;
  details?: Record<string, unknown>;
}

/** Writes inside the caller's transaction, so the audit line and the change commit together. */
export async function writeAudit(
  manager: EntityManager,
  clock: Clock,
  record: AuditRecord,
): Promise<void> {
  await manager.getRepository(AuditLogEntity).insert({
    schoolId: record.schoolId,
    at: clock.now().toISOString(),
    actorId: record.actor?.userId ?? null,
    actorLabel: record.actor ? `${record.actor.displayName} (${record.actor.login})` : 'système',
    action: record.action,
    targetType: record.targetType,
    targetId: String(record.targetId),
    targetLabel: record.targetLabel,
    details: JSON.stringify(record.details ?? {}),
  });
}

function toEntry(row: AuditLogRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actorLabel: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    targetLabel: row.targetLabel,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

export async function listAudit(
  manager: EntityManager,
  schoolId: number,
  options: z.output<typeof AuditListInput>,
): Promise<AuditPage> {
  const filters = {
    ...(options.beforeId ? { id: LessThan(options.beforeId) } : {}),
    ...(options.action ? { action: startsWith(options.action) } : {}),
    ...(options.actorId ? { actorId: options.actorId } : {}),
    ...period(options.from, options.until),
  };
  const rows = await manager.getRepository(AuditLogEntity).find({
    // Lines of no school (failed logins on an identifiant nobody has) are shown too: they
    // hold no typed text, only the address, and direction must see attacks on its door.
    where: [
      { schoolId, ...filters },
      { schoolId: IsNull(), ...filters },
    ],
    order: { id: 'DESC' },
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  return {
    entries: page.map(toEntry),
    nextBeforeId: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/**
 * Instants are stored as toISOString() (UTC, 'Z'), which sort as text; the bounds are brought
 * to the same form so that an offset typed elsewhere compares alike.
 */
function period(from: string | undefined, until: string | undefined) {
  const bounds: FindOperator<string>[] = [];
  if (from) bounds.push(MoreThanOrEqual(new Date(from).toISOString()));
  if (until) bounds.push(LessThan(new Date(until).toISOString()));
  if (bounds.length === 0) return {};
  return { at: bounds.length === 1 ? bounds[0]! : And(...bounds) };
}

/**
 * The action filter is a prefix ('session' finds every session.* line). LIKE with its
 * wildcards escaped, as action codes hold '_': a byte range would depend on PostgreSQL's
 * collation.
 */
function startsWith(prefix: string) {
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  return Raw((column) => `${column} LIKE :pattern ESCAPE '\\'`, { pattern: `${escaped}%` });
}
