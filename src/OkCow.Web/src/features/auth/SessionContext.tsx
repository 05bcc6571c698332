import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setUnauthenticatedListener } from '../../api/http';
import { clearSession, loadSession, saveSession } from '../../api/session';
import type { Session } from '../../api/types';

export type EndReason = 'signedOut' | 'expired';

interface SessionState {
  session: Session | null;
  endedBecause: EndReason | null;
  start: (session: Session) => void;
  end: (reason: EndReason) => void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [endedBecause, setEndedBecause] = useState<EndReason | null>(null);

  const end = useCallback(
    (reason: EndReason) => {
      clearSession();
      setSession(null);
      setEndedBecause(reason);
      // Another person may sign in next in this tab: nothing of this one's server state stays behind.
      queryClient.clear();
    },
    [queryClient],
  );

  const start = useCallback((next: Session) => {
    saveSession(next);
    setSession(next);
    setEndedBecause(null);
  }, []);

  useEffect(() => {
    setUnauthenticatedListener(() => end('expired'));
  }, [end]);

  // Ends the session at its expiry, not at the next failed request.
  useEffect(() => {
    if (!session) return undefined;
    const remaining = Date.parse(session.expiresAt) - Date.now();
    const timer = setTimeout(() => end('expired'), Math.max(0, Math.min(remaining, 2_147_000_000)));
    return () => clearTimeout(timer);
  }, [session, end]);

  const value = useMemo(() => ({ session, endedBecause, start, end }), [session, endedBecause, start, end]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

export function homeFor(session: Session | null): string {
  if (!session) return '/sign-in';
  return session.roles.includes('operator') ? '/operations/funds' : '/portfolio';
}
