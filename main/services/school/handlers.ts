import type { schoolCalls, setupCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import type { DashboardService } from './dashboard';
import type { SchoolService } from './school';
import type { SetupService } from './setup';

type Names = keyof typeof setupCalls | keyof typeof schoolCalls;

export function schoolHandlers({
  setup,
  school,
  dashboard,
}: {
  setup: SetupService;
  school: SchoolService;
  dashboard: DashboardService;
}): StaffHandlersFor<Names> {
  return {
    'setup.status': () => setup.status(),
    'setup.createSchool': (input) => setup.createSchool(input),
    'dashboard.summary': (_input, ctx) => dashboard.summary(actor(ctx)),
    'school.get': (_input, ctx) => school.get(actor(ctx)),
    'school.year': (_input, ctx) => school.currentYear(actor(ctx)),
    'settings.update': (input, ctx) => school.update(actor(ctx), input),
  };
}
