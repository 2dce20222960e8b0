import type { pupilCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import type { GuardianService } from './guardians';
import type { StudentService } from './students';

type Names = keyof typeof pupilCalls;

export function pupilHandlers({
  students,
  guardians,
}: {
  students: StudentService;
  guardians: GuardianService;
}): StaffHandlersFor<Names> {
  return {
    'divisions.list': (_input, ctx) => students.divisions(actor(ctx)),
    'students.search': (input, ctx) => students.search(actor(ctx), input),
    'students.get': (input, ctx) => students.get(actor(ctx), input.id),
    'guardians.get': (input, ctx) => guardians.get(actor(ctx), input.id),
  };
}
