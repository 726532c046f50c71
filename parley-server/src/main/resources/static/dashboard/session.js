// The signed-in bearer token, kept in sessionStorage (gone when the tab closes).
const KEY = 'parley.session';
const listeners = new Set();

/** The session, or null; a token past its expires_at (user logins) is forgotten here. */
export function currentSession() {
  let session = null;
  try {
    session = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch {
    session = null;
  }
  if (session && session.expires_at && session.expires_at < Date.now()) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return session;
}

/** {token, method, label} */
export function startSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
  listeners.forEach(listener => listener(session, null));
}

export function endSession(reason = null) {
  sessionStorage.removeItem(KEY);
  listeners.forEach(listener => listener(null, reason));
}

export function onSessionChange(listener) {
  listeners.add(listener);
}
