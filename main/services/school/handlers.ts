import type { Handler } from '../../api/dispatcher';
import type { StaffCalls } from '../../../shared/api/staff';
import type { schoolCalls, setupCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffActor } from '../context';
import type { StaffServices } from '../staffApi';

type Names = keyof typeof setupCalls | keyof typeof schoolCalls;

export function schoolHandlers({ setup, school, dashboard }: StaffServices): {
  [K in Names]: Handler<StaffCalls, K, StaffActor>;
} {
  return {
    'setup.status': () => setup.status(),
    'setup.createSchool': (input) => setup.createSchool(input),
    'dashboard.summary': (_input, ctx) => dashboard.summary(actor(ctx)),
    'school.get': (_input, ctx) => school.get(actor(ctx)),
    'school.year': (_input, ctx) => school.currentYear(actor(ctx)),
    'settings.update': (input, ctx) => school.update(actor(ctx), input),
  };
}
