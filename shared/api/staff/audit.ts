import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { Id, text, type IsoInstant } from '../fields';
import { DIRECTION } from '../../domain/access';
import type { StaffRole } from '../../domain/roles';

export interface AuditEntry {
  id: number;
  at: IsoInstant;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  targetLabel: string;
  details: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `beforeId` to get the next page; null at the end. */
  nextBeforeId: number | null;
}

const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label} : date et heure attendues.` });

export const AuditListInput = z
  .object({
    beforeId: Id.optional(),
    limit: z.number().int().min(1).max(500).default(100),
    action: text('Action', 60).optional(),
    /** Lines written by this staff user only. */
    actorId: Id.optional(),
    /** From this instant (included) to that one (excluded): the renderer turns days into them. */
    from: instant('Du').optional(),
    until: instant('Au').optional(),
  })
  .refine((v) => !v.from || !v.until || v.from < v.until, {
    error: 'Période : la date de fin vient après celle du début.',
    path: ['until'],
  });

export const auditCalls = {
  'audit.list': { input: AuditListInput, access: DIRECTION, output: out<AuditPage>() },
} as const satisfies Record<string, CallSpec<StaffRole>>;
