import { createContext, useContext } from 'react';
import type { StaffSession } from '../../shared/api/staff';
import type { StaffCallName } from '../../shared/api/staff';
import { roleMayCall } from '../../shared/api/staff';

export interface SessionContextValue {
  session: StaffSession;
  /** After a password change, for instance, when the back end does not resend the session. */
  updateSession: (session: StaffSession) => void;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value)
    throw new Error('useSession() hors de la session : écran affiché avant la connexion.');
  return value;
}

/** Menus and buttons mirror the contract's access lists, so nobody is offered a refusal. */
export function useMayCall(): (name: StaffCallName) => boolean {
  const { session } = useSession();
  return (name) => roleMayCall(name, session.role);
}
