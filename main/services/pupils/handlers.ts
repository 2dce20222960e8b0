import type { pupilCalls, rosterCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import type { GuardianService } from './guardians';
import type { RosterService } from './rosters';
import type { StudentService } from './students';

type Names = keyof typeof pupilCalls | keyof typeof rosterCalls;

export function pupilHandlers({
  students,
  guardians,
  rosters,
}: {
  students: StudentService;
  guardians: GuardianService;
  rosters: RosterService;
}): StaffHandlersFor<Names> {
  return {
    'divisions.list': (_input, ctx) => students.divisions(actor(ctx)),
    'groups.list': (_input, ctx) => students.groups(actor(ctx)),
    'students.search': (input, ctx) => students.search(actor(ctx), input),
    'students.get': (input, ctx) => students.get(actor(ctx), input.id),
    'guardians.get': (input, ctx) => guardians.get(actor(ctx), input.id),
    'guardians.list': (input, ctx) => guardians.list(actor(ctx), input.withoutEmail),
    'rosters.csv': (input, ctx) => rosters.csv(actor(ctx), input),
    'rosters.pdf': (input, ctx) => rosters.pdf(actor(ctx), input),
  };
}
