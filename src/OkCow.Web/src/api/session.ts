import type { Role, Session } from './types';

// The signed-in session outlives a reload of the tab (sessionStorage) and never its own expiry.
const KEY = 'okcow.session';

export function loadSession(now: Date = new Date()): Session | null {
  const text = sessionStorage.getItem(KEY);
  if (!text) return null;
  try {
    const session = JSON.parse(text) as Session;
    if (!session.accessToken || !(Date.parse(session.expiresAt) > now.getTime())) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

export function hasRole(session: Session | null, role: Role): boolean {
  return session?.roles.includes(role) ?? false;
}
