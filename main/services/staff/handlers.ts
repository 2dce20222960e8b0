import type { sessionCalls, userCalls } from '../../../shared/api/staff';
import { requireActor as actor, type StaffHandlersFor } from '../context';
import type { AuthService } from './auth';
import type { UserService } from './users';

type Names = keyof typeof sessionCalls | keyof typeof userCalls;

export function staffHandlers({
  auth,
  users,
}: {
  auth: AuthService;
  users: UserService;
}): StaffHandlersFor<Names> {
  return {
    'session.login': (input, ctx) => auth.login(input, ctx),
    'session.me': (_input, ctx) => auth.me(actor(ctx)),
    'session.logout': (_input, ctx) => auth.logout(actor(ctx)),
    'session.changePassword': (input, ctx) => auth.changePassword(actor(ctx), input),
    'users.list': (_input, ctx) => users.list(actor(ctx)),
    'users.create': (input, ctx) => users.create(actor(ctx), input),
    'users.update': (input, ctx) => users.update(actor(ctx), input),
    'users.resetPassword': (input, ctx) => users.resetPassword(actor(ctx), input.id),
  };
}
