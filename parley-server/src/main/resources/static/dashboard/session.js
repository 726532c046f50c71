// The signed-in bearer token, kept in sessionStorage (gone when the tab closes).
const KEY = 'parley.session';
const listeners = new Set();

export function currentSession() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch {
    return null;
  }
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
