import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { invoke } from '../api/client';
import type { SetupResult, StaffSession } from '../../shared/api/staff';
import { isApiFailure } from '../ui/errors';
import { PageLoader } from '../ui/PageLoader';
import { CenteredPanel } from '../ui/CenteredPanel';
import { ErrorAlert } from '../ui/ErrorAlert';
import { callStaff, onSessionLost } from './api';
import type { SessionContextValue } from './session';
import { SessionContext } from './session';
import { FirstStartScreen } from './FirstStartScreen';
import { SchoolCreatedScreen } from './SchoolCreatedScreen';
import { LoginScreen } from './LoginScreen';
import { ForcedPasswordChangeScreen } from './ForcedPasswordChangeScreen';
import { StaffShell } from './StaffShell';

type Phase =
  | { kind: 'starting' }
  | { kind: 'unreachable'; error: unknown }
  | { kind: 'firstStart' }
  | { kind: 'schoolCreated'; result: SetupResult }
  | { kind: 'signedOut'; login?: string; notice?: string }
  | { kind: 'signedIn'; session: StaffSession };

async function detectPhase(): Promise<Phase> {
  const status = await invoke('setup.status', {});
  if (!status.hasSchool) return { kind: 'firstStart' };
  try {
    return { kind: 'signedIn', session: await invoke('session.me', {}) };
  } catch (error) {
    if (isApiFailure(error, 'unauthenticated')) return { kind: 'signedOut' };
    throw error;
  }
}

/**
 * The root route: decides between first start, login, forced password change and the
 * application itself. The URL is kept throughout, so a reconnection lands where it left.
 */
export function StaffRoot() {
  const navigate = useNavigate();
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    detectPhase().then(
      (next) => current && setPhase(next),
      (error: unknown) => current && setPhase({ kind: 'unreachable', error }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  useEffect(
    () =>
      onSessionLost(() =>
        setPhase((previous) =>
          previous.kind === 'signedIn'
            ? {
                kind: 'signedOut',
                login: previous.session.login,
                notice: 'Votre session a pris fin. Reconnectez-vous pour continuer.',
              }
            : previous,
        ),
      ),
    [],
  );

  const signOut = useCallback(async () => {
    try {
      await callStaff('session.logout', {});
    } catch {
      // Already signed out on the server side: the login screen is the right place anyway.
    }
    setPhase({ kind: 'signedOut' });
    navigate('/');
  }, [navigate]);

  const session = phase.kind === 'signedIn' ? phase.session : null;
  const sessionValue = useMemo<SessionContextValue | null>(
    () =>
      session && {
        session,
        updateSession: (next) => setPhase({ kind: 'signedIn', session: next }),
        signOut,
      },
    [session, signOut],
  );

  switch (phase.kind) {
    case 'starting':
      return (
        <main>
          <PageLoader label="Démarrage de Pupitre…" />
        </main>
      );
    case 'unreachable':
      return (
        <CenteredPanel title="Pupitre ne peut pas démarrer">
          <ErrorAlert error={phase.error} onRetry={() => setAttempt((value) => value + 1)} />
        </CenteredPanel>
      );
    case 'firstStart':
      return (
        <FirstStartScreen onCreated={(result) => setPhase({ kind: 'schoolCreated', result })} />
      );
    case 'schoolCreated':
      return (
        <SchoolCreatedScreen
          result={phase.result}
          onContinue={() => setPhase({ kind: 'signedOut', login: phase.result.directionLogin })}
        />
      );
    case 'signedOut':
      return (
        <LoginScreen
          initialLogin={phase.login}
          notice={phase.notice}
          onSignedIn={(next) => setPhase({ kind: 'signedIn', session: next })}
        />
      );
    case 'signedIn':
      if (!sessionValue) return null;
      return (
        <SessionContext.Provider value={sessionValue}>
          {phase.session.mustChangePassword ? <ForcedPasswordChangeScreen /> : <StaffShell />}
        </SessionContext.Provider>
      );
  }
}
