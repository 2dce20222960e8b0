import type { Database } from '../../db/database';
import type { auditCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import { listAudit } from './audit';

type Names = keyof typeof auditCalls;

export function auditHandlers(db: Database): StaffHandlersFor<Names> {
  return {
    'audit.list': (input, ctx) => listAudit(db.manager, actor(ctx).schoolId, input),
  };
}
