import type { EntityManager } from 'typeorm';
import { IsNull, LessThan, Raw } from 'typeorm';
import { AuditLogEntity } from '../../db/entities';
import type { AuditLogRow } from '../../db/entities/rows';
import type { AuditEntry, AuditPage } from '../../../shared/api/staff';
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
  options: { beforeId?: number | undefined; limit: number; action?: string | undefined },
): Promise<AuditPage> {
  const filters = {
    ...(options.beforeId ? { id: LessThan(options.beforeId) } : {}),
    ...(options.action ? { action: startsWith(options.action) } : {}),
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
 * The action filter is a prefix ('session' finds every session.* line). LIKE with its
 * wildcards escaped, as action codes hold '_': a byte range would depend on PostgreSQL's
 * collation.
 */
function startsWith(prefix: string) {
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  return Raw((column) => `${column} LIKE :pattern ESCAPE '\\'`, { pattern: `${escaped}%` });
}
