import type { Handler } from '../../api/dispatcher';
import type { Database } from '../../db/database';
import type { StaffCalls, auditCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffActor } from '../context';
import { listAudit } from './audit';

type Names = keyof typeof auditCalls;

export function auditHandlers(db: Database): { [K in Names]: Handler<StaffCalls, K, StaffActor> } {
  return {
    'audit.list': (input, ctx) => listAudit(db.manager, actor(ctx).schoolId, input),
  };
}
