// The signed-in bearer token, kept in sessionStorage (gone when the tab closes).
const KEY = 'parley.session';
const listeners = new Set();

/** The session, or null; a token past its expires_at is forgotten here unless a refresh token can renew it. */
export function currentSession() {
  let session = null;
  try {
    session = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch {
    session = null;
  }
  if (session && session.expires_at && session.expires_at < Date.now() && !session.refresh_token) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return session;
}

const RANKS = { viewer: 1, admin: 2, superadmin: 3 };

/** Whether the signed-in caller's role is at least {@code role} (an API key is its tenant's admin). */
export function can(role) {
  const session = currentSession();
  return !!session && (RANKS[session.role] ?? 0) >= RANKS[role];
}

/** {token, method, label, tenant, user, role} */
export function startSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
  listeners.forEach(listener => listener(session, null));
}

/** A renewed token for the same sign-in: stored without telling the listeners (nothing to re-render). */
export function renewSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function endSession(reason = null) {
  sessionStorage.removeItem(KEY);
  listeners.forEach(listener => listener(null, reason));
}

export function onSessionChange(listener) {
  listeners.add(listener);
}
